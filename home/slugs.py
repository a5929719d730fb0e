"""ASCII slugs for Thai titles.

Django's ``slugify`` drops Thai vowels and tone marks, and Wagtail's admin slugifier
drops Thai altogether, so titles are transliterated with anyascii first.
"""

from anyascii import anyascii
from django.utils.text import slugify


def ascii_slugify(text: str, *, max_length: int = 80) -> str:
    slug = slugify(anyascii(text or ""))
    return slug[:max_length].strip("-")


def unique_child_slug(base_slug: str, parent_page, page=None) -> str:
    """``base_slug``, or ``base_slug-2``, ``-3``… until no sibling under ``parent_page`` uses it."""
    from wagtail.models import Page

    candidate, suffix = base_slug, 1
    while not Page._slug_is_available(candidate, parent_page, page):
        suffix += 1
        candidate = f"{base_slug}-{suffix}"
    return candidate
