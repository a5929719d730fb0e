"""Factories for accounts tests: communities, learners, coordinators, kiosks."""

import itertools

from django.core.signing import get_cookie_signer

from accounts.kiosk import COOKIE_NAME, COOKIE_SALT
from accounts.models import Kiosk
from communities.models import Community
from tests.factories import make_user

_counter = itertools.count(1)


def make_community(*, name: str | None = None, province: str = "uttaradit") -> Community:
    n = next(_counter)
    return Community.objects.create(name=name or f"ชุมชนทดสอบ {n}", province=province)


def make_learner(*, community: Community | None = None, **fields):
    return make_user(groups=["Learners"], community=community, **fields)


def make_coordinator(*, community: Community | None = None, **fields):
    user = make_user(groups=["Coordinators"], **fields)
    if community is not None:
        community.coordinators.add(user)
    return user


def make_kiosk(*, community: Community, **fields) -> Kiosk:
    return Kiosk.objects.create(community=community, name=fields.pop("name", "เครื่องที่ 1"), **fields)


def use_kiosk(client, kiosk: Kiosk):
    """Give the test client's browser the cookie a registered kiosk carries."""
    signer = get_cookie_signer(salt=COOKIE_NAME + COOKIE_SALT)
    client.cookies[COOKIE_NAME] = signer.sign(str(kiosk.token))
    return client
