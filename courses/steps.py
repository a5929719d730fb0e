"""Course steps: the pages in a course outline that count toward completion.

A step page class sets ``is_course_step = True`` and provides
``is_required_step()`` (does completion wait for it?) and the classmethod
``completed_step_ids(user=, page_ids=)`` (one query for many pages). Lessons are steps;
quizzes plug in the same way.
"""

from wagtail.models import Page


def is_step(page) -> bool:
    return getattr(page, "is_course_step", False)


def step_page_queryset(course) -> list[Page]:
    return [page for page in course.get_children().live().specific() if is_step(page)]


def children_by_course(pages, courses) -> dict[int, list[Page]]:
    """The pages of ``pages`` that are children of each course, in outline order: one query."""
    from django.db.models import Q

    courses = list(courses)
    result: dict[int, list[Page]] = {course.pk: [] for course in courses}
    if not courses:
        return result
    by_path = {course.path: course.pk for course in courses}
    match = Q()
    for course in courses:
        match |= Q(path__startswith=course.path, depth=course.depth + 1)
    for page in pages.filter(match).order_by("path"):
        result[by_path[page.path[: -Page.steplen]]].append(page)
    return result


def steps_for_courses(courses) -> dict[int, list[Page]]:
    """Live steps of several courses with one query per page type, not per course."""
    children = children_by_course(Page.objects.live().specific(), courses)
    return {
        course_id: [page for page in pages if is_step(page)]
        for course_id, pages in children.items()
    }
