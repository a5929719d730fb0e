import uuid

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Group names created by accounts/migrations/0002_groups.py.
LEARNERS = "Learners"
EXPERTS = "Experts"
COORDINATORS = "Coordinators"


class User(AbstractUser):
    """A person who signs in. Learners often have no email, so it is optional."""

    display_name = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        help_text=_("Full name as it will be printed on certificates. Thai is welcome."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    line_id = models.CharField(_("LINE ID"), max_length=50, blank=True)
    contact_consent_at = models.DateTimeField(
        _("contact consent given at"),
        null=True,
        blank=True,
        help_text=_("When the person agreed that the project keeps their phone or LINE ID."),
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("community"),
    )
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set when a coordinator gave a temporary password."),
    )
    # A hashed 4-6 digit PIN, usable only on a registered library kiosk.
    pin_hash = models.CharField(_("sign-in PIN"), max_length=128, blank=True, editable=False)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        return self.display_name or super().get_full_name() or self.username

    def get_short_name(self):
        return self.display_name or self.first_name or self.username

    def is_coordinator_of(self, community) -> bool:
        """True for staff and for coordinators assigned to ``community``."""
        if self.is_superuser:
            return True
        if community is None:
            return False
        return community.coordinators.filter(pk=self.pk).exists()

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    def check_pin(self, pin: str) -> bool:
        return bool(self.pin_hash) and check_password(pin, self.pin_hash)


class Kiosk(models.Model):
    """A shared library computer where a community's learners may sign in with a PIN.

    The computer carries a signed cookie with ``token``; revoking the row ends PIN
    sign-in there at once, whatever the cookie says.
    """

    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="kiosks",
        verbose_name=_("community"),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("Which computer this is, for example “Computer 2 by the window”."),
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["community", "name"]
        verbose_name = _("kiosk")
        verbose_name_plural = _("kiosks")

    def __str__(self):
        return f"{self.name} ({self.community})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class KioskSettings(models.Model):
    """Per-community switch for PIN sign-in; without a row PIN sign-in is on."""

    community = models.OneToOneField(
        "communities.Community",
        on_delete=models.CASCADE,
        related_name="kiosk_settings",
        verbose_name=_("community"),
    )
    pin_sign_in_enabled = models.BooleanField(
        _("PIN sign-in on kiosks"),
        default=True,
        help_text=_("Learners pick their name and type a PIN on this community's kiosks."),
    )

    class Meta:
        verbose_name = _("kiosk settings")
        verbose_name_plural = _("kiosk settings")

    def __str__(self):
        return str(self.community)


class DisplayNameChange(models.Model):
    """Who changed a display name, from what, to what, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="display_name_changes",
        verbose_name=_("user"),
    )
    old_name = models.CharField(_("old name"), max_length=150, blank=True)
    new_name = models.CharField(_("new name"), max_length=150)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("display name change")
        verbose_name_plural = _("display name changes")

    def __str__(self):
        return f"{self.old_name} → {self.new_name}"
