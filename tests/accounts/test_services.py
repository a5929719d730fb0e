import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.models import DisplayNameChange, KioskSettings
from accounts.selectors import pin_sign_in_enabled
from accounts.services import (
    LearnerRow,
    display_name_change,
    kiosk_register,
    kiosk_revoke,
    kiosk_settings_update,
    learner_sign_up,
    learners_bulk_create,
    password_change,
    password_reset_by_coordinator,
    pin_set,
)
from tests.accounts.factories import (
    make_community,
    make_coordinator,
    make_kiosk,
    make_learner,
)
from tests.factories import make_user

User = get_user_model()

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return make_community(name="วิสาหกิจชุมชนผ้าทอบ้านน้ำอ่าง")


@pytest.fixture
def coordinator(community):
    return make_coordinator(community=community)


def test_sign_up_makes_a_learner_without_email(community):
    user = learner_sign_up(
        username="mali",
        display_name=" มาลี ศรีสุข ",
        community=community,
        password="ผ้าทอลายน้ำไหล",
    )
    assert user.display_name == "มาลี ศรีสุข"
    assert user.email == ""
    assert user.groups.filter(name="Learners").exists()
    assert user.check_password("ผ้าทอลายน้ำไหล")
    assert user.contact_consent_at is None


def test_sign_up_keeps_contact_details_only_with_consent(community):
    with pytest.raises(ValidationError):
        learner_sign_up(
            username="mali",
            display_name="มาลี",
            community=community,
            password="ผ้าทอลายน้ำไหล",
            line_id="mali.weaver",
        )
    assert not User.objects.filter(username="mali").exists()
    user = learner_sign_up(
        username="mali",
        display_name="มาลี",
        community=community,
        password="ผ้าทอลายน้ำไหล",
        line_id="mali.weaver",
        contact_consent=True,
    )
    assert user.line_id == "mali.weaver"
    assert user.contact_consent_at is not None


def test_bulk_create_generates_unique_ascii_usernames(community, coordinator):
    make_user(username="mali")
    rows = [
        LearnerRow(line=1, display_name="นางสาวมาลี ศรีสุข"),
        LearnerRow(line=2, display_name="มาลี ทองดี"),
        LearnerRow(line=3, display_name="สมชาย ใจดี", username="somchai59", phone="081-234-5678"),
    ]
    created = learners_bulk_create(
        community=community, rows=rows, created_by=coordinator, contact_consent=True
    )
    assert [item.user.username for item in created] == ["mali2", "mali3", "somchai59"]
    for item in created:
        user = User.objects.get(username=item.user.username)
        assert user.community == community
        assert user.must_change_password
        assert user.groups.filter(name="Learners").exists()
        assert user.check_password(item.temporary_password)
    assert User.objects.get(username="somchai59").contact_consent_at is not None


def test_bulk_create_reports_every_bad_line_and_creates_nobody(community, coordinator):
    make_user(username="taken")
    rows = [
        LearnerRow(line=1, display_name="มาลี ศรีสุข"),
        LearnerRow(line=2, display_name="", username="x"),
        LearnerRow(line=4, display_name="สมชาย", username="Taken"),
        LearnerRow(line=5, display_name="สมหญิง", username="ส้ม"),
        LearnerRow(line=6, display_name="วิภา", username="dup"),
        LearnerRow(line=7, display_name="วิไล", username="DUP", phone="12"),
    ]
    before = User.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        learners_bulk_create(
            community=community, rows=rows, created_by=coordinator, contact_consent=True
        )
    messages = error.value.messages
    assert any(m.startswith("Line 2:") and "empty" in m for m in messages)
    assert any(m.startswith("Line 4:") and "already taken" in m for m in messages)
    assert any(m.startswith("Line 5:") and "not a valid username" in m for m in messages)
    assert any(m.startswith("Line 7:") and "also on line 6" in m for m in messages)
    assert any(m.startswith("Line 7:") and "phone number" in m for m in messages)
    assert not any(m.startswith("Line 1:") for m in messages)
    assert User.objects.count() == before


def test_bulk_create_needs_consent_for_phone_numbers(community, coordinator):
    rows = [LearnerRow(line=1, display_name="มาลี", phone="0812345678")]
    with pytest.raises(ValidationError):
        learners_bulk_create(community=community, rows=rows, created_by=coordinator)
    assert not User.objects.filter(display_name="มาลี").exists()


def test_bulk_create_only_for_own_community(community):
    other_coordinator = make_coordinator(community=make_community())
    with pytest.raises(PermissionDenied):
        learners_bulk_create(
            community=community,
            rows=[LearnerRow(line=1, display_name="มาลี")],
            created_by=other_coordinator,
        )
    assert not User.objects.filter(display_name="มาลี").exists()


def test_bulk_create_query_count_does_not_grow_with_rows(
    community, coordinator, django_assert_max_num_queries
):
    rows = [LearnerRow(line=n, display_name=f"ผู้เรียน คนที่{n}") for n in range(1, 41)]
    with django_assert_max_num_queries(8):
        created = learners_bulk_create(community=community, rows=rows, created_by=coordinator)
    assert len(created) == 40


def test_coordinator_resets_only_their_learners_and_lifts_lockout(community, coordinator):
    learner = make_learner(community=community)
    AccessAttempt.objects.create(
        username=learner.username,
        ip_address="10.0.0.1",
        user_agent="test",
        failures_since_start=10,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/accounts/login/",
    )
    password = password_reset_by_coordinator(learner=learner, coordinator=coordinator)
    learner.refresh_from_db()
    assert learner.check_password(password)
    assert learner.must_change_password
    assert not AccessAttempt.objects.filter(username=learner.username).exists()

    stranger = make_learner(community=make_community())
    with pytest.raises(PermissionDenied):
        password_reset_by_coordinator(learner=stranger, coordinator=coordinator)


def test_coordinator_cannot_reset_another_coordinator(community, coordinator):
    colleague = make_coordinator(community=community)
    colleague.community = community
    colleague.groups.add(*coordinator.groups.all())
    colleague.save()
    with pytest.raises(PermissionDenied):
        password_reset_by_coordinator(learner=colleague, coordinator=coordinator)


def test_password_change_ends_the_temporary_password(community):
    learner = make_learner(community=community, must_change_password=True)
    password_change(user=learner, new_password="ผ้าทอลายน้ำไหล")
    learner.refresh_from_db()
    assert not learner.must_change_password
    assert learner.check_password("ผ้าทอลายน้ำไหล")


def test_display_name_change_is_logged_once(community):
    learner = make_learner(community=community, display_name="มาลี")
    change = display_name_change(user=learner, new_name="มาลี ศรีสุข", changed_by=learner)
    assert (change.old_name, change.new_name, change.changed_by) == ("มาลี", "มาลี ศรีสุข", learner)
    assert display_name_change(user=learner, new_name="มาลี ศรีสุข", changed_by=learner) is None
    assert DisplayNameChange.objects.filter(user=learner).count() == 1
    with pytest.raises(PermissionDenied):
        display_name_change(user=learner, new_name="x", changed_by=make_learner())


@pytest.mark.parametrize("pin", ["123", "1234567", "12a4", "1234", "0000", "9876", "111111"])
def test_weak_or_malformed_pins_are_refused(community, pin):
    learner = make_learner(community=community)
    with pytest.raises(ValidationError):
        pin_set(user=learner, pin=pin)
    learner.refresh_from_db()
    assert not learner.has_pin


def test_pin_is_stored_hashed(community):
    learner = make_learner(community=community)
    pin_set(user=learner, pin="2569")
    learner.refresh_from_db()
    assert "2569" not in learner.pin_hash
    assert learner.check_pin("2569")
    assert not learner.check_pin("2568")


def test_kiosk_register_revoke_and_settings(community, coordinator):
    kiosk = kiosk_register(community=community, name="เครื่องที่ 2", registered_by=coordinator)
    assert kiosk.registered_by == coordinator
    kiosk_revoke(kiosk=kiosk, revoked_by=coordinator)
    first = kiosk.revoked_at
    kiosk_revoke(kiosk=kiosk, revoked_by=coordinator)
    assert kiosk.revoked_at == first is not None

    assert pin_sign_in_enabled(community)
    kiosk_settings_update(community=community, pin_sign_in_enabled=False, changed_by=coordinator)
    assert not pin_sign_in_enabled(community)
    assert KioskSettings.objects.count() == 1

    outsider = make_coordinator(community=make_community())
    with pytest.raises(PermissionDenied):
        kiosk_register(community=community, name="x", registered_by=outsider)
    with pytest.raises(PermissionDenied):
        kiosk_revoke(kiosk=make_kiosk(community=community), revoked_by=outsider)
