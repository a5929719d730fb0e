from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in. Learners often have no email, so it is optional."""

    display_name = models.CharField(
        _("display name"),
        max_length=150,
        blank=True,
        help_text=_("Full name as it will be printed on certificates. Thai is welcome."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("community"),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        return self.display_name or super().get_full_name() or self.username

    def is_coordinator_of(self, community) -> bool:
        """True for staff and for coordinators assigned to ``community``."""
        if self.is_superuser:
            return True
        if community is None:
            return False
        return community.coordinators.filter(pk=self.pk).exists()

    def get_short_name(self):
        return self.display_name or self.first_name or self.username
