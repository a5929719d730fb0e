import csv
import datetime
import io
import re
from html import unescape

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from communities.models import Community
from courses.models import Enrolment, LessonCompletion
from tests import factories

COMPLETION_URL = "/admin/reports/course-completion/"
PROGRESS_URL = "/admin/reports/learner-progress/"


def make_community(name, province="uttaradit"):
    return Community.objects.create(name=name, province=province)


def enrol(user, course, *, lessons_done=0, days_ago=1, completed_after_days=None):
    """An enrolment ``days_ago`` old with the first ``lessons_done`` lessons finished."""
    now = timezone.now()
    enrolled_at = now - datetime.timedelta(days=days_ago)
    lessons = factories.lessons_of(course)
    for lesson in lessons[:lessons_done]:
        LessonCompletion.objects.create(user=user, lesson=lesson)
    enrolment = Enrolment.objects.create(user=user, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=enrolled_at,
        last_activity_at=enrolled_at,
        last_lesson=lessons[lessons_done - 1] if lessons_done else None,
        completed_at=(
            enrolled_at + datetime.timedelta(days=completed_after_days)
            if completed_after_days is not None
            else None
        ),
    )
    return enrolment


@pytest.fixture
def world(db):
    """Two communities in two provinces; a course of four lessons; learners at every stage."""
    laplae = make_community("ชุมชนลับแล", "uttaradit")
    chaiya = make_community("ชุมชนไชยา", "surat-thani")
    course = factories.make_course(lessons=4, title="ขายของออนไลน์")
    coordinator = factories.make_user(username="coord", groups=["Coordinators"])
    laplae.coordinators.add(coordinator)
    people = {}
    for name, community, kwargs in [
        ("done1", laplae, {"lessons_done": 4, "days_ago": 10, "completed_after_days": 2}),
        ("done2", laplae, {"lessons_done": 4, "days_ago": 10, "completed_after_days": 6}),
        ("half", laplae, {"lessons_done": 2, "days_ago": 1}),
        ("fresh", laplae, {"lessons_done": 0, "days_ago": 1}),
        ("idle", laplae, {"lessons_done": 1, "days_ago": 30}),
        ("far", chaiya, {"lessons_done": 4, "days_ago": 5, "completed_after_days": 1}),
    ]:
        user = factories.make_user(
            username=name,
            display_name=f"ผู้เรียนชื่อ {name}",
            groups=["Learners"],
            community=community,
        )
        enrol(user, course, **kwargs)
        people[name] = user
    return {
        "laplae": laplae,
        "chaiya": chaiya,
        "course": course,
        "coordinator": coordinator,
        "people": people,
    }


def assert_refused(response, *hidden):
    """A filter the user may not use refuses the export, and names nothing it hides."""
    body = response.content.decode()
    assert response.status_code == 400
    assert "ใช้ตัวกรองเหล่านี้ไม่ได้" in body
    for text in hidden:
        assert text not in body


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read Thai"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def table_rows(response) -> list[list[str]]:
    """The report table's cells as a reader sees them (text only, spaces collapsed)."""
    body = re.search(r"<tbody>(.*?)</tbody>", response.content.decode(), re.S).group(1)
    return [
        [" ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells]
        for cells in (re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in body.split("</tr>"))
        if cells
    ]


class TestAccess:
    def test_learners_and_experts_cannot_open_reports(self, client, world):
        expert = factories.make_user(groups=["Experts"])
        for user in (world["people"]["half"], expert):
            client.force_login(user)
            for url in (COMPLETION_URL, PROGRESS_URL):
                assert client.get(url).status_code in (302, 403)

    def test_coordinator_and_staff_can(self, client, world, superuser):
        for user in (world["coordinator"], superuser):
            client.force_login(user)
            response = client.get(PROGRESS_URL)
            assert response.status_code == 200
            assert "no-store" in response["Cache-Control"]

    def test_reports_menu_lists_the_reports_for_coordinators(self, client, world):
        client.force_login(world["coordinator"])
        html = client.get("/admin/").content.decode()
        assert COMPLETION_URL in html
        assert PROGRESS_URL in html


class TestCourseCompletion:
    def test_counts_rate_and_median_per_community(self, client, world, superuser):
        client.force_login(superuser)
        rows = csv_rows(client.get(COMPLETION_URL + "?export=csv"))
        by_community = {row[0]: row for row in rows[1:]}
        laplae = by_community["ชุมชนลับแล"]
        # enrolled, started, completed, rate, median days (2 and 6 days), no quiz score
        assert laplae[3:] == ["5", "4", "2", "40", "4.0", ""]
        assert by_community["ชุมชนไชยา"][3:] == ["1", "1", "1", "100", "1.0", ""]

    def test_province_filter(self, client, world, superuser):
        client.force_login(superuser)
        rows = csv_rows(client.get(COMPLETION_URL + "?export=csv&province=surat-thani"))
        assert [row[0] for row in rows[1:]] == ["ชุมชนไชยา"]

    def test_enrolment_date_filter(self, client, world, superuser):
        client.force_login(superuser)
        since = (timezone.localdate() - datetime.timedelta(days=6)).isoformat()
        rows = csv_rows(client.get(COMPLETION_URL + f"?export=csv&dates_from={since}"))
        laplae = {row[0]: row for row in rows[1:]}["ชุมชนลับแล"]
        assert laplae[3] == "2"  # only "half" and "fresh" enrolled in the last six days

    def test_page_shows_thai_labels(self, client, world, superuser):
        client.force_login(superuser)
        html = client.get(COMPLETION_URL).content.decode()
        assert "ชุมชนลับแล" in html
        assert "อุตรดิตถ์" in html

    def test_table_on_screen_shows_every_column(self, client, world, superuser):
        client.force_login(superuser)
        by_community = {row[0]: row for row in table_rows(client.get(COMPLETION_URL))}
        assert by_community["ชุมชนลับแล"] == [
            "ชุมชนลับแล",
            "อุตรดิตถ์",
            "ขายของออนไลน์",
            "5",
            "4",
            "2",
            "40",
            "4.0",
            "",  # no quiz in this course
        ]


class TestLearnerProgress:
    def test_status_percent_and_steps(self, client, world, superuser):
        client.force_login(superuser)
        rows = csv_rows(client.get(PROGRESS_URL + "?export=csv"))
        by_user = {row[1]: row for row in rows[1:]}
        status = {name: row[-2] for name, row in by_user.items()}
        percent = {name: row[5] for name, row in by_user.items()}
        assert percent == {
            "done1": "100",
            "done2": "100",
            "half": "50",
            "fresh": "0",
            "idle": "25",
            "far": "100",
        }
        labels = {"เรียนจบแล้ว", "กำลังเรียน", "ยังไม่เริ่ม", "ติดค้าง"}
        assert set(status.values()) <= labels
        assert status["idle"] == "ติดค้าง"
        assert status["fresh"] == "ยังไม่เริ่ม"
        assert status["half"] == "กำลังเรียน"
        assert status["done1"] == "เรียนจบแล้ว"

    def test_certificate_code_of_a_valid_certificate(self, client, world, superuser):
        from certificates.services import certificate_issue

        done1 = world["people"]["done1"]
        certificate = certificate_issue(user=done1, course=world["course"])
        client.force_login(superuser)
        rows = csv_rows(client.get(PROGRESS_URL + "?export=csv"))
        codes = {row[1]: row[-1] for row in rows[1:]}
        assert codes["done1"] == certificate.code
        assert codes["done2"] == ""

    def test_status_filter(self, client, world, superuser):
        client.force_login(superuser)
        rows = csv_rows(client.get(PROGRESS_URL + "?export=csv&status=stuck"))
        assert [row[1] for row in rows[1:]] == ["idle"]

    def test_stuck_link_from_dashboard_filters_the_report(self, client, world, superuser):
        client.force_login(superuser)
        html = client.get(PROGRESS_URL + "?status=stuck").content.decode()
        assert world["people"]["idle"].get_full_name() in html
        assert world["people"]["half"].get_full_name() not in html

    def test_dates_show_buddhist_era_in_thai(self, client, world, superuser):
        client.force_login(superuser)
        html = client.get(PROGRESS_URL).content.decode()
        assert str(timezone.localdate().year + 543) in html

    def test_xlsx_opens_with_openpyxl(self, client, world, superuser):
        client.force_login(superuser)
        response = client.get(f"{PROGRESS_URL}?export=xlsx&community={world['chaiya'].pk}")
        body = b"".join(response.streaming_content)
        sheet = load_workbook(io.BytesIO(body)).active
        values = list(sheet.values)
        assert len(values) == 2
        row = dict(zip(values[0], values[1], strict=True))
        assert row["ชื่อผู้ใช้"] == "far"
        assert row["ชุมชน"] == "ชุมชนไชยา"
        assert isinstance(row["เรียนครั้งล่าสุด (วันที่)"], datetime.datetime | datetime.date)

    def test_query_count_does_not_grow_with_learners(
        self, client, world, superuser, django_assert_num_queries
    ):
        client.force_login(superuser)
        client.get(PROGRESS_URL)  # warm caches (site, permissions)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            client.get(PROGRESS_URL)
        for n in range(40):
            user = factories.make_user(community=world["chaiya"])
            enrol(user, world["course"], lessons_done=n % 5)
        with django_assert_num_queries(len(few.captured_queries)):
            client.get(PROGRESS_URL)
        with CaptureQueriesContext(connection) as few_completion:
            client.get(COMPLETION_URL)
        assert len(few_completion.captured_queries) < 20


class TestScope:
    def test_coordinator_sees_only_own_community(self, client, world):
        client.force_login(world["coordinator"])
        rows = csv_rows(client.get(PROGRESS_URL + "?export=csv"))
        assert {row[2] for row in rows[1:]} == {"ชุมชนลับแล"}
        rows = csv_rows(client.get(COMPLETION_URL + "?export=csv"))
        assert [row[0] for row in rows[1:]] == ["ชุมชนลับแล"]

    @pytest.mark.parametrize("url", [PROGRESS_URL, COMPLETION_URL])
    def test_other_community_in_the_url_gives_nothing_from_it(self, client, world, url):
        client.force_login(world["coordinator"])
        chaiya = world["chaiya"]
        for query in (f"community={chaiya.pk}", "province=surat-thani"):
            body = client.get(f"{url}?{query}").content.decode()
            assert "ชุมชนไชยา" not in body
            assert "far" not in body
            assert_refused(client.get(f"{url}?export=csv&{query}"), "ชุมชนไชยา", "far")

    def test_filter_choices_list_only_own_communities(self, client, world):
        client.force_login(world["coordinator"])
        html = client.get(PROGRESS_URL).content.decode()
        assert f'value="{world["laplae"].pk}"' in html
        assert "ชุมชนไชยา" not in html
        assert "สุราษฎร์ธานี" not in html

    def test_progress_sheet_is_scoped(self, client, world):
        client.force_login(world["coordinator"])
        own = client.get(f"/admin/reports/learners/{world['people']['half'].pk}/sheet/")
        assert own.status_code == 200
        assert "ขายของออนไลน์" in own.content.decode()
        assert "no-store" in own["Cache-Control"]
        other = client.get(f"/admin/reports/learners/{world['people']['far'].pk}/sheet/")
        assert other.status_code == 404


class TestDashboard:
    def test_panel_shows_totals_chart_and_stuck_learners(self, client, world):
        client.force_login(world["coordinator"])
        html = client.get("/admin/").content.decode()
        assert "<svg" in html
        assert '<title id="report-completion-chart-title">' in html
        assert "2 จาก 5" in html
        assert "ใบประกาศนียบัตรที่ออกแล้ว" in html
        assert f"/admin/reports/learners/{world['people']['idle'].pk}/sheet/" in html
        assert "ชุมชนไชยา" not in html

    def test_no_panel_for_experts(self, client, world):
        expert = factories.make_user(groups=["Experts"])
        client.force_login(expert)
        html = client.get("/admin/").content.decode()
        assert "report-completion-chart" not in html
