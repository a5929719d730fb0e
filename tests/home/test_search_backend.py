"""The Thai-aware search backend, on whichever database the suite runs against."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from courses.models import CoursePage, LessonPage
from tests.home import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home):
    """Each of สินค้า, ขาย, ออนไลน์, บรรจุภัณฑ์ in a title and in a body."""
    selling = factories.course(title="ขายสินค้าออนไลน์")
    return {
        "selling": selling,
        "packaging": factories.lesson(
            selling, title="ออกแบบบรรจุภัณฑ์", text="<p>เลือกวัสดุที่ปกป้องของข้างใน</p>"
        ),
        "story": factories.lesson(
            selling,
            title="เล่าเรื่องราวของชุมชน",
            text=(
                "<p>เรื่องเล่าดีๆ ช่วยให้<b>ขายสินค้า</b>ทางออนไลน์ได้มากขึ้น</p>"
                "<p>บรรจุภัณฑ์ที่สวยงามทำให้ลูกค้าจำได้</p>"
            ),
        ),
        "photos": factories.lesson(
            selling,
            title="ถ่ายรูปให้สวย",
            body=[
                ("heading", {"text": "แสงธรรมชาติ", "level": "h2"}),
                ("tip", {"style": "tip", "title": "เคล็ดลับ", "text": RichText("<p>ถ่ายตอนสายๆ</p>")}),
            ],
        ),
        "pricing": factories.lesson(
            selling,
            title="Pricing for online selling",
            text="<p>Count the cost of every jar and label before you set a price.</p>",
        ),
    }


def titles(query, **kwargs) -> list[str]:
    return [page.title for page in Page.objects.live().search(query, **kwargs)]


@pytest.mark.parametrize(
    ("word", "in_title", "in_body"),
    [
        ("สินค้า", "selling", "story"),
        ("ขาย", "selling", "story"),
        ("ออนไลน์", "selling", "story"),
        ("บรรจุภัณฑ์", "packaging", "story"),
    ],
)
def test_a_thai_word_finds_pages_with_it_in_the_title_or_the_body(pages, word, in_title, in_body):
    found = titles(word)
    assert pages[in_title].title in found
    assert pages[in_body].title in found
    assert pages["photos"].title not in found


def test_text_in_stream_blocks_is_searchable(pages):
    assert titles("แสงธรรมชาติ") == [pages["photos"].title]
    assert titles("เคล็ดลับ") == [pages["photos"].title]


def test_a_word_inside_a_dictionary_compound_is_found(pages):
    course = pages["selling"]
    target = factories.lesson(course, title="สรุปผล", text="<p>ยอดขายเดือนนี้เกินเป้า การตลาดได้ผล</p>")
    assert target.title in titles("ขาย")
    assert target.title in titles("ตลาด")
    assert target.title in titles("ยอดขาย")


def test_a_fragment_of_a_thai_word_does_not_match_it(pages):
    # "นค" sits inside "สินค้า"; it must not match just because characters line up.
    assert titles("นค") == []


def test_pages_matching_more_words_come_first(pages):
    noisy = factories.lesson(
        pages["selling"],
        title="ช่องทางใหม่",
        text="<p>" + "ออนไลน์ " * 30 + "</p>",
    )
    found = titles("ขายสินค้าออนไลน์บรรจุภัณฑ์", operator="or")
    # story has all four words, the course three (in its title), the others one each.
    assert found[:2] == [pages["story"].title, pages["selling"].title]
    assert set(found[2:]) == {pages["packaging"].title, noisy.title}


def test_and_operator_needs_every_word(pages):
    assert titles("ขายสินค้าบรรจุภัณฑ์", operator="and") == [pages["story"].title]


def test_english_queries_are_case_insensitive_and_stemmed(pages):
    assert titles("PRICING") == [pages["pricing"].title]
    assert titles("sell") == [pages["pricing"].title]
    assert titles("labels jars") == [pages["pricing"].title]


def test_mixed_thai_and_english_query(pages):
    both = factories.lesson(
        pages["selling"], title="เปิดร้านบน Facebook", text="<p>ขายของออนไลน์ทุกวัน</p>"
    )
    found = titles("Facebook ออนไลน์", operator="or")
    assert found[0] == both.title
    assert set(found) == {both.title, pages["selling"].title, pages["story"].title}
    assert titles("Facebookออนไลน์", operator="and") == [both.title]


@pytest.mark.parametrize(
    "junk", ["", "!!!", '"', "'", "*", "(", ":", "^", "่", "\u200b", "ๆ", "x" * 1000]
)
def test_junk_queries_find_nothing_and_never_fail(pages, junk):
    assert titles(junk, operator="or") == []
    assert list(Page.objects.live().autocomplete(junk)) == []


def test_query_syntax_words_are_plain_words(pages):
    assert titles('NOT "and" OR (label*)', operator="or") == [pages["pricing"].title]


def test_autocomplete_finds_a_half_typed_thai_word(pages):
    found = [page.title for page in Page.objects.live().autocomplete("บรรจุภั")]
    assert found == [pages["packaging"].title]


def test_search_on_a_specific_page_type(pages):
    found = LessonPage.objects.live().search("ขาย")
    assert [page.title for page in found] == [pages["story"].title]


def test_publishing_a_revision_updates_the_index(pages):
    page = pages["photos"]
    page.title = "ถ่ายรูปบรรจุภัณฑ์"
    page.save_revision().publish()
    assert page.title in titles("บรรจุภัณฑ์")


def test_unpublished_pages_are_left_out(pages):
    pages["story"].unpublish()
    assert pages["story"].title not in titles("บรรจุภัณฑ์")


def test_update_index_rebuilds_the_thai_index(pages):
    IndexEntry.objects.all().delete()
    assert titles("บรรจุภัณฑ์") == []
    call_command("update_index", stdout=io.StringIO())
    assert set(titles("บรรจุภัณฑ์")) == {pages["packaging"].title, pages["story"].title}


def test_backend_is_thai_aware_on_this_database():
    assert type(get_search_backend()).__module__.startswith("home.search.")


def test_course_fields_are_indexed(home):
    course = factories.course(
        title="เริ่มต้นธุรกิจ",
        summary="สรุปหลักสูตร",
        learning_outcomes="ตั้งราคาขายได้\nเขียนโพสต์ได้",
    )
    assert [p.title for p in CoursePage.objects.search("ราคาขาย")] == [course.title]
