"""The Experts group: write courses, images, documents and course snippets; nothing else."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import CourseIndexPage, CoursePage
from tests.factories import lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(client):
    user = make_user(username="expert1", groups=["Experts"])
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/courses/topic/",
        "/admin/snippets/courses/expertprofile/",
    ],
)
def test_experts_reach_their_tools(client, expert, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    ["/admin/users/", "/admin/groups/", "/admin/sites/", "/admin/settings/home/sitesettings/"],
)
def test_experts_cannot_open_users_or_settings(client, expert, url):
    response = client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert not response["Location"].startswith(url)


def test_experts_can_create_and_publish_a_course(client, expert):
    catalogue = CourseIndexPage.objects.get()
    add_url = f"/admin/pages/add/courses/coursepage/{catalogue.pk}/"
    assert client.get(add_url).status_code == 200
    data = nested_form_data(
        {
            "title": "การขายสินค้าออนไลน์",
            "slug": "",
            "summary": "ขายของชุมชนผ่านมือถือ",
            "level": "beginner",
            "estimated_minutes": 90,
            "learning_outcomes": "",
            "intro": streamfield([]),
            "comments": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            "action-publish": "publish",
        }
    )
    response = client.post(add_url, data)
    assert response.status_code == 302, response.context["form"].errors
    course = CoursePage.objects.get(title="การขายสินค้าออนไลน์")
    assert course.live
    assert course.slug == "karkhaysinkhaoonailn"


def test_experts_can_edit_a_lesson(client, expert):
    lesson = lessons_of(make_course())[0]
    assert client.get(f"/admin/pages/{lesson.pk}/edit/").status_code == 200


def test_experts_cannot_add_pages_outside_the_catalogue(client, expert):
    home = Page.objects.get(depth=2)
    response = client.get(f"/admin/pages/add/courses/courseindexpage/{home.pk}/")
    assert response.status_code in (302, 403)
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code in (302, 403)


def test_a_learner_cannot_open_the_admin(client):
    client.force_login(make_user(groups=["Learners"]))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"] or "/accounts/login/" in response["Location"]


def test_course_form_rejects_a_nonsense_estimated_time(client, expert):
    catalogue = CourseIndexPage.objects.get()
    data = nested_form_data(
        {
            "title": "หลักสูตรทดลอง",
            "slug": "",
            "summary": "ทดลอง",
            "level": "beginner",
            "estimated_minutes": 0,
            "intro": streamfield([]),
            "comments": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/courses/coursepage/{catalogue.pk}/", data)
    assert response.status_code == 200
    assert "estimated_minutes" in response.context["form"].errors
    assert not CoursePage.objects.filter(title="หลักสูตรทดลอง").exists()
