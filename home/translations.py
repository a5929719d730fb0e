"""Where the project's translation catalogues live, and how they are compiled.

The compiled ``.mo`` files are committed so a fresh machine needs no system gettext.
"""

from pathlib import Path

from django.conf import settings

LANGUAGE_CODES = ["th", "en"]
APP_LABELS = ["home", "accounts", "courses", "quizzes", "certificates", "communities", "reports"]


def catalogue_dirs() -> list[Path]:
    """Every locale folder the project owns: the project-wide one and each app's."""
    base = Path(settings.BASE_DIR)
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    dirs += [base / app / "locale" for app in APP_LABELS if (base / app / "locale").is_dir()]
    return dirs


def po_files() -> list[Path]:
    return sorted(
        path
        for directory in catalogue_dirs()
        for path in directory.glob("*/LC_MESSAGES/django*.po")
    )
