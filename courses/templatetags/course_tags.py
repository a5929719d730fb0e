from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def duration(minutes):
    """ "1 ชั่วโมง 30 นาที" / "1 h 30 min" from a number of minutes."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if rest or not hours:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", rest) % {"n": rest})
    return " ".join(parts)


@register.filter
def step_before(progress, page):
    return progress.step_before(page) if progress else None


@register.filter
def step_after(progress, page):
    return progress.step_after(page) if progress else None
