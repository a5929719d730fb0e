"""The coordinators' phone form: record, correct and delete sales of their own community."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from communities import services
from communities.models import SaleRecord, SaleRecordChange
from tests.communities import factories as f
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(home):
    index = f.make_index_page(home)
    laplae = f.make_community(name="กลุ่มแม่บ้านลับแล")
    chaiya = f.make_community(name="กลุ่มไข่เค็มไชยา", province="surat-thani")
    laplae_page = f.make_community_page(index, laplae)
    chaiya_page = f.make_community_page(index, chaiya)
    return {
        "laplae_page": laplae_page,
        "campaign": f.make_campaign(laplae),
        "product": f.make_product(laplae_page, title="หมี่พันลับแล"),
        "other_product": f.make_product(chaiya_page, title="ไข่เค็มไชยา"),
        "coordinator": f.make_coordinator(laplae),
        "other_coordinator": f.make_coordinator(chaiya),
    }


def _url(setup):
    return reverse("communities:campaign_sales", kwargs={"campaign_id": setup["campaign"].pk})


def _form_data(setup, **overrides):
    data = {
        "product": setup["product"].pk,
        "quantity": "4",
        "sold_on": timezone.localdate().isoformat(),
        "channel": "line",
        "amount_baht": "",
        "note": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_anonymous_visitors_are_sent_to_sign_in(client, setup):
    response = client.get(_url(setup))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_coordinator_sees_a_phone_form_that_is_never_cached(client, setup):
    client.force_login(setup["coordinator"])
    response = client.get(_url(setup))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert "บันทึกยอดขาย" in html
    assert 'inputmode="numeric"' in html
    assert 'type="date"' in html
    assert "หมี่พันลับแล" in html
    assert "ไข่เค็มไชยา" not in html


def test_recording_a_sale_shows_it_and_moves_the_progress(client, setup):
    client.force_login(setup["coordinator"])
    response = client.post(_url(setup), _form_data(setup), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "บันทึกแล้ว: หมี่พันลับแล จำนวน 4 ชิ้น" in html
    assert "ขายแล้ว 4 จาก 100 ชิ้น" in html
    sale = SaleRecord.objects.get()
    assert sale.recorded_by == setup["coordinator"]
    assert sale.channel == "line"


def test_a_double_tap_records_the_sale_once(client, setup):
    client.force_login(setup["coordinator"])
    data = _form_data(setup)
    client.post(_url(setup), data)
    client.post(_url(setup), data)
    assert SaleRecord.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"quantity": "0"}, "ตั้งแต่ 1 ชิ้นขึ้นไป"),
        ({"quantity": "-2"}, "ตั้งแต่ 1 ชิ้นขึ้นไป"),
        ({"quantity": "สาม"}, "จำนวนเต็ม"),
        ({"sold_on": "2020-01-01"}, "เลือกวันที่ในช่วงแคมเปญ"),
        ({"channel": "tiktok"}, "เลือกช่องทางที่ขายได้"),
    ],
)
def test_bad_input_gets_a_clear_message_and_saves_nothing(client, setup, overrides, message):
    client.force_login(setup["coordinator"])
    response = client.post(_url(setup), _form_data(setup, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SaleRecord.objects.exists()


def test_a_product_of_another_community_is_refused(client, setup):
    client.force_login(setup["coordinator"])
    response = client.post(_url(setup), _form_data(setup, product=setup["other_product"].pk))
    assert response.status_code == 400
    assert "เลือกสินค้าของชุมชนนี้" in response.content.decode()
    assert not SaleRecord.objects.exists()


def test_a_coordinator_of_another_community_is_told_and_nothing_is_saved(client, setup):
    client.force_login(setup["other_coordinator"])
    assert client.get(_url(setup)).status_code == 403
    response = client.post(_url(setup), _form_data(setup))
    assert response.status_code == 403
    assert "เฉพาะผู้ประสานงานของกลุ่มแม่บ้านลับแล" in response.content.decode()
    assert not SaleRecord.objects.exists()


def test_a_learner_cannot_open_the_sales_screens(client, setup):
    client.force_login(make_user(groups=["Learners"]))
    response = client.get(reverse("communities:sales_home"))
    assert response.status_code == 403
    assert "สำหรับผู้ประสานงานชุมชน" in response.content.decode()


def test_the_sales_home_lists_only_the_coordinators_campaigns(client, setup):
    f.make_campaign(setup["other_product"].community_page.community, name="รอบไชยา")
    client.force_login(setup["coordinator"])
    html = client.get(reverse("communities:sales_home")).content.decode()
    assert "กลุ่มแม่บ้านลับแล" in html
    assert "กลุ่มไข่เค็มไชยา" not in html


def _sale(setup, quantity=5):
    return services.sale_record(
        campaign=setup["campaign"],
        product=setup["product"],
        sold_on=timezone.localdate(),
        quantity=quantity,
        channel="facebook",
        recorded_by=setup["coordinator"],
    )


def test_correcting_a_sale_keeps_the_old_value_in_its_history(client, setup):
    sale = _sale(setup, quantity=50)
    client.force_login(setup["coordinator"])
    url = reverse("communities:sale_edit", kwargs={"sale_id": sale.pk})
    data = _form_data(setup, quantity="5", channel="facebook", version="1", reason="พิมพ์เกิน")
    response = client.post(url, data)
    assert response.status_code == 302
    sale.refresh_from_db()
    assert sale.quantity == 5
    html = client.get(url).content.decode()
    assert "ประวัติของบันทึกนี้" in html
    assert "<td>50</td><td>5</td>" in html
    assert "พิมพ์เกิน" in html


def test_a_stale_correction_is_refused(client, setup):
    sale = _sale(setup)
    client.force_login(setup["coordinator"])
    url = reverse("communities:sale_edit", kwargs={"sale_id": sale.pk})
    client.post(url, _form_data(setup, quantity="6", channel="facebook", version="1"))
    response = client.post(url, _form_data(setup, quantity="7", channel="facebook", version="1"))
    assert response.status_code == 400
    assert "มีผู้อื่นแก้ไขบันทึกการขายนี้" in response.content.decode()
    sale.refresh_from_db()
    assert sale.quantity == 6


def test_another_communitys_coordinator_cannot_correct_or_delete(client, setup):
    sale = _sale(setup)
    client.force_login(setup["other_coordinator"])
    edit = reverse("communities:sale_edit", kwargs={"sale_id": sale.pk})
    delete = reverse("communities:sale_delete", kwargs={"sale_id": sale.pk})
    assert client.post(edit, _form_data(setup, quantity="1", version="1")).status_code == 403
    assert client.post(delete, {"version": "1"}).status_code == 403
    sale.refresh_from_db()
    assert sale.quantity == 5 and not sale.is_deleted
    assert SaleRecordChange.objects.count() == 1


def test_deleting_a_sale_asks_first_then_keeps_the_history(client, setup):
    sale = _sale(setup)
    client.force_login(setup["coordinator"])
    url = reverse("communities:sale_delete", kwargs={"sale_id": sale.pk})
    assert "ใช่ไหม" in client.get(url).content.decode()
    response = client.post(url, {"version": "1", "reason": "บันทึกซ้ำ"}, follow=True)
    html = response.content.decode()
    assert "ลบบันทึกการขายแล้ว" in html
    assert "ขายแล้ว 0 จาก 100 ชิ้น" in html
    sale.refresh_from_db()
    assert sale.is_deleted
    assert sale.changes.last().reason == "บันทึกซ้ำ"


def test_the_date_defaults_to_today_and_is_bounded_by_the_campaign(client, setup):
    client.force_login(setup["coordinator"])
    html = client.get(_url(setup)).content.decode()
    campaign = setup["campaign"]
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert f'min="{campaign.start_date.isoformat()}"' in html
    assert f'max="{campaign.end_date.isoformat()}"' in html


def test_an_ended_campaign_still_accepts_late_records_within_its_dates(client, setup):
    campaign = setup["campaign"]
    today = timezone.localdate()
    campaign.start_date = today - datetime.timedelta(days=70)
    campaign.end_date = today - datetime.timedelta(days=10)
    campaign.save()
    client.force_login(setup["coordinator"])
    data = _form_data(setup, sold_on=campaign.end_date.isoformat())
    assert client.post(_url(setup), data).status_code == 302
    assert SaleRecord.objects.get().sold_on == campaign.end_date


def test_every_mistake_is_reported_at_once(client, setup):
    client.force_login(setup["coordinator"])
    data = _form_data(setup, product="", quantity="0", sold_on="2020-01-01")
    response = client.post(_url(setup), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "เลือกสินค้าที่ขายได้" in html
    assert "ตั้งแต่ 1 ชิ้นขึ้นไป" in html
    assert "เลือกวันที่ในช่วงแคมเปญ" in html
    assert not SaleRecord.objects.exists()


def test_help_and_errors_are_tied_to_their_fields(client, setup):
    """Screen readers read each field's help and error: every described-by id is on the page."""
    import re

    client.force_login(setup["coordinator"])
    data = _form_data(setup, quantity="0", channel="")
    html = client.post(_url(setup), data).content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', html)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    referenced = {ref for value in described for ref in value.split()}
    assert {"id_quantity_error", "id_channel_error"} <= referenced
    assert referenced <= ids
    # The channel buttons are one group, named by a legend rather than a label for nothing.
    assert re.search(r"<fieldset[^>]*>\s*<legend>", html)
    assert 'for=""' not in html
