import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from communities.models import SaleRecord
from tests.communities import factories as f
from tests.reports.test_reports import assert_refused, csv_rows, world  # noqa: F401 (fixture)

SALES_URL = "/admin/reports/sales/"
# community, province, campaign, start, end, target, units, %, facebook, line, market,
# other, per product, completions
UNITS = 6
PRODUCTS = 12
COMPLETIONS = 13


def sell(campaign, product, quantity, channel, *, days_after_start=0, deleted=False):
    return SaleRecord.objects.create(
        campaign=campaign,
        product=product,
        quantity=quantity,
        channel=channel,
        sold_on=campaign.start_date + datetime.timedelta(days=days_after_start),
        deleted_at=timezone.now() if deleted else None,
    )


@pytest.fixture
def sales(world, home):  # noqa: F811
    index = f.make_index_page(home)
    laplae_page = f.make_community_page(index, world["laplae"])
    chaiya_page = f.make_community_page(index, world["chaiya"])
    cloth = f.make_product(laplae_page, title="ผ้าทอลับแล")
    chili = f.make_product(laplae_page, title="น้ำพริกลับแล")
    rice = f.make_product(chaiya_page, title="ไข่เค็มไชยา")
    laplae = f.make_campaign(world["laplae"], name="รอบขายแรก", target_units=40)
    chaiya = f.make_campaign(world["chaiya"], name="รอบไข่เค็ม", target_units=50)
    sell(laplae, cloth, 6, "facebook")
    sell(laplae, cloth, 4, "line", days_after_start=5)
    sell(laplae, chili, 3, "market", days_after_start=8)
    sell(laplae, chili, 99, "facebook", deleted=True)
    sell(chaiya, rice, 5, "other")
    return {**world, "campaign": laplae, "chaiya_campaign": chaiya, "cloth": cloth}


def rows_by_community(response):
    return {row[0]: row for row in csv_rows(response)[1:]}


class TestSalesReport:
    def test_units_against_target_per_channel_and_product(self, client, sales, superuser):
        client.force_login(superuser)
        rows = rows_by_community(client.get(SALES_URL + "?export=csv"))
        laplae = rows["ชุมชนลับแล"]
        assert laplae[2] == "รอบขายแรก"
        # the deleted sale of 99 does not count
        assert laplae[5:12] == ["40", "13", "32", "6", "4", "3", "0"]
        assert laplae[PRODUCTS] == "ผ้าทอลับแล 10 · น้ำพริกลับแล 3"
        assert laplae[COMPLETIONS] == "2"
        assert rows["ชุมชนไชยา"][UNITS] == "5"
        assert rows["ชุมชนไชยา"][COMPLETIONS] == "1"

    def test_page_shows_campaign_and_thai_headings(self, client, sales, superuser):
        client.force_login(superuser)
        html = client.get(SALES_URL).content.decode()
        assert "รอบขายแรก" in html
        assert "ผ้าทอลับแล 10" in html
        assert "จำนวนที่ขายได้" in html

    def test_date_range_counts_sales_made_in_it(self, client, sales, superuser):
        client.force_login(superuser)
        start = sales["campaign"].start_date
        query = f"dates_from={start.isoformat()}&dates_to={start.isoformat()}"
        rows = rows_by_community(client.get(f"{SALES_URL}?export=csv&{query}"))
        assert rows["ชุมชนลับแล"][UNITS] == "6"
        assert rows["ชุมชนลับแล"][PRODUCTS] == "ผ้าทอลับแล 6"

    def test_dates_outside_every_campaign_give_no_rows(self, client, sales, superuser):
        client.force_login(superuser)
        rows = csv_rows(
            client.get(SALES_URL + "?export=csv&dates_from=2000-01-01&dates_to=2000-02-01")
        )
        assert rows[1:] == []

    def test_province_filter(self, client, sales, superuser):
        client.force_login(superuser)
        rows = rows_by_community(client.get(SALES_URL + "?export=csv&province=surat-thani"))
        assert list(rows) == ["ชุมชนไชยา"]

    def test_xlsx_has_dates_channels_and_products(self, client, sales, superuser):
        client.force_login(superuser)
        response = client.get(f"{SALES_URL}?export=xlsx&community={sales['laplae'].pk}")
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        values = list(sheet.values)
        assert len(values) == 2
        assert isinstance(values[1][3], datetime.datetime | datetime.date)
        assert values[1][UNITS] == 13
        assert values[1][PRODUCTS] == "ผ้าทอลับแล 10 · น้ำพริกลับแล 3"

    def test_query_count_does_not_grow_with_sale_records(
        self, client, sales, superuser, django_assert_num_queries
    ):
        client.force_login(superuser)
        f.make_sales(sales["campaign"], sales["cloth"], 10)
        client.get(SALES_URL)  # warm caches (site, permissions)
        with CaptureQueriesContext(connection) as few:
            response = client.get(SALES_URL)
        assert "ผ้าทอลับแล 20" in response.content.decode()
        f.make_sales(sales["campaign"], sales["cloth"], 190)
        with django_assert_num_queries(len(few.captured_queries)):
            response = client.get(SALES_URL)
        assert "ผ้าทอลับแล 210" in response.content.decode()


class TestSalesScope:
    def test_coordinator_sees_only_own_community(self, client, sales):
        client.force_login(sales["coordinator"])
        rows = rows_by_community(client.get(SALES_URL + "?export=csv"))
        assert list(rows) == ["ชุมชนลับแล"]

    def test_other_community_in_the_url_gives_nothing_from_it(self, client, sales):
        client.force_login(sales["coordinator"])
        for query in (f"community={sales['chaiya'].pk}", "province=surat-thani"):
            body = client.get(f"{SALES_URL}?{query}").content.decode()
            assert "รอบไข่เค็ม" not in body
            assert "ไข่เค็มไชยา" not in body
            assert_refused(client.get(f"{SALES_URL}?export=csv&{query}"), "ชุมชนไชยา")

    def test_learners_cannot_open_it(self, client, sales):
        client.force_login(sales["people"]["half"])
        assert client.get(SALES_URL).status_code in (302, 403)

    def test_menu_lists_the_sales_report(self, client, sales):
        client.force_login(sales["coordinator"])
        assert SALES_URL in client.get("/admin/").content.decode()


class TestSalesOnDashboard:
    def test_panel_shows_units_against_target_and_sales_bars(self, client, sales):
        client.force_login(sales["coordinator"])
        html = client.get("/admin/").content.decode()
        assert "13 / 40 (32%)" in html
        assert '<title id="report-sales-chart-title">' in html
        assert "13 จาก 40 ชิ้น" in html
        assert "ไชยา" not in html

    def test_staff_totals_add_up_every_community(self, client, sales, superuser):
        client.force_login(superuser)
        html = client.get("/admin/").content.decode()
        assert "18 / 90 (20%)" in html

    def test_panel_queries_do_not_grow_with_sale_records(
        self, client, sales, superuser, django_assert_num_queries
    ):
        client.force_login(superuser)
        client.get("/admin/")  # warm caches (site, permissions)
        with CaptureQueriesContext(connection) as few:
            client.get("/admin/")
        f.make_sales(sales["campaign"], sales["cloth"], 200)
        with django_assert_num_queries(len(few.captured_queries)):
            html = client.get("/admin/").content.decode()
        assert "218 / 90" in html  # 13 + 200 in ลับแล, 5 in ไชยา
