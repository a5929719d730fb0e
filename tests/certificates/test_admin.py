import pytest
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from certificates.models import Certificate, CertificateTemplate
from tests.certificates.factories import certified_learner, make_community, make_coordinator
from tests.factories import make_superuser, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_communities():
    """A certificate in each of two communities, and a coordinator of the first."""
    ours, theirs = make_community(name="ชุมชนของเรา"), make_community(name="ชุมชนอื่น")
    _, our_certificate = certified_learner(community=ours, display_name="ผู้เรียนของเรา")
    _, their_certificate = certified_learner(community=theirs, display_name="ผู้เรียนชุมชนอื่น")
    return make_coordinator(ours), our_certificate, their_certificate


def url(name, certificate=None):
    return reverse(f"certificate:{name}", args=[certificate.pk] if certificate else [])


def test_coordinators_list_only_their_communities_certificates(client, two_communities):
    coordinator, ours, theirs = two_communities
    client.force_login(coordinator)
    response = client.get(url("index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ผู้เรียนของเรา" in html
    assert "ผู้เรียนชุมชนอื่น" not in html

    export = client.get(url("index"), {"export": "csv"})
    content = b"".join(export.streaming_content).decode("utf-8-sig")
    assert ours.code in content
    assert theirs.code not in content


def test_staff_list_every_certificate(client, two_communities):
    client.force_login(make_superuser())
    html = client.get(url("index")).content.decode()
    assert "ผู้เรียนของเรา" in html
    assert "ผู้เรียนชุมชนอื่น" in html


def test_another_communitys_certificate_is_404_in_the_admin(client, two_communities):
    coordinator, _ours, theirs = two_communities
    client.force_login(coordinator)
    assert client.get(url("inspect", theirs)).status_code == 404
    assert client.get(url("revoke", theirs)).status_code == 404
    response = client.post(url("revoke", theirs), {"reason": "ลองเพิกถอน"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert not theirs.is_revoked


def test_coordinator_revokes_with_a_reason_and_staff_reinstate(client, two_communities):
    coordinator, ours, _theirs = two_communities
    client.force_login(coordinator)
    inspect = client.get(url("inspect", ours)).content.decode()
    assert url("revoke", ours) in inspect
    assert ours.code in inspect

    missing_reason = client.post(url("revoke", ours), {"reason": "  "})
    assert missing_reason.status_code == 200
    ours.refresh_from_db()
    assert not ours.is_revoked

    response = client.post(url("revoke", ours), {"reason": "ชื่อสะกดผิด จะออกใบใหม่"})
    assert response.status_code == 302
    assert response["Location"] == url("inspect", ours)
    ours.refresh_from_db()
    assert ours.is_revoked
    assert ours.revoked_by == coordinator
    assert url("reinstate", ours) in client.get(url("inspect", ours)).content.decode()

    client.force_login(make_superuser())
    client.post(url("reinstate", ours))
    ours.refresh_from_db()
    assert not ours.is_revoked


def test_reinstating_needs_post(client, two_communities):
    coordinator, ours, _theirs = two_communities
    ours.revoked_at = ours.created_at
    ours.save()
    client.force_login(coordinator)
    assert client.get(url("reinstate", ours)).status_code == 200
    ours.refresh_from_db()
    assert ours.is_revoked


def test_learners_cannot_reach_the_certificate_admin(client, two_communities):
    _coordinator, ours, _theirs = two_communities
    client.force_login(ours.user)
    assert client.get(url("index")).status_code in (302, 403)
    client.post(url("revoke", ours), {"reason": "ไม่อยากได้"})
    ours.refresh_from_db()
    assert not ours.is_revoked


def test_certificates_cannot_be_added_edited_or_deleted_by_hand(client, two_communities):
    for name in ("add", "edit", "delete", "copy"):
        with pytest.raises(NoReverseMatch):
            reverse(f"certificate:{name}", args=[1] if name != "add" else [])
    client.force_login(make_superuser())
    html = client.get(url("index")).content.decode()
    assert "/admin/certificate/new/" not in html
    assert Certificate.objects.count() == 2


def test_staff_edit_certificate_templates_as_snippets(client):
    client.force_login(make_superuser())
    response = client.get(reverse("wagtailsnippets_certificates_certificatetemplate:list"))
    assert response.status_code == 200
    assert "ประกาศนียบัตรมาตรฐาน" in response.content.decode()
    client.force_login(make_user(groups=["Coordinators"]))
    response = client.get(reverse("wagtailsnippets_certificates_certificatetemplate:list"))
    assert response.status_code in (302, 403)


def test_a_template_needs_a_hex_colour_and_only_one_default():
    template = CertificateTemplate(name="สีผิด", accent_colour="green")
    with pytest.raises(ValidationError) as error:
        template.full_clean()
    assert "accent_colour" in error.value.message_dict

    second_default = CertificateTemplate(name="ค่าเริ่มต้นที่สอง", is_default=True)
    with pytest.raises(ValidationError) as error:
        second_default.full_clean()
    assert "แม่แบบอื่นเป็นแม่แบบเริ่มต้นอยู่แล้ว" in str(error.value) or "already the default" in str(
        error.value
    )


def test_staff_create_a_course_template_with_partners_in_the_admin(client):
    from tests.factories import make_course

    course = make_course(lessons=1)
    client.force_login(make_superuser())
    response = client.post(
        reverse("wagtailsnippets_certificates_certificatetemplate:add"),
        {
            "name": "ประกาศนียบัตรหลักสูตรการตลาด",
            "heading": "ประกาศนียบัตร",
            "heading_en": "Certificate of Completion",
            "accent_colour": "#B5451B",
            "signatory_name": "อาจารย์สมศรี ใจดี",
            "signatory_title": "วิทยากร",
            "signatory_title_en": "Instructor",
            "course": course.pk,
            "partners-TOTAL_FORMS": "1",
            "partners-INITIAL_FORMS": "0",
            "partners-MIN_NUM_FORMS": "0",
            "partners-MAX_NUM_FORMS": "1000",
            "partners-0-name": "Local Alike",
            "partners-0-ORDER": "1",
            "partners-0-DELETE": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    template = CertificateTemplate.objects.get(course=course)
    assert template.accent_colour == "#B5451B"
    assert [partner.name for partner in template.partners.all()] == ["Local Alike"]
    assert CertificateTemplate.for_course(course) == template
