from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.contact import ContactChannels, validate_line_id, validate_phone
from communities.provinces import PROVINCES


class Community(models.Model):
    """A community group that learns together and sells its products."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    province = models.CharField(_("province"), max_length=40, choices=PROVINCES)
    district = models.CharField(_("district"), max_length=100, blank=True)
    library = models.CharField(
        _("Relearning Space library"),
        max_length=200,
        blank=True,
        help_text=_("The public library where this community learns."),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_communities",
        verbose_name=_("coordinators"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["province", "name"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def __str__(self):
        return self.name


class ConsentScope(models.TextChoices):
    PHOTO = "photo", _("photos of this person")
    CONTACT = "contact", _("personal contact details")


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed-form", _("signed consent form")
    IN_PERSON = "in-person", _("said yes in person, with a witness")
    MESSAGE = "message", _("written message (LINE, SMS, letter)")


class CommunityPersonQuerySet(models.QuerySet):
    def with_consent(self):
        """Annotate ``photo_consented`` and ``contact_consented`` in the same query."""
        return self.annotate(
            photo_consented=ConsentRecord.objects.active_for(ConsentScope.PHOTO),
            contact_consented=ConsentRecord.objects.active_for(ConsentScope.CONTACT),
        )


class CommunityPerson(models.Model):
    """Someone behind a community's products, as shown on its public page.

    The name and role are part of the community's story; the photo and personal contact
    details are published only while the person's recorded consent is in force.
    """

    community = models.ForeignKey(
        Community, on_delete=models.CASCADE, related_name="people", verbose_name=_("community")
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(
        _("role"),
        max_length=150,
        blank=True,
        help_text=_("For example: head of the weaving group."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("photo"),
        help_text=_("Published only while this person consents to photos."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=20,
        blank=True,
        validators=[validate_phone],
        help_text=_("Published only while this person consents to sharing contact details."),
    )
    line_id = models.CharField(
        _("LINE ID"), max_length=31, blank=True, validators=[validate_line_id]
    )
    sort_order = models.PositiveSmallIntegerField(_("order on the page"), default=0)

    objects = CommunityPersonQuerySet.as_manager()

    class Meta:
        ordering = ["community", "sort_order", "name"]
        verbose_name = _("community person")
        verbose_name_plural = _("community people")

    def __str__(self):
        return self.name

    def has_consent(self, scope: str) -> bool:
        annotated = {
            ConsentScope.PHOTO: "photo_consented",
            ConsentScope.CONTACT: "contact_consented",
        }[scope]
        if hasattr(self, annotated):
            return getattr(self, annotated)
        return self.consents.filter(scope=scope, withdrawn_at__isnull=True).exists()

    @property
    def public_photo(self):
        return self.photo if self.photo_id and self.has_consent(ConsentScope.PHOTO) else None

    @property
    def public_contact(self) -> ContactChannels:
        if not (self.phone or self.line_id) or not self.has_consent(ConsentScope.CONTACT):
            return ContactChannels()
        return ContactChannels(phone=self.phone, line_id=self.line_id)


class ConsentRecordQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def active_for(self, scope: str, person_ref: str = "pk") -> models.Exists:
        """An ``Exists`` expression: the outer row's person consents to ``scope`` now."""
        return models.Exists(self.active().filter(person=models.OuterRef(person_ref), scope=scope))


class ConsentRecord(models.Model):
    """A person's consent to publishing their photo or contact details: who, when, how.

    Withdrawing keeps the record (with when and who recorded the withdrawal) and hides
    what it covered at once.
    """

    person = models.ForeignKey(
        CommunityPerson,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("person"),
    )
    scope = models.CharField(_("consent to publish"), max_length=20, choices=ConsentScope)
    given_on = models.DateField(_("consent given on"))
    method = models.CharField(_("how consent was given"), max_length=20, choices=ConsentMethod)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "scope"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="communities_one_active_consent_per_scope",
            )
        ]

    def __str__(self):
        return f"{self.person} · {self.get_scope_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
