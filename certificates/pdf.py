"""Certificate PDFs: HTML and CSS rendered by WeasyPrint with the Sarabun font from its package.

WeasyPrint may read only the project's own files (static files, media, the font package)
through ``ProjectFileFetcher``: never the network, never another file on the machine.
"""

import hashlib
import mimetypes
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import fontpkg
import segno
from django.apps import apps
from django.conf import settings
from django.core.cache import cache as django_cache
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from certificates.models import Certificate, CertificateTemplate
from home.dates import format_date

FONT_FAMILY = "Sarabun"
FONT_WEIGHTS = (400, 600, 700)
# Bump when the PDF's HTML or CSS changes, so cached PDFs are made again.
RENDER_VERSION = 1
CACHE_TIMEOUT = 30 * 24 * 60 * 60


class URLRefused(ValueError):
    """WeasyPrint asked for something outside the project's own files."""


def font_dir() -> Path:
    return fontpkg.path(FONT_FAMILY).parent


def allowed_roots() -> list[Path]:
    """Folders WeasyPrint may read from: static files, media and the font package."""
    roots = [Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT), font_dir()]
    for entry in settings.STATICFILES_DIRS:
        roots.append(Path(entry[1] if isinstance(entry, tuple | list) else entry))
    for app_config in apps.get_app_configs():
        static = Path(app_config.path) / "static"
        if static.is_dir():
            roots.append(static)
    return [root.resolve() for root in roots]


class ProjectFileFetcher(URLFetcher):
    """Serves ``file:`` URLs inside ``allowed_roots()`` and refuses everything else."""

    def __init__(self, roots: list[Path] | None = None):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.roots = roots if roots is not None else allowed_roots()

    def resolve(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise URLRefused(f"Only the project's own files can be used: {url}")
        # resolve() follows ".." and symlinks, so neither can step outside a root.
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_file() or not any(path.is_relative_to(root) for root in self.roots):
            raise URLRefused(f"Not one of the project's static, media or font files: {url}")
        return path

    def fetch(self, url, headers=None):
        path = self.resolve(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )


@cache
def font_faces() -> list[dict]:
    """``@font-face`` sources for the weights the certificate uses."""
    return [
        {"weight": weight, "url": fontpkg.path(FONT_FAMILY, weight=weight).resolve().as_uri()}
        for weight in FONT_WEIGHTS
    ]


def image_url(image, filter_spec: str) -> str | None:
    """A ``file:`` URL of a resized copy of a Wagtail image, or None if its file is gone."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(filter_spec)
    except OSError:  # the original file is missing or unreadable
        return None
    return Path(rendition.file.path).resolve().as_uri()


def qr_svg(url: str, *, colour: str) -> str:
    """The QR code as inline SVG (sized by CSS); segno builds the markup, not user input."""
    qr = segno.make(url, error="m", micro=False)
    return mark_safe(qr.svg_inline(dark=colour, border=0, omitsize=True))


def template_for(certificate: Certificate) -> CertificateTemplate | None:
    """The template the certificate was issued with, else today's one for its course."""
    template = certificate.template
    if template is None:
        template = CertificateTemplate.for_course(certificate.course)
    return template


def _site_name() -> str:
    from wagtail.models import Site

    from home.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.cached_for_site(site).site_name if site else settings.WAGTAIL_SITE_NAME


def render_html(certificate: Certificate, *, lang: str, verify_url: str) -> str:
    template = template_for(certificate)
    accent = template.accent_colour if template else "#1F6F50"
    partners = []
    if template is not None:
        for partner in template.partners.select_related("logo"):
            partners.append(
                {"name": partner.name, "logo_url": image_url(partner.logo, "max-400x160")}
            )
    thai = lang == "th"
    with translation.override(lang):
        context = {
            "certificate": certificate,
            "lang": lang,
            "heading": (template.heading if thai else template.heading_en)
            if template
            else ("ประกาศนียบัตร" if thai else "Certificate of Completion"),
            "signatory_title": certificate.signatory_title
            if thai or not certificate.signatory_title_en
            else certificate.signatory_title_en,
            "signature_url": image_url(template and template.signature_image, "max-500x200"),
            "partners": partners,
            "accent": accent,
            "issued_on": format_date(certificate.issued_on, lang=lang, era=True),
            "verify_url": verify_url,
            "qr_svg": qr_svg(verify_url, colour="#000000"),
            "font_faces": font_faces(),
            "font_family": FONT_FAMILY,
            "site_name": _site_name(),
        }
        return render_to_string("certificates/pdf/certificate.html", context)


def render_pdf(certificate: Certificate, *, lang: str, verify_url: str) -> bytes:
    html = render_html(certificate, lang=lang, verify_url=verify_url)
    fetcher = ProjectFileFetcher()
    return HTML(string=html, url_fetcher=fetcher).write_pdf(font_config=FontConfiguration())


def pdf_cache_key(certificate: Certificate, *, lang: str, verify_url: str) -> str:
    """Changes whenever the certificate, its template, the language or the address does."""
    template = template_for(certificate)
    parts = [
        RENDER_VERSION,
        certificate.pk,
        certificate.updated_at.isoformat(),
        template.pk if template else "-",
        template.updated_at.isoformat() if template else "-",
        lang,
        verify_url,
    ]
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return f"certificates:pdf:{digest}"


def certificate_pdf(certificate: Certificate, *, lang: str, verify_url: str) -> bytes:
    """The PDF from the cache, or rendered and cached."""
    key = pdf_cache_key(certificate, lang=lang, verify_url=verify_url)
    pdf = django_cache.get(key)
    if pdf is None:
        pdf = render_pdf(certificate, lang=lang, verify_url=verify_url)
        django_cache.set(key, pdf, CACHE_TIMEOUT)
    return pdf
