"""Writes of learner progress. Views call these; they validate, then save."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage


class StepLocked(PermissionDenied):
    """The step is in a sequential course and an earlier step is not done yet."""

    def __init__(self, first_step):
        super().__init__(_("Finish the earlier steps of this course first."))
        self.first_step = first_step


class StepUnavailable(Http404):
    """The step or its course is not published."""


def _check_available(page) -> CoursePage:
    course = page.get_parent().specific
    if not page.live or not course.live:
        raise StepUnavailable(_("This lesson is not available."))
    return course


@transaction.atomic
def enrolment_start(*, user, course: CoursePage) -> Enrolment:
    """Enrol ``user`` in ``course``; enrolling twice returns the same enrolment."""
    if not course.live:
        raise StepUnavailable(_("This course is not available."))
    enrolment, _created = Enrolment.objects.get_or_create(user=user, course=course)
    return enrolment


@transaction.atomic
def lesson_complete(*, user, lesson: LessonPage) -> LessonCompletion:
    """Mark a lesson done. Idempotent: a second call changes nothing."""
    from courses.selectors import course_progress

    course = _check_available(lesson)
    progress = course_progress(user=user, course=course)
    step = progress.step_for(lesson)
    if step is None:
        raise StepUnavailable(_("This lesson is not available."))
    if step.locked:
        raise StepLocked(first_step=step.blocked_by.page if step.blocked_by else None)
    enrolment = enrolment_start(user=user, course=course)
    completion, created = LessonCompletion.objects.get_or_create(user=user, lesson=lesson)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        last_lesson=lesson, last_activity_at=timezone.now()
    )
    if created:
        course_completion_check(user=user, course=course)
    return completion


@transaction.atomic
def step_completed(*, user, step) -> bool:
    """Called by other step types (quizzes) when a learner finishes one of their steps."""
    course = _check_available(step)
    enrolment = enrolment_start(user=user, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        last_lesson=step, last_activity_at=timezone.now()
    )
    return course_completion_check(user=user, course=course)


@transaction.atomic
def course_completion_check(*, user, course: CoursePage) -> bool:
    """Set the enrolment's ``completed_at`` exactly once, when every required step is done.

    The conditional UPDATE makes concurrent last steps safe: only one of them changes a row.
    """
    from courses.selectors import course_progress

    if not course_progress(user=user, course=course).is_complete:
        return False
    enrolment = enrolment_start(user=user, course=course)
    changed = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        completed_at=timezone.now()
    )
    if changed:
        enrolment.refresh_from_db()
        _on_course_completed(enrolment=enrolment)
    return True


def _on_course_completed(*, enrolment: Enrolment) -> None:
    """What happens once a learner completes a course (certificates hook in here)."""
    from certificates.services import certificate_issue

    certificate_issue(enrolment=enrolment)
