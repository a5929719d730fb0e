from django import template
from django.conf import settings
from django.utils.html import format_html

register = template.Library()


@register.inclusion_tag("includes/idle_warning.html", takes_context=True)
def idle_warning(context):
    """The "are you still there?" box; idle.js shows it shortly before the idle sign-out."""
    request = context.get("request")
    seconds_left = getattr(request, "session_seconds_left", settings.LMS_IDLE_TIMEOUT_SECONDS)
    return {
        "request": request,
        "seconds_left": seconds_left,
        "warning_seconds": settings.LMS_IDLE_WARNING_SECONDS,
        "countdown": format_html("<strong data-countdown>{}</strong>", "2:00"),
        "csrf_token": context.get("csrf_token"),
    }
