"""Coordinator reports as Wagtail ``ReportView`` subclasses, and a learner's progress sheet.

Every report reads through ``scoped_*`` selectors first, so what a coordinator sees, can pick
in a filter and can export is limited to the communities they coordinate.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView

from accounts.models import User
from communities.models import SaleChannel
from communities.provinces import PROVINCES
from courses.models import CoursePage, Enrolment
from home.dates import format_date
from reports import selectors
from reports.filters import (
    CourseCompletionFilterSet,
    LearnerProgressFilterSet,
    QuizItemFilterSet,
    SalesFilterSet,
)

PROVINCE_LABELS = dict(PROVINCES)
EXPORT_CHUNK = 2000


def province_label(key) -> str:
    return str(PROVINCE_LABELS.get(key, key or ""))


def local_date(value) -> datetime.date | None:
    if value is None:
        return None
    return timezone.localdate(value) if isinstance(value, datetime.datetime) else value


class CoordinatorReportView(ReportView):
    """A report only coordinators and staff open, exported with the filters on screen.

    CSV starts with a UTF-8 byte order mark so Excel reads Thai as Thai, and both formats
    read the rows with ``iterator()`` so a large export does not hold every row in memory.
    """

    header_icon = "table"
    paginate_by = 50
    # Headings of the exported fields that are not columns on screen (raw dates, counts).
    export_only_headings: dict = {}

    @property
    def export_headings(self):
        return {
            **{column.name: column.label for column in self.columns},
            **self.export_only_headings,
        }

    @method_decorator(never_cache)
    def dispatch(self, request, *args, **kwargs):
        if not selectors.can_view_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate().isoformat()}"

    @property
    def filters_invalid(self) -> bool:
        return bool(self.filters) and self.filters.is_bound and not self.filters.is_valid()

    def filter_queryset(self, queryset):
        # Wagtail would drop every filter when one is wrong and show all rows as if filtered;
        # a coordinator would then read (or export) figures they did not ask for.
        if self.filters_invalid:
            return queryset.none()
        return super().filter_queryset(queryset)

    @cached_property
    def no_results_message(self):
        if not self.filters_invalid:
            if self.is_filtering:
                return _("Nothing matches these filters.")
            return _("There is nothing to report yet.")
        problems = "; ".join(
            f"{self.filters.form.fields[name].label}: {' '.join(errors)}"
            for name, errors in self.filters.form.errors.items()
            if name in self.filters.form.fields
        )
        return _("These filters cannot be used, so nothing is shown: %(problems)s") % {
            "problems": problems
        }

    def get(self, request, *args, **kwargs):
        if self.is_export:
            if self.filters_invalid:
                return HttpResponseBadRequest(self.no_results_message, content_type="text/plain")
            # Straight from the query to the file: no listing context, no list of every row.
            return self.as_spreadsheet(self.get_filtered_queryset(), request.GET.get("export"))
        # The table is built inside get_context_data(), so the page's rows are decorated
        # there (see get_table), not afterwards as the base ReportView.get() would.
        self.object_list = self.get_filtered_queryset()
        return self.render_to_response(self.get_context_data())

    def get_table(self, object_list):
        return super().get_table(self.decorate_paginated_queryset(object_list))

    def get_filtered_queryset(self):
        # get_queryset() already filters; the base class would filter a second time.
        return self.get_queryset()

    def decorate(self, item):
        """Add the values that are not columns of the query (labels, percentages)."""
        return item

    def decorate_paginated_queryset(self, object_list):
        return [self.decorate(item) for item in object_list]

    def export_rows(self, queryset):
        # A chunk at a time, decorated together, so per-row extras cost a query per chunk.
        chunk = []
        for item in queryset.iterator(chunk_size=EXPORT_CHUNK):
            chunk.append(item)
            if len(chunk) == EXPORT_CHUNK:
                yield from self.decorate_paginated_queryset(chunk)
                chunk = []
        yield from self.decorate_paginated_queryset(chunk)

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(self.export_rows(queryset))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def write_xlsx(self, queryset, output):
        return super().write_xlsx(self.export_rows(queryset), output)


class CourseCompletionReportView(CoordinatorReportView):
    page_title = _("Course completion by community")
    index_url_name = "reports:course_completion"
    index_results_url_name = "reports:course_completion_results"
    filterset_class = CourseCompletionFilterSet
    export_filename = "course-completion"
    columns = [
        Column("community_name", label=_("community")),
        Column("province", label=_("province")),
        Column("course_title", label=_("course")),
        Column("enrolled", label=_("enrolled")),
        Column("started", label=_("started")),
        Column("completed", label=_("completed")),
        Column("completion_rate", label=_("completion rate (%)")),
        Column("median_days", label=_("median days to complete")),
        Column("average_quiz_score", label=_("average best graded-quiz score (%)")),
    ]
    list_export = [column.name for column in columns]

    def get_queryset(self):
        enrolments = self.filter_queryset(selectors.scoped_enrolments(self.request.user))
        self.enrolments = enrolments
        return selectors.completion_by_community(enrolments)

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        self.medians = selectors.median_days_to_complete(self.enrolments, rows)
        self.quiz_scores = selectors.average_best_graded_score(self.enrolments, rows)
        return [self.decorate(row) for row in rows]

    def export_rows(self, queryset):
        # One row per course x community: few enough to read at once.
        return self.decorate_paginated_queryset(queryset)

    def decorate(self, row):
        group = (row["course_id"], row["user__community_id"])
        median = self.medians.get(group)
        quiz_score = self.quiz_scores.get(group)
        return {
            **row,
            "community_name": row["user__community__name"] or _("(no community)"),
            "province": province_label(row["user__community__province"]),
            "course_title": row["course__title"],
            "completion_rate": selectors.percent(row["completed"], row["enrolled"]),
            "median_days": None if median is None else round(median, 1),
            "average_quiz_score": None if quiz_score is None else round(quiz_score, 1),
        }


class LearnerProgressReportView(CoordinatorReportView):
    page_title = _("Learner progress")
    index_url_name = "reports:learner_progress"
    index_results_url_name = "reports:learner_progress_results"
    filterset_class = LearnerProgressFilterSet
    export_filename = "learner-progress"
    columns = [
        TitleColumn(
            "learner",
            label=_("learner"),
            get_url=lambda row: reverse("reports:progress_sheet", args=[row.user_id]),
        ),
        Column("community_name", label=_("community")),
        Column("province", label=_("province")),
        Column("course_title", label=_("course")),
        Column("percent", label=_("% complete")),
        Column("steps", label=_("steps done")),
        Column("quiz_scores", label=_("best quiz scores")),
        Column("last_activity", label=_("last activity")),
        Column("status_label", label=_("status")),
        Column("certificate_code", label=_("certificate")),
    ]
    list_export = [
        "learner",
        "username",
        "community_name",
        "province",
        "course_title",
        "percent",
        "steps_done",
        "step_total",
        "quiz_scores",
        "last_activity_date",
        "last_activity",
        "status_label",
        "certificate_code",
    ]
    export_only_headings = {
        "username": _("username"),
        "steps_done": _("steps done"),
        "step_total": _("steps in course"),
        "last_activity_date": _("last activity (date)"),
        "certificate_code": _("certificate code"),
    }

    def get_base_queryset(self):
        enrolments = selectors.scoped_enrolments(self.request.user)
        return selectors.learner_progress(enrolments).order_by(
            "user__community__province", "user__community__name", "user__username", "course_id"
        )

    def get_queryset(self):
        queryset = super().get_queryset()
        self.prepare_courses(CoursePage.objects.values_list("pk", flat=True))
        return queryset

    def prepare_courses(self, course_ids):
        """Per course, once: its required steps and its quizzes."""
        course_ids = list(course_ids)
        self.required_steps = selectors.required_steps(course_ids)
        self.course_quizzes = selectors.course_quizzes(course_ids)

    def decorate_paginated_queryset(self, object_list):
        enrolments = list(object_list)
        self.quiz_scores = selectors.best_quiz_scores(enrolments, self.course_quizzes)
        self.steps_done = selectors.steps_done(enrolments, self.required_steps)
        return [self.decorate(enrolment) for enrolment in enrolments]

    def decorate(self, enrolment):
        total = len(self.required_steps.get(enrolment.course_id, ()))
        community = enrolment.user.community
        enrolment.learner = enrolment.user.get_full_name()
        enrolment.username = enrolment.user.username
        enrolment.community_name = community.name if community else ""
        enrolment.province = province_label(community.province) if community else ""
        enrolment.course_title = enrolment.course.title
        enrolment.step_total = total
        enrolment.steps_done = self.steps_done.get(enrolment.pk, 0)
        enrolment.steps = f"{enrolment.steps_done} / {total}"
        enrolment.percent = (
            100
            if enrolment.status == selectors.COMPLETED
            else selectors.percent(enrolment.steps_done, total)
        )
        enrolment.last_activity_date = local_date(enrolment.last_activity_at)
        enrolment.last_activity = format_date(enrolment.last_activity_at)
        enrolment.status_label = selectors.STATUS_LABELS[enrolment.status]
        enrolment.quiz_scores = " · ".join(
            f"{quiz.title} {selectors.score_label(score)}"
            for quiz, score in self.quiz_scores.get(enrolment.pk, [])
        )
        return enrolment


def _sales_columns() -> list[Column]:
    channels = [
        Column(
            selectors.channel_field(channel), label=_("units via %(channel)s") % {"channel": label}
        )
        for channel, label in SaleChannel.choices
    ]
    return [
        Column("community_name", label=_("community")),
        Column("province", label=_("province")),
        Column("campaign_name", label=_("campaign")),
        Column("period", label=_("campaign dates")),
        Column("target_units", label=_("target (units)")),
        Column("units", label=_("units sold")),
        Column("target_percent", label=_("% of target")),
        *channels,
        Column("products", label=_("units per product")),
        Column("completions", label=_("course completions in the community")),
    ]


class SalesReportView(CoordinatorReportView):
    """Each campaign's units sold against its target, beside its community's completions."""

    page_title = _("Sales and learning by community")
    index_url_name = "reports:sales"
    index_results_url_name = "reports:sales_results"
    filterset_class = SalesFilterSet
    export_filename = "sales"

    @property
    def columns(self):
        return _sales_columns()

    @property
    def list_export(self):
        fields = [column.name for column in _sales_columns()]
        period = fields.index("period")
        return [*fields[:period], "start_date", "end_date", *fields[period + 1 :]]

    export_only_headings = {"start_date": _("start date"), "end_date": _("end date")}

    def filter_value(self, name):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get(name)
        return None

    def sale_dates(self) -> tuple:
        dates = self.filter_value("dates")
        return (dates.start, dates.stop) if dates else (None, None)

    def get_queryset(self):
        campaigns = self.filter_queryset(selectors.scoped_campaigns(self.request.user))
        start, stop = self.sale_dates()
        return selectors.sales_by_campaign(
            campaigns, start=start, stop=stop, course=self.filter_value("course")
        )

    def decorate_paginated_queryset(self, object_list):
        campaigns = list(object_list)
        start, stop = self.sale_dates()
        self.products = selectors.units_per_product(
            [campaign.pk for campaign in campaigns], start=start, stop=stop
        )
        return [self.decorate(campaign) for campaign in campaigns]

    def export_rows(self, queryset):
        # One row per campaign: few enough to read at once.
        return self.decorate_paginated_queryset(queryset)

    def decorate(self, campaign):
        campaign.community_name = campaign.community.name
        campaign.province = province_label(campaign.community.province)
        campaign.campaign_name = campaign.name
        campaign.period = f"{format_date(campaign.start_date)} - {format_date(campaign.end_date)}"
        campaign.target_percent = selectors.percent(campaign.units, campaign.target_units)
        campaign.products = " · ".join(
            f"{title} {units}" for title, units in self.products.get(campaign.pk, [])
        )
        return campaign


class QuizItemReportView(CoordinatorReportView):
    """Per question: how many answered, how many right, and the wrong answer most given."""

    page_title = _("Quiz item analysis")
    index_url_name = "reports:quiz_items"
    index_results_url_name = "reports:quiz_items_results"
    filterset_class = QuizItemFilterSet
    export_filename = "quiz-items"
    columns = [
        Column("quiz_title", label=_("quiz")),
        Column("course_title", label=_("course")),
        Column("question", label=_("question")),
        Column("attempts", label=_("attempts")),
        Column("correct_percent", label=_("answered correctly (%)")),
        Column("wrong_answer", label=_("most common wrong answer")),
        Column("wrong_answer_count", label=_("times given")),
    ]
    export_only_headings = {
        "question_text": _("question"),
        "correct": _("answered correctly"),
    }
    list_export = [
        "quiz_title",
        "course_title",
        "question_text",
        "attempts",
        "correct",
        "correct_percent",
        "wrong_answer",
        "wrong_answer_count",
    ]

    def get_queryset(self):
        attempts = self.filter_queryset(selectors.scoped_quiz_attempts(self.request.user))
        return selectors.quiz_item_analysis(attempts)

    def export_rows(self, queryset):
        # Already aggregated in memory: one row per question.
        return self.decorate_paginated_queryset(queryset)

    def decorate(self, row):
        return {
            **row,
            "question": Truncator(row["question_text"]).chars(80),
            "correct_percent": selectors.percent(row["correct"], row["attempts"]),
        }


@never_cache
def progress_sheet(request, user_id):
    """One printable page of a learner's progress, for facilitators who meet them in person."""
    if not selectors.can_view_reports(request.user):
        raise PermissionDenied
    learner = get_object_or_404(User.objects.select_related("community"), pk=user_id)
    allowed = selectors.sees_everything(request.user) or (
        selectors.scoped_communities(request.user).filter(pk=learner.community_id).exists()
    )
    if not allowed:
        raise Http404
    enrolments = Enrolment.objects.filter(user=learner)
    view = LearnerProgressReportView()
    view.request = request
    rows = list(selectors.learner_progress(enrolments).order_by("course__title"))
    view.prepare_courses([row.course_id for row in rows])
    return TemplateResponse(
        request,
        "reports/progress_sheet.html",
        {
            "learner": learner,
            "community_province": province_label(
                learner.community.province if learner.community else ""
            ),
            "rows": view.decorate_paginated_queryset(rows),
            "printed_on": format_date(timezone.localdate()),
        },
    )
