import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from communities.models.communities import Community

DEFAULT_CAMPAIGN_DAYS = 60
DEFAULT_TARGET_UNITS = 100


class SalesCampaignQuerySet(models.QuerySet):
    def running_on(self, day: datetime.date):
        return self.filter(start_date__lte=day, end_date__gte=day)

    def overlapping(self, *, community_id: int, start_date, end_date):
        return self.filter(
            community_id=community_id, start_date__lte=end_date, end_date__gte=start_date
        )


class SalesCampaign(models.Model):
    """A period in which a community works toward a sales target (100 units in the brief)."""

    community = models.ForeignKey(
        Community, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("community")
    )
    name = models.CharField(
        _("name"), max_length=150, help_text=_("For example: first online sales round.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"),
        blank=True,
        help_text=_("Leave empty for 60 days after the start."),
    )
    target_units = models.PositiveIntegerField(_("target (units)"), default=DEFAULT_TARGET_UNITS)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SalesCampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("sales campaign")
        verbose_name_plural = _("sales campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="communities_campaign_dates",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(target_units__gte=1),
                name="communities_campaign_target_positive",
                violation_error_message=_("The target must be at least 1 unit."),
            ),
        ]

    def __str__(self):
        return f"{self.community} · {self.name}"

    def clean(self):
        if self.start_date and not self.end_date:
            self.end_date = self.start_date + datetime.timedelta(days=DEFAULT_CAMPAIGN_DAYS)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if self.community_id and self.start_date and self.end_date:
            overlapping = SalesCampaign.objects.overlapping(
                community_id=self.community_id,
                start_date=self.start_date,
                end_date=self.end_date,
            ).exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(
                    _("This community already has a campaign in these dates: %(campaign)s.")
                    % {"campaign": overlapping.first().name}
                )
        if self.pk and self.start_date and self.end_date:
            # Shortening a campaign must not leave recorded sales outside it.
            outside = (
                self.sales.current()
                .exclude(sold_on__range=(self.start_date, self.end_date))
                .count()
            )
            if outside:
                raise ValidationError(
                    ngettext(
                        "%(count)s recorded sale falls outside these dates. Correct it first.",
                        "%(count)s recorded sales fall outside these dates. Correct them first.",
                        outside,
                    )
                    % {"count": outside}
                )

    def contains(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date

    def days_left(self, today: datetime.date | None = None) -> int:
        today = today or timezone.localdate()
        return max((self.end_date - today).days, 0)

    def has_started(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) >= self.start_date

    def has_ended(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.end_date


class SaleChannel(models.TextChoices):
    FACEBOOK = "facebook", _("Facebook")
    LINE = "line", _("LINE")
    MARKET = "market", _("Market or shop")
    OTHER = "other", _("Other")


class SaleRecordQuerySet(models.QuerySet):
    def current(self):
        """Sales that count: deleted records stay for the history but not in totals."""
        return self.filter(deleted_at__isnull=True)


class SaleRecord(models.Model):
    """Units of one product sold on one day through one channel.

    Written only through ``communities.services``; each change leaves a
    ``SaleRecordChange`` and deleting only marks the record.
    """

    campaign = models.ForeignKey(
        SalesCampaign, on_delete=models.PROTECT, related_name="sales", verbose_name=_("campaign")
    )
    product = models.ForeignKey(
        "communities.ProductPage",
        on_delete=models.PROTECT,
        related_name="sales",
        verbose_name=_("product"),
    )
    sold_on = models.DateField(_("date sold"))
    quantity = models.PositiveIntegerField(_("units sold"))
    channel = models.CharField(_("channel"), max_length=20, choices=SaleChannel)
    amount_baht = models.DecimalField(
        _("amount (baht)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed at"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    # Set by the form so that a double-tapped "save" on a slow connection records once.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = SaleRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-sold_on", "-recorded_at", "-pk"]
        verbose_name = _("sale record")
        verbose_name_plural = _("sale records")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1),
                name="communities_sale_quantity_positive",
                violation_error_message=_("Enter how many units were sold: 1 or more."),
            ),
            models.CheckConstraint(
                condition=Q(amount_baht__isnull=True) | Q(amount_baht__gte=0),
                name="communities_sale_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]
        indexes = [models.Index(fields=["campaign", "product"])]

    def __str__(self):
        return f"{self.product.title} ({self.quantity})"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


# The values a sale record's history keeps, in the order people read them.
SALE_HISTORY_FIELDS = ("product", "sold_on", "quantity", "channel", "amount_baht", "note")


class SaleRecordChange(models.Model):
    """One change to a sale record: who, when, and the values before and after."""

    class Action(models.TextChoices):
        CREATED = "created", _("recorded")
        UPDATED = "updated", _("changed")
        DELETED = "deleted", _("deleted")

    sale = models.ForeignKey(
        SaleRecord, on_delete=models.CASCADE, related_name="changes", verbose_name=_("sale record")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    old_values = models.JSONField(_("old values"), default=dict, blank=True)
    new_values = models.JSONField(_("new values"), default=dict, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("sale record change")
        verbose_name_plural = _("sale record changes")

    def __str__(self):
        return f"{self.sale_id} · {self.get_action_display()}"
