"""Test data for certificates: communities, coordinators and completed courses."""

import itertools

from certificates.models import Certificate
from communities.models import Community
from courses.services import lesson_complete
from tests.factories import lessons_of, make_course, make_user

_counter = itertools.count(1)


def make_community(**fields) -> Community:
    n = next(_counter)
    return Community.objects.create(
        name=fields.pop("name", f"วิสาหกิจชุมชนทอผ้าบ้านนาที่ {n}"),
        province=fields.pop("province", "uttaradit"),
        **fields,
    )


def make_coordinator(community: Community, **fields):
    coordinator = make_user(groups=["Coordinators"], **fields)
    community.coordinators.add(coordinator)
    return coordinator


def complete_course(user, course=None) -> Certificate:
    """Finish every lesson of ``course`` (a new one by default); returns the certificate."""
    course = course or make_course(lessons=1)
    for lesson in lessons_of(course):
        lesson_complete(user=user, lesson=lesson)
    return Certificate.objects.get(user=user, course=course)


def certified_learner(**fields) -> tuple:
    """A learner in a community who holds a certificate: (learner, certificate)."""
    community = fields.pop("community", None) or make_community()
    learner = make_user(community=community, **fields)
    return learner, complete_course(learner)
