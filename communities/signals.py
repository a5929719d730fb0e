"""Forget which lessons have products whenever a product or its lesson links change."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from communities.models import ProductLesson, ProductPage
from communities.selectors import forget_lessons_with_products


def _forget(**kwargs):
    forget_lessons_with_products()


def connect():
    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(
            _forget, sender=ProductPage, dispatch_uid=f"communities-lessons-{id(signal)}"
        )
    for signal in (post_save, post_delete):
        signal.connect(
            _forget, sender=ProductLesson, dispatch_uid=f"communities-links-{id(signal)}"
        )
