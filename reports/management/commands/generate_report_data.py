"""A large, deterministic data set for measuring every report: progress, quizzes, sales."""

import contextlib
import datetime
import random
import time
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Site

from communities.models import (
    Community,
    CommunityIndexPage,
    CommunityPage,
    ProductPage,
    SaleChannel,
    SaleRecord,
    SalesCampaign,
)
from communities.provinces import PROVINCES
from courses.models import CourseIndexPage, CoursePage, Enrolment, LessonCompletion, LessonPage
from quizzes import grading
from quizzes.models import AttemptAnswer, Choice, Question, QuizAttempt, QuizPage

PREFIX = "scale"
COMMUNITY_PREFIX = "ชุมชนทดสอบขนาดใหญ่"
BATCH = 2000

PASS_MARK = 75
# Each question with its choices (the right one first) and how often learners get it right,
# so the item analysis shows easy and hard questions.
QUESTIONS = [
    (
        "ต้นทุนของสินค้าชุมชนควรรวมอะไรบ้าง",
        ["วัตถุดิบ แรงงาน และค่าส่ง", "วัตถุดิบอย่างเดียว", "ไม่ต้องคิดต้นทุน"],
        0.9,
    ),
    (
        "ช่องทางใดให้ลูกค้าทักสั่งซื้อได้ทันที",
        ["LINE Official Account", "ใบปลิวหน้าร้าน", "ป้ายริมถนน"],
        0.75,
    ),
    (
        "ภาพสินค้าที่ดีควรถ่ายอย่างไร",
        ["แสงธรรมชาติ พื้นหลังเรียบ", "เปิดแฟลชในที่มืด", "ถ่ายไกลให้เห็นทั้งร้าน"],
        0.6,
    ),
    (
        "ฉลากอาหารแปรรูปต้องมีเลขอะไร",
        ["เลข อย.", "เลขบัญชีธนาคาร", "เลขบัตรประชาชนของผู้ผลิต"],
        0.4,
    ),
]
# Wrong answers are not spread evenly: one wrong choice per question is the tempting one.
TEMPTING = 0.7
# Learners who passed after failing once, and learners stuck before the quiz who tried it.
FAILED_FIRST = 0.3
TRIED_AND_FAILED = 0.5
ATTEMPT_GAP = datetime.timedelta(hours=3)
ATTEMPT_TIME = datetime.timedelta(minutes=12)

PRODUCTS = [
    ("น้ำพริกแกง", "ถุง 200 กรัม", Decimal("45")),
    ("ผ้าทอมือ", "ผืน", Decimal("650")),
    ("ข้าวเกรียบสมุนไพร", "ถุง", Decimal("35")),
    ("สบู่น้ำผึ้ง", "ก้อน", Decimal("60")),
]
CAMPAIGN_DAYS = 90
SALES_PER_CAMPAIGN = (200, 400)
TARGET_UNITS = (300, 800)
DELETED_SALES = 0.05
# Most sales come through Facebook and LINE, as the project intends.
CHANNELS = [SaleChannel.FACEBOOK, SaleChannel.LINE, SaleChannel.MARKET, SaleChannel.OTHER]
CHANNEL_WEIGHTS = [5, 4, 2, 1]


@contextlib.contextmanager
def dates_as_given(*fields):
    """Let ``bulk_create`` keep the dates set on each row in ``auto_now(_add)`` fields."""
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field in fields:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Command(BaseCommand):
    help = (
        "Generate learners with progress, quiz attempts and sales in generated communities "
        "and courses, to measure the reports at scale. Development databases only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=10_000)
        parser.add_argument("--communities", type=int, default=20)
        parser.add_argument("--courses", type=int, default=2)
        parser.add_argument(
            "--steps", type=int, default=10, help="Steps per course: lessons, then one quiz."
        )
        parser.add_argument("--seed", type=int, default=2569)

    def handle(self, *args, learners, communities, courses, steps, seed, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Generated report data is not allowed with these settings. "
                "Use development settings."
            )
        if steps < 1 or communities < 1:
            raise CommandError("A course needs at least one step and learners a community.")
        started = time.perf_counter()
        rng = random.Random(seed)
        with transaction.atomic():
            self.remove_previous()
            community_objs = self.make_communities(communities)
            course_objs = self.make_courses(courses, steps)
            users = self.make_learners(learners, community_objs)
            enrolments, completions, attempts = self.make_progress(rng, users, course_objs)
            campaigns, sales = self.make_sales(rng, community_objs)
        if connection.vendor == "postgresql":
            # Planner statistics for the freshly loaded tables, as autovacuum would give
            # them later, so the reports are measured with the plans they will really use.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {learners} learners in {communities} communities, {courses} courses "
                f"of {steps} steps: {enrolments} enrolments, {completions} lesson completions, "
                f"{attempts} quiz attempts, {campaigns} sales campaigns with {sales} sale "
                f"records, in {time.perf_counter() - started:.1f} s."
            )
        )

    def remove_previous(self):
        """Delete the last run's rows, the many-row tables first and in bulk.

        Left to cascade from users and pages, Django would read every attempt (and its
        snapshot) into memory before deleting it.
        """
        users = get_user_model().objects.filter(username__startswith=f"{PREFIX}-")
        AttemptAnswer.objects.filter(attempt__user__in=users).delete()
        QuizAttempt.objects.filter(user__in=users).delete()
        LessonCompletion.objects.filter(user__in=users).delete()
        Enrolment.objects.filter(user__in=users).delete()
        users.delete()
        for course in CoursePage.objects.filter(slug__startswith=f"{PREFIX}-course-"):
            course.delete()
        generated = Community.objects.filter(name__startswith=COMMUNITY_PREFIX)
        SaleRecord.objects.filter(campaign__community__in=generated).delete()
        SalesCampaign.objects.filter(community__in=generated).delete()
        for page in CommunityPage.objects.filter(community__in=generated):
            page.delete()
        generated.delete()

    def make_communities(self, count):
        provinces = [key for key, _label in PROVINCES]
        return Community.objects.bulk_create(
            Community(name=f"{COMMUNITY_PREFIX} {n:02d}", province=provinces[n % len(provinces)])
            for n in range(1, count + 1)
        )

    def make_courses(self, count, steps):
        """Courses of ``steps - 1`` lessons and a graded quiz as the last step."""
        catalogue = CourseIndexPage.objects.first()
        if catalogue is None:
            raise CommandError("Create the course catalogue first (load_demo_data does).")
        result = []
        for n in range(1, count + 1):
            course = catalogue.add_child(
                instance=CoursePage(
                    title=f"หลักสูตรทดสอบขนาดใหญ่ {n}",
                    slug=f"{PREFIX}-course-{n}",
                    summary="หลักสูตรสำหรับวัดความเร็วของรายงาน",
                )
            )
            lessons = [
                course.add_child(
                    instance=LessonPage(
                        title=f"บทที่ {k}",
                        slug=f"{PREFIX}-lesson-{n}-{k}",
                        body=[("paragraph", f"<p>บทที่ {k}</p>")],
                    )
                )
                for k in range(1, steps)
            ]
            quiz = course.add_child(instance=self.quiz_instance(n))
            result.append((course, lessons, quiz))
        return result

    def quiz_instance(self, n):
        questions = []
        for number, (text, choices, _ease) in enumerate(QUESTIONS):
            question = Question(kind=grading.SINGLE, text=text, sort_order=number)
            question.choices = [
                Choice(text=choice, is_correct=position == 0, sort_order=position)
                for position, choice in enumerate(choices)
            ]
            questions.append(question)
        return QuizPage(
            title="แบบทดสอบท้ายหลักสูตร",
            slug=f"{PREFIX}-quiz-{n}",
            pass_mark=PASS_MARK,
            shuffle_choices=True,
            questions=questions,
        )

    def make_learners(self, count, communities):
        User = get_user_model()
        User.objects.bulk_create(
            (
                User(
                    username=f"{PREFIX}-{n:05d}",
                    display_name=f"ผู้เรียนทดสอบ {n:05d}",
                    password="!",  # unusable: these accounts never sign in
                    community=communities[n % len(communities)],
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )
        users = list(User.objects.filter(username__startswith=f"{PREFIX}-").order_by("username"))
        learners = Group.objects.filter(name="Learners").first()
        if learners:
            Membership = User.groups.through
            Membership.objects.bulk_create(
                (Membership(user_id=user.pk, group_id=learners.pk) for user in users),
                batch_size=BATCH,
            )
        return users

    def make_progress(self, rng, users, courses):
        """Most learners enrol; some finish, some stop part-way, some go quiet for weeks.

        A learner who completed a course passed its quiz (some after failing once); some
        who finished every lesson but not the course tried the quiz and failed.
        """
        now = timezone.now()
        templates = {quiz.pk: self.snapshot_template(quiz) for _course, _lessons, quiz in courses}
        enrolments, completions = [], []
        attempts, answers = [], []
        for user in users:
            for course, lessons, quiz in courses:
                if rng.random() < 0.2:
                    continue
                steps = [*lessons, quiz]
                enrolled_at = now - datetime.timedelta(days=rng.randint(0, 90))
                done = rng.choice([0, len(steps), *range(1, len(steps))])
                finished = done == len(steps)
                last_activity = min(now, enrolled_at + datetime.timedelta(days=rng.randint(0, 30)))
                enrolments.append(
                    Enrolment(
                        user=user,
                        course=course,
                        enrolled_at=enrolled_at,
                        last_activity_at=last_activity,
                        last_lesson=steps[done - 1] if done else None,
                        completed_at=last_activity if finished else None,
                    )
                )
                outcomes = []
                if finished:
                    outcomes = [True]
                    if rng.random() < FAILED_FIRST:
                        outcomes = [False, True]
                elif done == len(lessons) and rng.random() < TRIED_AND_FAILED:
                    outcomes = [False]
                # The lessons came first, then the attempts a few hours apart; the last
                # attempt is the last activity (and the completion, when passed).
                lesson_done_at = max(enrolled_at, last_activity - ATTEMPT_GAP * len(outcomes))
                for number, passed in enumerate(outcomes, start=1):
                    submitted_at = max(
                        enrolled_at, last_activity - ATTEMPT_GAP * (len(outcomes) - number)
                    )
                    attempt, attempt_answers = self.attempt(
                        rng, user, quiz, templates[quiz.pk], number, passed, submitted_at
                    )
                    attempts.append(attempt)
                    answers.extend(attempt_answers)
                completions.extend(
                    LessonCompletion(user=user, lesson=lesson, completed_at=lesson_done_at)
                    for lesson in lessons[: min(done, len(lessons))]
                )
        # The rows carry their own dates: a cohort spread over months, not all "now".
        with dates_as_given(
            Enrolment._meta.get_field("enrolled_at"),
            Enrolment._meta.get_field("last_activity_at"),
            LessonCompletion._meta.get_field("completed_at"),
            QuizAttempt._meta.get_field("started_at"),
            AttemptAnswer._meta.get_field("saved_at"),
        ):
            Enrolment.objects.bulk_create(enrolments, batch_size=BATCH)
            LessonCompletion.objects.bulk_create(completions, batch_size=BATCH)
            QuizAttempt.objects.bulk_create(attempts, batch_size=BATCH)
            AttemptAnswer.objects.bulk_create(answers, batch_size=BATCH)
        return len(enrolments), len(completions), len(attempts)

    def snapshot_template(self, quiz):
        """The quiz's snapshot, built once; each attempt gets a copy with its own keys."""
        snapshot = QuizPage.objects.get(pk=quiz.pk).build_snapshot()
        for question in snapshot["questions"]:
            # build_snapshot() shuffles with the system's randomness; start from a fixed order.
            question["choices"].sort(key=lambda choice: choice["id"])
        return snapshot

    def attempt(self, rng, user, quiz, template, number, passed, submitted_at):
        """A submitted attempt with the outcome ``passed``, graded as the quiz grades it."""
        snapshot = self.attempt_snapshot(rng, template)
        questions = snapshot["questions"]
        while True:
            right = [rng.random() < ease for _text, _choices, ease in QUESTIONS]
            if grading.has_passed(sum(right), len(questions), PASS_MARK) == passed:
                break
        attempt = QuizAttempt(
            user=user,
            quiz=quiz,
            number=number,
            started_at=submitted_at - ATTEMPT_TIME,
            submitted_at=submitted_at,
            question_count=len(questions),
            snapshot=snapshot,
        )
        answers = []
        for n, (question, is_right) in enumerate(zip(questions, right, strict=True)):
            choices = sorted(question["choices"], key=lambda choice: choice["id"])
            correct = [choice for choice in choices if choice["correct"]]
            wrong = [choice for choice in choices if not choice["correct"]]
            if is_right:
                chosen = correct[0]
            elif rng.random() < TEMPTING:
                chosen = wrong[0]
            else:
                chosen = rng.choice(wrong)
            keys = [chosen["key"]]
            answers.append(
                AttemptAnswer(
                    attempt=attempt,
                    question_key=question["key"],
                    choice_keys=keys,
                    saved_at=submitted_at - ATTEMPT_TIME * (len(questions) - n) / len(questions),
                    is_correct=grading.grade_question(question, keys),
                    question_pk=question["id"],
                    choice_pks=[chosen["id"]],
                )
            )
        correct_count = sum(answer.is_correct for answer in answers)
        attempt.correct_count = correct_count
        attempt.score = grading.score_percent(correct_count, len(questions))
        attempt.passed = grading.has_passed(correct_count, len(questions), PASS_MARK)
        return attempt, answers

    def attempt_snapshot(self, rng, template):
        """As ``QuizPage.build_snapshot()`` makes it: fresh keys, choices in a new order."""
        used = set()

        def new_key():
            while (key := f"{rng.getrandbits(32):08x}") in used:
                pass
            used.add(key)
            return key

        questions = []
        for question in template["questions"]:
            choices = list(question["choices"])
            rng.shuffle(choices)
            questions.append(
                {
                    **question,
                    "key": new_key(),
                    "choices": [{**choice, "key": new_key()} for choice in choices],
                }
            )
        return {**template, "questions": questions}

    def make_sales(self, rng, communities):
        """Per community: a showcase page, two products, a 90-day campaign and its sales.

        Records are inserted in bulk, so they have no ``SaleRecordChange`` history; the
        reports read only the records.
        """
        index = self.community_index()
        today = timezone.localdate()
        start = today - datetime.timedelta(days=CAMPAIGN_DAYS - 1)
        campaigns, products = [], {}
        for n, community in enumerate(communities, start=1):
            page = index.add_child(
                instance=CommunityPage(
                    title=community.name,
                    slug=f"{PREFIX}-community-{n:02d}",
                    community=community,
                    summary="ชุมชนสำหรับวัดความเร็วของรายงาน",
                )
            )
            offered = rng.sample(PRODUCTS, 2)
            products[community.pk] = [
                page.add_child(
                    instance=ProductPage(
                        title=f"{title} {community.name}",
                        slug=f"{PREFIX}-product-{n:02d}-{k}",
                        short_description=f"{title} ทำมือโดยสมาชิกชุมชน",
                        price_baht=price,
                        unit=unit,
                    )
                )
                for k, (title, unit, price) in enumerate(offered, start=1)
            ]
            campaigns.append(
                SalesCampaign(
                    community=community,
                    name="ขายออนไลน์รอบทดสอบ",
                    start_date=start,
                    end_date=start + datetime.timedelta(days=CAMPAIGN_DAYS + 29),
                    target_units=rng.randint(*TARGET_UNITS),
                )
            )
        SalesCampaign.objects.bulk_create(campaigns)

        now = timezone.now()
        records = []
        for campaign in campaigns:
            for _n in range(rng.randint(*SALES_PER_CAMPAIGN)):
                product = rng.choice(products[campaign.community_id])
                sold_on = start + datetime.timedelta(days=rng.randrange(CAMPAIGN_DAYS))
                recorded_at = min(
                    now, timezone.make_aware(datetime.datetime.combine(sold_on, datetime.time(18)))
                )
                quantity = rng.choice([1, 1, 1, 2, 2, 3, 5])
                deleted_at = None
                if rng.random() < DELETED_SALES:
                    later = datetime.timedelta(hours=rng.randint(1, 48))
                    deleted_at = min(now, recorded_at + later)
                records.append(
                    SaleRecord(
                        campaign=campaign,
                        product=product,
                        sold_on=sold_on,
                        quantity=quantity,
                        channel=rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0],
                        amount_baht=None if rng.random() < 0.1 else product.price_baht * quantity,
                        recorded_at=recorded_at,
                        updated_at=deleted_at or recorded_at,
                        version=2 if deleted_at else 1,
                        deleted_at=deleted_at,
                    )
                )
        SaleRecord.objects.bulk_create(records, batch_size=BATCH)
        return len(campaigns), len(records)

    def community_index(self):
        index = CommunityIndexPage.objects.first()
        if index is None:
            home = Site.objects.get(is_default_site=True).root_page
            index = home.add_child(
                instance=CommunityIndexPage(title="ชุมชนและสินค้า", slug="communities")
            )
        return index
