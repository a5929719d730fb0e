"""Best quiz scores in the completion and progress reports, and the progress sheet."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import QuizPage
from tests import factories
from tests.quizzes.factories import make_quiz
from tests.reports.screen import screen_rows
from tests.reports.test_quiz_items import take
from tests.reports.test_reports import csv_rows, enrol, make_community

COMPLETION_URL = "/admin/reports/course-completion/"
PROGRESS_URL = "/admin/reports/learner-progress/"


@pytest.fixture
def world(db):
    """A course with a graded quiz of four questions and a practice quiz; scores in quarters."""
    laplae = make_community("ชุมชนลับแล", "uttaradit")
    chaiya = make_community("ชุมชนไชยา", "surat-thani")
    course = factories.make_course(lessons=1, title="ขายของออนไลน์")
    graded = make_quiz(course, questions=4, title="แบบทดสอบวัดผล")
    practice = make_quiz(course, questions=4, title="แบบฝึกหัดลองทำ", kind=QuizPage.Kind.PRACTICE)
    coordinator = factories.make_user(username="coord", groups=["Coordinators"])
    laplae.coordinators.add(coordinator)
    people = {}
    for name, community in [
        ("best100", laplae),
        ("half", laplae),
        ("none", laplae),
        ("far", chaiya),
    ]:
        people[name] = factories.make_user(username=name, groups=["Learners"], community=community)
        enrol(people[name], course, days_ago=3)
    # best100 fails first (25%), then scores 100%: the best attempt counts.
    take(people["best100"], graded, wrong=3)
    take(people["best100"], graded)
    take(people["half"], graded, wrong=2)
    # A practice quiz never counts toward the graded average.
    take(people["half"], practice, wrong=4)
    take(people["far"], graded, wrong=1)
    return {
        "laplae": laplae,
        "chaiya": chaiya,
        "course": course,
        "graded": graded,
        "practice": practice,
        "coordinator": coordinator,
        "people": people,
    }


def by_heading(rows):
    heading, *data = rows
    return [dict(zip(heading, row, strict=True)) for row in data]


AVERAGE = "คะแนนแบบทดสอบวัดผลสูงสุดเฉลี่ย (%)"
BEST = "คะแนนแบบทดสอบสูงสุด"
STEPS_DONE = "ขั้นตอนที่ทำแล้ว"
STEPS_TOTAL = "จำนวนขั้นตอนในหลักสูตร"


class TestCourseCompletion:
    def test_average_of_best_graded_scores_per_community(self, client, world, superuser):
        client.force_login(superuser)
        rows = by_heading(csv_rows(client.get(COMPLETION_URL + "?export=csv")))
        average = {row["ชุมชน"]: row[AVERAGE] for row in rows}
        # Laplae: best100's best is 100, half's 50; "none" never submitted and is left out.
        assert average == {"ชุมชนลับแล": "75.0", "ชุมชนไชยา": "75.0"}

    def test_only_the_filtered_enrolments_count(self, client, world, superuser):
        client.force_login(superuser)
        # Nobody in Laplae enrolled in the last day: no enrolment, no quiz score.
        from django.utils import timezone

        today = timezone.localdate().isoformat()
        rows = by_heading(csv_rows(client.get(COMPLETION_URL + f"?export=csv&dates_from={today}")))
        assert rows == []

    def test_page_shows_the_column(self, client, world, superuser):
        client.force_login(superuser)
        html = client.get(COMPLETION_URL).content.decode()
        assert AVERAGE in html
        assert "75.0" in html

    def test_query_count_does_not_grow_with_attempts(self, client, world, superuser):
        client.force_login(superuser)
        client.get(COMPLETION_URL)
        with CaptureQueriesContext(connection) as few:
            client.get(COMPLETION_URL)
        for n in range(12):
            user = factories.make_user(community=world["laplae"])
            enrol(user, world["course"])
            take(user, world["graded"], wrong=n % 4)
        with CaptureQueriesContext(connection) as many:
            client.get(COMPLETION_URL)
        assert len(many.captured_queries) == len(few.captured_queries)


class TestLearnerProgress:
    def test_best_score_per_quiz_of_the_course(self, client, world, superuser):
        client.force_login(superuser)
        rows = by_heading(csv_rows(client.get(PROGRESS_URL + "?export=csv")))
        best = {row["ชื่อผู้ใช้"]: row[BEST] for row in rows}
        assert best == {
            "best100": "แบบทดสอบวัดผล 100%",
            "half": "แบบทดสอบวัดผล 50% · แบบฝึกหัดลองทำ 0%",
            "none": "",
            "far": "แบบทดสอบวัดผล 75%",
        }

    def test_coordinator_sees_scores_of_own_community_only(self, client, world):
        client.force_login(world["coordinator"])
        html = client.get(PROGRESS_URL).content.decode()
        assert "แบบทดสอบวัดผล 100%" in html
        assert "แบบทดสอบวัดผล 75%" not in html

    def test_export_in_small_chunks_keeps_every_score(self, client, world, superuser, monkeypatch):
        # Scores are read once per chunk: rows must not lose them across chunk borders.
        monkeypatch.setattr("reports.views.EXPORT_CHUNK", 1)
        client.force_login(superuser)
        rows = by_heading(csv_rows(client.get(PROGRESS_URL + "?export=csv")))
        assert [row[BEST] for row in rows if row["ชื่อผู้ใช้"] == "far"] == ["แบบทดสอบวัดผล 75%"]
        assert len(rows) == 4

    def test_progress_sheet_lists_best_scores(self, client, world):
        client.force_login(world["coordinator"])
        html = client.get(
            f"/admin/reports/learners/{world['people']['half'].pk}/sheet/"
        ).content.decode()
        assert BEST in html
        assert "แบบทดสอบวัดผล 50% · แบบฝึกหัดลองทำ 0%" in html


class TestOnScreen:
    """The page shows the same figures as the export, not just the raw query columns."""

    def test_course_completion_rows(self, client, world, superuser):
        client.force_login(superuser)
        rows = screen_rows(client.get(COMPLETION_URL))
        laplae = next(row for row in rows if row["ชุมชน"] == "ชุมชนลับแล")
        assert laplae["จังหวัด"] == "อุตรดิตถ์"
        assert laplae["หลักสูตร"] == "ขายของออนไลน์"
        assert laplae["อัตราการเรียนจบ (%)"] == "0"
        assert laplae[AVERAGE] == "75.0"

    def test_learner_progress_rows(self, client, world, superuser):
        client.force_login(superuser)
        rows = screen_rows(client.get(PROGRESS_URL))
        half = next(row for row in rows if row["ชุมชน"] == "ชุมชนลับแล" and "50%" in row[BEST])
        assert half[BEST] == "แบบทดสอบวัดผล 50% · แบบฝึกหัดลองทำ 0%"
        assert half["จังหวัด"] == "อุตรดิตถ์"

    def test_quiz_item_rows(self, client, world, superuser):
        client.force_login(superuser)
        rows = screen_rows(client.get("/admin/reports/quiz-items/"))
        assert {row["แบบทดสอบ"] for row in rows} == {"แบบทดสอบวัดผล", "แบบฝึกหัดลองทำ"}
        assert all(row["ตอบถูก (%)"].isdigit() for row in rows)


def test_steps_done_count_passed_graded_quizzes(client, world, superuser):
    """The course has one lesson and one graded quiz to do; the practice quiz is extra."""
    client.force_login(superuser)
    rows = by_heading(csv_rows(client.get(PROGRESS_URL + "?export=csv")))
    steps = {row["ชื่อผู้ใช้"]: (row[STEPS_DONE], row[STEPS_TOTAL]) for row in rows}
    # best100 and far passed the graded quiz (pass mark 70%); half scored 50%.
    assert steps == {
        "best100": ("1", "2"),
        "half": ("0", "2"),
        "none": ("0", "2"),
        "far": ("1", "2"),
    }
