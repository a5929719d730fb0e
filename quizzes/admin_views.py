"""Admin views for experts: GIFT import onto a quiz, and GIFT export of a quiz."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from quizzes import gift
from quizzes.forms import GiftImportForm
from quizzes.models import Question, QuizPage
from quizzes.services import quiz_questions_import


def _editable_quiz(request, page_id: int) -> QuizPage:
    quiz = get_object_or_404(QuizPage, pk=page_id)
    if not quiz.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return quiz


class GiftImportView(WagtailAdminTemplateMixin, FormView):
    """Upload a GIFT file: its questions go into a new draft of the quiz, ready to review.

    Nothing reaches learners until the expert publishes the draft, as with any edit.
    """

    form_class = GiftImportForm
    template_name = "quizzes/admin/gift_import.html"
    page_title = gettext_lazy("Import questions")
    header_icon = "upload"

    def dispatch(self, request, page_id):
        self.quiz = _editable_quiz(request, page_id)
        lock = self.quiz.get_lock()
        if lock and lock.for_user(request.user):
            messages.error(request, _("This quiz is locked; it cannot be changed now."))
            return redirect("wagtailadmin_pages:edit", self.quiz.pk)
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.quiz.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.quiz.pk]),
                "label": self.quiz.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            quiz=self.quiz,
            gift_errors=getattr(form, "gift_errors", []),
            export_url=reverse("quizzes_gift_export", args=[self.quiz.pk]),
        )
        return context

    def form_valid(self, form):
        questions = [Question.from_gift(parsed) for parsed in form.questions]
        quiz_questions_import(
            quiz=self.quiz,
            questions=questions,
            user=self.request.user,
            replace=form.cleaned_data["replace"],
        )
        messages.success(
            self.request,
            ngettext(
                "%(count)d question imported into a draft. Check it, then publish the quiz "
                "so learners see it.",
                "%(count)d questions imported into a draft. Check them, then publish the "
                "quiz so learners see them.",
                len(questions),
            )
            % {"count": len(questions)},
        )
        return redirect("wagtailadmin_pages:edit", self.quiz.pk)


def gift_export(request, page_id: int):
    """The quiz's latest draft as a GIFT file, to edit offline or to use in Moodle."""
    quiz = _editable_quiz(request, page_id)
    draft = quiz.get_latest_revision_as_object()
    text = gift.dump(question.to_gift() for question in draft.questions.all())
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{quiz.slug}.gift"'
    response["Cache-Control"] = "no-store"
    return response
