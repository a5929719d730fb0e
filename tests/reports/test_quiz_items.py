import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from quizzes.models import QuizAttempt
from quizzes.services import (
    AnswerInput,
    quiz_answers_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from tests import factories
from tests.quizzes.factories import answer_sheet, make_quiz
from tests.reports.test_reports import assert_refused, csv_rows, make_community, table_rows

URL = "/admin/reports/quiz-items/"


def take(user, quiz, *, wrong=0, overrides=None, submit=True):
    """An attempt with its first ``wrong`` answers wrong; ``overrides`` picks choices by text."""
    attempt = quiz_attempt_start(user=user, quiz=quiz)
    answers = answer_sheet(attempt, wrong=wrong)
    for number, text in (overrides or {}).items():
        question = attempt.questions[number]
        key = next(c["key"] for c in question["choices"] if c["text"] == text)
        answers[question["key"]] = AnswerInput(choice_keys=(key,))
    quiz_answers_save(user=user, attempt=attempt, answers=answers)
    if submit:
        attempt = quiz_attempt_submit(user=user, attempt=attempt)
    return attempt


@pytest.fixture
def world(db):
    """Three answer sheets in one community, one in another, and one attempt still open."""
    laplae = make_community("ชุมชนลับแล", "uttaradit")
    chaiya = make_community("ชุมชนไชยา", "surat-thani")
    course = factories.make_course(lessons=1, title="ขายของออนไลน์")
    quiz = make_quiz(course, questions=4, title="แบบทดสอบการตั้งราคา")
    coordinator = factories.make_user(username="coord", groups=["Coordinators"])
    laplae.coordinators.add(coordinator)

    def learner(name, community):
        return factories.make_user(username=name, groups=["Learners"], community=community)

    take(learner("right", laplae), quiz)
    take(learner("twowrong", laplae), quiz, wrong=2)
    take(learner("allwrong", laplae), quiz, wrong=4)
    take(learner("far", chaiya), quiz, overrides={0: "ไม่ตั้งราคา"})
    take(learner("open", laplae), quiz, wrong=4, submit=False)
    return {
        "laplae": laplae,
        "chaiya": chaiya,
        "course": course,
        "quiz": quiz,
        "coordinator": coordinator,
    }


def rows_of(client, query=""):
    rows = csv_rows(client.get(f"{URL}?export=csv&{query}"))
    return rows[1:]


class TestNumbers:
    def test_attempts_percent_and_most_common_wrong_answer(self, client, world, superuser):
        client.force_login(superuser)
        rows = rows_of(client)
        assert [row[2][:10] for row in rows] == [
            "คำถามข้อ 1",
            "คำถามข้อ 2",
            "คำถามข้อ 3",
            "คำถามข้อ 4",
        ]
        assert {row[0] for row in rows} == {"แบบทดสอบการตั้งราคา"}
        assert {row[1] for row in rows} == {"ขายของออนไลน์"}
        # attempts, right, % right, most common wrong answer, times given
        assert [row[3:] for row in rows] == [
            ["4", "1", "25", "ตั้งราคาตามใจ", "2"],
            ["4", "2", "50", "วิทยุชุมชน", "2"],
            ["4", "3", "75", "ผิด", "1"],
            ["4", "3", "75", "ผิดแน่นอน", "1"],
        ]

    def test_open_attempts_do_not_count(self, client, world, superuser):
        assert QuizAttempt.objects.filter(submitted_at__isnull=True).count() == 1
        client.force_login(superuser)
        assert all(row[3] == "4" for row in rows_of(client))

    def test_date_filter_uses_submission_date(self, client, world, superuser):
        QuizAttempt.objects.filter(user__username="allwrong").update(
            submitted_at=timezone.now() - datetime.timedelta(days=10)
        )
        client.force_login(superuser)
        since = (timezone.localdate() - datetime.timedelta(days=6)).isoformat()
        first = rows_of(client, f"dates_from={since}")[0]
        assert first[3:6] == ["3", "1", "33"]

    def test_course_filter(self, client, world, superuser):
        other = factories.make_course(lessons=1, title="ทำบัญชีครัวเรือน")
        other_quiz = make_quiz(other, questions=1, title="แบบทดสอบบัญชี")
        take(factories.make_user(community=world["laplae"]), other_quiz)
        client.force_login(superuser)
        assert {row[0] for row in rows_of(client)} == {"แบบทดสอบการตั้งราคา", "แบบทดสอบบัญชี"}
        rows = rows_of(client, f"course={other.pk}")
        assert [row[0] for row in rows] == ["แบบทดสอบบัญชี"]
        assert rows[0][3:6] == ["1", "1", "100"]

    def test_province_filter(self, client, world, superuser):
        client.force_login(superuser)
        rows = rows_of(client, "province=surat-thani")
        assert rows[0][3:] == ["1", "0", "0", "ไม่ตั้งราคา", "1"]

    def test_page_lists_the_questions_in_thai(self, client, world, superuser):
        client.force_login(superuser)
        response = client.get(URL)
        html = response.content.decode()
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "วิเคราะห์ข้อสอบรายข้อ" in html
        assert "ตั้งราคาตามใจ" in html

    def test_table_on_screen_shows_question_and_percent(self, client, world, superuser):
        client.force_login(superuser)
        first = table_rows(client.get(URL))[0]
        assert first[:2] == ["แบบทดสอบการตั้งราคา", "ขายของออนไลน์"]
        assert first[2].startswith("คำถามข้อ 1")
        assert first[3:] == ["4", "25", "ตั้งราคาตามใจ", "2"]


class TestScope:
    def test_coordinator_counts_only_own_learners(self, client, world):
        client.force_login(world["coordinator"])
        first = rows_of(client)[0]
        assert first[3:] == ["3", "1", "33", "ตั้งราคาตามใจ", "2"]

    def test_other_community_in_the_url_gives_nothing_from_it(self, client, world):
        client.force_login(world["coordinator"])
        chaiya = world["chaiya"]
        for query in (f"community={chaiya.pk}", "province=surat-thani"):
            assert "ไม่ตั้งราคา" not in client.get(f"{URL}?{query}").content.decode()
            assert_refused(client.get(f"{URL}?export=csv&{query}"), "ไม่ตั้งราคา")

    def test_learners_and_experts_cannot_open_it(self, client, world):
        for user in (
            factories.make_user(groups=["Learners"]),
            factories.make_user(groups=["Experts"]),
        ):
            client.force_login(user)
            assert client.get(URL).status_code in (302, 403)

    def test_reports_menu_lists_it(self, client, world):
        client.force_login(world["coordinator"])
        assert URL in client.get("/admin/").content.decode()


class TestExport:
    def test_xlsx_has_a_row_per_question(self, client, world, superuser):
        client.force_login(superuser)
        response = client.get(f"{URL}?export=xlsx")
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        values = list(sheet.values)
        assert len(values) == 5
        assert values[1][0] == "แบบทดสอบการตั้งราคา"
        assert values[1][6] == "ตั้งราคาตามใจ"


def test_query_count_does_not_grow_with_attempts(
    client, world, superuser, django_assert_num_queries
):
    client.force_login(superuser)
    client.get(URL)  # warm caches (site, permissions)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    with CaptureQueriesContext(connection) as few_export:
        b"".join(client.get(f"{URL}?export=csv").streaming_content)
    for n in range(35):
        user = factories.make_user(community=world["chaiya"])
        take(user, world["quiz"], wrong=n % 5)
    assert QuizAttempt.objects.filter(submitted_at__isnull=False).count() == 39
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(URL)
    with django_assert_num_queries(len(few_export.captured_queries)):
        rows = csv_rows(client.get(f"{URL}?export=csv"))
    assert rows[1][3] == "39"


class TestAnswerIds:
    """Answers carry their question and choice ids, so the report counts them in the database."""

    def test_saving_an_answer_stores_the_ids_behind_its_keys(self, world):
        attempt = QuizAttempt.objects.filter(user__username="far").get()
        first = attempt.questions[0]
        answer = attempt.answers.get(question_key=first["key"])
        chosen = next(c for c in first["choices"] if c["text"] == "ไม่ตั้งราคา")
        assert answer.question_pk == first["id"]
        assert answer.choice_pks == [chosen["id"]]

    def test_old_answers_get_their_ids_from_the_snapshot(self, world, client, superuser):
        import importlib

        from django.apps import apps

        from quizzes.models import AttemptAnswer

        before = rows_of_as(client, superuser)
        AttemptAnswer.objects.update(question_pk=None, choice_pks=[])
        assert rows_of_as(client, superuser) == []
        migration = importlib.import_module(
            "quizzes.migrations.0003_answer_question_and_choice_ids"
        )
        migration.fill_ids(apps, None)
        assert rows_of_as(client, superuser) == before

    def test_a_question_removed_since_keeps_its_wording(self, world, client, superuser):
        quiz = world["quiz"]
        first = quiz.questions.order_by("sort_order").first()
        # A later attempt whose snapshot no longer has the first question.
        newest = QuizAttempt.objects.filter(submitted_at__isnull=False).latest("pk")
        newest.snapshot["questions"] = [
            q for q in newest.snapshot["questions"] if q["id"] != first.pk
        ]
        newest.save(update_fields=["snapshot"])
        rows = rows_of_as(client, superuser)
        assert rows[0][2] == first.text
        assert rows[0][3:] == ["4", "1", "25", "ตั้งราคาตามใจ", "2"]


def rows_of_as(client, user):
    client.force_login(user)
    return rows_of(client)
