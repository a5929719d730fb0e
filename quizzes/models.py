import random
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import AsciiSlugPageForm, BasePage
from quizzes import gift, grading


class QuizPageForm(AsciiSlugPageForm):
    """Checks each question's choices with the same rules as a GIFT import.

    Like Wagtail's required fields, the check waits for publishing: a draft may hold a
    question whose choices are not written yet.
    """

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:
            return cleaned_data
        for question_form in self.formsets["questions"].forms:
            if not question_form.is_valid() or question_form.cleaned_data.get("DELETE"):
                continue
            choices = []
            for form in question_form.formsets["choices"].forms:
                data = form.cleaned_data if form.is_valid() else None
                if data and not data.get("DELETE"):
                    choices.append((data.get("text", ""), data.get("is_correct", False)))
            kind = question_form.cleaned_data.get("kind")
            for problem in grading.choice_problems(kind, choices):
                question_form.add_error(None, problem)
        return cleaned_data


class QuizPage(RoutablePageMixin, BasePage):
    """A quiz in a course: questions edited inline, graded on the server."""

    class Kind(models.TextChoices):
        GRADED = "graded", _("Graded: passing it is needed to complete the course")
        PRACTICE = "practice", _("Practice: never blocks course completion")

    class ShowAnswers(models.TextChoices):
        AFTER_EACH_ATTEMPT = "after_each_attempt", _("After each attempt")
        AFTER_PASSING = "after_passing", _("Only after passing")
        NEVER = "never", _("Never")

    class Layout(models.TextChoices):
        ONE_PER_SCREEN = "one_per_screen", _("One question per screen")
        ALL_ON_ONE_PAGE = "all_on_one_page", _("All questions on one page")

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.GRADED)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("0 means unlimited."),
    )
    shuffle_questions = models.BooleanField(_("shuffle the questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle the choices"), default=False)
    show_answers = models.CharField(
        _("learners see the correct answers"),
        max_length=20,
        choices=ShowAnswers,
        default=ShowAnswers.AFTER_EACH_ATTEMPT,
    )
    layout = models.CharField(
        _("layout"), max_length=20, choices=Layout, default=Layout.ONE_PER_SCREEN
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts")]),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                FieldPanel("show_answers"),
                FieldPanel("layout"),
            ],
            heading=_("Quiz settings"),
        ),
        InlinePanel("questions", heading=_("Questions"), label=_("question")),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    base_form_class = QuizPageForm

    # A course step: see courses/steps.py.
    is_course_step = True
    step_label = _("Quiz")

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")

    @cached_property
    def course(self):
        from courses.models import CoursePage

        return CoursePage.objects.select_related("topic").get(path=self.path[: -self.steplen])

    def is_required_step(self) -> bool:
        return self.kind == self.Kind.GRADED

    @classmethod
    def completed_step_ids(cls, *, user, page_ids) -> set[int]:
        """Graded quizzes count once passed, practice quizzes once submitted."""
        return set(
            QuizAttempt.objects.filter(user=user, quiz_id__in=page_ids, submitted_at__isnull=False)
            .filter(Q(passed=True) | Q(quiz__kind=cls.Kind.PRACTICE))
            .order_by()
            .values_list("quiz_id", flat=True)
            .distinct()
        )

    def build_snapshot(self) -> dict:
        """Everything grading and display need, in this attempt's order, with random keys.

        Keys are random per attempt so that nothing in the page (names, values, order)
        hints at which choice was written first or which one is right.
        """
        system_random = random.SystemRandom()
        questions = list(self.questions.prefetch_related("choices"))
        if self.shuffle_questions:
            system_random.shuffle(questions)
        used: set[str] = set()

        def new_key() -> str:
            while (key := secrets.token_hex(4)) in used:
                pass
            used.add(key)
            return key

        snapshot_questions = []
        for question in questions:
            choices = list(question.choices.all())
            item = {
                "key": new_key(),
                "id": question.pk,
                "kind": question.kind,
                "title": question.title,
                "text": question.text,
                "image_id": question.image_id,
                "explanation": question.explanation,
            }
            if question.kind == grading.SHORT_ANSWER:
                item["choices"] = []
                item["accepted"] = sorted(
                    {grading.normalise_answer(choice.text) for choice in choices}
                )
                item["accepted_display"] = [choice.text for choice in choices]
            else:
                if self.shuffle_choices and question.kind != grading.TRUE_FALSE:
                    system_random.shuffle(choices)
                item["choices"] = [
                    {
                        "key": new_key(),
                        "id": choice.pk,
                        "text": choice.text,
                        "correct": choice.is_correct,
                        "feedback": choice.feedback,
                    }
                    for choice in choices
                ]
            snapshot_questions.append(item)
        return {
            "version": 1,
            "kind": self.kind,
            "pass_mark": self.pass_mark,
            "layout": self.layout,
            "questions": snapshot_questions,
        }

    def serve(self, request, *args, **kwargs):
        # Every quiz screen shows a learner's own attempts: never keep it in any cache.
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get_context(self, request, *args, **kwargs):
        from quizzes import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.quiz_context(request, self))
        return context

    @path("start/", name="start")
    def start_view(self, request):
        from quizzes import views

        return views.start(request, self)

    @path("attempts/", name="attempts")
    def attempts_view(self, request):
        from quizzes import views

        return views.history(request, self)

    @path("attempts/<int:attempt_id>/", name="attempt")
    def attempt_view(self, request, attempt_id):
        from quizzes import views

        return views.attempt(request, self, attempt_id)

    @path("attempts/<int:attempt_id>/questions/<int:number>/", name="question")
    def question_view(self, request, attempt_id, number):
        from quizzes import views

        return views.question(request, self, attempt_id, number)

    @path("attempts/<int:attempt_id>/answer/", name="answer")
    def answer_view(self, request, attempt_id):
        from quizzes import views

        return views.answer(request, self, attempt_id)

    @path("attempts/<int:attempt_id>/review/", name="review")
    def review_view(self, request, attempt_id):
        from quizzes import views

        return views.review(request, self, attempt_id)

    @path("attempts/<int:attempt_id>/submit/", name="submit")
    def submit_view(self, request, attempt_id):
        from quizzes import views

        return views.submit(request, self, attempt_id)

    @path("attempts/<int:attempt_id>/result/", name="result")
    def result_view(self, request, attempt_id):
        from quizzes import views

        return views.result(request, self, attempt_id)


class Question(Orderable, ClusterableModel):
    class Kind(models.TextChoices):
        SINGLE = grading.SINGLE, _("Multiple choice: one answer")
        MULTIPLE = grading.MULTIPLE, _("Multiple choice: all correct answers")
        TRUE_FALSE = grading.TRUE_FALSE, _("True or false")
        SHORT_ANSWER = grading.SHORT_ANSWER, _("Short answer")

    page = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("question type"), max_length=20, choices=Kind, default=Kind.SINGLE)
    title = models.CharField(
        _("short name"),
        max_length=255,
        blank=True,
        help_text=_("Optional; helps you find the question. Learners do not see it."),
    )
    text = models.TextField(_("question"), max_length=4000)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        max_length=4000,
        help_text=_("Shown with the correct answer after the learner submits."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("image"),
        InlinePanel(
            "choices",
            label=_("choice"),
            heading=_("Choices or accepted answers"),
            help_text=_(
                "Multiple choice: tick the correct choices. True or false: two choices, the "
                "true one first (e.g. ถูก then ผิด), tick the right one. Short answer: each "
                "row is an accepted answer; case, spaces and Thai keyboard differences are "
                "ignored."
            ),
        ),
        FieldPanel("explanation"),
        FieldPanel("title"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.title or self.text[:80]

    @classmethod
    def from_gift(cls, gift_question: gift.GiftQuestion) -> "Question":
        """An unsaved question with its choices, from a parsed GIFT question."""
        question = cls(
            kind=gift_question.kind,
            title=gift_question.title,
            text=gift_question.text,
            explanation=gift_question.explanation,
        )
        question.choices = [
            Choice(text=c.text, is_correct=c.correct, feedback=c.feedback, sort_order=n)
            for n, c in enumerate(gift_question.choices)
        ]
        return question

    def to_gift(self) -> gift.GiftQuestion:
        return gift.GiftQuestion(
            kind=self.kind,
            text=self.text,
            title=self.title,
            explanation=self.explanation,
            choices=[
                gift.GiftChoice(text=c.text, correct=c.is_correct, feedback=c.feedback)
                for c in self.choices.all()
            ],
        )


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(
        _("feedback"),
        max_length=1000,
        blank=True,
        help_text=_("Optional; shown after submission to learners who chose this."),
    )

    panels = [
        FieldRowPanel([FieldPanel("text"), FieldPanel("is_correct")]),
        FieldPanel("feedback"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self):
        return self.text


class QuizAttempt(models.Model):
    """One try at a quiz, graded on the server from the snapshot taken when it started."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("learner"),
    )
    quiz = models.ForeignKey(
        QuizPage, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("quiz")
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    correct_count = models.PositiveSmallIntegerField(_("correct answers"), null=True, blank=True)
    question_count = models.PositiveSmallIntegerField(_("questions"))
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    snapshot = models.JSONField(_("questions as the learner saw them"), default=dict)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="unique_quiz_attempt_number"
            ),
            # Resuming means there is never more than one open attempt to resume.
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(submitted_at__isnull=True),
                name="one_open_quiz_attempt",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="quiz_attempt_number_positive"),
            models.CheckConstraint(
                condition=(
                    Q(
                        submitted_at__isnull=True,
                        score__isnull=True,
                        passed__isnull=True,
                        correct_count__isnull=True,
                    )
                    | Q(
                        submitted_at__isnull=False,
                        score__isnull=False,
                        passed__isnull=False,
                        correct_count__isnull=False,
                    )
                ),
                name="quiz_attempt_graded_when_submitted",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="quiz_attempt_score_percent",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "submitted_at"])]

    def __str__(self):
        return _("%(learner)s · %(quiz)s · attempt %(number)s") % {
            "learner": self.user,
            "quiz": self.quiz.title,
            "number": self.number,
        }

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None

    @property
    def questions(self) -> list[dict]:
        return self.snapshot.get("questions", [])

    def question_by_key(self, key: str) -> dict | None:
        return next((q for q in self.questions if q["key"] == key), None)


def answer_ids(question: dict, choice_keys) -> tuple[int | None, list[int]]:
    """The question id and chosen choice ids behind an answer's keys, from a snapshot question."""
    by_key = {choice["key"]: choice["id"] for choice in question.get("choices", [])}
    return question.get("id"), [by_key[key] for key in choice_keys if key in by_key]


class AttemptAnswer(models.Model):
    """A learner's answer to one question of an attempt, saved as they go."""

    attempt = models.ForeignKey(
        QuizAttempt, on_delete=models.CASCADE, related_name="answers", verbose_name=_("attempt")
    )
    question_key = models.CharField(_("question"), max_length=16)
    choice_keys = models.JSONField(_("chosen choices"), default=list, blank=True)
    text = models.CharField(_("typed answer"), max_length=500, blank=True)
    saved_at = models.DateTimeField(_("saved at"), auto_now=True)
    is_correct = models.BooleanField(_("correct"), null=True, blank=True)
    # What the random keys stood for, copied from the snapshot on saving, so reports count
    # answers per question in the database instead of reading every attempt's snapshot.
    question_pk = models.PositiveIntegerField(_("question id"), null=True, blank=True)
    choice_pks = models.JSONField(_("chosen choice ids"), default=list, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_key"], name="one_answer_per_question"
            ),
        ]

    def __str__(self):
        return f"{self.attempt_id} · {self.question_key}"
