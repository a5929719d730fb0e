import os

import pytest
from django.core.management import call_command

from courses.models import CoursePage, Enrolment
from courses.selectors import course_progress
from home.demo.progress import COURSE_1, COURSE_2, LESSONS_DONE_BY_LEARNER

pytestmark = pytest.mark.django_db


def test_demo_learners_have_realistic_progress(django_user_model):
    call_command("load_demo_data", stdout=open(os.devnull, "w"))
    learner = django_user_model.objects.get(username="learner")
    learner2 = django_user_model.objects.get(username="learner2")
    first = CoursePage.objects.get(title=COURSE_1)
    second = CoursePage.objects.get(title=COURSE_2)

    partial = course_progress(user=learner, course=first)
    assert partial.done_count == LESSONS_DONE_BY_LEARNER
    assert not partial.is_complete

    finished = course_progress(user=learner2, course=second)
    assert finished.is_complete
    assert Enrolment.objects.get(user=learner2, course=second).completed_at is not None
