"""Signing in on a shared library computer: sessions, lockouts, no remembered passwords."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings

from tests.accounts.factories import make_community, make_learner
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LIBRARY_IP = "203.0.113.7"


def sign_in(client, username, password, ip=LIBRARY_IP):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_signing_in_rotates_the_session_key(client):
    learner = make_learner(community=make_community())
    client.get("/accounts/login/")
    session = client.session
    session["before"] = "anonymous"
    session.save()
    before = session.session_key

    response = sign_in(client, learner.username, PASSWORD)

    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(learner.pk)


def test_session_ends_when_the_browser_closes(client):
    learner = make_learner(community=make_community())
    sign_in(client, learner.username, PASSWORD)
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]


def test_password_is_never_sent_back_to_the_browser(client):
    learner = make_learner(community=make_community())
    response = sign_in(client, learner.username, "my-secret-typo")
    assert response.status_code == 200
    assert "my-secret-typo" not in response.content.decode()
    response = client.post(
        "/accounts/sign-up/", {"username": "new", "password1": "tOp-secret-1", "password2": "x"}
    )
    assert "tOp-secret-1" not in response.content.decode()


def test_sign_in_page_has_no_remember_me(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'name="remember"' not in page
    admin_page = client.get("/admin/login/").content.decode()
    assert 'name="password"' in admin_page
    assert 'name="remember"' not in admin_page


def test_admin_sign_in_ignores_a_forged_remember_me(client, superuser):
    client.post(
        "/admin/login/",
        {"username": superuser.username, "password": PASSWORD, "remember": "on"},
        REMOTE_ADDR=LIBRARY_IP,
    )
    assert client.session.get_expire_at_browser_close()


def test_ten_failures_lock_only_that_username_from_that_computer(thai):
    community = make_community()
    mali = make_learner(community=community, username="mali")
    somchai = make_learner(community=community, username="somchai")

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(thai, "mali", "wrong").status_code == 200
    response = sign_in(thai, "mali", "wrong")
    assert response.status_code == 429
    page = response.content.decode()
    assert "พักการเข้าสู่ระบบชั่วคราว" in page
    assert "ลองใหม่ได้หลังเวลา" in page
    assert "อีกประมาณ 15 นาที" in page
    assert "no-store" in response["Cache-Control"]

    # Even the right password is refused for this name from this computer…
    assert sign_in(thai, "mali", PASSWORD).status_code == 429
    # …but the next learner at the same library signs in normally,
    response = sign_in(thai, somchai.username, PASSWORD)
    assert response.status_code == 302
    thai.post("/accounts/logout/")
    # and Mali can still sign in from another computer.
    assert sign_in(thai, mali.username, PASSWORD, ip="198.51.100.20").status_code == 302


def test_a_successful_sign_in_resets_the_failure_count(client):
    learner = make_learner(community=make_community())
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, learner.username, "wrong")
    assert sign_in(client, learner.username, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    assert not AccessAttempt.objects.filter(username=learner.username).exists()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, learner.username, "wrong").status_code == 200


def test_lockout_lasts_fifteen_minutes(settings):
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS


def test_sign_out_is_a_post_and_clears_the_session(client):
    learner = make_learner(community=make_community())
    sign_in(client, learner.username, PASSWORD)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
