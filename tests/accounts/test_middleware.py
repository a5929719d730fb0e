"""Idle and absolute session limits, forced password change, and no-store for signed-in pages."""

import time

import pytest

from accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from tests.accounts.factories import make_community, make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return make_learner(community=make_community())


def _age_session(client, *, idle=0, since_sign_in=0):
    session = client.session
    now = int(time.time())
    session[LAST_SEEN] = now - idle
    session[SIGNED_IN_AT] = now - since_sign_in
    session.save()


def test_signed_in_pages_are_not_stored_by_the_browser(client, learner):
    anonymous = client.get("/accounts/login/")
    client.force_login(learner)
    response = client.get("/accounts/profile/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    home = client.get("/")
    assert "no-store" in home["Cache-Control"]
    assert "no-store" in anonymous["Cache-Control"]  # the sign-in view is never cached
    client.logout()
    assert "no-store" not in client.get("/").get("Cache-Control", "")


def test_idle_session_is_signed_out_on_the_server(thai, learner, settings):
    settings.LMS_IDLE_TIMEOUT_SECONDS = 30 * 60
    thai.force_login(learner)
    _age_session(thai, idle=30 * 60 + 1, since_sign_in=40 * 60)
    response = thai.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/profile/"
    assert "_auth_user_id" not in thai.session
    page = thai.get(response["Location"]).content.decode()
    assert "ไม่มีการใช้งานนาน 30 นาที" in page


def test_idle_timeout_is_configurable(client, learner, settings):
    settings.LMS_IDLE_TIMEOUT_SECONDS = 5 * 60
    client.force_login(learner)
    _age_session(client, idle=4 * 60)
    assert client.get("/accounts/profile/").status_code == 200
    _age_session(client, idle=5 * 60)
    assert client.get("/accounts/profile/").status_code == 302


def test_activity_keeps_the_session_but_not_beyond_eight_hours(client, learner):
    client.force_login(learner)
    _age_session(client, idle=29 * 60, since_sign_in=2 * 60 * 60)
    assert client.get("/accounts/profile/").status_code == 200
    assert client.session[LAST_SEEN] >= int(time.time()) - 1

    _age_session(client, idle=60, since_sign_in=8 * 60 * 60)
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_sign_in_starts_both_clocks(client, learner):
    client.force_login(learner)
    assert int(time.time()) - client.session[SIGNED_IN_AT] < 5
    assert int(time.time()) - client.session[LAST_SEEN] < 5


def test_idle_warning_is_on_every_signed_in_page(client, learner, settings):
    settings.LMS_IDLE_TIMEOUT_SECONDS = 30 * 60
    client.force_login(learner)
    _age_session(client, idle=20)
    page = client.get("/").content.decode()
    assert 'id="idle-warning"' in page
    assert 'data-warning-seconds="120"' in page
    assert "js/idle.js" in page
    assert 'action="/accounts/keep-alive/"' in page
    client.logout()
    assert 'id="idle-warning"' not in client.get("/").content.decode()


def test_keep_alive_resets_the_idle_clock(client, learner, settings):
    settings.LMS_IDLE_TIMEOUT_SECONDS = 30 * 60
    client.force_login(learner)
    _age_session(client, idle=28 * 60, since_sign_in=60 * 60)
    response = client.post("/accounts/keep-alive/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["signed_in"] is True
    assert 30 * 60 - 2 <= response.json()["seconds_left"] <= 30 * 60

    # Without JavaScript the same button is a form that returns to the page.
    _age_session(client, idle=28 * 60, since_sign_in=60 * 60)
    response = client.post("/accounts/keep-alive/", {"next": "/accounts/profile/"})
    assert response["Location"] == "/accounts/profile/"
    assert client.get("/accounts/profile/").status_code == 200


def test_keep_alive_after_the_limit_reports_signed_out(client, learner):
    client.force_login(learner)
    _age_session(client, idle=31 * 60)
    response = client.post("/accounts/keep-alive/", HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response.json() == {"signed_in": False}
    assert client.get("/accounts/keep-alive/").status_code == 405


def test_temporary_password_forces_a_new_one_first(client, learner):
    learner.must_change_password = True
    learner.save()
    client.force_login(learner)
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/new/?next=%2Faccounts%2Fprofile%2F"
    assert client.get("/admin/").status_code == 302
    assert client.get("/accounts/password/new/").status_code == 200

    response = client.post(
        "/accounts/password/new/",
        {
            "new_password1": "ผ้าทอลายน้ำไหล",
            "new_password2": "ผ้าทอลายน้ำไหล",
            "next": "/accounts/profile/",
        },
    )
    assert response["Location"] == "/accounts/profile/"
    learner.refresh_from_db()
    assert not learner.must_change_password
    # The session survives the password change.
    assert client.get("/accounts/profile/").status_code == 200


def test_new_password_must_differ_from_the_temporary_one(client, learner):
    learner.set_password("kemu4827")
    learner.must_change_password = True
    learner.save()
    client.force_login(learner)
    response = client.post(
        "/accounts/password/new/", {"new_password1": "kemu4827", "new_password2": "kemu4827"}
    )
    assert response.status_code == 200
    learner.refresh_from_db()
    assert learner.must_change_password
