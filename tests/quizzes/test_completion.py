"""Quizzes as course steps: graded ones complete the course when passed, practice never blocks."""

import pytest

from courses.models import Enrolment
from courses.selectors import course_progress
from courses.services import lesson_complete
from quizzes.models import QuizPage
from quizzes.services import quiz_answers_save, quiz_attempt_start, quiz_attempt_submit
from tests.factories import lessons_of, make_course, make_lesson_instance, make_user
from tests.quizzes.factories import answer_sheet, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return make_user()


def take(learner, quiz, *, wrong=0):
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    quiz_answers_save(user=learner, attempt=attempt, answers=answer_sheet(attempt, wrong=wrong))
    return quiz_attempt_submit(user=learner, attempt=attempt)


def completed_at(learner, course):
    return Enrolment.objects.get(user=learner, course=course).completed_at


def test_passing_the_graded_quiz_completes_the_course_once_lessons_are_done(learner):
    course = make_course(lessons=2)
    quiz = make_quiz(course, questions=4)
    for lesson in lessons_of(course):
        lesson_complete(user=learner, lesson=lesson)
    assert completed_at(learner, course) is None
    progress = course_progress(user=learner, course=course)
    assert (progress.done_count, progress.total_count) == (2, 3)

    take(learner, quiz, wrong=2)  # 50%: not passed
    assert completed_at(learner, course) is None

    take(learner, quiz)
    assert completed_at(learner, course) is not None
    assert course_progress(user=learner, course=course).is_complete
    assert Enrolment.objects.get(user=learner).last_lesson_id == quiz.pk


def test_passing_the_quiz_first_completes_the_course_with_the_last_lesson(learner):
    course = make_course(lessons=1)
    quiz = make_quiz(course)
    take(learner, quiz)
    assert completed_at(learner, course) is None
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    assert completed_at(learner, course) is not None


def test_a_practice_quiz_never_blocks_completion(learner):
    course = make_course(lessons=1)
    make_quiz(course, kind=QuizPage.Kind.PRACTICE)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    assert completed_at(learner, course) is not None
    progress = course_progress(user=learner, course=course)
    assert progress.total_count == 1
    assert not progress.steps[1].required


def test_a_failed_practice_attempt_still_marks_the_step_done(learner):
    course = make_course(lessons=0)
    practice = make_quiz(course, kind=QuizPage.Kind.PRACTICE)
    take(learner, practice, wrong=4)
    assert course_progress(user=learner, course=course).step_for(practice).completed


def test_a_later_step_stays_locked_until_the_quiz_is_passed(learner):
    course = make_course(lessons=1, sequential=True)
    quiz = make_quiz(course)
    after = course.add_child(instance=make_lesson_instance(2, title="บทต่อไป"))
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    assert course_progress(user=learner, course=course).step_for(after).locked
    take(learner, quiz, wrong=4)
    assert course_progress(user=learner, course=course).step_for(after).locked
    take(learner, quiz)
    assert not course_progress(user=learner, course=course).step_for(after).locked


def test_the_course_outline_shows_the_quiz_as_a_step(client, learner):
    course = make_course(lessons=1)
    quiz = make_quiz(course, title="แบบทดสอบท้ายหลักสูตร")
    practice = make_quiz(course, title="ลองทำดูก่อน", kind=QuizPage.Kind.PRACTICE)
    client.force_login(learner)
    html = client.get(course.url).content.decode()
    assert f'href="{quiz.url}"' in html
    assert f'href="{practice.url}"' in html
    assert "แบบทดสอบ" in html
    assert "ฝึกทำ" in html


def test_finishing_the_last_lesson_leads_to_the_quiz(client, learner):
    course = make_course(lessons=1)
    quiz = make_quiz(course)
    client.force_login(learner)
    response = client.post(lessons_of(course)[0].url + "complete/")
    assert response["Location"] == quiz.url


def test_result_page_offers_the_next_step_after_passing(client, learner):
    course = make_course(lessons=0, sequential=True)
    quiz = make_quiz(course)
    after = course.add_child(instance=make_lesson_instance(2, title="บทต่อไป"))
    client.force_login(learner)
    attempt = take(learner, quiz)
    html = client.get(quiz.url + quiz.reverse_subpage("result", args=[attempt.pk])).content.decode()
    assert f'href="{after.url}"' in html
