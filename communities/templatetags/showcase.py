from decimal import Decimal

import segno
from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def qr_code(url: str, label: str = ""):
    """An inline SVG QR code for ``url``, drawn on the server so phones can scan the screen."""
    if not url:
        return ""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, border=2, dark="#1f2328", light="#ffffff", svgclass="qr-code__svg"
    )
    # segno only draws modules from the encoded data; nothing of the URL is echoed as markup.
    return format_html(
        '<span class="qr-code" role="img" aria-label="{}">{}</span>', label, mark_safe(svg)
    )


@register.filter
def baht(value) -> str:
    """``1,250 baht`` or ``89.50 baht``: whole amounts without decimals."""
    if value in (None, ""):
        return ""
    amount = Decimal(value)
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return _("%(amount)s baht") % {"amount": text}


@register.filter
def percent_width(value) -> str:
    """A 0-100 number as a CSS width, clamped."""
    try:
        number = max(0, min(100, int(value)))
    except (TypeError, ValueError):
        number = 0
    return f"{number}%"


@register.inclusion_tag("includes/lesson_products.html", takes_context=True)
def lesson_products(context, lesson):
    """The products of communities that applied ``lesson``, for the lesson page."""
    from communities.selectors import products_for_lesson

    return {"products": products_for_lesson(lesson), "request": context.get("request")}
