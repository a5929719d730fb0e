"""Small factory functions for test data. Each returns a saved object."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

from home.models import HomePage

_counter = itertools.count(1)
PASSWORD = "correct-horse-2569"


def make_user(*, username: str | None = None, groups: list[str] = (), **fields):
    n = next(_counter)
    user = get_user_model().objects.create_user(
        username=username or f"user{n}",
        password=PASSWORD,
        display_name=fields.pop("display_name", f"ผู้เรียน ทดสอบ {n}"),
        **fields,
    )
    if groups:
        user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def make_superuser(**fields):
    return make_user(is_superuser=True, is_staff=True, **fields)


def home_page() -> HomePage:
    return Site.objects.get(is_default_site=True).root_page.specific


def make_course(
    *, lessons: int = 3, sequential: bool = False, title: str = "พัฒนาผลิตภัณฑ์ชุมชน", **fields
):
    """A live course under the catalogue with ``lessons`` live lessons."""
    from courses.models import CourseIndexPage, CoursePage

    catalogue = CourseIndexPage.objects.get()
    course = catalogue.add_child(
        instance=CoursePage(
            title=title,
            summary=fields.pop("summary", "เรียนรู้การพัฒนาสินค้าของชุมชน"),
            sequential=sequential,
            **fields,
        )
    )
    for number in range(1, lessons + 1):
        course.add_child(instance=make_lesson_instance(number))
    return course


def make_lesson_instance(number: int, **fields):
    from courses.models import LessonPage

    return LessonPage(
        title=fields.pop("title", f"บทที่ {number} การเลือกสินค้า"),
        body=[("paragraph", f"<p>เนื้อหาบทที่ {number}</p>")],
        **fields,
    )


def lessons_of(course):
    from courses.models import LessonPage

    return list(LessonPage.objects.child_of(course).order_by("path"))
