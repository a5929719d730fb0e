"""Course pages with Thai teaching content, for the search tests."""

from wagtail.rich_text import RichText

from courses.models import CourseIndexPage, CoursePage, LessonPage


def course(*, title: str, summary: str = "คอร์สสำหรับกลุ่มแม่บ้าน", **fields) -> CoursePage:
    catalogue = CourseIndexPage.objects.get()
    return catalogue.add_child(instance=CoursePage(title=title, summary=summary, **fields))


def lesson(parent, *, title: str, text: str = "<p>อ่านให้จบแล้วลองทำตาม</p>", **fields):
    body = fields.pop("body", [("paragraph", RichText(text))])
    return parent.add_child(instance=LessonPage(title=title, body=body, **fields))
