from django.http import Http404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from communities.models import Community
from quizzes import admin_views
from quizzes.models import AttemptAnswer, QuizAttempt, QuizPage


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Attempts are the learners' record: people with the view permission may look, nobody edits."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"])


register_permission_policy(QuizAttempt, ReadOnlyPermissionPolicy(QuizAttempt))


def visible_attempts(user, queryset):
    """Superusers see every attempt; coordinators those of their communities' learners."""
    if user.is_superuser:
        return queryset
    return queryset.filter(user__community__coordinators=user)


def _communities(request):
    if request is None:
        return Community.objects.none()
    queryset = Community.objects.all()
    if not request.user.is_superuser:
        queryset = queryset.filter(coordinators=request.user)
    return queryset


class QuizAttemptFilterSet(WagtailFilterSet):
    quiz = ModelChoiceFilter(label=_("quiz"), queryset=QuizPage.objects.order_by("title"))
    community = ModelChoiceFilter(
        label=_("community"), field_name="user__community", queryset=_communities
    )
    submitted = BooleanFilter(
        label=_("submitted"), field_name="submitted_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = QuizAttempt
        fields = ["quiz", "community", "passed", "submitted"]


class QuizAttemptIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("user", "quiz").defer("snapshot")
        return visible_attempts(self.request.user, queryset)


class QuizAttemptInspectView(InspectView):
    def get_object(self, queryset=None):
        attempt = (
            visible_attempts(self.request.user, QuizAttempt.objects.select_related("user", "quiz"))
            .filter(pk=self.pk)
            .first()
        )
        if attempt is None:
            raise Http404
        return attempt

    def get_field_label(self, field_name, field):
        if field_name == "answer_sheet":
            return _("Answers")
        return super().get_field_label(field_name, field)

    def get_answer_sheet_display_value(self):
        answers = {a.question_key: a for a in AttemptAnswer.objects.filter(attempt=self.object)}
        rows = []
        for question in self.object.questions:
            saved = answers.get(question["key"])
            choices = {c["key"]: c["text"] for c in question["choices"]}
            if saved is None:
                given, mark = _("not answered"), "-"
            else:
                given = saved.text or ", ".join(choices.get(k, "?") for k in saved.choice_keys)
                mark = {True: "✓", False: "✗", None: "…"}[saved.is_correct]
            rows.append((question["text"], mark, given))
        return format_html(
            "<ol>{}</ol>",
            format_html_join("", "<li>{} <strong>{}</strong> {}</li>", rows),
        )


class QuizAttemptViewSet(ModelViewSet):
    model = QuizAttempt
    icon = "tasks"
    menu_label = _("Quiz attempts")
    menu_order = 310
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = QuizAttemptIndexView
    inspect_view_class = QuizAttemptInspectView
    filterset_class = QuizAttemptFilterSet
    list_display = ["user", "quiz", "number", "started_at", "submitted_at", "score", "passed"]
    list_export = [
        "user",
        "quiz",
        "number",
        "started_at",
        "submitted_at",
        "correct_count",
        "question_count",
        "score",
        "passed",
    ]
    export_filename = "quiz-attempts"
    search_fields = ["user__username", "user__display_name", "quiz__title"]
    inspect_view_fields = [
        "user",
        "quiz",
        "number",
        "started_at",
        "submitted_at",
        "correct_count",
        "question_count",
        "score",
        "passed",
        "answer_sheet",
    ]
    form_fields = []


@hooks.register("register_admin_viewset")
def register_quiz_attempt_viewset():
    return QuizAttemptViewSet("quiz_attempts")


@hooks.register("register_admin_urls")
def register_gift_urls():
    return [
        path(
            "quizzes/<int:page_id>/import-gift/",
            admin_views.GiftImportView.as_view(),
            name="quizzes_gift_import",
        ),
        path(
            "quizzes/<int:page_id>/export-gift/",
            admin_views.gift_export,
            name="quizzes_gift_export",
        ),
    ]


def _gift_buttons(page, user, priority):
    if not issubclass(page.specific_class or object, QuizPage):
        return
    if not page.permissions_for_user(user).can_edit():
        return
    yield Button(
        _("Import questions (GIFT)"),
        reverse("quizzes_gift_import", args=[page.pk]),
        icon_name="upload",
        priority=priority,
    )
    yield Button(
        _("Export questions (GIFT)"),
        reverse("quizzes_gift_export", args=[page.pk]),
        icon_name="download",
        priority=priority + 1,
    )


@hooks.register("register_page_header_buttons")
def page_header_gift_buttons(page, user, view_name, next_url=None):
    yield from _gift_buttons(page, user, priority=40)


@hooks.register("register_page_listing_more_buttons")
def page_listing_gift_buttons(page, user, next_url=None):
    yield from _gift_buttons(page, user, priority=45)
