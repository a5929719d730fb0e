from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home import demo


class Command(BaseCommand):
    help = "Build the demo site: pages, courses, communities and demo accounts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo content and build it again."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only load when the database has no users yet (used by 'make run').",
        )

    def handle(self, *args, reset=False, if_empty=False, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError(
                "Demo data is not allowed with these settings (it creates accounts with a "
                "published password). Use development settings."
            )
        if if_empty and get_user_model().objects.exists():
            self.stdout.write("The database already has data; demo data not loaded.")
            return
        with transaction.atomic():
            if reset:
                demo.reset()
            demo.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(
            "Demo logins (password for all: {}): {}".format(
                demo.DEMO_PASSWORD, ", ".join(demo.DEMO_USERS)
            )
        )
