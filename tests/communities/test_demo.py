"""The demo content shows both communities, their products, people and progress."""

import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from communities.models import (
    Community,
    CommunityIndexPage,
    ProductLesson,
    ProductPage,
    SalesCampaign,
)
from courses.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db


def test_demo_communities_products_campaigns_and_people(client):
    call_command("load_demo_data", stdout=open(os.devnull, "w"))
    laplae = Community.objects.get(province="uttaradit")
    chaiya = Community.objects.get(province="surat-thani")
    for community in (laplae, chaiya):
        products = ProductPage.objects.live().child_of(community.page)
        assert products.count() >= 3
        assert all(product.gallery_images.exists() for product in products)
        campaign = SalesCampaign.objects.get(community=community)
        assert campaign.contains(timezone.localdate())
        assert campaign.sales.current().exists()
    assert User.objects.get(username="coordinator").is_coordinator_of(laplae)
    assert set(laplae.members.values_list("username", flat=True)) >= {"learner", "learner2"}

    index = CommunityIndexPage.objects.get()
    assert index.show_in_menus
    home_html = client.get("/").content.decode()
    assert f'href="{index.url}"' in home_html
    html = client.get(laplae.page.url).content.decode()
    assert "นางบัวผัน ศรีลับแล" in html and "089-000-1234" in html
    # The weaver has not consented yet: her name shows, her photo does not.
    assert "นางคำแสง ทอผ้า" in html
    assert html.count("person__photo") == 1


def test_demo_products_are_linked_to_lessons_of_both_courses(client):
    call_command("load_demo_data", stdout=open(os.devnull, "w"))
    links = ProductLesson.objects.select_related("lesson")
    courses = {
        CoursePage.objects.get(path=link.lesson.path[: -LessonPage.steplen]).pk for link in links
    }
    assert len(courses) == 2
    assert all(ProductPage.objects.get(pk=link.product_id).live for link in links)
    client.force_login(User.objects.get(username="learner"))
    lesson = LessonPage.objects.get(slug="modern-packaging-and-labels")
    html = client.get(lesson.url).content.decode()
    assert "สินค้าจากชุมชนที่นำบทเรียนนี้ไปใช้" in html
    assert "หมี่พันลับแล" in html and "ไข่เค็มไชยา" in html
