import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from wagtail.models import ModelLogEntry

from certificates import services
from certificates.models import CODE_ALPHABET, Certificate, CertificateTemplate
from courses.models import Enrolment
from courses.services import lesson_complete
from tests.certificates.factories import (
    certified_learner,
    complete_course,
    make_community,
    make_coordinator,
)
from tests.factories import lessons_of, make_course, make_superuser, make_user

pytestmark = pytest.mark.django_db


def test_completing_a_course_issues_one_certificate_with_a_snapshot():
    community = make_community(name="กลุ่มแม่บ้านเกษตรกรบ้านท่าเสา")
    learner = make_user(display_name="นายสมชาย ทองดี", community=community)
    course = make_course(lessons=2, title="ขายออนไลน์ด้วย LINE OA")
    first, second = lessons_of(course)
    lesson_complete(user=learner, lesson=first)
    assert not Certificate.objects.exists()

    lesson_complete(user=learner, lesson=second)

    certificate = Certificate.objects.get()
    enrolment = Enrolment.objects.get(user=learner)
    assert certificate.user == learner
    assert certificate.learner_name == "นายสมชาย ทองดี"
    assert certificate.course_title == "ขายออนไลน์ด้วย LINE OA"
    assert certificate.community_name == "กลุ่มแม่บ้านเกษตรกรบ้านท่าเสา"
    assert certificate.issued_on == timezone.localdate(enrolment.completed_at)
    assert certificate.signatory_title == "ผู้อำนวยการโครงการ"
    assert certificate.template == CertificateTemplate.objects.get(is_default=True)
    assert not certificate.is_revoked


def test_code_is_random_unambiguous_and_readable():
    _, certificate = certified_learner()
    _, other = certified_learner()
    assert len(certificate.code) >= 12
    assert set(certificate.code) <= set(CODE_ALPHABET)
    assert not set(certificate.code) & set("01IO")
    assert certificate.code != other.code
    assert certificate.display_code.replace("-", "") == certificate.code


def test_issuing_again_returns_the_same_certificate():
    learner, certificate = certified_learner()
    enrolment = Enrolment.objects.get(user=learner)
    again = services.certificate_issue(enrolment=enrolment)
    by_user = services.certificate_issue(user=learner, course=enrolment.course)
    assert again.pk == by_user.pk == certificate.pk
    assert again.code == certificate.code
    assert Certificate.objects.count() == 1


def test_no_certificate_before_the_course_is_complete():
    learner, course = make_user(), make_course(lessons=2)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    with pytest.raises(ValidationError):
        services.certificate_issue(user=learner, course=course)
    with pytest.raises(ValidationError):
        services.certificate_issue(user=make_user(), course=course)
    assert not Certificate.objects.exists()


def test_later_renames_do_not_rewrite_the_certificate():
    community = make_community(name="ชุมชนเดิม")
    learner, certificate = certified_learner(display_name="ชื่อเดิม", community=community)
    learner.display_name = "ชื่อใหม่"
    learner.save()
    community.name = "ชุมชนใหม่"
    community.save()
    course = certificate.course
    course.title = "ชื่อหลักสูตรใหม่"
    course.save_revision().publish()
    certificate.refresh_from_db()
    assert certificate.learner_name == "ชื่อเดิม"
    assert certificate.community_name == "ชุมชนเดิม"
    assert certificate.course_title != "ชื่อหลักสูตรใหม่"


def test_the_name_on_a_certificate_is_never_the_username():
    learner = make_user(username="somchai2569", display_name="", first_name="", last_name="")
    certificate = complete_course(learner)
    assert certificate.learner_name == ""
    named = make_user(display_name="", first_name="สมหญิง", last_name="ใจงาม")
    assert complete_course(named).learner_name == "สมหญิง ใจงาม"


def test_a_course_template_wins_over_the_default():
    course = make_course(lessons=1)
    CertificateTemplate.objects.create(
        name="เฉพาะหลักสูตร", course=course, signatory_name="อาจารย์สมศรี ใจดี"
    )
    certificate = complete_course(make_user(), course)
    assert certificate.template.name == "เฉพาะหลักสูตร"
    assert certificate.signatory_name == "อาจารย์สมศรี ใจดี"
    other = complete_course(make_user())
    assert other.template.is_default


def test_a_deleted_course_keeps_its_certificates():
    _learner, certificate = certified_learner()
    certificate.course.delete()
    certificate.refresh_from_db()
    assert certificate.course is None
    assert certificate.course_title


def test_coordinator_of_the_learners_community_revokes_with_a_reason():
    community = make_community()
    _learner, certificate = certified_learner(community=community)
    coordinator = make_coordinator(community)

    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, by=coordinator, reason="   ")
    certificate.refresh_from_db()
    assert not certificate.is_revoked

    services.certificate_revoke(
        certificate=certificate, by=coordinator, reason="ผู้เรียนไม่ได้เรียนด้วยตนเอง"
    )
    certificate.refresh_from_db()
    assert certificate.is_revoked
    assert certificate.revoked_by == coordinator
    assert certificate.revoke_reason == "ผู้เรียนไม่ได้เรียนด้วยตนเอง"
    assert ModelLogEntry.objects.filter(action="certificates.revoke").count() == 1


def test_staff_reinstate_a_revoked_certificate():
    _learner, certificate = certified_learner()
    staff = make_superuser()
    services.certificate_revoke(certificate=certificate, by=staff, reason="ตรวจสอบซ้ำ")
    services.certificate_reinstate(certificate=certificate, by=staff)
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    assert certificate.revoked_by is None
    # Reinstating a valid certificate changes nothing.
    services.certificate_reinstate(certificate=certificate, by=staff)
    assert ModelLogEntry.objects.filter(action="certificates.reinstate").count() == 1


@pytest.mark.parametrize("who", ["learner", "other_learner", "other_coordinator"])
def test_others_cannot_revoke(who):
    community = make_community()
    learner, certificate = certified_learner(community=community)
    make_coordinator(community)
    people = {
        "learner": learner,
        "other_learner": make_user(community=community),
        "other_coordinator": make_coordinator(make_community()),
    }
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(certificate=certificate, by=people[who], reason="ไม่ผ่าน")
    certificate.refresh_from_db()
    assert not certificate.is_revoked


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_issues_make_one_certificate(monkeypatch):
    """Both callers miss the existing-certificate check; the unique constraint decides."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL.")
    learner, course = make_user(), make_course(lessons=1)
    Enrolment.objects.create(
        user=learner, course=course, completed_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    barrier = threading.Barrier(2, timeout=10)

    def existing_after_both_looked(*, user, course):
        barrier.wait()
        return None

    monkeypatch.setattr(services, "_existing", existing_after_both_looked)
    results, errors = [], []

    def issue():
        try:
            results.append(services.certificate_issue(user=learner, course=course).pk)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(results) == 2
    assert results[0] == results[1]
    assert Certificate.objects.filter(user=learner, course=course).count() == 1
