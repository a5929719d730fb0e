"""Demo courses: two published Thai courses whose lessons use every block, loaded idempotently."""

import csv
import io
import wave

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from courses.blocks import LessonStreamBlock
from courses.models import CourseIndexPage, CoursePage, ExpertProfile, LessonPage, Topic
from home import demo
from home.demo import communities as demo_communities
from home.demo import courses as demo_courses

PRODUCT = "community-product-development"
ONLINE = "selling-online-facebook-line"


@pytest.fixture
def loaded(db):
    return demo.load()


def _lessons(course) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).order_by("path"))


def _blocks(lesson, block_type: str) -> list:
    return [block for block in lesson.body if block.block_type == block_type]


def test_both_courses_are_published_in_the_catalogue_with_five_lessons(loaded):
    catalogue = CourseIndexPage.objects.get()
    product = CoursePage.objects.child_of(catalogue).get(slug=PRODUCT)
    online = CoursePage.objects.child_of(catalogue).get(slug=ONLINE)

    assert product.title == "พัฒนาผลิตภัณฑ์ชุมชน"
    assert online.title == "ขายออนไลน์ด้วย Facebook Fanpage และ LINE Official Account"
    assert (product.sequential, online.sequential) == (True, False)
    assert product.topic.name == "พัฒนาผลิตภัณฑ์"
    assert online.topic.name == "การตลาดออนไลน์"
    for course in (product, online):
        assert course.live and not course.has_unpublished_changes
        assert course.cover_image is not None
        assert 3 <= len(course.get_outcomes()) <= 5
        assert course.intro and course.summary
        assert all(expert.photo and expert.bio for expert in course.experts.all())
        lessons = _lessons(course)
        assert len(lessons) == 5
        assert all(lesson.live and not lesson.has_unpublished_changes for lesson in lessons)
        assert course.estimated_minutes == sum(lesson.estimated_minutes for lesson in lessons)
    assert loaded["lessons"][PRODUCT][0].title == "บทที่ 1 เลือกสินค้าร่วมกันทั้งชุมชน"


def test_every_lesson_teaches_with_text_a_tip_and_a_hands_on_activity(loaded):
    used = set()
    for lesson in LessonPage.objects.all():
        used.update(block.block_type for block in lesson.body)
        paragraphs = _blocks(lesson, "paragraph")
        assert len(paragraphs) >= 4, lesson.title
        assert all(len(str(block.value)) > 150 for block in paragraphs), lesson.title
        assert _blocks(lesson, "heading"), lesson.title
        assert _blocks(lesson, "tip"), lesson.title
        activities = _blocks(lesson, "activity")
        assert len(activities) == 1, lesson.title
        assert activities[0].value["title"].startswith("ลองทำ")
        assert len(activities[0].value["steps"]) >= 3
        for block in _blocks(lesson, "image"):
            assert len(block.value["alt_text"]) > 30, lesson.title
    assert used == set(LessonStreamBlock().child_blocks)


def test_recordings_and_worksheets_are_real_files(loaded):
    Document = get_document_model()
    recordings = Document.objects.filter(title__startswith="บันทึกเสียง")
    assert recordings.count() == 2
    for recording in recordings:
        with recording.open_file() as file, wave.open(file) as sound:
            assert sound.getnframes() / sound.getframerate() >= 1

    costing = Document.objects.get(title="ตารางคำนวณต้นทุน")
    with costing.open_file() as file:
        rows = list(csv.reader(io.StringIO(file.read().decode("utf-8-sig"))))
    assert ["รายการ", "จำนวน", "หน่วย", "ราคาต่อหน่วย (บาท)", "รวม (บาท)"] in rows
    assert ["รวมต้นทุนทั้งรอบ", "", "", "", "2300"] in rows

    covers = get_image_model().objects.filter(title__startswith="ปกหลักสูตร")
    assert sorted((cover.width, cover.height) for cover in covers) == [(960, 540)] * 2


def test_loading_again_updates_in_place_without_duplicates(loaded):
    def counts():
        return {
            "pages": Page.objects.count(),
            "images": get_image_model().objects.count(),
            "documents": get_document_model().objects.count(),
            "topics": Topic.objects.count(),
            "experts": ExpertProfile.objects.count(),
        }

    before = counts()
    lesson = loaded["lessons"][ONLINE][1]
    lesson.title = "แก้ชื่อบทเรียน"
    lesson.body = [("paragraph", "<p>สั้นเกินไป</p>")]
    lesson.save_revision().publish()
    ExpertProfile.objects.update(bio="")

    again = demo.load()

    assert counts() == before
    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.title == "บทที่ 2 ถ่ายรูปสินค้าด้วยมือถือให้น่าซื้อ"
    assert lesson.live and not lesson.has_unpublished_changes
    assert len(_blocks(lesson, "paragraph")) >= 4
    assert all(expert.bio for expert in ExpertProfile.objects.all())
    assert again["courses"][ONLINE].pk == loaded["courses"][ONLINE].pk


def test_course_and_lesson_pages_answer_for_a_learner_and_a_visitor(loaded, client):
    pages = list(loaded["courses"].values())
    pages += [lesson for lessons in loaded["lessons"].values() for lesson in lessons]
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url
    visitor_view = client.get(loaded["lessons"][ONLINE][1].url)
    assert "ลองทำ: ถ่ายรูปสินค้า 5 แบบ" not in visitor_view.text

    client.force_login(loaded["users"]["learner"])
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url
    photos = client.get(loaded["lessons"][ONLINE][1].url).text
    assert "ลองทำ: ถ่ายรูปสินค้า 5 แบบ" in photos
    assert "ดูตัวอย่าง: จัดมุมถ่ายรูปสินค้าข้างหน้าต่าง" in photos
    orders = client.get(loaded["lessons"][ONLINE][4].url).text
    worksheet = get_document_model().objects.get(title="แบบฟอร์มบันทึกออเดอร์")
    assert worksheet.url in orders
    download = client.get(worksheet.url)
    assert download.status_code == 200
    assert "เลขพัสดุ" in b"".join(download.streaming_content).decode("utf-8-sig")


def test_reset_removes_the_demo_courses_and_their_media(loaded):
    demo_courses.reset()

    assert not CoursePage.objects.exists()
    assert not LessonPage.objects.exists()
    assert CourseIndexPage.objects.get().live
    # Only the communities' demo photos remain; they have their own reset.
    assert (
        not get_image_model()
        .objects.exclude(title__startswith=demo_communities.IMAGE_PREFIX)
        .exists()
    )
    assert not get_document_model().objects.exists()
    assert not Topic.objects.filter(slug__in=demo_courses.TOPICS).exists()
