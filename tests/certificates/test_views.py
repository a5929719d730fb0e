import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates import pdf
from certificates.services import certificate_revoke
from tests.certificates.factories import (
    certified_learner,
    complete_course,
    make_community,
    make_coordinator,
)
from tests.factories import make_course, make_superuser, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_render(monkeypatch):
    """Stands in for WeasyPrint where a test is about who gets the PDF, not what is in it."""
    calls = []

    def render(certificate, *, lang, verify_url):
        calls.append({"code": certificate.code, "lang": lang, "verify_url": verify_url})
        return b"%PDF-1.7 fake"

    monkeypatch.setattr(pdf, "render_pdf", render)
    return calls


@pytest.fixture
def community():
    return make_community(name="กลุ่มจักสานบ้านคลองเกี่ยว")


@pytest.fixture
def certificate(community):
    _, certificate = certified_learner(
        username="malee2569",
        display_name="นางสาวมาลี ศรีสุข",
        phone="0812345678",
        community=community,
    )
    certificate.issued_on = datetime.date(2026, 11, 24)
    certificate.save()
    return certificate


# Download


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("owner", 200),
        ("coordinator", 200),
        ("staff", 200),
        ("superuser", 200),
        ("other_learner", 404),
        ("same_community_learner", 404),
        ("other_coordinator", 404),
        ("anonymous", 404),
    ],
)
def test_who_can_download_the_pdf(client, fake_render, certificate, community, who, status):
    people = {
        "owner": certificate.user,
        "coordinator": make_coordinator(community),
        "staff": make_user(is_staff=True),
        "superuser": make_superuser(),
        "other_learner": make_user(community=make_community()),
        "same_community_learner": make_user(community=community),
        "other_coordinator": make_coordinator(make_community()),
        "anonymous": None,
    }
    if people[who]:
        client.force_login(people[who])
    response = client.get(certificate.get_pdf_url())
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    else:
        assert not fake_render


def test_a_refused_download_looks_like_an_unknown_code(client, fake_render, certificate):
    client.force_login(make_user())
    refused = client.get(certificate.get_pdf_url())
    unknown = client.get("/certificates/ABCDEFGHJKLM/pdf/")
    assert refused.status_code == unknown.status_code == 404

    # The pages differ only in their own address and the per-request CSRF token.
    def page(response, code):
        html = response.content.decode().replace(code, "ABCDEFGHJKLM")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert page(refused, certificate.code) == page(unknown, "ABCDEFGHJKLM")


def test_the_owner_gets_a_real_pdf_with_the_verification_address(client, certificate):
    client.force_login(certificate.user)
    response = client.get(certificate.get_pdf_url())
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert f"certificate-{certificate.code}.pdf" in response["Content-Disposition"]


def test_the_pdf_follows_the_learners_language(client, english, fake_render, certificate):
    client.force_login(certificate.user)
    client.get(certificate.get_pdf_url())
    client.cookies["lms_language"] = "th"
    client.get(certificate.get_pdf_url())
    assert [call["lang"] for call in fake_render] == ["en", "th"]
    assert (
        fake_render[0]["verify_url"] == f"http://testserver/certificates/verify/{certificate.code}/"
    )


def test_a_second_download_comes_from_the_cache(client, fake_render, certificate):
    client.force_login(certificate.user)
    client.get(certificate.get_pdf_url())
    client.get(certificate.get_pdf_url())
    assert len(fake_render) == 1


# Public verification


def test_verification_page_shows_the_certificate_and_nothing_personal(client, certificate):
    response = client.get(f"/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ประกาศนียบัตรนี้เป็นของจริงและใช้ได้" in html
    assert "นางสาวมาลี ศรีสุข" in html
    assert certificate.course_title in html
    assert "กลุ่มจักสานบ้านคลองเกี่ยว" in html
    assert "24 พฤศจิกายน 2569" in html
    assert certificate.display_code in html
    assert "malee2569" not in html
    assert "0812345678" not in html
    assert "no-store" in response["Cache-Control"]


def test_verification_page_has_open_graph_tags(client, certificate):
    html = client.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert '<meta property="og:title" content="ประกาศนียบัตรที่ตรวจสอบแล้ว: นางสาวมาลี ศรีสุข">' in html
    assert (
        f'<meta property="og:url" content="http://testserver/certificates/verify/{certificate.code}/">'
        in html
    )
    assert 'property="og:description"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_verification_page_in_english(english, certificate):
    html = english.get(f"/certificates/verify/{certificate.code}/").content.decode()
    assert "This certificate is genuine and valid." in html
    assert "24 November 2026" in html


def test_a_revoked_certificate_says_so_without_the_reason(client, certificate):
    certificate_revoke(
        certificate=certificate, by=make_superuser(), reason="ส่งงานแทนกันโดยไม่ได้เรียนเอง"
    )
    response = client.get(f"/certificates/verify/{certificate.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ประกาศนียบัตรนี้ถูกเพิกถอนแล้ว" in html
    assert "ใช้ได้" not in html
    assert "ส่งงานแทนกัน" not in html
    assert "ประกาศนียบัตรที่ถูกเพิกถอน" in html  # og:title


@pytest.mark.parametrize("code", ["ABCDEFGHJKLM", "HELLO", "ABCDEFGHJKL0"])
def test_an_unknown_code_is_a_friendly_404(client, code):
    response = client.get(f"/certificates/verify/{code}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "ไม่พบประกาศนียบัตร" in html
    assert 'action="/certificates/verify/"' in html


def test_a_code_in_small_letters_leads_to_its_page(client, certificate):
    response = client.get(f"/certificates/verify/{certificate.code.lower()}/")
    assert response.status_code == 302
    assert response["Location"] == f"/certificates/verify/{certificate.code}/"


def test_verify_another_code_accepts_a_code_as_people_type_it(client, certificate):
    typed = " " + certificate.display_code.lower().replace("-", " - ") + " "
    response = client.get("/certificates/verify/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/certificates/verify/{certificate.code}/"


def test_verify_form_explains_a_mistyped_code(client):
    empty = client.get("/certificates/verify/")
    assert empty.status_code == 200
    response = client.get("/certificates/verify/", {"code": "O0I1-ABCD"})
    assert response.status_code == 400
    assert "รหัสนี้ไม่ใช่รหัสประกาศนียบัตร" in response.content.decode()


# Links for the learner


def test_my_learning_links_each_certificate_in_one_query(client):
    learner = make_user()
    client.force_login(learner)
    first = complete_course(learner, make_course(lessons=1, title="หลักสูตรที่หนึ่ง"))

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/my/")
        return len(queries), response.content.decode()

    client.get("/my/")
    one_count, html = count()
    assert f'href="{first.get_pdf_url()}"' in html

    others = [
        complete_course(learner, make_course(lessons=1, title=f"หลักสูตรที่ {n}")) for n in (2, 3)
    ]
    three_count, html = count()
    for certificate in [first, *others]:
        assert f'href="{certificate.get_pdf_url()}"' in html
    assert three_count == one_count


def test_my_learning_hides_a_revoked_certificate(client):
    learner, certificate = certified_learner()
    certificate_revoke(certificate=certificate, by=make_superuser(), reason="ตรวจพบการทุจริต")
    client.force_login(learner)
    html = client.get("/my/").content.decode()
    assert certificate.get_pdf_url() not in html


def test_course_page_links_the_learners_own_certificate(client):
    learner, certificate = certified_learner()
    course = certificate.course
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert f'href="{certificate.get_pdf_url()}"' in html
    assert "ดาวน์โหลดประกาศนียบัตร" in html

    client.force_login(make_user())
    assert certificate.get_pdf_url() not in client.get(course.url).content.decode()
