import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from communities.models import (
    CommunityIndexPage,
    CommunityPage,
    JourneyStage,
    ProductJourneyStep,
    ProductPage,
)
from home.models import HomePage
from tests.communities import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def showcase(home):
    index = f.make_index_page(home, intro="<p>สินค้าดีจากชุมชน</p>")
    laplae = f.make_community(name="กลุ่มแม่บ้านลับแล", district="ลับแล", library="ห้องสมุดลับแล")
    chaiya = f.make_community(name="กลุ่มไข่เค็มไชยา", province="surat-thani")
    laplae_page = f.make_community_page(
        index,
        laplae,
        summary="หมี่พันและลางสาดจากเมืองลับแล",
        facebook_url="https://www.facebook.com/laplaefood",
        line_id="@laplaefood",
        phone="081-234-5678",
        how_to_buy="โอนเงินแล้วส่งไปรษณีย์ภายใน 2 วัน",
        story=[
            {"type": "paragraph", "value": "<p>เราเริ่มจากแม่บ้านห้าคน</p>"},
            {"type": "quote", "value": {"text": "ขายได้จริง", "attribution": "ป้าแดง"}},
        ],
    )
    chaiya_page = f.make_community_page(index, chaiya)
    mee = f.make_product(laplae_page, title="หมี่พันลับแล", price_baht="89.50", unit="ห่อ")
    langsat = f.make_product(laplae_page, title="ลางสาดอบแห้ง")
    campaign = f.make_campaign(laplae, target_units=100)
    f.make_sales(campaign, mee, 3, quantity=10)  # facebook, line, market
    f.make_sales(campaign, langsat, 1, quantity=12)  # facebook
    return {
        "index": index,
        "laplae_page": laplae_page,
        "chaiya_page": chaiya_page,
        "mee": mee,
        "langsat": langsat,
        "campaign": campaign,
    }


def test_the_index_lists_every_community_with_its_progress(client, showcase):
    response = client.get(showcase["index"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "สินค้าดีจากชุมชน" in html
    assert "กลุ่มแม่บ้านลับแล" in html and "กลุ่มไข่เค็มไชยา" in html
    assert "ขายแล้ว 42 จาก 100 ชิ้น" in html
    assert 'aria-valuenow="42"' in html


def test_the_index_filters_by_province(client, showcase):
    response = client.get(showcase["index"].url, {"province": "surat-thani"})
    html = response.content.decode()
    assert "กลุ่มไข่เค็มไชยา" in html
    assert "กลุ่มแม่บ้านลับแล" not in html
    assert 'aria-current="true">สุราษฎร์ธานี' in html


def test_an_unknown_province_shows_every_community(client, showcase):
    response = client.get(showcase["index"].url, {"province": "<script>"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "กลุ่มไข่เค็มไชยา" in html and "กลุ่มแม่บ้านลับแล" in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_the_community_page_shows_progress_breakdown_story_and_contact(client, showcase):
    response = client.get(showcase["laplae_page"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ขายแล้ว 42 จาก 100 ชิ้น" in html
    assert "เหลืออีก 50 วัน" in html
    # Per product: 30 units of mee, 12 of langsat; per channel: Facebook 22, LINE 10...
    assert '<td>หมี่พันลับแล</td><td class="number">30</td>' in html
    assert '<td>ลางสาดอบแห้ง</td><td class="number">12</td>' in html
    assert '<td>Facebook</td><td class="number">22</td>' in html
    assert '<td>LINE</td><td class="number">10</td>' in html
    assert "เราเริ่มจากแม่บ้านห้าคน" in html
    assert "ป้าแดง" in html
    assert "ห้องสมุดลับแล" in html


def test_line_is_an_add_friend_link_and_an_inline_qr_code(client, showcase):
    html = client.get(showcase["laplae_page"].url).content.decode()
    assert 'href="https://line.me/R/ti/p/%40laplaefood"' in html
    assert '<span class="qr-code" role="img"' in html
    assert "<svg" in html
    assert 'href="tel:0812345678"' in html
    assert 'href="https://www.facebook.com/laplaefood"' in html


def test_a_community_without_campaign_or_contact_still_renders(client, showcase):
    response = client.get(showcase["chaiya_page"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ยอดขายสู่เป้าหมาย" not in html
    assert "qr-code" not in html


def test_the_product_page_shows_price_certifications_journey_and_how_to_buy(client, showcase):
    mee = showcase["mee"]
    mee.otop_stars = 4
    mee.fda_number = "53-2-01234-2-0001"
    mee.community_product_standard = "มผช. 1/2565"
    mee.materials = "แป้งข้าวเจ้า\nเกลือ\n"
    mee.journey_steps.add(
        ProductJourneyStep(
            stage=JourneyStage.PROTOTYPE,
            happened_on=datetime.date(2026, 9, 3),
            description="ทดลองตากแดดสามวัน",
        )
    )
    mee.save_revision().publish()
    html = client.get(mee.url).content.decode()
    assert "89.50 บาท" in html and "/ ห่อ" in html
    assert "4 ดาว" in html
    assert "53-2-01234-2-0001" in html and "มผช. 1/2565" in html
    assert "<li>แป้งข้าวเจ้า</li>" in html
    # Every stage appears, in order; only the recorded one is done.
    positions = [html.index(str(label)) for label in JourneyStage.labels]
    assert positions == sorted(positions)
    assert html.count("journey__stage--done") == 1
    assert "3 กันยายน 2569" in html
    assert "ขายแล้ว 30 ชิ้นในแคมเปญนี้" in html
    # How to buy falls back to the community's channels.
    assert "โอนเงินแล้วส่งไปรษณีย์ภายใน 2 วัน" in html
    assert 'href="https://line.me/R/ti/p/%40laplaefood"' in html


def test_a_product_may_override_how_to_buy(client, showcase):
    mee = showcase["mee"]
    mee.line_id = "@meephan"
    mee.how_to_buy = "สั่งล่วงหน้า 3 วัน"
    mee.save_revision().publish()
    buy_section = client.get(mee.url).content.decode().split('id="buy-heading"', 1)[1]
    assert "สั่งล่วงหน้า 3 วัน" in buy_section
    assert "line.me/R/ti/p/%40meephan" in buy_section
    assert "%40laplaefood" not in buy_section
    # Channels the product leaves empty still come from the community.
    assert 'href="tel:0812345678"' in buy_section


def test_out_of_stock_is_shown(client, showcase):
    mee = showcase["mee"]
    mee.in_stock = False
    mee.save_revision().publish()
    assert "สินค้าหมด" in client.get(mee.url).content.decode()


def test_english_readers_see_gregorian_dates_and_english_labels(english, showcase):
    html = english.get(showcase["laplae_page"].url).content.decode()
    assert "42 of 100 units sold" in html
    assert "50 days left" in html


def test_campaign_states_before_and_after(client, showcase):
    campaign = showcase["campaign"]
    today = timezone.localdate()
    campaign.start_date = today + datetime.timedelta(days=3)
    campaign.end_date = today + datetime.timedelta(days=63)
    campaign.save()
    assert "เริ่มวันที่" in client.get(showcase["laplae_page"].url).content.decode()
    campaign.start_date = today - datetime.timedelta(days=70)
    campaign.end_date = today - datetime.timedelta(days=10)
    campaign.save()
    assert "สิ้นสุดเมื่อ" in client.get(showcase["laplae_page"].url).content.decode()


def test_deleted_sales_do_not_count(client, showcase):
    showcase["campaign"].sales.filter(product=showcase["langsat"]).update(deleted_at=timezone.now())
    assert "ขายแล้ว 30 จาก 100 ชิ้น" in client.get(showcase["index"].url).content.decode()


def test_page_tree_rules(home):
    assert CommunityIndexPage.can_create_at(home)
    index = f.make_index_page(home)
    assert not CommunityIndexPage.can_create_at(home)  # one index only
    assert CommunityIndexPage.parent_page_types == ["home.HomePage"]
    assert CommunityPage.can_create_at(index)
    assert not CommunityPage.can_create_at(home)
    assert not ProductPage.can_create_at(index)
    page = f.make_community_page(index, f.make_community())
    assert ProductPage.can_create_at(page)
    assert not HomePage.can_create_at(page)


def test_pages_get_ascii_slugs_from_thai_titles(home):
    index = f.make_index_page(home)
    page = f.make_community_page(index, f.make_community(name="กลุ่มทอผ้าพุมเรียง"))
    assert page.slug.isascii() and page.slug
    product = f.make_product(page, title="ผ้าทอพุมเรียง")
    assert Page.objects.get(pk=product.pk).slug == "phathophumeriyng"
