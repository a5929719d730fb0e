import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

# No 0/O, 1/I: a code read aloud over the phone or typed from paper cannot be misread.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 12
CODE_GROUP = 4


def generate_code() -> str:
    """A random public code (60 bits), unrelated to any database id."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a person typed ("abcd-efgh jklm") as a stored code ("ABCDEFGHJKLM")."""
    return "".join(typed.split()).replace("-", "").upper()


def is_well_formed_code(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(char in CODE_ALPHABET for char in code)


accent_colour_validator = RegexValidator(
    r"^#[0-9A-Fa-f]{6}$", _("Enter a colour as # and six hexadecimal digits, e.g. #1F6F50.")
)


class CertificateTemplate(ClusterableModel):
    """How certificates look: heading, signatory, partner logos, colour (a snippet)."""

    name = models.CharField(_("name"), max_length=100, help_text=_("For editors only."))
    heading = models.CharField(_("heading (Thai)"), max_length=100, default="ประกาศนียบัตร")
    heading_en = models.CharField(
        _("heading (English)"), max_length=100, default="Certificate of Completion"
    )
    signatory_name = models.CharField(_("signatory name"), max_length=150, blank=True)
    signatory_title = models.CharField(_("signatory title (Thai)"), max_length=150, blank=True)
    signatory_title_en = models.CharField(
        _("signatory title (English)"), max_length=150, blank=True
    )
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A scan of the signature on a white or transparent background."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#1F6F50",
        validators=[accent_colour_validator],
        help_text=_("Colour of the heading and the border, e.g. #1F6F50."),
    )
    is_default = models.BooleanField(
        _("default template"),
        default=False,
        help_text=_("Used for every course that has no template of its own."),
    )
    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificate_template",
        help_text=_("Leave empty for a general template; a course can have one template."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("heading"), FieldPanel("heading_en"), FieldPanel("accent_colour")],
            heading=_("Look"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signatory_title_en"),
                FieldPanel("signature_image"),
            ],
            heading=_("Signatory"),
        ),
        InlinePanel("partners", heading=_("Partners"), label=_("partner")),
        MultiFieldPanel([FieldPanel("is_default"), FieldPanel("course")], heading=_("Use")),
    ]

    class Meta:
        ordering = ["-is_default", "name"]
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_certificate_template",
                violation_error_message=_(
                    "Another template is already the default. Untick it there first."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def for_course(cls, course) -> "CertificateTemplate | None":
        """The course's own template, else the default one (one query)."""
        if course is None:
            return cls.objects.filter(is_default=True).first()
        return (
            cls.objects.filter(Q(course=course) | Q(is_default=True)).order_by("is_default").first()
        )


class CertificatePartner(Orderable):
    """A partner organisation shown on the certificate: its logo, or its name without one."""

    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=200)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("logo")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)

    def managed_by(self, user):
        """Certificates ``user`` may inspect, download and revoke in the admin."""
        if not user.is_active:
            return self.none()
        if user.is_staff or user.is_superuser:
            return self
        return self.filter(user__community__coordinators=user)


class Certificate(models.Model):
    """Proof that a learner completed a course, with what it said on the day it was issued."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("learner"),
    )
    # Kept when the course page is deleted: the snapshot still proves what was learned.
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="certificates",
        verbose_name=_("course"),
    )
    code = models.CharField(
        _("verification code"), max_length=CODE_LENGTH, unique=True, default=generate_code
    )
    learner_name = models.CharField(_("learner name"), max_length=150)
    course_title = models.CharField(_("course title"), max_length=255)
    community_name = models.CharField(_("community"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"))
    signatory_name = models.CharField(_("signatory name"), max_length=150, blank=True)
    signatory_title = models.CharField(_("signatory title (Thai)"), max_length=150, blank=True)
    signatory_title_en = models.CharField(
        _("signatory title (English)"), max_length=150, blank=True
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_certificate_per_course"),
        ]

    def __str__(self):
        return f"{self.learner_name} - {self.course_title}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def status(self) -> str:
        return _("Revoked") if self.is_revoked else _("Valid")

    status.short_description = _("status")

    @property
    def display_code(self) -> str:
        """``ABCD-EFGH-JKLM``: easier to read out and type than one long run."""
        return "-".join(
            self.code[start : start + CODE_GROUP] for start in range(0, len(self.code), CODE_GROUP)
        )

    def get_verify_url(self) -> str:
        return reverse("certificates:verify", args=[self.code])

    def get_pdf_url(self) -> str:
        return reverse("certificates:pdf", args=[self.code])

    def can_be_managed_by(self, user) -> bool:
        """Staff, and coordinators of the learner's (current) community."""
        if not user.is_authenticated or not user.is_active:
            return False
        return user.is_staff or user.is_coordinator_of(self.user.community)

    def can_be_downloaded_by(self, user) -> bool:
        if user.is_authenticated and user.pk == self.user_id:
            return True
        return self.can_be_managed_by(user)
