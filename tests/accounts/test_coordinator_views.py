"""Coordinators register learners in bulk, print login cards and reset passwords."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.forms import rows_from_csv
from tests.accounts.factories import make_community, make_coordinator, make_learner
from tests.factories import PASSWORD

User = get_user_model()

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return make_community(name="กลุ่มแม่บ้านทอผ้าบ้านป่าเซ่า")


@pytest.fixture
def coordinator_client(client, community):
    client.force_login(make_coordinator(community=community))
    return client


def test_pasted_names_become_learners_with_one_time_login_cards(thai, community):
    thai.force_login(make_coordinator(community=community))
    response = thai.post(
        f"/accounts/communities/{community.pk}/learners/add/",
        {"names": "นางสาวมาลี ศรีสุข\n\n  นายสมชาย   ทองดี  \n"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/communities/{community.pk}/cards/"
    mali = User.objects.get(username="mali")
    somchai = User.objects.get(username="smchay")
    assert somchai.display_name == "นายสมชาย ทองดี"
    assert {mali.community, somchai.community} == {community}

    cards = thai.get(response["Location"])
    page = cards.content.decode()
    assert "บัตรเข้าสู่ระบบ" in page
    assert "testserver" in page
    assert page.count('class="login-card"') == 2
    assert "no-store" in cards["Cache-Control"]
    assert "รหัสผ่านชั่วคราว" in page

    # The temporary passwords are on the card and work once.
    password = page.split('login-card__secret">')[2].split("<")[0]
    assert mali.check_password(password)

    again = thai.get(response["Location"]).content.decode()
    assert 'class="login-card"' not in again
    assert password not in again


def test_a_csv_from_excel_registers_learners(coordinator_client, community):
    csv_bytes = "ชื่อ,ชื่อผู้ใช้,โทรศัพท์\r\nวิภา ใจงาม,wipha,081-234-5678\r\nบุญมี ดีใจ,,\r\n".encode(
        "utf-8-sig"
    )
    response = coordinator_client.post(
        f"/accounts/communities/{community.pk}/learners/add/",
        {
            "csv_file": SimpleUploadedFile("learners.csv", csv_bytes, "text/csv"),
            "contact_consent": "on",
        },
    )
    assert response.status_code == 302
    wipha = User.objects.get(username="wipha")
    assert wipha.phone == "081-234-5678"
    assert wipha.contact_consent_at is not None
    assert User.objects.filter(display_name="บุญมี ดีใจ", community=community).exists()


def test_thai_windows_csv_is_read():
    rows = rows_from_csv("มาลี ศรีสุข,mali\n".encode("cp874"))
    assert rows[0].display_name == "มาลี ศรีสุข"
    assert rows[0].username == "mali"
    assert rows[0].line == 1


def test_bad_rows_are_reported_by_line_and_nobody_is_registered(thai, community):
    thai.force_login(make_coordinator(community=community))
    make_learner(username="mali")
    before = User.objects.count()
    csv_bytes = "มาลี ศรีสุข,mali\nสมชาย,,08\n,,\nวิภา\n".encode()
    response = thai.post(
        f"/accounts/communities/{community.pk}/learners/add/",
        {"csv_file": SimpleUploadedFile("x.csv", csv_bytes, "text/csv"), "contact_consent": "on"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "ยังไม่ได้ลงทะเบียนใคร" in page
    assert "บรรทัดที่ 1: ชื่อผู้ใช้ “mali” มีคนใช้แล้ว" in page
    assert "บรรทัดที่ 2: กรุณากรอกเบอร์โทรศัพท์" in page
    assert "บรรทัดที่ 4" not in page
    assert User.objects.count() == before


def test_coordinator_resets_a_learners_password(client, community):
    coordinator = make_coordinator(community=community)
    learner = make_learner(community=community)
    client.force_login(coordinator)
    url = f"/accounts/learners/{learner.pk}/reset-password/"
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response["Location"] == f"/accounts/communities/{community.pk}/cards/"
    page = client.get(response["Location"]).content.decode()
    temporary = page.split('login-card__secret">')[2].split("<")[0]

    client.post("/accounts/logout/")
    assert not client.login(username=learner.username, password=PASSWORD)
    response = client.post(
        "/accounts/login/", {"username": learner.username, "password": temporary}
    )
    assert response.status_code == 302
    assert client.get("/accounts/profile/")["Location"].startswith("/accounts/password/new/")


def test_learner_list_shows_only_the_community(coordinator_client, community):
    mine = make_learner(community=community, display_name="มาลี ในชุมชน")
    theirs = make_learner(community=make_community(), display_name="สมชาย ต่างชุมชน")
    page = coordinator_client.get(f"/accounts/communities/{community.pk}/learners/")
    assert mine.display_name in page.content.decode()
    assert theirs.display_name not in page.content.decode()


def test_learner_list_query_count_is_flat(
    coordinator_client, community, django_assert_max_num_queries
):
    url = f"/accounts/communities/{community.pk}/learners/"
    coordinator_client.get(url)  # creates site settings and the admin profile once
    for n in range(15):
        make_learner(community=community, display_name=f"ผู้เรียน {n}")
    with django_assert_max_num_queries(8):
        response = coordinator_client.get(url)
    assert response.content.decode().count("reset-password") == 15


def test_cards_of_one_community_are_not_shown_under_another(client, community):
    other = make_community()
    coordinator = make_coordinator(community=community)
    other.coordinators.add(coordinator)
    client.force_login(coordinator)
    client.post(f"/accounts/communities/{community.pk}/learners/add/", {"names": "มาลี"})
    page = client.get(f"/accounts/communities/{other.pk}/cards/").content.decode()
    assert 'class="login-card"' not in page
    page = client.get(f"/accounts/communities/{community.pk}/cards/").content.decode()
    assert 'class="login-card"' in page
