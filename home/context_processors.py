from django.core.cache import cache
from wagtail.models import Site

from home.models import SiteSettings

MENU_CACHE_TTL = 5 * 60


def menu_cache_key(root_page_id: int) -> str:
    return f"home:main-menu:{root_page_id}"


def main_menu_items(site) -> list[dict]:
    """Title and URL of live pages under the site root marked "show in menus"."""
    key = menu_cache_key(site.root_page_id)
    items = cache.get(key)
    if items is None:
        children = site.root_page.get_children().live().in_menu().only("title", "url_path")
        items = [{"title": page.title, "url": page.get_url(None)} for page in children]
        cache.set(key, items, MENU_CACHE_TTL)
    return items


def site_chrome(request):
    """Site name and main menu for base.html, served from the cache on most requests."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_settings": SiteSettings(), "main_menu": []}
    return {
        "site_settings": SiteSettings.cached_for_site(site),
        "main_menu": main_menu_items(site),
    }
