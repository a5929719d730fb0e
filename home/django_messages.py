"""Django's own messages that staff read in the admin, listed so the project catalogue has them.

Django's Thai catalogue has no time units, so Wagtail's "5 minutes ago" came out half
English in listings and on the dashboard. Each msgid must be exactly Django's source string.
Nothing imports this module; makemessages reads it.
"""

from django.utils.translation import ngettext_lazy

# django.utils.timesince
TIME_UNITS = [
    ngettext_lazy("%(num)d year", "%(num)d years", "num"),
    ngettext_lazy("%(num)d month", "%(num)d months", "num"),
    ngettext_lazy("%(num)d week", "%(num)d weeks", "num"),
    ngettext_lazy("%(num)d day", "%(num)d days", "num"),
    ngettext_lazy("%(num)d hour", "%(num)d hours", "num"),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", "num"),
]
