import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from home.models import HomePage
from home.slugs import ascii_slugify

THAI_TITLE = "การขายสินค้าออนไลน์"


def test_thai_titles_are_transliterated_not_stripped():
    slug = ascii_slugify(THAI_TITLE)
    assert slug == "karkhaysinkhaoonailn"
    assert slug.isascii()


def test_mixed_titles_keep_their_words():
    assert ascii_slugify("ขายออนไลน์ด้วย LINE OA") == "khayoonailndwy-line-oa"


@pytest.mark.django_db
def test_pages_created_in_code_get_ascii_slugs():
    root = Page.get_first_root_node()
    first = root.add_child(instance=HomePage(title=THAI_TITLE))
    second = root.add_child(instance=HomePage(title=THAI_TITLE))
    assert first.slug == "karkhaysinkhaoonailn"
    assert second.slug == "karkhaysinkhaoonailn-2"
    assert first.url_path == "/karkhaysinkhaoonailn/"


def _edit_form_data(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": rich_text(""),
            "comments": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            "action-publish": "publish",
        }
    )


@pytest.mark.django_db
@pytest.mark.parametrize("typed_slug", ["", "การขาย"])
def test_admin_gives_thai_titles_an_ascii_slug(client, home, superuser, typed_slug):
    client.force_login(superuser)
    response = client.post(f"/admin/pages/{home.pk}/edit/", _edit_form_data(THAI_TITLE, typed_slug))
    assert response.status_code == 302, response.context["form"].errors
    home.refresh_from_db()
    assert home.title == THAI_TITLE
    assert home.slug == (ascii_slugify(typed_slug) or "karkhaysinkhaoonailn")
    assert home.slug.isascii()


@pytest.mark.django_db
def test_admin_keeps_a_typed_ascii_slug(client, home, superuser):
    client.force_login(superuser)
    response = client.post(
        f"/admin/pages/{home.pk}/edit/", _edit_form_data(THAI_TITLE, "online-selling")
    )
    assert response.status_code == 302
    home.refresh_from_db()
    assert home.slug == "online-selling"
