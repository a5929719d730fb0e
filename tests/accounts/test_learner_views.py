"""Signing up at the library and looking after one's own account."""

import pytest
from django.contrib.auth import get_user_model

from accounts.models import DisplayNameChange
from tests.accounts.factories import make_community, make_learner
from tests.factories import PASSWORD

User = get_user_model()

pytestmark = pytest.mark.django_db


def sign_up_data(community, **overrides):
    return {
        "username": "mali2569",
        "display_name": "มาลี ศรีสุข",
        "community": community.pk,
        "password1": "ผ้าทอลายน้ำไหล",
        "password2": "ผ้าทอลายน้ำไหล",
        **overrides,
    }


def test_sign_up_without_email_signs_the_learner_in(thai):
    community = make_community()
    page = thai.get("/accounts/sign-up/").content.decode()
    assert 'name="email"' not in page
    assert community.name in page
    response = thai.post("/accounts/sign-up/", sign_up_data(community))
    assert response["Location"] == "/accounts/profile/"
    user = User.objects.get(username="mali2569")
    assert user.community == community
    assert thai.session["_auth_user_id"] == str(user.pk)
    assert "ยินดีต้อนรับ" in thai.get("/accounts/profile/").content.decode()


def test_contact_details_need_the_consent_box(thai):
    community = make_community()
    response = thai.post("/accounts/sign-up/", sign_up_data(community, phone="081-234-5678"))
    assert response.status_code == 200
    assert "กรุณาติ๊กช่องนี้" in response.content.decode()
    assert not User.objects.filter(username="mali2569").exists()

    response = thai.post(
        "/accounts/sign-up/",
        sign_up_data(community, phone="081-234-5678", line_id="mali.weaver", contact_consent="on"),
    )
    assert response.status_code == 302
    user = User.objects.get(username="mali2569")
    assert (user.phone, user.line_id) == ("081-234-5678", "mali.weaver")
    assert user.contact_consent_at is not None


def test_a_community_must_be_chosen(thai):
    data = sign_up_data(make_community())
    data["community"] = ""
    response = thai.post("/accounts/sign-up/", data)
    assert response.status_code == 200
    assert "กรุณากรอกช่องนี้" in response.content.decode()
    assert not User.objects.filter(username="mali2569").exists()


def test_learner_changes_their_name_and_the_change_is_logged(client):
    learner = make_learner(community=make_community(), display_name="มาลี")
    client.force_login(learner)
    response = client.post("/accounts/profile/name/", {"display_name": "มาลี ศรีสุข"})
    assert response["Location"] == "/accounts/profile/"
    learner.refresh_from_db()
    assert learner.display_name == "มาลี ศรีสุข"
    change = DisplayNameChange.objects.get(user=learner)
    assert (change.old_name, change.new_name, change.changed_by) == ("มาลี", "มาลี ศรีสุข", learner)


def test_learner_changes_their_password(client):
    learner = make_learner(community=make_community())
    client.force_login(learner)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "ผ้าทอลายน้ำไหล",
            "new_password2": "ผ้าทอลายน้ำไหล",
        },
    )
    assert response["Location"] == "/accounts/profile/"
    learner.refresh_from_db()
    assert learner.check_password("ผ้าทอลายน้ำไหล")
    assert client.get("/accounts/profile/").status_code == 200


def test_wrong_old_password_changes_nothing(thai):
    learner = make_learner(community=make_community())
    thai.force_login(learner)
    response = thai.post(
        "/accounts/password/",
        {"old_password": "nope", "new_password1": "ผ้าทอลายน้ำไหล", "new_password2": "ผ้าทอลายน้ำไหล"},
    )
    assert response.status_code == 200
    assert "รหัสผ่านเดิมไม่ถูกต้อง" in response.content.decode()
    learner.refresh_from_db()
    assert learner.check_password(PASSWORD)


def test_header_has_account_link_and_sign_out_button(client):
    client.force_login(make_learner(community=make_community()))
    page = client.get("/").content.decode()
    assert 'href="/accounts/profile/"' in page
    assert 'action="/accounts/logout/"' in page
