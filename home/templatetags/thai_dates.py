from django import template

from home.dates import format_date

register = template.Library()


@register.filter
def display_date(value):
    """Date for people: BE year in Thai, Gregorian in English."""
    return format_date(value)


@register.filter
def display_datetime(value):
    return format_date(value, with_time=True)
