import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.translations import APP_LABELS, LANGUAGE_CODES, po_files


class Command(BaseCommand):
    help = (
        "Extract translatable strings (needs GNU gettext) and compile the .po catalogues "
        "to .mo files (pure Python, needs polib from requirements-dev.txt)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--extract", action="store_true")
        parser.add_argument("--compile", action="store_true")

    def handle(self, *args, extract=False, compile=False, **options):
        if extract:
            self.extract()
        if compile:
            self.compile()

    def extract(self):
        if not shutil.which("xgettext"):
            raise CommandError("Extracting strings needs GNU gettext: apt-get install gettext")
        base = Path(settings.BASE_DIR)
        manage = [
            sys.executable,
            str(base / "manage.py"),
            "makemessages",
            "--no-obsolete",
            "--no-location",
        ]
        langs = [arg for code in LANGUAGE_CODES for arg in ("-l", code)]
        # Each app keeps its own catalogue; the project one covers templates/, lms/ and home/.
        for app in APP_LABELS:
            if app == "home":
                continue
            (base / app / "locale").mkdir(exist_ok=True)
            subprocess.run([*manage, *langs], cwd=base / app, check=True)
        ignores = [".venv", "staticfiles", "media", "tests", *APP_LABELS[1:]]
        ignore_args = [arg for pattern in ignores for arg in ("-i", pattern)]
        subprocess.run([*manage, *langs, *ignore_args], cwd=base, check=True)
        self.fill_english()

    def fill_english(self):
        """Source strings are English, so the English catalogue repeats them."""
        import polib

        for path in po_files():
            if path.parts[-3] != "en":
                continue
            catalogue = polib.pofile(str(path))
            for entry in catalogue:
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                    entry.msgstr = ""
                    entry.msgstr_plural = {}
                if entry.msgid_plural:
                    if not any(entry.msgstr_plural.values()):
                        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                elif not entry.msgstr:
                    entry.msgstr = entry.msgid
            catalogue.save()

    def compile(self):
        import polib

        for path in po_files():
            catalogue = polib.pofile(str(path))
            catalogue.save_as_mofile(str(path.with_suffix(".mo")))
            self.stdout.write(f"compiled {path.relative_to(settings.BASE_DIR)}")
