"""Admin screens: coordinators see and change only their own communities."""

import pytest
from django.urls import reverse
from django.utils import timezone

from communities import services
from communities.models import ConsentRecord, ConsentScope, SaleRecord, SalesCampaign
from tests.communities import factories as f
from tests.factories import make_superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(home):
    index = f.make_index_page(home)
    laplae = f.make_community(name="กลุ่มแม่บ้านลับแล")
    chaiya = f.make_community(name="กลุ่มไข่เค็มไชยา", province="surat-thani")
    laplae_page = f.make_community_page(index, laplae)
    chaiya_page = f.make_community_page(index, chaiya)
    data = {
        "laplae": laplae,
        "chaiya": chaiya,
        "campaign": f.make_campaign(laplae),
        "chaiya_campaign": f.make_campaign(chaiya, name="รอบไชยา"),
        "product": f.make_product(laplae_page, title="หมี่พันลับแล"),
        "chaiya_product": f.make_product(chaiya_page, title="ไข่เค็มไชยา"),
        "coordinator": f.make_coordinator(laplae),
        "chaiya_coordinator": f.make_coordinator(chaiya),
    }
    data["sale"] = _sale(data["campaign"], data["product"], data["coordinator"], 7)
    data["chaiya_sale"] = _sale(
        data["chaiya_campaign"], data["chaiya_product"], data["chaiya_coordinator"], 9
    )
    return data


def _sale(campaign, product, user, quantity):
    return services.sale_record(
        campaign=campaign,
        product=product,
        sold_on=timezone.localdate(),
        quantity=quantity,
        channel="market",
        recorded_by=user,
    )


def _sale_form(setup, **overrides):
    data = {
        "campaign": setup["campaign"].pk,
        "product": setup["product"].pk,
        "quantity": "3",
        "sold_on": timezone.localdate().isoformat(),
        "channel": "facebook",
        "amount_baht": "",
        "note": "",
    }
    data.update(overrides)
    return data


def test_coordinators_reach_the_admin_and_see_the_communities_menu(client, setup):
    client.force_login(setup["coordinator"])
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert reverse("sale_record:index") in response.content.decode()


def test_the_community_list_shows_only_the_coordinators_communities(client, setup):
    client.force_login(setup["coordinator"])
    html = client.get(reverse("community:index")).content.decode()
    assert "กลุ่มแม่บ้านลับแล" in html
    assert "กลุ่มไข่เค็มไชยา" not in html
    edit_other = reverse("community:edit", args=[setup["chaiya"].pk])
    assert client.get(edit_other).status_code == 404


def test_coordinators_cannot_choose_who_coordinates(client, setup):
    client.force_login(setup["coordinator"])
    html = client.get(reverse("community:edit", args=[setup["laplae"].pk])).content.decode()
    assert 'name="coordinators"' not in html
    client.force_login(make_superuser())
    html = client.get(reverse("community:edit", args=[setup["laplae"].pk])).content.decode()
    assert 'name="coordinators"' in html


def test_sale_records_are_scoped_in_list_edit_inspect_and_delete(client, setup):
    client.force_login(setup["coordinator"])
    html = client.get(reverse("sale_record:index")).content.decode()
    assert "หมี่พันลับแล" in html
    assert "ไข่เค็มไชยา" not in html
    other = setup["chaiya_sale"].pk
    for name in ("sale_record:edit", "sale_record:inspect", "sale_record:delete"):
        assert client.get(reverse(name, args=[other])).status_code == 404, name
    assert client.post(reverse("sale_record:delete", args=[other])).status_code == 404
    setup["chaiya_sale"].refresh_from_db()
    assert not setup["chaiya_sale"].is_deleted


def test_campaign_choices_are_only_the_coordinators(client, setup):
    client.force_login(setup["coordinator"])
    html = client.get(reverse("sale_record:add")).content.decode()
    assert "รอบขายออนไลน์" in html
    assert "รอบไชยา" not in html
    html = client.get(reverse("sales_campaign:index")).content.decode()
    assert "รอบไชยา" not in html


def test_adding_a_sale_in_the_admin_goes_through_the_service(client, setup):
    client.force_login(setup["coordinator"])
    response = client.post(reverse("sale_record:add"), _sale_form(setup))
    assert response.status_code == 302
    sale = SaleRecord.objects.get(quantity=3)
    assert sale.recorded_by == setup["coordinator"]
    assert sale.changes.get().action == "created"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"quantity": "0"}, "ตั้งแต่ 1 ชิ้นขึ้นไป"),
        ({"sold_on": "2020-01-01"}, "เลือกวันที่ในช่วงแคมเปญ"),
        ({"product": "chaiya"}, "เลือกสินค้าของกลุ่มแม่บ้านลับแล"),
    ],
)
def test_bad_sales_in_the_admin_are_refused(client, setup, overrides, message):
    client.force_login(make_superuser())
    if overrides.get("product") == "chaiya":
        overrides["product"] = setup["chaiya_product"].pk
    response = client.post(reverse("sale_record:add"), _sale_form(setup, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SaleRecord.objects.count() == 2


def test_a_coordinator_cannot_add_a_sale_to_another_communitys_campaign(client, setup):
    client.force_login(setup["coordinator"])
    data = _sale_form(
        setup, campaign=setup["chaiya_campaign"].pk, product=setup["chaiya_product"].pk
    )
    response = client.post(reverse("sale_record:add"), data)
    assert response.status_code == 200
    assert SaleRecord.objects.count() == 2


def test_editing_in_the_admin_keeps_history(client, setup):
    client.force_login(setup["coordinator"])
    sale = setup["sale"]
    data = _sale_form(setup, quantity="8", expected_version="1", reason="นับใหม่")
    response = client.post(reverse("sale_record:edit", args=[sale.pk]), data)
    assert response.status_code == 302
    sale.refresh_from_db()
    assert sale.quantity == 8
    change = sale.changes.last()
    assert change.old_values["quantity"] == 7 and change.new_values["quantity"] == 8
    html = client.get(reverse("sale_record:inspect", args=[sale.pk])).content.decode()
    assert "ประวัติของบันทึกนี้" in html
    assert "นับใหม่" in html


def test_deleting_in_the_admin_only_marks_the_record(client, setup):
    client.force_login(setup["coordinator"])
    sale = setup["sale"]
    response = client.post(reverse("sale_record:delete", args=[sale.pk]))
    assert response.status_code == 302
    sale.refresh_from_db()
    assert sale.is_deleted
    assert [c.action for c in sale.changes.all()] == ["created", "deleted"]


def test_campaign_end_date_defaults_to_sixty_days(client, setup):
    client.force_login(setup["coordinator"])
    start = setup["campaign"].end_date + timezone.timedelta(days=1)
    response = client.post(
        reverse("sales_campaign:add"),
        {
            "community": setup["laplae"].pk,
            "name": "รอบสอง",
            "start_date": start.isoformat(),
            "end_date": "",
            "target_units": "100",
        },
    )
    assert response.status_code == 302
    campaign = SalesCampaign.objects.get(name="รอบสอง")
    assert (campaign.end_date - campaign.start_date).days == 60


def test_consent_is_recorded_and_withdrawn_in_the_admin(client, setup):
    person = f.make_person(setup["laplae"])
    client.force_login(setup["coordinator"])
    response = client.post(
        reverse("consent_record:add"),
        {
            "person": person.pk,
            "scope": ConsentScope.PHOTO,
            "given_on": timezone.localdate().isoformat(),
            "method": "signed-form",
            "note": "แบบฟอร์มเก็บที่ห้องสมุด",
        },
    )
    assert response.status_code == 302
    consent = ConsentRecord.objects.get()
    assert consent.recorded_by == setup["coordinator"]
    response = client.post(reverse("consent_record:delete", args=[consent.pk]))
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_recorded_by == setup["coordinator"]


def test_people_of_other_communities_are_hidden_from_coordinators(client, setup):
    f.make_person(setup["chaiya"], name="นายสมปอง ไชยา")
    f.make_person(setup["laplae"], name="นางแดง ลับแล")
    client.force_login(setup["coordinator"])
    html = client.get(reverse("community_person:index")).content.decode()
    assert "นางแดง ลับแล" in html
    assert "นายสมปอง ไชยา" not in html
    html = client.get(reverse("consent_record:add")).content.decode()
    assert "นายสมปอง ไชยา" not in html


def test_a_campaign_cannot_be_shortened_past_its_recorded_sales(client, setup):
    client.force_login(setup["coordinator"])
    campaign = setup["campaign"]
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    response = client.post(
        reverse("sales_campaign:edit", args=[campaign.pk]),
        {
            "community": setup["laplae"].pk,
            "name": campaign.name,
            "start_date": tomorrow.isoformat(),
            "end_date": (tomorrow + timezone.timedelta(days=30)).isoformat(),
            "target_units": "100",
        },
    )
    assert response.status_code == 200
    assert "นอกช่วงวันนี้" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.start_date < tomorrow


def test_only_the_note_of_a_consent_can_be_edited(client, setup):
    person = f.make_person(setup["laplae"])
    consent = services.consent_give(
        person=person,
        scope=ConsentScope.CONTACT,
        given_on=timezone.localdate(),
        method="in-person",
        recorded_by=setup["coordinator"],
    )
    client.force_login(setup["coordinator"])
    url = reverse("consent_record:edit", args=[consent.pk])
    html = client.get(url).content.decode()
    assert 'name="note"' in html and 'name="scope"' not in html
    response = client.post(url, {"note": "ยืนยันทางโทรศัพท์", "scope": ConsentScope.PHOTO})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.note == "ยืนยันทางโทรศัพท์"
    assert consent.scope == ConsentScope.CONTACT
