from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
