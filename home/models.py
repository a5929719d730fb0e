from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction

from home.slugs import ascii_slugify, unique_child_slug


class AsciiSlugPageForm(WagtailAdminPageForm):
    """Page form that turns a Thai (or empty) slug into an ASCII one from the title.

    The admin's own slugifier leaves Thai titles with an empty slug, so the field is
    optional here and filled on the server.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        slug = self.data.get(self.add_prefix("slug"), "") or ""
        title = self.cleaned_data.get("title") or ""
        typed = ascii_slugify(slug)
        if typed:
            self.cleaned_data["slug"] = typed
            self.errors.pop("slug", None)
        elif from_title := ascii_slugify(title):
            # A slug made from the title is de-duplicated; a typed one is checked instead.
            self.cleaned_data["slug"] = unique_child_slug(
                from_title, self.parent_page, self.instance if self.instance.pk else None
            )
            self.errors.pop("slug", None)
        return super().clean()


class BasePage(Page):
    """Common base for the project's pages: ASCII slugs in the admin and in code."""

    base_form_class = AsciiSlugPageForm

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        if not self.slug and self.title:
            parent = getattr(self, "_cached_parent_obj", None) or (
                self.get_parent() if self.path else None
            )
            if (base_slug := ascii_slugify(self.title)) and parent is not None:
                self.slug = unique_child_slug(base_slug, parent, self if self.pk else None)
        super().full_clean(*args, **kwargs)

    @property
    def parent_url(self) -> str:
        """The parent page's URL without a query: page URLs nest by slug."""
        url = self.url or "/"
        suffix = f"{self.slug}/"
        return url[: -len(suffix)] if url.endswith(suffix) else "/"

    def get_view_restrictions(self):
        """Restrictions on this page and its ancestors in one query (aliases use their source's)."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()

    def route(self, request, path_components):
        """Find the deepest page matching the path in one query, not two per level.

        Wagtail's default walks the tree a level at a time; courses sit four levels deep,
        so this keeps page views within their query budget. What is left of the path
        (e.g. a routable page's ``complete/``) is passed on to that page.
        """
        if not path_components:
            return super().route(request, path_components)
        candidates = [
            self.url_path + "/".join(path_components[:length]) + "/"
            for length in range(1, len(path_components) + 1)
        ]
        page = (
            Page.objects.descendant_of(self)
            .filter(url_path__in=candidates)
            .order_by("-depth")
            .first()
        )
        if page is None:
            return super().route(request, path_components)
        remaining = path_components[page.depth - self.depth :]
        return page.specific.route(request, remaining)


class HomePage(BasePage):
    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        verbose_name=_("introduction"),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from courses.models import CoursePage

        context = super().get_context(request, *args, **kwargs)
        context["featured_courses"] = (
            CoursePage.objects.live()
            .public()
            .select_related("topic", "cover_image")
            .order_by("path")[:3]
        )
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    site_name = models.CharField(_("site name"), max_length=100, default="ห้องเรียนสินค้าชุมชน")
    tagline = models.CharField(
        _("tagline"),
        max_length=200,
        blank=True,
        default="เรียนพัฒนาสินค้าชุมชนและขายออนไลน์ ที่ห้องสมุดใกล้บ้าน",
    )

    panels = [FieldPanel("site_name"), FieldPanel("tagline")]

    class Meta:
        verbose_name = _("site settings")

    @staticmethod
    def cache_key(site_id: int) -> str:
        return f"home:site-settings:{site_id}"

    @classmethod
    def cached_for_site(cls, site) -> "SiteSettings":
        """Every page shows these; keep them out of the per-request query budget."""
        key = cls.cache_key(site.pk)
        settings = cache.get(key)
        if settings is None:
            settings = cls.for_site(site)
            cache.set(key, settings, 60 * 60)
        return settings

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        cache.delete(self.cache_key(self.site_id))
