"""Demo learners' progress: ``learner`` part-way through course 1, ``learner2`` finished course 2.

Everything goes through the same services a learner's clicks do, so completion (and the
certificate it triggers) happens exactly as on the live site.
"""

from importlib import import_module

from courses.models import CoursePage, LessonPage
from courses.selectors import course_progress
from courses.services import lesson_complete

COURSE_1 = "พัฒนาผลิตภัณฑ์ชุมชน"
COURSE_2 = "ขายออนไลน์ด้วย Facebook Fanpage และ LINE Official Account"
LESSONS_DONE_BY_LEARNER = 2


def _pass_quiz(user, quiz) -> None:
    quizzes_demo = import_module("home.demo.quizzes")
    quizzes_demo.demo_pass_quiz(user, quiz)


def complete_course(user, course) -> None:
    """Finish every required step of ``course`` in outline order."""
    for step in course_progress(user=user, course=course).steps:
        if step.completed or not step.required:
            continue
        if isinstance(step.page, LessonPage):
            lesson_complete(user=user, lesson=step.page)
        else:
            _pass_quiz(user, step.page)


def load(ctx: dict) -> None:
    users = ctx["users"]
    first = CoursePage.objects.filter(title=COURSE_1).first()
    second = CoursePage.objects.filter(title=COURSE_2).first()
    if first is not None:
        lessons = [
            step.page
            for step in course_progress(user=users["learner"], course=first).steps
            if isinstance(step.page, LessonPage)
        ]
        for lesson in lessons[:LESSONS_DONE_BY_LEARNER]:
            lesson_complete(user=users["learner"], lesson=lesson)
    if second is not None:
        complete_course(users["learner2"], second)
