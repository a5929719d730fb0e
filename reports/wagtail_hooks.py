from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from reports import selectors, urls
from reports.charts import Bar, bar_chart


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/", include(urls, namespace="reports"))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.can_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_course_completion_menu_item():
    return ReportMenuItem(
        _("Course completion by community"),
        reverse("reports:course_completion"),
        name="course-completion",
        icon_name="table",
        order=100,
    )


@hooks.register("register_reports_menu_item")
def register_learner_progress_menu_item():
    return ReportMenuItem(
        _("Learner progress"),
        reverse("reports:learner_progress"),
        name="learner-progress",
        icon_name="user",
        order=110,
    )


@hooks.register("register_reports_menu_item")
def register_sales_menu_item():
    return ReportMenuItem(
        _("Sales and learning by community"),
        reverse("reports:sales"),
        name="sales",
        icon_name="doc-full",
        order=120,
    )


@hooks.register("register_reports_menu_item")
def register_quiz_items_menu_item():
    return ReportMenuItem(
        _("Quiz item analysis"),
        reverse("reports:quiz_items"),
        name="quiz-items",
        icon_name="help",
        order=115,
    )


class ReportsDashboardPanel(Component):
    name = "reports_dashboard"
    order = 50
    template_name = "reports/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        summary = selectors.dashboard_summary(self.user)
        bars = [
            Bar(
                label=row["community"].name,
                value=row["completed"],
                maximum=row["enrolled"],
                text=_("%(completed)s of %(enrolled)s")
                % {"completed": row["completed"], "enrolled": row["enrolled"]},
            )
            for row in summary["communities"]
        ]
        sales_bars = [
            Bar(
                label=row["community"].name,
                value=row["campaign"].units,
                maximum=row["campaign"].target_units,
                text=_("%(sold)s of %(target)s units")
                % {"sold": row["campaign"].units, "target": row["campaign"].target_units},
            )
            for row in summary["communities"]
            if row["campaign"] is not None
        ]
        return {
            **summary,
            "units_percent": selectors.percent(summary["units_sold"], summary["units_target"]),
            "sales_chart": sales_bars
            and bar_chart(
                title=_("Units sold per community"),
                description=_(
                    "For each community, units sold in its current campaign out of the target."
                ),
                bars=sales_bars,
                chart_id="report-sales-chart",
            ),
            "completion_chart": bar_chart(
                title=_("Course completions per community"),
                description=_("For each community, enrolments completed out of all enrolments."),
                bars=bars,
                chart_id="report-completion-chart",
            ),
        }


@hooks.register("construct_homepage_panels")
def add_reports_panel(request, panels):
    if selectors.can_view_reports(request.user):
        panels.append(ReportsDashboardPanel(request.user))
