"""The demo quizzes, built on the two demo courses when they exist, and skipped when not."""

import pytest

from home.demo import quizzes as demo_quizzes
from quizzes import grading
from quizzes.models import QuizAttempt, QuizPage
from tests.factories import make_course, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_courses():
    return [
        make_course(lessons=2, title=demo_quizzes.PRODUCT_COURSE, sequential=True),
        make_course(lessons=2, title=demo_quizzes.SELLING_COURSE),
    ]


def test_without_the_demo_courses_nothing_is_made():
    demo_quizzes.load({})
    assert not QuizPage.objects.exists()


def test_each_demo_course_ends_with_a_graded_quiz(demo_courses):
    demo_quizzes.load({})
    demo_quizzes.load({})  # idempotent
    for course in demo_courses:
        graded = QuizPage.objects.child_of(course).get(kind=QuizPage.Kind.GRADED)
        assert graded.live
        assert course.get_children().last().pk == graded.pk
        questions = list(graded.questions.all())
        assert len(questions) >= 6
        assert {q.kind for q in questions} == {
            grading.SINGLE,
            grading.MULTIPLE,
            grading.TRUE_FALSE,
            grading.SHORT_ANSWER,
        }
        assert all(q.explanation for q in questions[:2])
    practice = QuizPage.objects.child_of(demo_courses[1]).get(kind=QuizPage.Kind.PRACTICE)
    assert 2 <= practice.questions.count() <= 5
    assert QuizPage.objects.count() == 3


def test_demo_pass_quiz_passes_through_the_services(demo_courses):
    demo_quizzes.load({})
    learner = make_user()
    quiz = QuizPage.objects.child_of(demo_courses[1]).get(kind=QuizPage.Kind.GRADED)
    attempt = demo_quizzes.demo_pass_quiz(learner, quiz)
    assert attempt.passed
    assert attempt.correct_count == attempt.question_count
    assert demo_quizzes.demo_pass_quiz(learner, quiz).pk == attempt.pk
    assert QuizAttempt.objects.filter(user=learner).count() == 1


def test_demo_quizzes_answer_for_everyone(client, demo_courses):
    demo_quizzes.load({})
    learner = make_user()
    for user in (None, learner):
        if user:
            client.force_login(user)
        for quiz in QuizPage.objects.all():
            assert client.get(quiz.url).status_code == 200


def test_reset_removes_the_demo_quizzes(demo_courses):
    demo_quizzes.load({})
    demo_quizzes.reset()
    assert not QuizPage.objects.exists()
