import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from communities import services
from communities.models import (
    ConsentMethod,
    ConsentRecord,
    ConsentScope,
    SaleRecord,
    SaleRecordChange,
    SalesCampaign,
)
from tests.communities import factories as f
from tests.factories import make_superuser, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def laplae(home):
    community = f.make_community(name="กลุ่มแม่บ้านลับแล")
    index = f.make_index_page(home)
    page = f.make_community_page(index, community)
    return {
        "community": community,
        "page": page,
        "product": f.make_product(page, title="หมี่พันลับแล"),
        "campaign": f.make_campaign(community),
        "coordinator": f.make_coordinator(community),
    }


@pytest.fixture
def chaiya(home):
    community = f.make_community(name="กลุ่มไข่เค็มไชยา", province="surat-thani")
    page = f.make_community_page(f.make_index_page(home), community)
    return {
        "community": community,
        "page": page,
        "product": f.make_product(page, title="ไข่เค็มไชยา"),
        "campaign": f.make_campaign(community),
        "coordinator": f.make_coordinator(community),
    }


def _record(data, **overrides):
    kwargs = {
        "campaign": data["campaign"],
        "product": data["product"],
        "sold_on": timezone.localdate(),
        "quantity": 5,
        "channel": "facebook",
        "recorded_by": data["coordinator"],
    }
    kwargs.update(overrides)
    return services.sale_record(**kwargs)


def _nothing_saved():
    assert SaleRecord.objects.count() == 0
    assert SaleRecordChange.objects.count() == 0


def test_coordinator_records_a_sale_and_the_history_remembers_it(laplae):
    sale = _record(laplae, amount_baht=Decimal("600"), note="  ลูกค้าประจำ ")
    assert sale.quantity == 5
    assert sale.note == "ลูกค้าประจำ"
    assert sale.recorded_by == laplae["coordinator"]
    (change,) = sale.changes.all()
    assert change.action == SaleRecordChange.Action.CREATED
    assert change.changed_by == laplae["coordinator"]
    assert change.new_values["product"] == "หมี่พันลับแล"
    assert change.new_values["quantity"] == 5
    assert change.new_values["amount_baht"] == "600"


@pytest.mark.parametrize("quantity", [0, -3, None])
def test_zero_or_negative_quantity_is_refused(laplae, quantity):
    with pytest.raises(ValidationError) as error:
        _record(laplae, quantity=quantity)
    assert "ตั้งแต่ 1 ชิ้นขึ้นไป" in error.value.message_dict["quantity"][0]
    _nothing_saved()


@pytest.mark.parametrize("days", [-11, 51])
def test_a_date_outside_the_campaign_is_refused(laplae, days):
    # The campaign runs from 10 days ago to 50 days from now.
    with pytest.raises(ValidationError) as error:
        _record(laplae, sold_on=timezone.localdate() + datetime.timedelta(days=days))
    assert "เลือกวันที่ในช่วงแคมเปญ" in error.value.message_dict["sold_on"][0]
    _nothing_saved()


def test_a_day_that_has_not_come_yet_is_refused(laplae):
    with pytest.raises(ValidationError) as error:
        _record(laplae, sold_on=timezone.localdate() + datetime.timedelta(days=1))
    assert "ยังมาไม่ถึง" in error.value.message_dict["sold_on"][0]
    _nothing_saved()


def test_a_product_of_another_community_is_refused(laplae, chaiya):
    with pytest.raises(ValidationError) as error:
        _record(laplae, product=chaiya["product"])
    assert "กลุ่มแม่บ้านลับแล" in error.value.message_dict["product"][0]
    _nothing_saved()


def test_a_coordinator_of_another_community_is_refused(laplae, chaiya):
    with pytest.raises(PermissionDenied) as error:
        _record(laplae, recorded_by=chaiya["coordinator"])
    assert "เฉพาะผู้ประสานงานของกลุ่มแม่บ้านลับแล" in str(error.value)
    _nothing_saved()


def test_a_learner_cannot_record_sales(laplae):
    learner = make_user(groups=["Learners"], community=laplae["community"])
    with pytest.raises(PermissionDenied):
        _record(laplae, recorded_by=learner)
    _nothing_saved()


def test_a_negative_amount_and_an_unknown_channel_are_refused(laplae):
    with pytest.raises(ValidationError) as error:
        _record(laplae, amount_baht=Decimal("-1"), channel="tiktok")
    assert set(error.value.message_dict) == {"amount_baht", "channel"}
    _nothing_saved()


def test_staff_may_record_for_any_community(laplae):
    sale = _record(laplae, recorded_by=make_superuser())
    assert SaleRecord.objects.get() == sale


def test_the_same_submission_twice_records_once(laplae):
    key = uuid.uuid4()
    first = _record(laplae, submission_key=key)
    second = _record(laplae, submission_key=key)
    assert first.pk == second.pk
    assert SaleRecord.objects.count() == 1
    assert SaleRecordChange.objects.count() == 1


def test_editing_keeps_who_when_and_the_old_and_new_values(laplae):
    sale = _record(laplae, quantity=50)
    editor = f.make_coordinator(laplae["community"], username="editor")
    services.sale_update(
        sale=sale,
        product=laplae["product"],
        sold_on=sale.sold_on,
        quantity=5,
        channel="line",
        changed_by=editor,
        expected_version=1,
        reason="พิมพ์เกิน",
    )
    sale.refresh_from_db()
    assert (sale.quantity, sale.channel, sale.version) == (5, "line", 2)
    change = sale.changes.last()
    assert change.action == SaleRecordChange.Action.UPDATED
    assert change.changed_by == editor
    assert change.reason == "พิมพ์เกิน"
    assert change.old_values == {"quantity": 50, "channel": "facebook"}
    assert change.new_values == {"quantity": 5, "channel": "line"}


def test_saving_without_changes_adds_no_history(laplae):
    sale = _record(laplae)
    services.sale_update(
        sale=sale,
        product=sale.product,
        sold_on=sale.sold_on,
        quantity=sale.quantity,
        channel=sale.channel,
        changed_by=laplae["coordinator"],
    )
    assert sale.changes.count() == 1
    sale.refresh_from_db()
    assert sale.version == 1


def test_an_edit_based_on_an_old_version_overwrites_nothing(laplae):
    sale = _record(laplae, quantity=5)
    kwargs = {
        "sale": sale,
        "product": sale.product,
        "sold_on": sale.sold_on,
        "channel": sale.channel,
        "changed_by": laplae["coordinator"],
        "expected_version": 1,
    }
    services.sale_update(quantity=6, **kwargs)
    with pytest.raises(ValidationError) as error:
        services.sale_update(quantity=7, **kwargs)
    assert "มีผู้อื่นแก้ไข" in str(error.value)
    sale.refresh_from_db()
    assert sale.quantity == 6
    assert sale.changes.count() == 2


def test_bad_edits_change_nothing(laplae, chaiya):
    sale = _record(laplae)
    kwargs = {
        "sale": sale,
        "product": sale.product,
        "sold_on": sale.sold_on,
        "quantity": 3,
        "channel": sale.channel,
        "changed_by": laplae["coordinator"],
    }
    with pytest.raises(ValidationError):
        services.sale_update(**{**kwargs, "quantity": 0})
    with pytest.raises(ValidationError):
        services.sale_update(**{**kwargs, "product": chaiya["product"]})
    with pytest.raises(PermissionDenied):
        services.sale_update(**{**kwargs, "changed_by": chaiya["coordinator"]})
    sale.refresh_from_db()
    assert sale.quantity == 5
    assert sale.changes.count() == 1


def test_deleting_takes_the_sale_out_of_totals_but_keeps_it_and_its_history(laplae):
    sale = _record(laplae)
    services.sale_delete(sale=sale, deleted_by=laplae["coordinator"], reason="บันทึกซ้ำ")
    services.sale_delete(sale=sale, deleted_by=laplae["coordinator"])
    sale.refresh_from_db()
    assert sale.is_deleted
    assert not SaleRecord.objects.current().exists()
    actions = list(sale.changes.values_list("action", flat=True))
    assert actions == ["created", "deleted"]
    assert sale.changes.last().old_values["quantity"] == 5
    with pytest.raises(ValidationError):
        services.sale_update(
            sale=sale,
            product=sale.product,
            sold_on=sale.sold_on,
            quantity=9,
            channel=sale.channel,
            changed_by=laplae["coordinator"],
        )


def test_a_coordinator_of_another_community_cannot_delete(laplae, chaiya):
    sale = _record(laplae)
    with pytest.raises(PermissionDenied):
        services.sale_delete(sale=sale, deleted_by=chaiya["coordinator"])
    sale.refresh_from_db()
    assert not sale.is_deleted


def test_a_campaign_lasts_60_days_for_100_units_unless_told_otherwise(laplae):
    start = laplae["campaign"].end_date + datetime.timedelta(days=1)
    campaign = services.campaign_create(
        community=laplae["community"],
        name="รอบปีใหม่",
        start_date=start,
        created_by=laplae["coordinator"],
    )
    assert campaign.end_date == start + datetime.timedelta(days=60)
    assert campaign.target_units == 100


def test_campaigns_of_one_community_cannot_overlap(laplae):
    with pytest.raises(ValidationError):
        services.campaign_create(
            community=laplae["community"],
            name="ซ้อนกัน",
            start_date=laplae["campaign"].start_date + datetime.timedelta(days=5),
            created_by=laplae["coordinator"],
        )
    assert SalesCampaign.objects.count() == 1


def test_consent_is_recorded_once_and_withdrawn_with_who_and_when(laplae):
    person = f.make_person(laplae["community"])
    coordinator = laplae["coordinator"]
    first = services.consent_give(
        person=person,
        scope=ConsentScope.PHOTO,
        given_on=timezone.localdate(),
        method=ConsentMethod.SIGNED_FORM,
        recorded_by=coordinator,
    )
    again = services.consent_give(
        person=person,
        scope=ConsentScope.PHOTO,
        given_on=timezone.localdate(),
        method=ConsentMethod.SIGNED_FORM,
        recorded_by=coordinator,
    )
    assert first.pk == again.pk
    assert first.recorded_by == coordinator
    assert person.has_consent(ConsentScope.PHOTO)
    withdrawn = services.consent_withdraw(
        person=person, scope=ConsentScope.PHOTO, recorded_by=coordinator
    )
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawn_recorded_by == coordinator
    assert not person.has_consent(ConsentScope.PHOTO)
    assert (
        services.consent_withdraw(person=person, scope=ConsentScope.PHOTO, recorded_by=coordinator)
        is None
    )
    assert ConsentRecord.objects.count() == 1


def test_consent_needs_a_coordinator_of_the_persons_community(laplae, chaiya):
    person = f.make_person(laplae["community"])
    with pytest.raises(PermissionDenied):
        services.consent_give(
            person=person,
            scope=ConsentScope.CONTACT,
            given_on=timezone.localdate(),
            method=ConsentMethod.IN_PERSON,
            recorded_by=chaiya["coordinator"],
        )
    with pytest.raises(ValidationError):
        services.consent_give(
            person=person,
            scope=ConsentScope.CONTACT,
            given_on=timezone.localdate() + datetime.timedelta(days=3),
            method=ConsentMethod.IN_PERSON,
            recorded_by=laplae["coordinator"],
        )
    assert not ConsentRecord.objects.exists()
