"""Staff administrators revoke kiosks and read the name-change log in the Wagtail admin."""

import pytest

from accounts.models import DisplayNameChange, Kiosk
from accounts.services import display_name_change
from tests.accounts.factories import make_community, make_kiosk, make_learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def kiosk():
    return make_kiosk(community=make_community(), name="เครื่องริมหน้าต่าง")


def test_admin_lists_kiosks_and_revokes_one(client, superuser, kiosk):
    client.force_login(superuser)
    page = client.get("/admin/kiosks/").content.decode()
    assert "เครื่องริมหน้าต่าง" in page
    assert f"/admin/kiosks/revoke/{kiosk.pk}/" in page
    assert "เครื่องริมหน้าต่าง" in client.get(f"/admin/kiosks/revoke/{kiosk.pk}/").content.decode()

    response = client.post(f"/admin/kiosks/revoke/{kiosk.pk}/")
    assert response.status_code == 302
    kiosk.refresh_from_db()
    assert kiosk.is_revoked
    assert f"/admin/kiosks/revoke/{kiosk.pk}/" not in client.get("/admin/kiosks/").content.decode()


def test_kiosks_are_not_added_or_deleted_in_the_admin(client, superuser, kiosk):
    client.force_login(superuser)
    assert client.get("/admin/kiosks/new/").status_code == 302
    assert client.post(f"/admin/kiosks/delete/{kiosk.pk}/").status_code == 302
    assert Kiosk.objects.filter(pk=kiosk.pk).exists()
    assert client.get(f"/admin/kiosks/edit/{kiosk.pk}/").status_code == 200


def test_name_change_log_is_read_only(client, superuser):
    learner = make_learner(display_name="มาลี")
    display_name_change(user=learner, new_name="มาลี ศรีสุข", changed_by=learner)
    change = DisplayNameChange.objects.get()
    client.force_login(superuser)
    page = client.get("/admin/display-name-changes/").content.decode()
    assert "มาลี ศรีสุข" in page
    assert client.get(f"/admin/display-name-changes/inspect/{change.pk}/").status_code == 200
    assert client.get(f"/admin/display-name-changes/edit/{change.pk}/").status_code == 302
    assert client.post(f"/admin/display-name-changes/delete/{change.pk}/").status_code == 302
    assert client.get("/admin/display-name-changes/new/").status_code == 302
    change.refresh_from_db()
    assert change.new_name == "มาลี ศรีสุข"
