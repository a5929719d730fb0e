"""Products link to the lessons behind them; lessons show the products that applied them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from communities.models import ProductLesson
from tests.communities import factories as f
from tests.factories import lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(home):
    course = make_course(lessons=2, title="ออกแบบบรรจุภัณฑ์")
    lesson = lessons_of(course)[0]
    page = f.make_community_page(f.make_index_page(home), f.make_community(name="กลุ่มแม่บ้านลับแล"))
    product = f.make_product(page, title="หมี่พันลับแล", images=[f.make_image()])
    product.lesson_links.add(
        ProductLesson(lesson=lesson, how_applied="เปลี่ยนถุงใสเป็นกล่องกระดาษพิมพ์ลายผ้าตีนจก")
    )
    product.save_revision().publish()
    return {"course": course, "lesson": lesson, "page": page, "product": product}


def test_the_product_page_links_to_the_lessons_behind_it(client, setup):
    html = client.get(setup["product"].url).content.decode()
    assert "บทเรียนเบื้องหลังสินค้า" in html
    assert f'href="{setup["lesson"].url}"' in html
    assert "ออกแบบบรรจุภัณฑ์" in html
    assert "เปลี่ยนถุงใสเป็นกล่องกระดาษ" in html


def test_the_lesson_knows_its_products(setup):
    assert [link.product_id for link in setup["lesson"].product_links.all()] == [
        setup["product"].pk
    ]


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_lesson_page_shows_products_that_applied_it(client, setup, signed_in):
    if signed_in:
        client.force_login(make_user(groups=["Learners"]))
    html = client.get(setup["lesson"].url).content.decode()
    assert "สินค้าจากชุมชนที่นำบทเรียนนี้ไปใช้" in html
    assert f'href="{setup["product"].url}"' in html
    assert "กลุ่มแม่บ้านลับแล" in html
    assert "เปลี่ยนถุงใสเป็นกล่องกระดาษ" in html


def test_lessons_without_products_show_no_section(client, setup):
    html = client.get(lessons_of(setup["course"])[1].url).content.decode()
    assert "สินค้าจากชุมชนที่นำบทเรียนนี้ไปใช้" not in html


def test_unpublished_products_are_not_shown_on_the_lesson(client, setup):
    setup["product"].unpublish()
    html = client.get(setup["lesson"].url).content.decode()
    assert "หมี่พันลับแล" not in html


def test_unpublished_lessons_are_not_linked_from_the_product(client, setup):
    setup["lesson"].unpublish()
    html = client.get(setup["product"].url).content.decode()
    assert "บทเรียนเบื้องหลังสินค้า" not in html


def _count(client, url):
    client.get(url)  # renditions for new images
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_lesson_page_queries_do_not_grow_with_products(client, setup, django_assert_num_queries):
    client.force_login(make_user(groups=["Learners"]))
    url = setup["lesson"].url
    expected, _ = _count(client, url)
    for n in range(9):
        community_page = f.make_community_page(
            setup["page"].get_parent(), f.make_community(name=f"ชุมชน {n}")
        )
        product = f.make_product(community_page, images=[f.make_image(), f.make_image()])
        product.lesson_links.add(ProductLesson(lesson=setup["lesson"], how_applied="ใช้จริง"))
        product.save_revision().publish()
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.content.decode().count("product-card") == 10


def test_products_behind_a_view_restriction_are_not_shown(client, setup):
    PageViewRestriction.objects.create(
        page=setup["page"], restriction_type=PageViewRestriction.PASSWORD, password="ลับ"
    )
    html = client.get(setup["lesson"].url).content.decode()
    assert "หมี่พันลับแล" not in html


def test_a_newly_linked_product_appears_on_a_lesson_already_viewed(client, setup):
    other_lesson = lessons_of(setup["course"])[1]
    assert "หมี่พันลับแล" not in client.get(other_lesson.url).content.decode()
    product = setup["product"]
    product.lesson_links.add(ProductLesson(lesson=other_lesson, how_applied="ตั้งราคาใหม่"))
    product.save_revision().publish()
    assert "หมี่พันลับแล" in client.get(other_lesson.url).content.decode()
