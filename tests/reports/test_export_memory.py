"""A large learner-progress export streams: memory does not grow with the number of rows."""

import tracemalloc

import pytest

from accounts.models import User
from communities.models import Community
from courses.models import Enrolment
from tests import factories

URL = "/admin/reports/learner-progress/?export=csv"
CHUNK = 50


def add_learners(course, community, start, count):
    users = User.objects.bulk_create(
        User(
            username=f"bulk-{n:05d}",
            display_name=f"ผู้เรียนจำนวนมาก {n:05d}",
            password="!",
            community=community,
        )
        for n in range(start, start + count)
    )
    Enrolment.objects.bulk_create(Enrolment(user=user, course=course) for user in users)


def peak_while_streaming(client) -> tuple[int, int]:
    """Rows written and the peak of Python memory while the whole CSV is read and dropped."""
    tracemalloc.start()
    try:
        response = client.get(URL)
        rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return rows, peak


@pytest.mark.django_db
def test_export_memory_does_not_grow_with_rows(client, superuser, monkeypatch):
    # A small chunk stands in for the real 2,000 rows, so a few hundred rows span many chunks.
    monkeypatch.setattr("reports.views.EXPORT_CHUNK", CHUNK)
    course = factories.make_course(lessons=4, title="ขายของออนไลน์")
    community = Community.objects.create(name="ชุมชนลับแล", province="uttaradit")
    client.force_login(superuser)

    add_learners(course, community, 0, 4 * CHUNK)
    client.get(URL)  # warm imports, caches and translations before measuring
    small_rows, small_peak = peak_while_streaming(client)
    add_learners(course, community, 4 * CHUNK, 16 * CHUNK)
    large_rows, large_peak = peak_while_streaming(client)

    assert (small_rows, large_rows) == (4 * CHUNK, 20 * CHUNK)
    # Five times the rows; the peak stays that of one chunk (plus noise), not five times it.
    assert large_peak < small_peak * 1.3, (small_peak, large_peak)
