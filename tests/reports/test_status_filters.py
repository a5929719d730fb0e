"""Every report filters by status: of the enrolment, of the quiz attempt, of the campaign."""

import datetime

import pytest
from django.utils import timezone

from tests import factories
from tests.communities import factories as f
from tests.reports.test_quiz_items import URL as QUIZ_ITEMS_URL
from tests.reports.test_quiz_items import rows_of
from tests.reports.test_quiz_items import world as quiz_world  # noqa: F401 (fixture)
from tests.reports.test_reports import (
    COMPLETION_URL,
    csv_rows,
    enrol,
    world,  # noqa: F401 (fixture)
)
from tests.reports.test_sales import (
    COMPLETIONS,
    SALES_URL,
    rows_by_community,
    sales,  # noqa: F401 (fixture)
)


def completion_counts(client, query=""):
    rows = csv_rows(client.get(f"{COMPLETION_URL}?export=csv&{query}"))
    # community -> (enrolled, started, completed)
    return {row[0]: row[3:6] for row in rows[1:]}


class TestCourseCompletionStatus:
    def test_each_status_counts_only_those_enrolments(self, client, world, superuser):  # noqa: F811
        client.force_login(superuser)
        assert completion_counts(client)["ชุมชนลับแล"] == ["5", "4", "2"]
        assert completion_counts(client, "status=completed")["ชุมชนลับแล"] == ["2", "2", "2"]
        assert completion_counts(client, "status=stuck")["ชุมชนลับแล"] == ["1", "1", "0"]
        assert completion_counts(client, "status=not-started")["ชุมชนลับแล"] == ["1", "0", "0"]
        # Chaiya's only learner finished, so no row is left for it when asking for stuck ones.
        assert "ชุมชนไชยา" not in completion_counts(client, "status=stuck")

    def test_the_page_offers_the_status_filter_in_thai(self, client, world, superuser):  # noqa: F811
        client.force_login(superuser)
        html = client.get(COMPLETION_URL).content.decode()
        assert 'name="status"' in html
        assert "ติดค้าง" in html

    def test_an_unknown_status_shows_nothing_and_says_why(self, client, world, superuser):  # noqa: F811
        """Wagtail alone would drop every filter and show all rows as if they matched."""
        client.force_login(superuser)
        response = client.get(f"{COMPLETION_URL}?community={world['laplae'].pk}&status=everything")
        html = response.content.decode()
        assert response.status_code == 200
        assert "ใช้ตัวกรองเหล่านี้ไม่ได้" in html
        assert "everything" in html
        assert "<tbody>" not in html

    @pytest.mark.parametrize(
        "url",
        [
            "/admin/reports/course-completion/",
            "/admin/reports/learner-progress/",
            "/admin/reports/quiz-items/",
            "/admin/reports/sales/",
        ],
    )
    def test_an_export_with_a_bad_filter_is_refused(self, client, world, superuser, url):  # noqa: F811
        client.force_login(superuser)
        response = client.get(f"{url}?export=xlsx&dates_from=31/31/2569")
        assert response.status_code == 400
        assert "ใช้ตัวกรองเหล่านี้ไม่ได้" in response.content.decode()


class TestQuizAttemptStatus:
    def test_failed_attempts_show_what_the_learners_who_did_not_pass_got_wrong(
        self,
        client,
        quiz_world,  # noqa: F811
        superuser,
    ):
        client.force_login(superuser)
        # Four submitted sheets: all right; two wrong; all wrong; one wrong (pass mark 70%).
        assert [row[3] for row in rows_of(client, "status=passed")] == ["2"] * 4
        failed = rows_of(client, "status=not-passed")
        assert [row[3] for row in failed] == ["2"] * 4
        # Of the two who did not pass, nobody answered the first question right.
        assert failed[0][4:6] == ["0", "0"]

    def test_the_page_offers_the_result_filter(self, client, quiz_world, superuser):  # noqa: F811
        client.force_login(superuser)
        html = client.get(QUIZ_ITEMS_URL).content.decode()
        assert "ไม่ผ่าน" in html


class TestCampaignStatusAndCourse:
    def test_running_and_ended_campaigns(self, client, sales, superuser):  # noqa: F811
        today = timezone.localdate()
        ended = f.make_campaign(
            sales["laplae"],
            name="รอบก่อน",
            start_date=today - datetime.timedelta(days=200),
            end_date=today - datetime.timedelta(days=150),
        )
        client.force_login(superuser)
        running = csv_rows(client.get(f"{SALES_URL}?export=csv&status=running"))
        assert {row[2] for row in running[1:]} == {"รอบขายแรก", "รอบไข่เค็ม"}
        finished = csv_rows(client.get(f"{SALES_URL}?export=csv&status=ended"))
        assert [row[2] for row in finished[1:]] == [ended.name]
        assert csv_rows(client.get(f"{SALES_URL}?export=csv&status=upcoming"))[1:] == []

    def test_course_filter_counts_only_that_courses_completions(self, client, sales, superuser):  # noqa: F811
        other = factories.make_course(lessons=1, title="ทำบัญชีครัวเรือน")
        learner = factories.make_user(community=sales["laplae"])
        enrol(learner, other, lessons_done=1, days_ago=2, completed_after_days=1)
        client.force_login(superuser)
        every = rows_by_community(client.get(f"{SALES_URL}?export=csv"))
        assert every["ชุมชนลับแล"][COMPLETIONS] == "3"
        only = rows_by_community(client.get(f"{SALES_URL}?export=csv&course={other.pk}"))
        assert only["ชุมชนลับแล"][COMPLETIONS] == "1"
        # The campaign rows stay: campaigns belong to communities, not to courses.
        assert set(only) == {"ชุมชนลับแล", "ชุมชนไชยา"}
        assert only["ชุมชนไชยา"][COMPLETIONS] == "0"


@pytest.mark.django_db
def test_an_empty_report_says_so_without_blaming_the_filters(client):
    coordinator = factories.make_user(groups=["Coordinators"])
    client.force_login(coordinator)
    html = client.get(COMPLETION_URL).content.decode()
    assert "ยังไม่มีข้อมูลสำหรับรายงานนี้" in html
