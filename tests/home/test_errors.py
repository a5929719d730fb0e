import pytest


@pytest.mark.django_db
def test_unknown_url_gives_styled_404_in_thai(thai):
    response = thai.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="th">' in html
    assert "ไม่พบหน้าที่ต้องการ" in html
    assert 'class="site-header"' in html  # the site's own layout, not a bare error


@pytest.mark.django_db
def test_unknown_url_gives_styled_404_in_english(english):
    response = english.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Page not found" in html
    assert "ไม่พบหน้าที่ต้องการ" not in html


def test_500_page_renders_without_a_request_context(rf):
    from django.template import loader
    from django.utils import translation

    with translation.override("th"):
        html = loader.get_template("500.html").render({})
    assert "เกิดข้อผิดพลาด" in html
