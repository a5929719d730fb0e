"""Reads of learner progress, built with a fixed number of queries whatever the course size."""

from collections import defaultdict
from dataclasses import dataclass, field

from wagtail.models import Page

from courses.models import CoursePage, Enrolment
from courses.steps import steps_for_courses


@dataclass
class StepStatus:
    page: Page
    number: int
    completed: bool
    required: bool
    locked: bool = False
    # The step to finish first when this one is locked.
    blocked_by: "StepStatus | None" = None


@dataclass
class CourseProgress:
    course: CoursePage
    enrolment: Enrolment | None
    steps: list[StepStatus] = field(default_factory=list)

    @property
    def started(self) -> bool:
        return self.enrolment is not None

    @property
    def required_steps(self) -> list[StepStatus]:
        return [step for step in self.steps if step.required]

    @property
    def done_count(self) -> int:
        return sum(step.completed for step in self.required_steps)

    @property
    def total_count(self) -> int:
        return len(self.required_steps)

    @property
    def percent(self) -> int:
        if not self.total_count:
            return 0
        return round(100 * self.done_count / self.total_count)

    @property
    def is_complete(self) -> bool:
        return bool(self.required_steps) and all(s.completed for s in self.required_steps)

    @property
    def next_step(self) -> Page | None:
        """Where "continue" goes: the first step not yet done."""
        for step in self.steps:
            if not step.completed and not step.locked:
                return step.page
        return None

    def step_for(self, page) -> StepStatus | None:
        return next((step for step in self.steps if step.page.pk == page.pk), None)

    def step_after(self, page) -> StepStatus | None:
        for index, step in enumerate(self.steps):
            if step.page.pk == page.pk:
                return self.steps[index + 1] if index + 1 < len(self.steps) else None
        return None

    def step_before(self, page) -> StepStatus | None:
        for index, step in enumerate(self.steps):
            if step.page.pk == page.pk:
                return self.steps[index - 1] if index > 0 else None
        return None

    def can_open(self, page) -> bool:
        step = self.step_for(page)
        return step is not None and not step.locked


def _completed_ids(user, steps: list[Page]) -> set[int]:
    by_class = defaultdict(list)
    for page in steps:
        by_class[type(page)].append(page.pk)
    completed: set[int] = set()
    for cls, ids in by_class.items():
        completed |= cls.completed_step_ids(user=user, page_ids=ids)
    return completed


def _build(course, enrolment, pages, completed) -> CourseProgress:
    progress = CourseProgress(course=course, enrolment=enrolment)
    blocker = None
    for number, page in enumerate(pages, start=1):
        step = StepStatus(
            page=page,
            number=number,
            completed=page.pk in completed,
            required=page.is_required_step(),
        )
        if course.sequential and blocker is not None:
            step.locked = True
            step.blocked_by = blocker
        if step.required and not step.completed and blocker is None:
            blocker = step
        progress.steps.append(step)
    return progress


def progress_for_courses(*, user, courses) -> dict[int, CourseProgress]:
    """Progress of ``user`` in each course, keyed by course id."""
    courses = list(courses)
    steps = steps_for_courses(courses)
    enrolments, completed = {}, set()
    if user.is_authenticated and courses:
        enrolments = {
            e.course_id: e
            for e in Enrolment.objects.filter(user=user, course__in=[c.pk for c in courses])
        }
        completed = _completed_ids(user, [page for pages in steps.values() for page in pages])
    return {
        course.pk: _build(course, enrolments.get(course.pk), steps[course.pk], completed)
        for course in courses
    }


def course_progress(*, user, course) -> CourseProgress:
    return progress_for_courses(user=user, courses=[course])[course.pk]


def learner_enrolments(*, user) -> list[tuple[Enrolment, CourseProgress]]:
    """ "My learning": every enrolled course with its progress, most recent first."""
    enrolments = list(
        Enrolment.objects.filter(user=user, course__live=True)
        .select_related("course", "course__cover_image")
        .order_by("-last_activity_at")
    )
    progress = progress_for_courses(user=user, courses=[e.course for e in enrolments])
    return [(e, progress[e.course_id]) for e in enrolments]
