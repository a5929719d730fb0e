"""Real races between requests, which only PostgreSQL runs in parallel (SQLite serialises)."""

import threading

import pytest
from django.db import connection, connections
from wagtail.models import Locale, Page, Site

from courses.models import CourseIndexPage, Enrolment
from home.models import HomePage
from quizzes.models import QuizAttempt
from quizzes.services import quiz_answers_save, quiz_attempt_start, quiz_attempt_submit
from tests.factories import make_course, make_user
from tests.quizzes.factories import answer_sheet, make_quiz

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite runs one writer at a time"
    ),
]


@pytest.fixture(autouse=True)
def catalogue():
    """The page tree migrations make, rebuilt if an earlier transactional test flushed it."""
    if CourseIndexPage.objects.exists():
        return
    locale, _created = Locale.objects.get_or_create(language_code="th")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(instance=HomePage(title="หน้าแรก", slug="home", locale=locale))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    home.add_child(instance=CourseIndexPage(title="หลักสูตร", slug="courses"))


def _race(target, count=4):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_concurrent_submits_grade_exactly_once():
    learner = make_user()
    quiz = make_quiz(make_course(lessons=0), questions=6)
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    quiz_answers_save(user=learner, attempt=attempt, answers=answer_sheet(attempt))

    results = _race(lambda: quiz_attempt_submit(user=learner, attempt=attempt))

    assert sum(result.just_submitted for result in results) == 1
    assert len({(r.submitted_at, r.score, r.passed) for r in results}) == 1
    assert Enrolment.objects.get(user=learner).completed_at is not None


def test_concurrent_starts_open_a_single_attempt():
    learner = make_user()
    quiz = make_quiz(make_course(lessons=0))

    results = _race(lambda: quiz_attempt_start(user=learner, quiz=quiz))

    assert len({attempt.pk for attempt in results}) == 1
    assert QuizAttempt.objects.filter(user=learner).count() == 1
