import pytest
from django.utils import timezone

from courses import services
from courses.models import Enrolment, LessonCompletion
from courses.selectors import course_progress
from tests.factories import lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


def test_starting_a_course_enrols_once():
    learner, course = make_user(), make_course()
    first = services.enrolment_start(user=learner, course=course)
    second = services.enrolment_start(user=learner, course=course)
    assert first.pk == second.pk
    assert Enrolment.objects.filter(user=learner).count() == 1


def test_completing_a_first_lesson_enrols_the_learner():
    learner, course = make_user(), make_course()
    services.lesson_complete(user=learner, lesson=lessons_of(course)[0])
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.last_lesson_id == lessons_of(course)[0].pk
    assert enrolment.completed_at is None


def test_lesson_complete_is_idempotent():
    learner, course = make_user(), make_course()
    lesson = lessons_of(course)[0]
    first = services.lesson_complete(user=learner, lesson=lesson)
    second = services.lesson_complete(user=learner, lesson=lesson)
    assert first.pk == second.pk
    assert LessonCompletion.objects.filter(user=learner).count() == 1
    assert course_progress(user=learner, course=course).done_count == 1


def test_course_completes_exactly_once_on_the_last_lesson(monkeypatch):
    calls = []
    monkeypatch.setattr(
        services, "_on_course_completed", lambda *, enrolment: calls.append(enrolment)
    )
    learner, course = make_user(), make_course(lessons=3)
    lessons = lessons_of(course)
    for lesson in lessons[:2]:
        services.lesson_complete(user=learner, lesson=lesson)
    assert Enrolment.objects.get(user=learner).completed_at is None
    services.lesson_complete(user=learner, lesson=lessons[2])
    completed_at = Enrolment.objects.get(user=learner).completed_at
    assert completed_at is not None
    # Completing again (or re-checking) never moves the date or fires the hook twice.
    services.lesson_complete(user=learner, lesson=lessons[2])
    assert services.course_completion_check(user=learner, course=course) is True
    assert Enrolment.objects.get(user=learner).completed_at == completed_at
    assert len(calls) == 1


def test_progress_is_per_learner():
    learner, other, course = make_user(), make_user(), make_course(lessons=4)
    services.lesson_complete(user=learner, lesson=lessons_of(course)[0])
    assert course_progress(user=learner, course=course).percent == 25
    assert course_progress(user=other, course=course).percent == 0


def test_sequential_course_refuses_a_locked_lesson_and_records_nothing():
    learner, course = make_user(), make_course(lessons=3, sequential=True)
    lessons = lessons_of(course)
    with pytest.raises(services.StepLocked) as locked:
        services.lesson_complete(user=learner, lesson=lessons[2])
    assert locked.value.first_step.pk == lessons[0].pk
    assert not LessonCompletion.objects.exists()
    assert not Enrolment.objects.exists()


def test_sequential_course_opens_steps_in_order():
    learner, course = make_user(), make_course(lessons=3, sequential=True)
    lessons = lessons_of(course)
    for lesson in lessons:
        services.lesson_complete(user=learner, lesson=lesson)
    assert course_progress(user=learner, course=course).is_complete


def test_unpublished_lesson_cannot_be_completed():
    learner, course = make_user(), make_course(lessons=2)
    lesson = lessons_of(course)[1]
    lesson.unpublish()
    with pytest.raises(services.StepUnavailable):
        services.lesson_complete(user=learner, lesson=lesson)
    assert not LessonCompletion.objects.exists()


def test_continue_goes_to_the_first_incomplete_step():
    learner, course = make_user(), make_course(lessons=3)
    lessons = lessons_of(course)
    services.lesson_complete(user=learner, lesson=lessons[0])
    services.lesson_complete(user=learner, lesson=lessons[2])
    assert course_progress(user=learner, course=course).next_step.pk == lessons[1].pk


def test_a_lesson_added_later_does_not_undo_a_completion():
    learner, course = make_user(), make_course(lessons=1)
    services.lesson_complete(user=learner, lesson=lessons_of(course)[0])
    completed_at = Enrolment.objects.get().completed_at
    from tests.factories import make_lesson_instance

    course.add_child(instance=make_lesson_instance(2))
    assert Enrolment.objects.get().completed_at == completed_at
    assert completed_at <= timezone.now()
