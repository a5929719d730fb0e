from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonStreamBlock
from home.blocks import BaseStreamBlock
from home.models import BasePage


class Topic(models.Model):
    """What a course is about: product development, online marketing, ... (a snippet)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class ExpertProfile(index.Indexed, models.Model):
    """An expert who teaches on one or more courses (a snippet)."""

    name = models.CharField(_("name"), max_length=150)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short biography"), blank=True, max_length=1000)

    panels = [FieldPanel("name"), FieldPanel("photo"), FieldPanel("bio")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("expert profile")
        verbose_name_plural = _("expert profiles")

    def __str__(self):
        return self.name


class CourseIndexPage(BasePage):
    """The course catalogue."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_courses(self):
        return (
            CoursePage.objects.child_of(self)
            .live()
            .public()
            .select_related("topic", "cover_image")
            .order_by("path")
        )

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import progress_for_courses

        context = super().get_context(request, *args, **kwargs)
        courses = self.get_courses()
        topics = Topic.objects.filter(coursepage__in=courses).distinct()
        selected = request.GET.get("topic", "")
        if selected:
            courses = courses.filter(topic__slug=selected)
        courses = list(courses)
        context.update(
            courses=courses,
            topics=topics,
            selected_topic=selected,
            progress=progress_for_courses(user=request.user, courses=courses),
        )
        return context


class CoursePage(RoutablePageMixin, BasePage):
    class Level(models.TextChoices):
        BEGINNER = "beginner", _("Beginner")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    summary = models.TextField(_("summary"), max_length=500)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL
    )
    level = models.CharField(_("level"), max_length=20, choices=Level, default=Level.BEGINNER)
    estimated_minutes = models.PositiveIntegerField(
        _("estimated time (minutes)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    learning_outcomes = models.TextField(
        _("learning outcomes"),
        blank=True,
        help_text=_("One outcome per line: what a learner can do after this course."),
    )
    experts = ParentalManyToManyField(
        ExpertProfile, verbose_name=_("experts"), blank=True, related_name="courses"
    )
    intro = StreamField(BaseStreamBlock(), verbose_name=_("introduction"), blank=True)
    sequential = models.BooleanField(
        _("lessons unlock in order"),
        default=False,
        help_text=_("Learners must finish each step before the next one opens."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("level"),
                FieldPanel("estimated_minutes"),
                FieldPanel("sequential"),
            ],
            heading=_("About the course"),
        ),
        FieldPanel("learning_outcomes"),
        FieldPanel("experts", widget=forms.CheckboxSelectMultiple),
        FieldPanel("intro"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
        index.SearchField("intro"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("course")

    def get_outcomes(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    def get_steps(self) -> list[Page]:
        """Live lessons and quizzes in outline (tree) order, as their specific classes."""
        from courses.steps import step_page_queryset

        return step_page_queryset(self)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_progress

        context = super().get_context(request, *args, **kwargs)
        context["progress"] = course_progress(user=request.user, course=self)
        context["experts"] = self.experts.select_related("photo")
        return context

    @path("start/", name="start")
    def start(self, request):
        """ "เริ่มเรียน": enrol explicitly, then go to the first step to do."""
        from courses.selectors import course_progress
        from courses.services import enrolment_start

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.is_authenticated:
            return redirect_to_login(request, self.url)
        enrolment_start(user=request.user, course=self)
        progress = course_progress(user=request.user, course=self)
        target = progress.next_step or (progress.steps[0].page if progress.steps else self)
        return HttpResponseRedirect(target.url)


class LessonPage(RoutablePageMixin, BasePage):
    estimated_minutes = models.PositiveIntegerField(
        _("estimated time (minutes)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("lesson content"))

    content_panels = [*Page.content_panels, FieldPanel("estimated_minutes"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    # Lessons count toward course completion once the learner marks them done.
    is_course_step = True

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def course(self) -> "CoursePage":
        return CoursePage.objects.select_related("topic").get(path=self.path[: -self.steplen])

    def is_required_step(self) -> bool:
        return True

    @classmethod
    def completed_step_ids(cls, *, user, page_ids) -> set[int]:
        return set(
            LessonCompletion.objects.filter(user=user, lesson_id__in=page_ids).values_list(
                "lesson_id", flat=True
            )
        )

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import course_progress

        context = super().get_context(request, *args, **kwargs)
        progress = course_progress(user=request.user, course=self.course)
        context.update(
            course=self.course,
            progress=progress,
            step=progress.step_for(self),
            show_content=progress.can_open(self) or getattr(request, "is_preview", False),
        )
        return context

    @path("complete/", name="complete")
    def complete(self, request):
        """ "เรียนจบบทนี้แล้ว": record completion, then move on to the next step."""
        from courses.selectors import course_progress
        from courses.services import StepLocked, lesson_complete

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.is_authenticated:
            return redirect_to_login(request, self.url)
        try:
            lesson_complete(user=request.user, lesson=self)
        except StepLocked as locked:
            return self.render_locked(request, locked)
        progress = course_progress(user=request.user, course=self.course)
        following = progress.step_after(self)
        if progress.is_complete and (following is None or following.completed):
            return redirect(self.course.url)
        return HttpResponseRedirect((following.page if following else self.course).url)

    def render_locked(self, request, locked):
        from django.template.response import TemplateResponse

        return TemplateResponse(
            request,
            "courses/step_locked.html",
            {"page": self, "course": self.course, "first_step": locked.first_step},
            status=403,
        )


def redirect_to_login(request, next_url):
    from django.contrib.auth.views import redirect_to_login as django_redirect_to_login

    return django_redirect_to_login(next_url)


class Enrolment(models.Model):
    """A learner taking a course."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("learner"),
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("course")
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    last_lesson = models.ForeignKey(
        Page,
        verbose_name=_("last step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="unique_enrolment"),
        ]
        indexes = [models.Index(fields=["course", "completed_at"])]

    def __str__(self):
        return f"{self.user} · {self.course}"


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_completions",
        verbose_name=_("learner"),
    )
    lesson = models.ForeignKey(
        LessonPage,
        on_delete=models.CASCADE,
        related_name="completions",
        verbose_name=_("lesson"),
    )
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="unique_lesson_completion"),
        ]

    def __str__(self):
        return f"{self.user} · {self.lesson}"
