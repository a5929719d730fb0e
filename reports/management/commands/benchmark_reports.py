"""Time each report page and the CSV exports on the current database.

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

from communities.models import Community
from courses.models import CoursePage

REPORT_URLS = [
    "/admin/reports/course-completion/",
    "/admin/reports/course-completion/?community={community}",
    "/admin/reports/learner-progress/",
    "/admin/reports/learner-progress/?p=100",
    "/admin/reports/learner-progress/?status=stuck",
    "/admin/reports/quiz-items/",
    "/admin/reports/quiz-items/?community={community}",
    "/admin/reports/sales/",
    "/admin/reports/sales/?community={community}",
]
EXPORT_URLS = [
    "/admin/reports/course-completion/?export=csv",
    "/admin/reports/sales/?export=csv",
    "/admin/reports/learner-progress/?export=csv",
]
PROGRESS_EXPORT = "/admin/reports/learner-progress/?export=csv"


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
            self.run(extra_url)

    def run(self, extra_urls):
        User = get_user_model()
        admin, _created = User.objects.get_or_create(
            username="scale-admin", defaults={"is_superuser": True, "is_staff": True}
        )
        client = Client(SERVER_NAME="localhost")
        client.force_login(admin)
        # A generated community, so the filtered pages read a realistic share of the rows.
        community = (
            Community.objects.filter(name__startswith="ชุมชนทดสอบขนาดใหญ่")
            .order_by("name")
            .values_list("pk", flat=True)
            .first()
        )
        urls = [url.format(community=community or "") for url in [*REPORT_URLS, *extra_urls]]
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

        for url in EXPORT_URLS:
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                rows, size = self.consume(client.get(url))
                elapsed = time.perf_counter() - start
            self.stdout.write(
                f"{url}: {rows} rows, {size / 1e6:.2f} MB in {elapsed:.2f} s, "
                f"{len(queries.captured_queries)} queries"
            )

        # Peak memory is one chunk of rows, not the whole export: compare a small export
        # (within one chunk), one course (several chunks) and the full one.
        course = (
            CoursePage.objects.filter(slug__startswith="scale-course-")
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        for url in (
            f"{PROGRESS_EXPORT}&community={community or ''}",
            f"{PROGRESS_EXPORT}&course={course or ''}",
            PROGRESS_EXPORT,
        ):
            tracemalloc.start()
            rows, _size = self.consume(client.get(url))
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            self.stdout.write(f"{url}: {rows} rows, peak Python memory {peak / 1e6:.1f} MB")

    def consume(self, response):
        """Read a (possibly streamed) export chunk by chunk without keeping it."""
        rows = size = 0
        chunks = response.streaming_content if response.streaming else [response.content]
        for chunk in chunks:
            size += len(chunk)
            rows += chunk.count(b"\n")
        return rows - 1, size
