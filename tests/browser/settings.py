"""Settings for the site the browser tests drive: production-like static files, own database."""

import os

from lms.settings.test import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ["LMS_BROWSER_DB"],
        "OPTIONS": SQLITE_OPTIONS,  # noqa: F405
    }
}
MEDIA_ROOT = os.environ["LMS_BROWSER_MEDIA"]
STATIC_ROOT = os.environ["LMS_BROWSER_STATIC"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = False
SERVE_MEDIA = True
WAGTAILADMIN_BASE_URL = os.environ.get("LMS_BROWSER_BASE_URL", "http://127.0.0.1")
