"""Time each report page and the full learner-progress CSV export on the current database.

Run after ``generate_report_data``; prints seconds, query counts and peak Python memory.
"""

import time
import tracemalloc

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

REPORT_URLS = [
    "/admin/reports/course-completion/",
    "/admin/reports/learner-progress/",
    "/admin/reports/learner-progress/?p=100",
    "/admin/reports/learner-progress/?status=stuck",
]
EXPORT_URL = "/admin/reports/learner-progress/?export=csv"


class Command(BaseCommand):
    help = "Measure the reports (development databases only)."

    def add_arguments(self, parser):
        parser.add_argument("--extra-url", action="append", default=[])

    def handle(self, *args, extra_url, **options):
        if not getattr(settings, "DEMO_DATA_ALLOWED", False):
            raise CommandError("Benchmarks run on development databases only.")
        # As in production (no query log), but without needing collectstatic's manifest.
        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["localhost"], STORAGES=storages):
            self.run([*REPORT_URLS, *extra_url])

    def run(self, urls):
        User = get_user_model()
        admin, _created = User.objects.get_or_create(
            username="scale-admin", defaults={"is_superuser": True, "is_staff": True}
        )
        client = Client(SERVER_NAME="localhost")
        client.force_login(admin)
        client.get(urls[0])  # warm up imports and caches
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - start
            self.stdout.write(
                f"{url}: {response.status_code} in {elapsed:.3f} s, "
                f"{len(queries.captured_queries)} queries"
            )

        start = time.perf_counter()
        rows, size = self.consume(client.get(EXPORT_URL))
        elapsed = time.perf_counter() - start
        self.stdout.write(f"{EXPORT_URL}: {rows} rows, {size / 1e6:.1f} MB in {elapsed:.2f} s")

        community = (
            User.objects.filter(username__startswith="scale-", community__isnull=False)
            .values_list("community_id", flat=True)
            .first()
        )
        # Peak memory is one chunk of rows, not the whole export: compare a small, a middling
        # and the full export.
        for url in (
            f"{EXPORT_URL}&community={community}",
            f"{EXPORT_URL}&status=completed",
            EXPORT_URL,
        ):
            tracemalloc.start()
            rows, _size = self.consume(client.get(url))
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            self.stdout.write(f"{url}: {rows} rows, peak Python memory {peak / 1e6:.1f} MB")

    def consume(self, response):
        """Read a streamed export chunk by chunk without keeping it."""
        rows = size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            rows += chunk.count(b"\n")
        return rows - 1, size
