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
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from communities.models import Community
from courses.models import CoursePage, Enrolment, LessonCompletion
from courses.steps import steps_for_courses

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


def with_lessons_done(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Annotate ``lessons_done``: live lessons of the enrolment's course the learner finished."""
    done = (
        LessonCompletion.objects.filter(
            user=OuterRef("user_id"),
            lesson__live=True,
            lesson__path__startswith=OuterRef("course__path"),
            lesson__depth=OuterRef("course__depth") + 1,
        )
        .order_by()
        .values("user")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return enrolments.annotate(
        lessons_done=Coalesce(Subquery(done, output_field=IntegerField()), 0)
    )


def with_certificate_code(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Annotate ``certificate_code``: the valid certificate for this course, if any."""
    code = Certificate.objects.valid().filter(
        user=OuterRef("user_id"), course=OuterRef("course_id")
    )
    return enrolments.annotate(certificate_code=Subquery(code.values("code")[:1]))


def learner_progress(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    progress = with_certificate_code(with_lessons_done(with_status(enrolments)))
    return progress.select_related("user", "user__community", "course")


def required_step_counts(course_ids) -> dict[int, int]:
    """Number of live required steps per course (a query per step type, not per learner)."""
    courses = list(CoursePage.objects.filter(pk__in=set(course_ids)))
    return {
        course_id: sum(1 for page in pages if page.is_required_step())
        for course_id, pages in steps_for_courses(courses).items()
    }


def percent(done: int, total: int) -> int:
    if not total:
        return 0
    return min(100, round(100 * done / total))


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
    }
