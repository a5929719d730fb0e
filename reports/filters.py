"""Filters shared by the reports. Choices are limited to the communities the user may read."""

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from communities.models import Community, SalesCampaign
from communities.provinces import PROVINCES
from courses.models import CoursePage, Enrolment
from quizzes.models import QuizAttempt
from reports.selectors import (
    ATTEMPT_STATUS_CHOICES,
    CAMPAIGN_STATUS_CHOICES,
    PASSED,
    STATUS_CHOICES,
    campaigns_with_status,
    scoped_communities,
    with_status,
)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def dates_filter(label) -> django_filters.DateFromToRangeFilter:
    return django_filters.DateFromToRangeFilter(
        label=label, widget=DateRangePickerWidget, method="filter_dates"
    )


def status_filter(label, choices, empty_label) -> django_filters.ChoiceFilter:
    """Each report reads "status" its own way: see each filter set's ``filter_status``."""
    return django_filters.ChoiceFilter(
        label=label, choices=choices, empty_label=empty_label, method="filter_status"
    )


class ReportFilterSet(WagtailFilterSet):
    """Province, community, course and a date range, scoped to the user's communities.

    Subclasses name the paths from their rows to the community, the course and the date.
    A community id the user may not read is not a valid choice, so it filters nothing in;
    the rows themselves are scoped before any filter runs.
    """

    community_path = "user__community"
    course_path = "course"
    date_path = "enrolled_at"
    date_is_datetime = True

    province = django_filters.ChoiceFilter(
        label=_("province"), choices=[], method="filter_province", empty_label=_("All provinces")
    )
    community = django_filters.ModelChoiceFilter(
        label=_("community"),
        queryset=Community.objects.none(),
        method="filter_community",
        empty_label=_("All communities"),
    )
    course = django_filters.ModelChoiceFilter(
        label=_("course"),
        queryset=lambda request: CoursePage.objects.order_by("title"),
        method="filter_course",
        empty_label=_("All courses"),
    )
    dates = dates_filter(_("dates"))

    class Meta:
        model = Enrolment
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        communities = scoped_communities(request.user)
        self.filters["community"].queryset = communities
        provinces = set(communities.values_list("province", flat=True))
        self.filters["province"].extra["choices"] = [
            (key, label) for key, label in PROVINCES if key in provinces
        ]

    def filter_province(self, queryset, name, value):
        return queryset.filter(**{f"{self.community_path}__province": value})

    def filter_community(self, queryset, name, value):
        return queryset.filter(**{self.community_path: value})

    def filter_course(self, queryset, name, value):
        return queryset.filter(**{self.course_path: value})

    def filter_dates(self, queryset, name, value):
        start, stop = value.start, value.stop
        if self.date_is_datetime:
            start = start and _day_start(start)
            stop = stop and _day_start(stop + datetime.timedelta(days=1))
            if start:
                queryset = queryset.filter(**{f"{self.date_path}__gte": start})
            if stop:
                queryset = queryset.filter(**{f"{self.date_path}__lt": stop})
            return queryset
        if start:
            queryset = queryset.filter(**{f"{self.date_path}__gte": start})
        if stop:
            queryset = queryset.filter(**{f"{self.date_path}__lte": stop})
        return queryset


class CourseCompletionFilterSet(ReportFilterSet):
    """Dates pick the cohort: learners who enrolled between them; status picks who counts."""

    dates = dates_filter(_("enrolled between"))
    status = status_filter(_("status"), STATUS_CHOICES, _("Any status"))

    def filter_status(self, queryset, name, value):
        return with_status(queryset).filter(status=value)


class LearnerProgressFilterSet(ReportFilterSet):
    date_path = "last_activity_at"

    dates = dates_filter(_("last activity between"))
    status = status_filter(_("status"), STATUS_CHOICES, _("Any status"))

    def filter_status(self, queryset, name, value):
        # The listing already carries the status annotation.
        return queryset.filter(status=value)


class SalesFilterSet(ReportFilterSet):
    """Dates pick the campaigns running in them; the report counts the sales made in them."""

    community_path = "community"
    dates = dates_filter(_("sold between"))
    status = status_filter(_("campaign"), CAMPAIGN_STATUS_CHOICES, _("Any campaign"))

    def filter_course(self, queryset, name, value):
        # Campaigns are not per course: the report counts only that course's completions.
        return queryset

    def filter_status(self, queryset, name, value):
        return campaigns_with_status(queryset, value)

    class Meta:
        model = SalesCampaign
        fields = []

    def filter_dates(self, queryset, name, value):
        if value.start:
            queryset = queryset.filter(end_date__gte=value.start)
        if value.stop:
            queryset = queryset.filter(start_date__lte=value.stop)
        return queryset


class QuizItemFilterSet(ReportFilterSet):
    """Dates pick the attempts submitted between them."""

    date_path = "submitted_at"
    dates = dates_filter(_("submitted between"))
    status = status_filter(_("attempt result"), ATTEMPT_STATUS_CHOICES, _("Any result"))

    def filter_status(self, queryset, name, value):
        return queryset.filter(passed=value == PASSED)

    class Meta:
        model = QuizAttempt
        fields = []

    def filter_course(self, queryset, name, value):
        # A quiz is a step of its course: a child page in the tree.
        return queryset.filter(quiz__path__startswith=value.path)
