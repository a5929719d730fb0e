"""Showcase pages cost the same queries for 3 products or 30, 10 sale records or 1,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from communities.models import ProductImage
from tests.communities import factories as f

pytestmark = pytest.mark.django_db


def _count_queries(client, url) -> int:
    client.get(url)  # the first view generates image renditions
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _assert_same_queries(client, url, expected, django_assert_num_queries):
    client.get(url)  # renditions for what was added
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.fixture
def world(home):
    index = f.make_index_page(home)
    community = f.make_community(name="กลุ่มแม่บ้านลับแล")
    page = f.make_community_page(index, community, cover_photo=f.make_image("ปก"))
    campaign = f.make_campaign(community)
    person = f.make_person(community, photo=f.make_image("คน"), phone="081-000-0000")
    products = [_product(page, person) for _ in range(3)]
    f.make_sales(campaign, products[0], 10)
    return {
        "index": index,
        "page": page,
        "campaign": campaign,
        "person": person,
        "products": products,
    }


def _product(page, person=None):
    product = f.make_product(page, images=[f.make_image(), f.make_image()])
    if person is not None:
        product.gallery_images.add(
            ProductImage(image=f.make_image(), alt_text="คนทำ", person=person)
        )
        product.save()
    return product


def _grow(world, products=27, sales=990):
    for _ in range(products):
        world["products"].append(_product(world["page"], world["person"]))
    for product in world["products"][:10]:
        f.make_sales(world["campaign"], product, sales // 10)


def test_community_page_queries_do_not_grow(client, world, django_assert_num_queries):
    url = world["page"].url
    expected = _count_queries(client, url)
    _grow(world)
    response = _assert_same_queries(client, url, expected, django_assert_num_queries)
    assert "ขายแล้ว 1000 จาก 100 ชิ้น" in response.content.decode()


def test_community_page_for_its_coordinator_does_not_grow(client, world, django_assert_num_queries):
    client.force_login(f.make_coordinator(world["page"].community))
    url = world["page"].url
    expected = _count_queries(client, url)
    _grow(world)
    _assert_same_queries(client, url, expected, django_assert_num_queries)


def test_product_page_queries_do_not_grow(client, world, django_assert_num_queries):
    product = world["products"][0]
    url = product.url
    expected = _count_queries(client, url)
    for _ in range(27):
        product.gallery_images.add(ProductImage(image=f.make_image(), alt_text="ภาพเพิ่ม"))
    product.save_revision().publish()
    f.make_sales(world["campaign"], product, 990)
    response = _assert_same_queries(client, url, expected, django_assert_num_queries)
    assert "ขายแล้ว 1000 ชิ้นในแคมเปญนี้" in response.content.decode()


def test_index_page_queries_do_not_grow(client, world, django_assert_num_queries):
    url = world["index"].url
    expected = _count_queries(client, url)
    _grow(world, products=3)
    for n in range(5):
        community = f.make_community(province="surat-thani")
        f.make_community_page(world["index"], community, cover_photo=f.make_image(f"ปก {n}"))
        f.make_sales(f.make_campaign(community), world["products"][0], 20)
    response = _assert_same_queries(client, url, expected, django_assert_num_queries)
    assert response.content.decode().count("community-card") >= 6


def test_sales_form_queries_do_not_grow(client, world, django_assert_num_queries):
    client.force_login(f.make_coordinator(world["page"].community))
    url = reverse("communities:campaign_sales", kwargs={"campaign_id": world["campaign"].pk})
    expected = _count_queries(client, url)
    _grow(world)
    _assert_same_queries(client, url, expected, django_assert_num_queries)
