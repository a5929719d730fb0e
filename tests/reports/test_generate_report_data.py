"""The generated data set exercises every report, its numbers agree, and the queries stay flat."""

import datetime
import io
import re
from collections import Counter, defaultdict

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Max, Sum
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from communities.models import (
    Community,
    CommunityIndexPage,
    CommunityPage,
    ProductPage,
    SaleRecord,
    SalesCampaign,
)
from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from quizzes import grading
from quizzes.models import AttemptAnswer, QuizAttempt, QuizPage
from reports.management.commands.generate_report_data import COMMUNITY_PREFIX, QUESTIONS
from tests import factories
from tests.reports.test_reports import csv_rows

SMALL = {"learners": 60, "communities": 3, "courses": 2, "steps": 4}
PAGES = [
    "/admin/reports/course-completion/",
    "/admin/reports/learner-progress/",
    "/admin/reports/quiz-items/",
    "/admin/reports/sales/",
]
EXPORTS = [
    "/admin/reports/course-completion/?export=csv",
    "/admin/reports/learner-progress/?export=csv",
    "/admin/reports/quiz-items/?export=csv",
    "/admin/reports/sales/?export=csv",
]


def generate(**options) -> str:
    out = io.StringIO()
    call_command("generate_report_data", **{**SMALL, **options}, stdout=out)
    return out.getvalue()


def learners():
    return User.objects.filter(username__startswith="scale-")


def courses():
    return list(CoursePage.objects.filter(slug__startswith="scale-course-").order_by("slug"))


def quiz_of(course) -> QuizPage:
    return QuizPage.objects.child_of(course).get()


def read(client, url) -> list[list[str]]:
    """An export's rows without the heading, whether streamed or not."""
    return csv_rows(client.get(url))[1:]


@pytest.fixture
def generated(db):
    return generate()


class TestCounts:
    def test_learners_communities_and_courses_as_asked(self, generated):
        assert learners().count() == 60
        communities = Community.objects.filter(name__startswith=COMMUNITY_PREFIX)
        assert communities.count() == 3
        # Learners spread evenly over the communities.
        assert set(Counter(learners().values_list("community_id", flat=True)).values()) == {20}
        assert len(courses()) == 2
        for course in courses():
            steps = [page.specific for page in course.get_children().live().order_by("path")]
            assert [type(page) for page in steps] == [LessonPage, LessonPage, LessonPage, QuizPage]
            quiz = steps[-1]
            assert quiz.kind == QuizPage.Kind.GRADED
            assert quiz.pass_mark == 75
            questions = list(quiz.questions.all())
            assert len(questions) == len(QUESTIONS) == 4
            for question in questions:
                assert question.kind == grading.SINGLE
                assert [choice.is_correct for choice in question.choices.all()] == [
                    True,
                    False,
                    False,
                ]

    def test_summary_line_counts_what_was_written(self, generated):
        summary = re.search(
            r"(\d+) enrolments, (\d+) lesson completions, (\d+) quiz attempts, "
            r"(\d+) sales campaigns with (\d+) sale records",
            generated,
        )
        numbers = [int(n) for n in summary.groups()]
        assert numbers == [
            Enrolment.objects.filter(user__in=learners()).count(),
            LessonCompletion.objects.filter(user__in=learners()).count(),
            QuizAttempt.objects.filter(user__in=learners()).count(),
            SalesCampaign.objects.count(),
            SaleRecord.objects.count(),
        ]
        assert generated.startswith("Generated 60 learners in 3 communities, 2 courses of 4 steps:")
        assert all(numbers), numbers

    def test_each_community_has_a_showcase_products_and_a_campaign(self, generated):
        today = timezone.localdate()
        index = CommunityIndexPage.objects.get()
        for community in Community.objects.filter(name__startswith=COMMUNITY_PREFIX):
            page = CommunityPage.objects.get(community=community)
            assert page.get_parent().pk == index.pk
            assert ProductPage.objects.child_of(page).live().count() == 2
            campaign = SalesCampaign.objects.get(community=community)
            assert 300 <= campaign.target_units <= 800
            assert campaign.start_date == today - datetime.timedelta(days=89)
            assert campaign.end_date >= today
            records = SaleRecord.objects.filter(campaign=campaign)
            assert 200 <= records.count() <= 400
            assert records.filter(deleted_at__isnull=False).exists()
            assert not records.exclude(sold_on__range=(campaign.start_date, today)).exists()
            assert set(records.values_list("product__path", flat=True)) <= {
                product.path for product in ProductPage.objects.child_of(page)
            }
            assert records.values("channel").distinct().count() > 1


class TestAttempts:
    def test_attempts_are_graded_as_the_quiz_grades_them(self, generated):
        attempts = QuizAttempt.objects.filter(user__in=learners()).prefetch_related("answers")
        assert attempts.count() > 10
        first_keys = set()
        for attempt in attempts:
            assert attempt.submitted_at is not None
            assert attempt.started_at < attempt.submitted_at
            questions = {question["key"]: question for question in attempt.questions}
            answers = list(attempt.answers.all())
            assert {answer.question_key for answer in answers} == set(questions)
            for answer in answers:
                question = questions[answer.question_key]
                assert set(answer.choice_keys) <= {c["key"] for c in question["choices"]}
                assert answer.is_correct == grading.grade_question(question, answer.choice_keys)
            correct = sum(answer.is_correct for answer in answers)
            assert attempt.question_count == len(questions) == 4
            assert attempt.correct_count == correct
            assert float(attempt.score) == grading.score_percent(correct, 4)
            assert attempt.passed == grading.has_passed(correct, 4, 75)
            first_keys.add(attempt.questions[0]["key"])
        # Every attempt has its own keys, as a real attempt's snapshot does.
        assert len(first_keys) == attempts.count()

    def test_numbers_run_from_one_and_only_the_last_attempt_passes(self, generated):
        by_learner = defaultdict(list)
        for user_id, quiz_id, number, passed in (
            QuizAttempt.objects.filter(user__in=learners())
            .order_by("number")
            .values_list("user_id", "quiz_id", "number", "passed")
        ):
            by_learner[(user_id, quiz_id)].append((number, passed))
        shapes = Counter(tuple(passed for _n, passed in rows) for rows in by_learner.values())
        assert set(shapes) == {(True,), (False, True), (False,)}, shapes
        for rows in by_learner.values():
            assert [number for number, _passed in rows] == list(range(1, len(rows) + 1))

    def test_completed_enrolments_are_the_learners_who_passed(self, generated):
        for course in courses():
            quiz = quiz_of(course)
            lessons = LessonPage.objects.child_of(course)
            completed = set(
                Enrolment.objects.filter(course=course, completed_at__isnull=False).values_list(
                    "user_id", flat=True
                )
            )
            passed = set(
                QuizAttempt.objects.filter(quiz=quiz, passed=True).values_list("user_id", flat=True)
            )
            assert completed == passed
            assert completed
            tried = set(QuizAttempt.objects.filter(quiz=quiz).values_list("user_id", flat=True))
            for user_id in tried:
                # Nobody reaches the quiz before finishing every lesson.
                assert (
                    LessonCompletion.objects.filter(user_id=user_id, lesson__in=lessons).count()
                    == lessons.count()
                )
            assert tried - passed, "some learners finished the lessons but failed the quiz"


class TestRerun:
    def test_rerun_replaces_and_keeps_other_data(self, db):
        someone = factories.make_user(username="keep-me")
        generate()
        before = self.counts()
        first = generate()
        second = generate()
        assert self.counts() == before
        # Same seed, same data set.
        assert re.sub(r" in [\d.]+ s\.", "", first) == re.sub(r" in [\d.]+ s\.", "", second)
        assert User.objects.filter(pk=someone.pk).exists()

    def counts(self):
        return {
            model.__name__: model.objects.count()
            for model in (
                User,
                Community,
                CoursePage,
                LessonPage,
                QuizPage,
                CommunityPage,
                ProductPage,
                Enrolment,
                LessonCompletion,
                QuizAttempt,
                AttemptAnswer,
                SalesCampaign,
                SaleRecord,
            )
        }

    @override_settings(DEMO_DATA_ALLOWED=False)
    def test_refused_outside_development(self, db):
        with pytest.raises(CommandError, match="not allowed"):
            generate()
        assert not learners().exists()


class TestReports:
    @pytest.mark.parametrize("url", PAGES)
    def test_every_report_page_has_rows(self, client, generated, superuser, url):
        client.force_login(superuser)
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["table"].row_count > 0

    def test_course_completion_counts_the_learners_who_passed(self, client, generated, superuser):
        client.force_login(superuser)
        rows = read(client, EXPORTS[0])
        assert len(rows) == 3 * 2
        communities = dict(
            Community.objects.filter(name__startswith=COMMUNITY_PREFIX).values_list("name", "pk")
        )
        quizzes = {course.title: quiz_of(course) for course in courses()}
        for name, _province, course_title, enrolled, _started, completed, *_rest, score in rows:
            quiz = quizzes[course_title]
            members = learners().filter(community_id=communities[name])
            assert (
                int(enrolled)
                == Enrolment.objects.filter(user__in=members, course__title=course_title).count()
            )
            passed = QuizAttempt.objects.filter(user__in=members, quiz=quiz, passed=True)
            assert int(completed) == passed.count() > 0
            best = (
                QuizAttempt.objects.filter(user__in=members, quiz=quiz)
                .values("user")
                .annotate(best=Max("score"))
                .values_list("best", flat=True)
            )
            assert float(score) == round(sum(map(float, best)) / len(best), 1)

    def test_sales_units_are_the_records_not_deleted(self, client, generated, superuser):
        client.force_login(superuser)
        rows = read(client, EXPORTS[3])
        assert len(rows) == 3
        for row in rows:
            campaign = SalesCampaign.objects.get(community__name=row[0])
            current = SaleRecord.objects.filter(campaign=campaign, deleted_at__isnull=True)
            units = current.aggregate(units=Sum("quantity"))["units"]
            every = SaleRecord.objects.filter(campaign=campaign).aggregate(units=Sum("quantity"))[
                "units"
            ]
            assert int(row[5]) == campaign.target_units
            assert int(row[6]) == units < every
            per_channel = [int(n) for n in row[8:12]]
            assert sum(per_channel) == units
            assert (
                per_channel[0]
                == current.filter(channel="facebook").aggregate(units=Sum("quantity"))["units"]
            )
            assert (
                int(row[13])
                == Enrolment.objects.filter(
                    user__community=campaign.community, completed_at__isnull=False
                ).count()
            )

    def test_quiz_items_count_every_answer_and_hard_questions_show(
        self, client, generated, superuser
    ):
        client.force_login(superuser)
        rows = read(client, EXPORTS[2])
        assert len(rows) == 2 * len(QUESTIONS)
        for course in courses():
            quiz = quiz_of(course)
            attempts = QuizAttempt.objects.filter(quiz=quiz).count()
            right = Counter()
            for attempt in QuizAttempt.objects.filter(quiz=quiz).prefetch_related("answers"):
                ids = {question["key"]: question["id"] for question in attempt.questions}
                for answer in attempt.answers.all():
                    right[ids[answer.question_key]] += answer.is_correct
            mine = [row for row in rows if row[1] == course.title]
            assert [row[2] for row in mine] == [text for text, _choices, _ease in QUESTIONS]
            for row, question in zip(mine, quiz.questions.all(), strict=True):
                assert int(row[3]) == attempts
                assert int(row[4]) == right[question.pk]
            rates = [int(row[5]) for row in mine]
            # The easiest question is answered right far more often than the hardest,
            # whose most common wrong answer is the tempting one.
            assert rates[0] > rates[-1] + 20, rates
            assert mine[-1][6] == QUESTIONS[-1][1][1]


def test_query_counts_do_not_grow_with_learners(client, db, superuser):
    client.force_login(superuser)

    def query_counts():
        counts = {}
        for url in PAGES + EXPORTS:
            client.get(url)  # warm caches (site, permissions, translations)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
                if response.streaming:
                    b"".join(response.streaming_content)
            assert response.status_code == 200
            counts[url] = len(queries.captured_queries)
        return counts

    generate(learners=30)
    few = query_counts()
    generate(learners=90)
    assert learners().count() == 90
    assert query_counts() == few
