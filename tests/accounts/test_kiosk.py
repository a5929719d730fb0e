"""Kiosk sign-in: name buttons and a PIN, only on a registered library computer."""

import pytest
from django.conf import settings

from accounts.kiosk import COOKIE_NAME
from accounts.models import Kiosk
from accounts.services import kiosk_settings_update, pin_set
from tests.accounts.factories import (
    make_community,
    make_coordinator,
    make_kiosk,
    make_learner,
    use_kiosk,
)

pytestmark = pytest.mark.django_db

LIBRARY_IP = "203.0.113.7"


@pytest.fixture
def community():
    return make_community(name="กลุ่มจักสานบ้านด่านนาขาม")


@pytest.fixture
def mali(community):
    learner = make_learner(community=community, username="mali", display_name="มาลี ศรีสุข")
    pin_set(user=learner, pin="2569")
    return learner


@pytest.fixture
def kiosk(community):
    return make_kiosk(community=community)


def pin_sign_in(client, learner, pin, ip=LIBRARY_IP):
    return client.post(f"/accounts/kiosk/{learner.pk}/", {"pin": pin}, REMOTE_ADDR=ip)


def test_kiosk_sign_in_page_shows_the_community_learners_with_a_pin(client, community, mali, kiosk):
    no_pin = make_learner(community=community, display_name="สมชาย ยังไม่ตั้ง")
    elsewhere = make_learner(community=make_community(), display_name="คนต่างชุมชน")
    pin_set(user=elsewhere, pin="2580")
    use_kiosk(client, kiosk)
    response = client.get("/accounts/login/")
    page = response.content.decode()
    assert "มาลี ศรีสุข" in page
    assert f"/accounts/kiosk/{mali.pk}/" in page
    assert no_pin.display_name not in page
    assert elsewhere.display_name not in page
    assert "no-store" in response["Cache-Control"]


def test_without_a_kiosk_cookie_the_page_shows_no_names(client, mali):
    page = client.get("/accounts/login/").content.decode()
    assert "มาลี ศรีสุข" not in page


def test_learner_signs_in_with_name_and_pin(client, mali, kiosk):
    use_kiosk(client, kiosk)
    assert client.get(f"/accounts/kiosk/{mali.pk}/").status_code == 200
    response = pin_sign_in(client, mali, "2569")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(mali.pk)


def test_wrong_pin_is_refused_in_thai(thai, mali, kiosk):
    use_kiosk(thai, kiosk)
    response = pin_sign_in(thai, mali, "2568")
    assert response.status_code == 200
    assert "PIN ไม่ถูกต้อง" in response.content.decode()
    assert "_auth_user_id" not in thai.session


def test_pin_sign_in_is_refused_without_a_kiosk(client, mali):
    assert client.get(f"/accounts/kiosk/{mali.pk}/").status_code == 403
    assert pin_sign_in(client, mali, "2569").status_code == 403
    assert "_auth_user_id" not in client.session


def test_a_forged_cookie_is_not_a_kiosk(client, mali, kiosk):
    client.cookies[COOKIE_NAME] = str(kiosk.token)
    assert pin_sign_in(client, mali, "2569").status_code == 403


def test_revoking_a_kiosk_ends_pin_sign_in_there(client, mali, kiosk):
    use_kiosk(client, kiosk)
    Kiosk.objects.filter(pk=kiosk.pk).update(revoked_at="2026-11-24T10:00:00+07:00")
    assert pin_sign_in(client, mali, "2569").status_code == 403
    assert "มาลี ศรีสุข" not in client.get("/accounts/login/").content.decode()


def test_a_kiosk_serves_only_its_own_community(client, mali):
    other_kiosk = make_kiosk(community=make_community())
    use_kiosk(client, other_kiosk)
    assert client.get(f"/accounts/kiosk/{mali.pk}/").status_code == 404
    assert pin_sign_in(client, mali, "2569").status_code == 404
    assert "_auth_user_id" not in client.session


def test_pin_sign_in_can_be_switched_off_per_community(client, community, mali, kiosk):
    coordinator = make_coordinator(community=community)
    kiosk_settings_update(community=community, pin_sign_in_enabled=False, changed_by=coordinator)
    use_kiosk(client, kiosk)
    assert "มาลี ศรีสุข" not in client.get("/accounts/login/").content.decode()
    assert pin_sign_in(client, mali, "2569").status_code == 403


def test_pin_failures_lock_out_like_passwords(client, community, mali, kiosk):
    somchai = make_learner(community=community, username="somchai")
    pin_set(user=somchai, pin="4826")
    use_kiosk(client, kiosk)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert pin_sign_in(client, mali, "1357").status_code == 200
    assert pin_sign_in(client, mali, "1357").status_code == 429
    # The right PIN, and the right password, now wait for the cool-off…
    assert pin_sign_in(client, mali, "2569").status_code == 429
    response = client.post(
        "/accounts/login/",
        {"username": "mali", "password": "correct-horse-2569"},
        REMOTE_ADDR=LIBRARY_IP,
    )
    assert response.status_code == 429
    # …while the next learner at the same kiosk is not affected.
    assert pin_sign_in(client, somchai, "4826").status_code == 302


def test_coordinator_registers_this_computer_as_a_kiosk(client, community, mali):
    coordinator = make_coordinator(community=community)
    client.force_login(coordinator)
    response = client.post(
        f"/accounts/communities/{community.pk}/kiosk/", {"name": "เครื่องที่ 3 มุมอ่านหนังสือ"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    kiosk = Kiosk.objects.get(community=community)
    assert kiosk.registered_by == coordinator
    cookie = response.cookies[COOKIE_NAME]
    assert cookie["httponly"]
    assert int(cookie["max-age"]) > 365 * 24 * 60 * 60
    # The coordinator is signed out; the computer now shows the name buttons.
    assert "_auth_user_id" not in client.session
    assert "มาลี ศรีสุข" in client.get("/accounts/login/").content.decode()


def test_coordinator_unregisters_this_computer(client, community, kiosk):
    coordinator = make_coordinator(community=community)
    use_kiosk(client, kiosk)
    client.force_login(coordinator)
    response = client.post("/accounts/kiosk/unregister/")
    assert response.status_code == 302
    kiosk.refresh_from_db()
    assert kiosk.is_revoked
    assert response.cookies[COOKIE_NAME].value == ""


def test_another_communitys_coordinator_cannot_unregister_a_kiosk(client, kiosk):
    outsider = make_coordinator(community=make_community())
    use_kiosk(client, kiosk)
    client.force_login(outsider)
    assert client.post("/accounts/kiosk/unregister/").status_code == 403
    kiosk.refresh_from_db()
    assert not kiosk.is_revoked


def test_learner_sets_a_pin_with_their_password(client, community):
    learner = make_learner(community=community)
    client.force_login(learner)
    response = client.post(
        "/accounts/profile/pin/", {"pin": "2569", "pin_again": "2569", "password": "wrong"}
    )
    assert response.status_code == 200
    learner.refresh_from_db()
    assert not learner.has_pin
    response = client.post(
        "/accounts/profile/pin/",
        {"pin": "2569", "pin_again": "2569", "password": "correct-horse-2569"},
    )
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_pin("2569")
    page = client.get("/accounts/profile/pin/").content.decode()
    assert "2569" not in page
    client.post("/accounts/profile/pin/remove/")
    learner.refresh_from_db()
    assert not learner.has_pin
