"""Dates as people read them: Buddhist-Era years in Thai, Gregorian in English."""

import datetime

from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import override

BE_OFFSET = 543


def _is_thai(lang: str | None) -> bool:
    return (lang or translation.get_language() or "th").split("-")[0] == "th"


def format_date(
    value: datetime.date | datetime.datetime | None,
    *,
    lang: str | None = None,
    era: bool = False,
    with_time: bool = False,
) -> str:
    """``24 พฤศจิกายน 2569`` in Thai, ``24 November 2026`` in English.

    ``era`` adds "พ.ศ." before a Thai year (certificates); ``with_time`` appends HH:MM
    in the site's time zone.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        time_part = value.strftime("%H:%M")
    else:
        time_part = ""
    thai = _is_thai(lang)
    with override(lang or translation.get_language()):
        month = str(MONTHS[value.month])
        if thai:
            year = f"พ.ศ. {value.year + BE_OFFSET}" if era else str(value.year + BE_OFFSET)
        else:
            year = str(value.year)
        text = f"{value.day} {month} {year}"
        if with_time and time_part:
            text = _("%(date)s, %(time)s") % {"date": text, "time": time_part}
    return text
