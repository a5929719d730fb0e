"""Reads behind the coordinator reports.

Every count is an aggregate or a correlated subquery in the database, so a page of a report
costs the same number of queries whether a community has five learners or five thousand.
"""

import datetime
import statistics
from collections import defaultdict

from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from communities.models import Community, SaleChannel, SaleRecord, SalesCampaign
from communities.selectors import pick_campaign
from courses.models import CoursePage, Enrolment, LessonCompletion, LessonPage
from courses.steps import children_by_course
from quizzes.models import AttemptAnswer, Question, QuizAttempt, QuizPage

# A learner with no activity for this long, and not finished, needs a nudge.
STUCK_AFTER = datetime.timedelta(days=14)

NOT_STARTED = "not-started"
IN_PROGRESS = "in-progress"
COMPLETED = "completed"
STUCK = "stuck"
STATUS_CHOICES = [
    (NOT_STARTED, _("not started")),
    (IN_PROGRESS, _("in progress")),
    (COMPLETED, _("completed")),
    (STUCK, _("stuck")),
]
STATUS_LABELS = dict(STATUS_CHOICES)


# Access and scope


def can_view_reports(user) -> bool:
    return user.is_active and (user.is_staff or user.has_perm("reports.view_reports"))


def sees_everything(user) -> bool:
    """Staff and superusers read every community; coordinators only their own."""
    return user.is_active and (user.is_superuser or user.is_staff)


def scoped_communities(user) -> QuerySet[Community]:
    if sees_everything(user):
        return Community.objects.all()
    if not can_view_reports(user):
        return Community.objects.none()
    return Community.objects.filter(coordinators=user)


def scoped_enrolments(user) -> QuerySet[Enrolment]:
    enrolments = Enrolment.objects.all()
    if sees_everything(user):
        return enrolments
    return enrolments.filter(user__community__in=scoped_communities(user))


def scoped_certificates(user) -> QuerySet[Certificate]:
    certificates = Certificate.objects.valid()
    if sees_everything(user):
        return certificates
    return certificates.filter(user__community__in=scoped_communities(user))


def scoped_quiz_attempts(user) -> QuerySet[QuizAttempt]:
    """Submitted attempts only: an open attempt's answers may still change."""
    attempts = QuizAttempt.objects.filter(submitted_at__isnull=False)
    if sees_everything(user):
        return attempts
    return attempts.filter(user__community__in=scoped_communities(user))


def scoped_campaigns(user) -> QuerySet[SalesCampaign]:
    campaigns = SalesCampaign.objects.all()
    if sees_everything(user):
        return campaigns
    return campaigns.filter(community__in=scoped_communities(user))


# Learner progress


def with_status(enrolments: QuerySet[Enrolment], *, now=None) -> QuerySet[Enrolment]:
    """Annotate ``status``: completed, stuck (idle for 14 days), not started, in progress."""
    now = now or timezone.now()
    return enrolments.annotate(
        status=Case(
            When(completed_at__isnull=False, then=Value(COMPLETED)),
            When(last_activity_at__lt=now - STUCK_AFTER, then=Value(STUCK)),
            When(last_lesson__isnull=True, then=Value(NOT_STARTED)),
            default=Value(IN_PROGRESS),
        )
    )


def _courses(course_ids) -> QuerySet[CoursePage]:
    return CoursePage.objects.filter(pk__in=set(course_ids)).only("pk", "path", "depth")


def required_steps(course_ids) -> dict[int, set[int]]:
    """Ids of the steps completion waits for in each course: live lessons and graded quizzes.

    The report's "steps done" and "steps in course" both come from these sets, so a learner
    who did every step reads 100%. Three queries, however many courses.
    """
    courses = list(_courses(course_ids))
    lessons = children_by_course(LessonPage.objects.live().only("pk", "path", "depth"), courses)
    graded = children_by_course(
        QuizPage.objects.live().filter(kind=QuizPage.Kind.GRADED).only("pk", "path", "depth"),
        courses,
    )
    return {
        course_id: {page.pk for page in lessons[course_id] + graded[course_id]}
        for course_id in lessons
    }


def steps_done(enrolments, required: dict[int, set[int]]) -> dict[int, int]:
    """Required steps each enrolment's learner has done (lessons finished, graded quizzes
    passed), keyed by enrolment id.

    Read for a batch (a page, or a chunk of an export) in two queries, so a far page does not
    count every row before it.
    """
    enrolments = list(enrolments)
    step_ids = set().union(*required.values())
    if not enrolments or not step_ids:
        return {}
    users = {enrolment.user_id for enrolment in enrolments}
    done = defaultdict(set)
    finished = LessonCompletion.objects.filter(user_id__in=users, lesson_id__in=step_ids)
    passed = (
        QuizAttempt.objects.filter(user_id__in=users, quiz_id__in=step_ids, passed=True)
        .order_by()
        .values_list("user_id", "quiz_id")
        .distinct()
    )
    for user_id, step_id in [*finished.values_list("user_id", "lesson_id"), *passed]:
        done[user_id].add(step_id)
    return {
        enrolment.pk: len(done[enrolment.user_id] & required.get(enrolment.course_id, set()))
        for enrolment in enrolments
    }


def with_certificate_code(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Annotate ``certificate_code``: the valid certificate for this course, if any."""
    code = Certificate.objects.valid().filter(
        user=OuterRef("user_id"), course=OuterRef("course_id")
    )
    return enrolments.annotate(certificate_code=Subquery(code.values("code")[:1]))


def learner_progress(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    progress = with_certificate_code(with_status(enrolments))
    return progress.select_related("user", "user__community", "course")


def percent(done: int, total: int) -> int:
    if not total:
        return 0
    return min(100, round(100 * done / total))


# Quiz scores


def course_quizzes(course_ids) -> dict[int, list[QuizPage]]:
    """Live quizzes of each course, in outline order: one query, however many courses."""
    quizzes = QuizPage.objects.live().only("pk", "title", "path", "depth", "kind")
    return children_by_course(quizzes, _courses(course_ids))


def best_quiz_scores(
    enrolments, quizzes: dict[int, list[QuizPage]]
) -> dict[int, list[tuple[QuizPage, float]]]:
    """Each enrolment's best submitted score per quiz of its course, keyed by enrolment id.

    One query for a batch of enrolments (a page, or a chunk of an export), so the cost does
    not grow with the number of learners on the page.
    """
    enrolments = list(enrolments)
    quiz_ids = {quiz.pk for course in quizzes.values() for quiz in course}
    if not enrolments or not quiz_ids:
        return {}
    best = {
        (row["user_id"], row["quiz_id"]): row["best"]
        for row in QuizAttempt.objects.filter(
            submitted_at__isnull=False,
            user_id__in={enrolment.user_id for enrolment in enrolments},
            quiz_id__in=quiz_ids,
        )
        .order_by()
        .values("user_id", "quiz_id")
        .annotate(best=Max("score"))
    }
    result = {}
    for enrolment in enrolments:
        scores = [
            (quiz, float(best[(enrolment.user_id, quiz.pk)]))
            for quiz in quizzes.get(enrolment.course_id, [])
            if (enrolment.user_id, quiz.pk) in best
        ]
        if scores:
            result[enrolment.pk] = scores
    return result


def average_best_graded_score(enrolments: QuerySet[Enrolment], groups) -> dict[tuple, float]:
    """Mean of the learners' best graded-quiz scores per (course id, community id) in ``groups``.

    Each learner counts once per graded quiz they submitted: their best attempt. Learners who
    never submitted are left out rather than counted as zero. Two queries, done in the
    database per learner and quiz, then averaged here over at most a page of groups.
    """
    groups = {(row["course_id"], row["user__community_id"]) for row in groups}
    if not groups:
        return {}
    quizzes = course_quizzes({course for course, _community in groups})
    course_of = {}
    match = Q()
    for course_id, course_quiz_list in quizzes.items():
        graded = [quiz.pk for quiz in course_quiz_list if quiz.is_required_step()]
        if not graded:
            continue
        course_of.update(dict.fromkeys(graded, course_id))
        # The attempt counts only for a learner in this report's enrolments of that course.
        match |= Q(
            quiz_id__in=graded,
            user_id__in=enrolments.filter(course_id=course_id).values("user_id"),
        )
    if not course_of:
        return {}
    totals: dict[tuple, list] = defaultdict(lambda: [0.0, 0])
    rows = (
        QuizAttempt.objects.filter(match, submitted_at__isnull=False)
        .order_by()
        .values("user_id", "user__community_id", "quiz_id")
        .annotate(best=Max("score"))
        .values_list("user__community_id", "quiz_id", "best")
    )
    for community_id, quiz_id, best in rows.iterator(chunk_size=2000):
        key = (course_of[quiz_id], community_id)
        if key in groups:
            totals[key][0] += float(best)
            totals[key][1] += 1
    return {key: total / count for key, (total, count) in totals.items()}


def score_label(score: float) -> str:
    """80.0 -> "80%", 66.67 -> "66.7%"."""
    return f"{round(score, 1):g}%"


# Course completion by community


def completion_by_community(enrolments: QuerySet[Enrolment]) -> QuerySet:
    """One row per course x community with enrolled, started and completed counts."""
    finished = Q(completed_at__isnull=False)
    return (
        enrolments.order_by()
        .values(
            "course_id",
            "course__title",
            "user__community_id",
            "user__community__name",
            "user__community__province",
        )
        .annotate(
            enrolled=Count("pk"),
            started=Count("pk", filter=finished | Q(last_lesson__isnull=False)),
            completed=Count("pk", filter=finished),
        )
        .order_by("user__community__province", "user__community__name", "course__title")
    )


def median_days_to_complete(enrolments: QuerySet[Enrolment], groups) -> dict[tuple, float]:
    """Median days from enrolment to completion per (course id, community id) in ``groups``.

    One query over the completed enrolments of those groups only (at most a page of them);
    the median itself is taken in Python so the same code runs on SQLite and PostgreSQL.
    """
    groups = {(row["course_id"], row["user__community_id"]) for row in groups}
    if not groups:
        return {}
    durations = defaultdict(list)
    rows = (
        enrolments.filter(
            completed_at__isnull=False,
            course_id__in={course for course, _community in groups},
        )
        .annotate(
            took=ExpressionWrapper(
                F("completed_at") - F("enrolled_at"), output_field=DurationField()
            )
        )
        .values_list("course_id", "user__community_id", "took")
    )
    for course_id, community_id, took in rows.iterator(chunk_size=2000):
        if (course_id, community_id) in groups:
            durations[(course_id, community_id)].append(took.total_seconds() / 86400)
    return {key: statistics.median(values) for key, values in durations.items()}


# Sales against the target, beside the learning behind them

RUNNING = "running"
ENDED = "ended"
UPCOMING = "upcoming"
CAMPAIGN_STATUS_CHOICES = [
    (RUNNING, _("running today")),
    (ENDED, _("ended")),
    (UPCOMING, _("not started yet")),
]


def campaigns_with_status(campaigns: QuerySet[SalesCampaign], status: str, *, today=None):
    today = today or timezone.localdate()
    if status == RUNNING:
        return campaigns.running_on(today)
    if status == ENDED:
        return campaigns.filter(end_date__lt=today)
    if status == UPCOMING:
        return campaigns.filter(start_date__gt=today)
    return campaigns


# Quiz attempts: the learner passed, or not
PASSED = "passed"
NOT_PASSED = "not-passed"
ATTEMPT_STATUS_CHOICES = [(PASSED, _("passed")), (NOT_PASSED, _("not passed"))]


def _counted_sales(prefix: str, start=None, stop=None) -> Q:
    """Sales that count (not marked deleted), sold between ``start`` and ``stop`` if given."""
    counted = Q(**{f"{prefix}deleted_at__isnull": True})
    if start:
        counted &= Q(**{f"{prefix}sold_on__gte": start})
    if stop:
        counted &= Q(**{f"{prefix}sold_on__lte": stop})
    return counted


def _units(counted: Q):
    return Coalesce(Sum("sales__quantity", filter=counted), 0)


def channel_field(channel: str) -> str:
    return f"units_{channel}"


def _campaign_units(counted: Q):
    """Units of the outer campaign's sales that match ``counted``: a correlated subquery."""
    units = (
        SaleRecord.objects.filter(counted, campaign=OuterRef("pk"))
        .order_by()
        .values("campaign")
        .annotate(n=Sum("quantity"))
        .values("n")
    )
    return Coalesce(Subquery(units, output_field=IntegerField()), 0)


def sales_by_campaign(
    campaigns: QuerySet[SalesCampaign], *, start=None, stop=None, course=None
) -> QuerySet:
    """One row per campaign: units sold, units per channel and the community's completions.

    Completions are the completed enrolments of the community's members (of ``course`` only
    when given; completed between ``start`` and ``stop`` when a date range is given). Every
    figure is a subquery per campaign: joined and grouped, the completions subquery would run
    once per sale record.
    """
    counted = _counted_sales("", start, stop)
    per_channel = {
        channel_field(channel): _campaign_units(counted & Q(channel=channel))
        for channel in SaleChannel.values
    }
    completed = Enrolment.objects.filter(
        user__community=OuterRef("community_id"), completed_at__isnull=False
    )
    if course:
        completed = completed.filter(course=course)
    if start:
        completed = completed.filter(completed_at__date__gte=start)
    if stop:
        completed = completed.filter(completed_at__date__lte=stop)
    completed = completed.order_by().values("user__community").annotate(n=Count("pk")).values("n")
    return (
        campaigns.annotate(
            units=_campaign_units(counted),
            **per_channel,
            completions=Coalesce(Subquery(completed, output_field=IntegerField()), 0),
        )
        .select_related("community")
        .order_by("community__province", "community__name", "-start_date", "-pk")
    )


def units_per_product(campaign_ids, *, start=None, stop=None) -> dict[int, list[tuple[str, int]]]:
    """Units sold per product for the given campaigns, best sellers first: one query."""
    rows = (
        SaleRecord.objects.filter(_counted_sales("", start, stop), campaign_id__in=campaign_ids)
        .order_by()
        .values("campaign_id", "product__title")
        .annotate(units=Sum("quantity"))
        .order_by("campaign_id", "-units", "product__title")
    )
    products = defaultdict(list)
    for row in rows:
        products[row["campaign_id"]].append((row["product__title"], row["units"]))
    return products


# Dashboard


def dashboard_summary(user, *, stuck_limit: int = 8) -> dict:
    """Totals, completion per community and a few stuck learners, in a fixed number of queries."""
    communities = scoped_communities(user)
    enrolments = scoped_enrolments(user)
    per_community = {
        row["user__community_id"]: row
        for row in enrolments.filter(user__community__in=communities)
        .order_by()
        .values("user__community_id")
        .annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
        )
    }
    rows = []
    for community in communities.annotate(learners=Count("members")).order_by("province", "name"):
        counts = per_community.get(community.pk, {})
        rows.append(
            {
                "community": community,
                "learners": community.learners,
                "enrolled": counts.get("enrolled", 0),
                "completed": counts.get("completed", 0),
            }
        )
    sales = campaign_per_community(user)
    for row in rows:
        row["campaign"] = sales.get(row["community"].pk)
    stuck = list(
        with_status(enrolments)
        .filter(status=STUCK)
        .select_related("user", "course")
        .order_by("last_activity_at")[:stuck_limit]
    )
    return {
        "learners": sum(row["learners"] for row in rows),
        "completions": enrolments.filter(completed_at__isnull=False).count(),
        "certificates": scoped_certificates(user).count(),
        "communities": rows,
        "stuck": stuck,
        "units_sold": sum(campaign.units for campaign in sales.values()),
        "units_target": sum(campaign.target_units for campaign in sales.values()),
    }


def campaign_per_community(user) -> dict[int, SalesCampaign]:
    """Each community's campaign to show (as on its public page), with ``units`` sold: one query."""
    campaigns = defaultdict(list)
    for campaign in scoped_campaigns(user).annotate(units=_units(_counted_sales("sales__"))):
        campaigns[campaign.community_id].append(campaign)
    return {
        community_id: pick_campaign(community_campaigns)
        for community_id, community_campaigns in campaigns.items()
    }


# Quiz item analysis


def quiz_item_analysis(attempts: QuerySet[QuizAttempt]) -> list[dict]:
    """One row per question of the quizzes in ``attempts``: answers, right ones, top wrong one.

    Answers carry the ids of their question and choices, so the counting is done in the
    database; only the distinct wrong answers and one snapshot per quiz (for the wording
    learners saw last) come back to Python. A fixed number of queries, however many attempts.
    """
    attempts = attempts.filter(submitted_at__isnull=False)
    answers = AttemptAnswer.objects.filter(attempt__in=attempts, question_pk__isnull=False)
    counts = {
        (row["attempt__quiz_id"], row["question_pk"]): (row["answered"], row["right"])
        for row in answers.order_by()
        .values("attempt__quiz_id", "question_pk")
        .annotate(answered=Count("pk"), right=Count("pk", filter=Q(is_correct=True)))
    }
    if not counts:
        return []

    # Wording and right answers as the most recent attempt at each quiz showed them.
    latest = attempts.order_by().values("quiz_id").annotate(last=Max("pk")).values("last")
    labels: dict[tuple[int, int], str] = {}
    choice_labels: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
    choice_order: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    correct_choices: dict[tuple[int, int], set] = defaultdict(set)
    for quiz_id, snapshot in QuizAttempt.objects.filter(pk__in=latest).values_list(
        "quiz_id", "snapshot"
    ):
        for question in snapshot.get("questions", []):
            item = (quiz_id, question["id"])
            labels[item] = question["text"]
            for position, choice in enumerate(question.get("choices", [])):
                choice_labels[item][choice["id"]] = choice["text"]
                choice_order[item][choice["id"]] = position
                if choice["correct"]:
                    correct_choices[item].add(choice["id"])
    # A question no longer in the latest snapshot keeps its stored wording, if it still exists.
    missing = [item for item in counts if item not in labels]
    stored = Question.objects.prefetch_related("choices").in_bulk({pk for _quiz, pk in missing})
    for item in missing:
        question = stored.get(item[1])
        if question is None:
            continue
        labels[item] = question.text
        for position, choice in enumerate(question.choices.all()):
            choice_labels[item][choice.pk] = choice.text
            choice_order[item][choice.pk] = position
            if choice.is_correct:
                correct_choices[item].add(choice.pk)

    wrong_answers: dict[tuple[int, int], dict] = defaultdict(lambda: defaultdict(int))
    wrong = (
        answers.filter(is_correct=False)
        .order_by()
        .values_list("attempt__quiz_id", "question_pk", "choice_pks", "text")
        .annotate(n=Count("pk"))
    )
    for quiz_id, question_pk, choice_pks, text, n in wrong:
        item = (quiz_id, question_pk)
        if choice_pks:
            for choice_pk in choice_pks:
                if choice_pk not in correct_choices[item]:
                    wrong_answers[item][("choice", choice_pk)] += n
        elif text.strip():
            wrong_answers[item][("text", " ".join(text.split()))] += n

    quizzes = {
        quiz.pk: quiz
        for quiz in QuizPage.objects.filter(pk__in={item[0] for item in counts}).only(
            "pk", "title", "path", "depth"
        )
    }
    courses = {
        course.path: course.title
        for course in CoursePage.objects.filter(
            path__in={quiz.path[: -quiz.steplen] for quiz in quizzes.values()}
        ).only("pk", "title", "path")
    }
    positions = dict(
        Question.objects.filter(pk__in={item[1] for item in counts}).values_list("pk", "sort_order")
    )
    rows = []
    for item, (answered, right) in counts.items():
        quiz = quizzes.get(item[0])
        if quiz is None:
            continue
        top_wrong, top_count = "", 0
        if wrong_answers.get(item):
            # Most given first; ties go to the choice listed first, then to the text.
            (kind, value), top_count = min(
                wrong_answers[item].items(),
                key=lambda pair: (
                    -pair[1],
                    choice_order[item].get(pair[0][1], len(choice_order[item]))
                    if pair[0][0] == "choice"
                    else len(choice_order[item]),
                    str(pair[0][1]),
                ),
            )
            top_wrong = choice_labels[item].get(value, "") if kind == "choice" else value
        rows.append(
            {
                "quiz_id": quiz.pk,
                "question_id": item[1],
                "quiz_title": quiz.title,
                "course_title": courses.get(quiz.path[: -quiz.steplen], ""),
                "question_text": labels.get(item, ""),
                "attempts": answered,
                "correct": right,
                "wrong_answer": top_wrong,
                "wrong_answer_count": top_count,
                "position": positions.get(item[1]),
            }
        )
    rows.sort(
        key=lambda row: (
            row["course_title"],
            row["quiz_title"],
            row["quiz_id"],
            row["position"] is None,
            row["position"] or 0,
            row["question_id"],
        )
    )
    return rows
