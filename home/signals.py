"""Forget the cached main menu whenever the page tree a menu shows may have changed."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from home.context_processors import menu_cache_key


def clear_menu_cache(**kwargs):
    cache.delete_many(
        [menu_cache_key(pk) for pk in Site.objects.values_list("root_page_id", flat=True)]
    )


def connect():
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(clear_menu_cache, dispatch_uid=f"home-menu-{id(signal)}")
    post_delete.connect(clear_menu_cache, sender=Page, dispatch_uid="home-menu-delete")
