from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("sales/", include("communities.urls")),
    path("my/", include("courses.urls")),
    path("certificates/", include("certificates.urls")),
    path("", include("home.urls")),
]

if getattr(settings, "SERVE_MEDIA", settings.DEBUG):
    # Uploaded images and documents, for single-machine sites without a separate web server.
    from django.views.static import serve

    urlpatterns += [
        re_path(
            r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")),
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [
    # Wagtail's page serving catches everything else, so it stays last.
    path("", include(wagtail_urls)),
]
