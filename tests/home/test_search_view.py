"""The /search/ page: results, friendly answers to odd queries, pagination, query budget."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.home import factories

pytestmark = pytest.mark.django_db

SEARCH_URL = reverse("home:search")


@pytest.fixture
def course(home):
    return factories.course(
        title="ขายสินค้าชุมชนออนไลน์",
        summary="เรียนรู้การเปิดร้านบนเฟซบุ๊กและไลน์",
    )


def result_titles(response) -> list[str]:
    return re.findall(r'class="search-result__title"><a href="[^"]*">([^<]*)</a>', response.text)


def test_every_page_has_a_search_box(client, home, course):
    for url in [home.url, course.url, "/no-such-page/"]:
        response = client.get(url)
        assert f'action="{SEARCH_URL}"' in response.text
        assert 'name="q"' in response.text


def test_results_show_type_parent_and_excerpt(thai, course):
    factories.lesson(
        course,
        title="ออกแบบบรรจุภัณฑ์",
        text="<p>บรรจุภัณฑ์ที่ดีบอกเรื่องราวของชุมชน &amp; ปกป้องสินค้า</p>",
    )
    response = thai.get(SEARCH_URL, {"q": "บรรจุภัณฑ์"})
    assert response.status_code == 200
    assert result_titles(response) == ["ออกแบบบรรจุภัณฑ์"]
    assert "บทเรียน" in response.text  # the page type, in Thai
    assert f'ใน <a href="{course.url}">ขายสินค้าชุมชนออนไลน์</a>' in response.text
    assert "<mark>บรรจุภัณฑ์</mark>ที่ดีบอกเรื่องราวของชุมชน &amp; ปกป้องสินค้า" in response.text
    assert "พบ 1 หน้า" in response.text


def test_results_in_english(english, course):
    response = english.get(SEARCH_URL, {"q": "เฟซบุ๊ก"})
    assert result_titles(response) == ["ขายสินค้าชุมชนออนไลน์"]
    assert "Course" in response.text
    assert 'in <a href="' in response.text
    assert "1 page found" in response.text


def test_search_description_is_the_excerpt_when_set(thai, course):
    course.search_description = "คำอธิบายสั้นสำหรับผลการค้นหา"
    course.save_revision().publish()
    response = thai.get(SEARCH_URL, {"q": "ออนไลน์"})
    assert "คำอธิบายสั้นสำหรับผลการค้นหา" in response.text


def test_excerpt_starts_near_the_match_in_a_long_body(thai, course):
    text = "<p>" + "เตรียมตัวก่อนเรียน " * 40 + "แล้วจึงติดฉลากโภชนาการ</p>"
    factories.lesson(course, title="ฉลากสินค้า", text=text)
    response = thai.get(SEARCH_URL, {"q": "โภชนาการ"})
    assert "<mark>โภชนาการ</mark>" in response.text


def test_empty_query_asks_for_a_word(thai, home):
    response = thai.get(SEARCH_URL)
    assert response.status_code == 200
    assert "พิมพ์คำสักหนึ่งหรือสองคำ" in response.text
    assert result_titles(response) == []


@pytest.mark.parametrize("junk", ["!!!", "่่่", "\u0301", "\u200b\u200b", "๛", "\x00", "<>&\"'"])
def test_junk_query_gets_a_friendly_answer(thai, course, junk):
    response = thai.get(SEARCH_URL, {"q": junk})
    assert response.status_code == 200
    assert "ไม่มีคำให้ค้นหา" in response.text


def test_the_query_is_shown_back_escaped(thai, course):
    response = thai.get(SEARCH_URL, {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_no_match_says_so(thai, course):
    response = thai.get(SEARCH_URL, {"q": "ทุเรียน"})
    assert response.status_code == 200
    assert "ไม่พบหน้าที่ตรงกับ “ทุเรียน”" in response.text


def test_long_query_is_cut_and_still_searched(thai, course):
    response = thai.get(SEARCH_URL, {"q": "ออนไลน์ " + "ก" * 5000})
    assert response.status_code == 200
    assert "ใช้เพียง 200 ตัวอักษรแรก" in response.text
    assert result_titles(response) == ["ขายสินค้าชุมชนออนไลน์"]
    assert 'value="ออนไลน์ ' in response.text


def test_restricted_and_draft_pages_are_not_listed(thai, course):
    secret = factories.lesson(course, title="บรรจุภัณฑ์ลับ")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="x")
    draft = factories.lesson(course, title="บรรจุภัณฑ์ร่าง", live=False)
    draft.save_revision()
    response = thai.get(SEARCH_URL, {"q": "บรรจุภัณฑ์"})
    assert result_titles(response) == []


@pytest.fixture
def many_lessons(course):
    return [
        factories.lesson(course, title=f"ขายของออนไลน์ ตอนที่ {number}") for number in range(1, 13)
    ]


def test_results_are_paginated(thai, many_lessons):
    first = thai.get(SEARCH_URL, {"q": "ขายของ"})
    second = thai.get(SEARCH_URL, {"q": "ขายของ", "page": 2})
    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 2
    assert set(result_titles(first)) | set(result_titles(second)) == {
        lesson.title for lesson in many_lessons
    }
    assert "หน้า 1 จาก 2" in first.text
    assert (
        'href="?q=%E0%B8%82%E0%B8%B2%E0%B8%A2%E0%B8%82%E0%B8%AD%E0%B8%87&amp;page=2"' in first.text
    )


@pytest.mark.parametrize(("page", "expected"), [("abc", 10), ("99", 2), ("-1", 2), ("", 10)])
def test_bad_page_numbers_fall_back_to_a_real_page(thai, many_lessons, page, expected):
    response = thai.get(SEARCH_URL, {"q": "ขายของ", "page": page})
    assert response.status_code == 200
    assert len(result_titles(response)) == expected


def test_query_count_does_not_grow_with_results(thai, course, many_lessons):
    def queries_for(query):
        thai.get(SEARCH_URL, {"q": query})  # warm caches (site, translations)
        with CaptureQueriesContext(connection) as captured:
            response = thai.get(SEARCH_URL, {"q": query})
        return len(captured), response

    for number in range(1, 4):
        factories.lesson(course, title=f"บรรจุภัณฑ์แบบที่ {number}")
    few, response_few = queries_for("บรรจุภัณฑ์")
    many, response_many = queries_for("ขายของ")
    assert len(result_titles(response_few)) == 3
    assert len(result_titles(response_many)) == 10
    assert few == many
    assert many <= 8
