import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from courses.models import Enrolment, LessonCompletion
from courses.services import lesson_complete
from tests.factories import lessons_of, make_course, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    user = make_user()
    client.force_login(user)
    return user


def complete_url(lesson):
    return lesson.url + "complete/"


def test_catalogue_lists_live_courses_for_anonymous_visitors(client):
    course = make_course(title="ขายออนไลน์ด้วย LINE OA")
    draft = make_course(title="หลักสูตรร่าง")
    draft.unpublish()
    html = client.get("/courses/").content.decode()
    assert course.title in html
    assert "หลักสูตรร่าง" not in html


def test_catalogue_filters_by_topic(client):
    from courses.models import Topic

    marketing = Topic.objects.create(name="การตลาดออนไลน์", slug="online-marketing")
    make_course(title="ขายออนไลน์", topic=marketing)
    make_course(title="ทำบรรจุภัณฑ์")
    html = client.get("/courses/?topic=online-marketing").content.decode()
    assert "ขายออนไลน์" in html
    assert "ทำบรรจุภัณฑ์" not in html


def test_catalogue_shows_a_signed_in_learners_progress(client, learner):
    course = make_course(lessons=4)
    lesson_complete(user=learner, lesson=lessons_of(course)[0])
    html = client.get("/courses/").content.decode()
    assert 'aria-valuenow="25"' in html


def test_course_page_offers_start_then_continue_then_review(client, learner):
    course = make_course(lessons=2)
    html = client.get(course.url).content.decode()
    assert "เริ่มเรียน" in html or "Start this course" in html
    response = client.post(course.url + "start/")
    first, second = lessons_of(course)
    assert response.status_code == 302
    assert response["Location"] == first.url
    assert Enrolment.objects.filter(user=learner, course=course).exists()

    client.post(complete_url(first))
    html = client.get(course.url).content.decode()
    assert f'href="{second.url}"' in html
    assert "เรียนต่อ" in html
    assert "50%" in html

    client.post(complete_url(second))
    html = client.get(course.url).content.decode()
    assert "ทบทวน" in html
    assert 'aria-valuenow="100"' in html


def test_start_needs_post(client, learner):
    course = make_course()
    assert client.get(course.url + "start/").status_code == 405
    assert not Enrolment.objects.exists()


def test_finishing_a_lesson_moves_to_the_next(client, learner):
    course = make_course(lessons=3)
    first, second, _third = lessons_of(course)
    response = client.post(complete_url(first))
    assert response.status_code == 302
    assert response["Location"] == second.url
    assert LessonCompletion.objects.filter(user=learner, lesson=first).exists()


def test_finishing_the_last_lesson_returns_to_the_course(client, learner):
    course = make_course(lessons=1)
    response = client.post(complete_url(lessons_of(course)[0]))
    assert response["Location"] == course.url
    assert Enrolment.objects.get(user=learner).completed_at is not None


def test_completing_by_get_is_refused(client, learner):
    course = make_course()
    response = client.get(complete_url(lessons_of(course)[0]))
    assert response.status_code == 405
    assert not LessonCompletion.objects.exists()


def test_completing_an_unpublished_lesson_is_404(client, learner):
    course = make_course(lessons=2)
    lesson = lessons_of(course)[1]
    url = complete_url(lesson)
    lesson.unpublish()
    assert client.post(url).status_code == 404
    assert client.post("/courses/no-such-course/no-such-lesson/complete/").status_code == 404
    assert not LessonCompletion.objects.exists()


def test_completing_a_locked_lesson_is_403_with_the_way_forward(client, learner):
    course = make_course(lessons=3, sequential=True)
    first, _second, third = lessons_of(course)
    response = client.post(complete_url(third))
    assert response.status_code == 403
    html = response.content.decode()
    assert "ล็อก" in html
    assert f'href="{first.url}"' in html
    assert not LessonCompletion.objects.exists()


def test_locked_lesson_page_explains_and_hides_the_content(client, learner):
    course = make_course(lessons=2, sequential=True)
    first, second = lessons_of(course)
    response = client.get(second.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "เนื้อหาบทที่ 2" not in html
    assert f'href="{first.url}"' in html


def test_anonymous_lesson_asks_to_sign_in_and_come_back(client):
    course = make_course()
    lesson = lessons_of(course)[0]
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "เนื้อหาบทที่ 1" not in html
    assert f"/accounts/login/?next={lesson.url}" in html
    response = client.post(complete_url(lesson))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not LessonCompletion.objects.exists()


def test_sign_in_returns_to_the_lesson(client):
    from tests.factories import PASSWORD

    user = make_user()
    lesson = lessons_of(make_course())[0]
    response = client.post(
        "/accounts/login/",
        {"username": user.username, "password": PASSWORD, "next": lesson.url},
    )
    assert response.status_code == 302
    assert response["Location"] == lesson.url


def test_completion_needs_a_csrf_token(learner):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(learner)
    lesson = lessons_of(make_course())[0]
    assert csrf_client.post(complete_url(lesson)).status_code == 403
    assert not LessonCompletion.objects.exists()


def test_lesson_page_shows_position_and_neighbours(client, learner):
    course = make_course(lessons=3)
    first, second, third = lessons_of(course)
    html = client.get(second.url).content.decode()
    assert "2 / 3" in html or "ขั้นที่ 2 จาก 3" in html
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{third.url}" rel="next"' in html
    assert "เนื้อหาบทที่ 2" in html


def test_my_learning_lists_only_my_courses(client, learner):
    mine, theirs = make_course(title="หลักสูตรของฉัน"), make_course(title="หลักสูตรของคนอื่น")
    lesson_complete(user=learner, lesson=lessons_of(mine)[0])
    lesson_complete(user=make_user(), lesson=lessons_of(theirs)[0])
    response = client.get("/my/")
    html = response.content.decode()
    assert "หลักสูตรของฉัน" in html
    assert "หลักสูตรของคนอื่น" not in html
    assert "no-store" in response["Cache-Control"]


def test_my_learning_needs_sign_in(client):
    response = client.get("/my/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_editors_preview_lessons_as_learners_see_them(rf, superuser):
    course = make_course(lessons=2, sequential=True)
    second = lessons_of(course)[1]
    request = rf.get("/")
    request.user = superuser
    response = second.make_preview_request(request)
    assert response.status_code == 200
    # Locked for a learner who has not started, but the editor sees the whole lesson.
    assert "เนื้อหาบทที่ 2" in response.content.decode()


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["course", "lesson"])
def test_query_count_does_not_grow_with_the_course(client, learner, page):
    small = make_course(lessons=3, title="หลักสูตรสั้น")
    large = make_course(lessons=30, title="หลักสูตรยาว")
    for course in (small, large):
        for lesson in lessons_of(course)[:2]:
            lesson_complete(user=learner, lesson=lesson)

    def url(course):
        return course.url if page == "course" else lessons_of(course)[1].url

    client.get(url(small))  # warm per-process caches (site root paths, content types)
    small_count = _count_queries(client, url(small))
    large_count = _count_queries(client, url(large))
    assert small_count == large_count
    assert large_count <= 12
