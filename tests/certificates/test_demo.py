import os

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from certificates.models import Certificate, CertificateTemplate
from courses.models import Enrolment
from home.demo import DEMO_USERS
from tests.factories import make_course

pytestmark = pytest.mark.django_db


def load_demo():
    with open(os.devnull, "w") as devnull:
        call_command("load_demo_data", stdout=devnull)


def test_demo_learners_who_finished_a_course_hold_its_certificate(client):
    load_demo()
    learner2 = get_user_model().objects.get(username="learner2")
    course = make_course(lessons=1, title="การถ่ายภาพสินค้าด้วยมือถือ")
    # A finished course recorded without going through the completion hook.
    Enrolment.objects.create(user=learner2, course=course, completed_at=timezone.now())

    load_demo()
    certificate = Certificate.objects.get(user=learner2, course=course)
    assert certificate.learner_name == "นายสมชาย ทองดี"

    load_demo()
    assert Certificate.objects.get(user=learner2, course=course).code == certificate.code
    finished = Enrolment.objects.filter(user__username__in=DEMO_USERS, completed_at__isnull=False)
    for enrolment in finished:
        assert Certificate.objects.filter(user=enrolment.user, course=enrolment.course).exists()

    client.force_login(learner2)
    assert client.get(certificate.get_pdf_url()).status_code == 200
    assert client.get(certificate.get_verify_url()).status_code == 200


def test_demo_template_is_the_default_with_a_signatory_and_partners():
    load_demo()
    template = CertificateTemplate.objects.get(is_default=True)
    assert template.heading == "ประกาศนียบัตร"
    assert template.signatory_name
    assert list(template.partners.values_list("name", flat=True)) == [
        "Local Alike",
        "มูลนิธิตลาดหลักทรัพย์แห่งประเทศไทย",
        "สมาคมห้องสมุดแห่งประเทศไทยฯ",
    ]


def test_learner2_holds_the_certificate_of_the_finished_demo_course(client):
    from courses.models import CoursePage
    from home.demo.progress import COURSE_2

    load_demo()
    learner2 = get_user_model().objects.get(username="learner2")
    course = CoursePage.objects.get(title=COURSE_2)
    certificate = Certificate.objects.get(user=learner2, course=course)
    assert certificate.course_title == COURSE_2
    assert not certificate.is_revoked

    client.force_login(learner2)
    assert f'href="{certificate.get_pdf_url()}"' in client.get("/my/").content.decode()
    assert f'href="{certificate.get_pdf_url()}"' in client.get(course.url).content.decode()
