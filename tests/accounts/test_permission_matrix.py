"""Who may open what, by direct URL, for every role.

One row per URL: add a row when a feature adds a learner-facing or admin URL. ``World``
holds the objects the URLs point at; every URL is requested as each role in turn.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model

from accounts.selectors import pin_sign_in_enabled
from tests.accounts.factories import make_community, make_coordinator, make_kiosk, make_learner
from tests.factories import make_superuser, make_user

User = get_user_model()

ANONYMOUS = "anonymous"
LEARNER = "learner"
OTHER_LEARNER = "other learner"
EXPERT = "expert"
COORDINATOR = "coordinator"
OTHER_COORDINATOR = "other coordinator"
ADMIN = "admin"
ROLES = [ANONYMOUS, LEARNER, OTHER_LEARNER, EXPERT, COORDINATOR, OTHER_COORDINATOR, ADMIN]

# Outcomes besides plain status codes.
LOGIN = "sent to sign in"
REDIRECT = "redirected"
ADMIN_DENIED = "sent back to the admin dashboard"


@dataclass
class World:
    """A learner and coordinator of community A, and their counterparts."""

    community: object
    other_community: object
    learner: object
    kiosk: object
    users: dict = field(default_factory=dict)


@pytest.fixture
def world(db):
    community = make_community(name="ชุมชน ก")
    other_community = make_community(name="ชุมชน ข")
    learner = make_learner(community=community)
    world = World(
        community=community,
        other_community=other_community,
        learner=learner,
        kiosk=make_kiosk(community=community),
    )
    world.users = {
        LEARNER: learner,
        OTHER_LEARNER: make_learner(community=community),
        EXPERT: make_user(groups=["Experts"]),
        COORDINATOR: make_coordinator(community=community),
        OTHER_COORDINATOR: make_coordinator(community=other_community),
        ADMIN: make_superuser(),
    }
    return world


def everyone(outcome):
    return dict.fromkeys(ROLES, outcome)


def signed_in(outcome, anonymous=LOGIN):
    return {**everyone(outcome), ANONYMOUS: anonymous}


def coordinators_only(own, other=None):
    """Coordinator pages: learners and experts refused; another community's objects hidden."""
    return {
        ANONYMOUS: LOGIN,
        LEARNER: 403,
        OTHER_LEARNER: 403,
        EXPERT: 403,
        COORDINATOR: own,
        OTHER_COORDINATOR: own if other is None else other,
        ADMIN: own,
    }


def staff_admin_only():
    return {
        ANONYMOUS: LOGIN,
        LEARNER: LOGIN,
        OTHER_LEARNER: LOGIN,
        EXPERT: ADMIN_DENIED,
        COORDINATOR: ADMIN_DENIED,
        OTHER_COORDINATOR: ADMIN_DENIED,
        ADMIN: 200,
    }


@dataclass
class Row:
    name: str
    url: Callable[[World], str]
    expected: dict
    method: str = "get"
    data: dict = field(default_factory=dict)


MATRIX = [
    Row("home page", lambda w: "/", everyone(200)),
    Row("sign in", lambda w: "/accounts/login/", signed_in(REDIRECT, anonymous=200)),
    Row("sign up", lambda w: "/accounts/sign-up/", signed_in(REDIRECT, anonymous=200)),
    Row("my account", lambda w: "/accounts/profile/", signed_in(200)),
    Row("change my name", lambda w: "/accounts/profile/name/", signed_in(200)),
    Row("kiosk PIN", lambda w: "/accounts/profile/pin/", signed_in(200)),
    Row("change password", lambda w: "/accounts/password/", signed_in(200)),
    Row("choose first password", lambda w: "/accounts/password/new/", signed_in(REDIRECT)),
    Row("stay signed in", lambda w: "/accounts/keep-alive/", signed_in(REDIRECT), method="post"),
    Row("my learning", lambda w: "/my/", signed_in(200)),
    Row(
        "PIN sign-in off a kiosk",
        lambda w: f"/accounts/kiosk/{w.learner.pk}/",
        signed_in(REDIRECT, anonymous=403),
    ),
    Row("coordinator home", lambda w: "/accounts/communities/", coordinators_only(200)),
    Row(
        "community learners",
        lambda w: f"/accounts/communities/{w.community.pk}/learners/",
        coordinators_only(200, other=404),
    ),
    Row(
        "register learners",
        lambda w: f"/accounts/communities/{w.community.pk}/learners/add/",
        coordinators_only(200, other=404),
    ),
    Row(
        "login cards",
        lambda w: f"/accounts/communities/{w.community.pk}/cards/",
        coordinators_only(200, other=404),
    ),
    Row(
        "community kiosk",
        lambda w: f"/accounts/communities/{w.community.pk}/kiosk/",
        coordinators_only(200, other=404),
    ),
    Row(
        "kiosk settings",
        lambda w: f"/accounts/communities/{w.community.pk}/kiosk/settings/",
        coordinators_only(REDIRECT, other=404),
        method="post",
        data={"pin_sign_in_enabled": "on"},
    ),
    Row(
        "reset a learner's password",
        lambda w: f"/accounts/learners/{w.learner.pk}/reset-password/",
        coordinators_only(200, other=404),
    ),
    Row(
        "unregister this kiosk",
        lambda w: "/accounts/kiosk/unregister/",
        coordinators_only(REDIRECT),
        method="post",
    ),
    Row(
        "admin dashboard",
        lambda w: "/admin/",
        {**staff_admin_only(), EXPERT: 200, COORDINATOR: 200, OTHER_COORDINATOR: 200},
    ),
    Row("admin: kiosks", lambda w: "/admin/kiosks/", staff_admin_only()),
    Row(
        "admin: revoke kiosk",
        lambda w: f"/admin/kiosks/revoke/{w.kiosk.pk}/",
        staff_admin_only(),
    ),
    Row("admin: name changes", lambda w: "/admin/display-name-changes/", staff_admin_only()),
]


def outcome(response):
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith(("/accounts/login/", "/admin/login/")):
            return LOGIN
        if location == "/admin/":
            return ADMIN_DENIED
        return REDIRECT
    return response.status_code


@pytest.mark.parametrize("row", MATRIX, ids=[row.name for row in MATRIX])
def test_permission_matrix(client, world, row):
    url = row.url(world)
    actual = {}
    for role in ROLES:
        client.logout()
        if role != ANONYMOUS:
            client.force_login(world.users[role])
        response = getattr(client, row.method)(url, row.data)
        actual[role] = outcome(response)
    assert actual == row.expected


def test_matrix_rows_cover_every_role():
    for row in MATRIX:
        assert set(row.expected) == set(ROLES), row.name


# Direct-URL attempts on another community's objects change nothing.


def test_other_coordinator_cannot_reset_a_password_by_url(client, world):
    client.force_login(world.users[OTHER_COORDINATOR])
    response = client.post(f"/accounts/learners/{world.learner.pk}/reset-password/")
    assert response.status_code == 404
    world.learner.refresh_from_db()
    assert world.learner.check_password("correct-horse-2569")
    assert not world.learner.must_change_password


def test_other_coordinator_cannot_register_learners_in_a_community_by_url(client, world):
    client.force_login(world.users[OTHER_COORDINATOR])
    before = User.objects.count()
    response = client.post(
        f"/accounts/communities/{world.community.pk}/learners/add/", {"names": "มาลี"}
    )
    assert response.status_code == 404
    assert User.objects.count() == before


def test_other_coordinator_cannot_register_a_kiosk_for_a_community_by_url(client, world):
    client.force_login(world.users[OTHER_COORDINATOR])
    response = client.post(f"/accounts/communities/{world.community.pk}/kiosk/", {"name": "x"})
    assert response.status_code == 404
    assert world.community.kiosks.count() == 1


def test_coordinator_cannot_reset_a_staff_or_expert_password_by_url(client, world):
    client.force_login(world.users[COORDINATOR])
    for role in (EXPERT, OTHER_COORDINATOR, ADMIN):
        target = world.users[role]
        target.community = world.community
        target.save()
        response = client.post(f"/accounts/learners/{target.pk}/reset-password/")
        assert response.status_code == 404, role
        target.refresh_from_db()
        assert not target.must_change_password


def test_learner_cannot_switch_off_pin_sign_in_by_url(client, world):
    client.force_login(world.users[LEARNER])
    response = client.post(f"/accounts/communities/{world.community.pk}/kiosk/settings/", {})
    assert response.status_code == 403
    assert pin_sign_in_enabled(world.community)
