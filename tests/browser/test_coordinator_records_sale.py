"""A coordinator records a sale from the phone-friendly form, and the community's public page
counts it toward the target; a mistyped quantity is refused and counts nothing."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in

COMMUNITY = "กลุ่มแม่บ้านเกษตรกรลับแล"
PRODUCT = "หมี่พันลับแล"
UNITS = 7
NOTE = "ขายให้ร้านกาแฟในตัวเมือง"

TEXT = {
    "th": {
        "sales_heading": "ยอดขายสู่เป้าหมาย",
        "numbers": r"ขายแล้ว (\d+) จาก (\d+) ชิ้น",
        "record_sales": "บันทึกยอดขาย",
        "record_a_sale": "บันทึกยอดขาย",
        "quantity": "จำนวนที่ขายได้ (ชิ้น)",
        "product": "สินค้า",
        "note": "หมายเหตุ",
        "save": "บันทึกยอดขาย",
        "too_few": "กรอกจำนวนที่ขายได้ ตั้งแต่ 1 ชิ้นขึ้นไป",
        "saved": f"บันทึกแล้ว: {PRODUCT} จำนวน {UNITS} ชิ้น",
    },
    "en": {
        "sales_heading": "Sales toward the target",
        "numbers": r"(\d+) of (\d+) units sold",
        "record_sales": "Record sales",
        "record_a_sale": "Record a sale",
        "quantity": "Units sold",
        "product": "Product",
        "note": "Note",
        "save": "Save the sale",
        "too_few": "Enter how many units were sold: 1 or more.",
        "saved": f"Saved: {PRODUCT}, {UNITS} units.",
    },
}


def read_progress(scope, numbers_pattern: str) -> dict:
    """The progress bar as a reader and a screen reader get it; both must agree."""
    progress = scope.locator(".campaign-progress").first
    text = progress.locator(".campaign-progress__numbers strong").inner_text()
    match = re.fullmatch(numbers_pattern, text.strip())
    assert match, text
    sold, target = int(match.group(1)), int(match.group(2))
    bar = progress.get_by_role("progressbar")
    assert int(bar.get_attribute("aria-valuenow")) == sold
    assert int(bar.get_attribute("aria-valuemax")) == target
    assert bar.get_attribute("aria-valuemin") == "0"
    style = bar.locator(".progress__bar").get_attribute("style")
    width = int(re.fullmatch(r"width: (\d+)%;?", style.strip()).group(1))
    return {"sold": sold, "target": target, "width": width}


def expected_width(sold: int, target: int) -> int:
    return min(100, round(100 * sold / target))


def product_units(page) -> int:
    row = page.locator(".sales-breakdown table").first.locator("tr").filter(has_text=PRODUCT)
    return int(row.locator("td.number").inner_text())


def switch_language(page, language: str) -> None:
    """Use the header's language buttons, as a person at the library would."""
    if language == "th":
        return
    page.locator("header .language-switcher").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


@pytest.fixture
def sales_cleanup(site_shell):
    """Take this journey's sales back out of the totals, so a rerun starts from the demo."""
    yield
    site_shell(
        "from accounts.models import User; from communities import services; "
        "from communities.models import SaleRecord; "
        "user = User.objects.get(username='coordinator'); "
        f"[services.sale_delete(sale=s, deleted_by=user) for s in "
        f"SaleRecord.objects.filter(note={NOTE!r}, deleted_at__isnull=True)]"
    )


@pytest.mark.parametrize("language", ["th", "en"])
def test_coordinator_records_a_sale_and_the_target_bar_moves(page, sales_cleanup, language):
    text = TEXT[language]
    sign_in(page, "coordinator", next_url="/communities/")
    switch_language(page, language)

    # The community's public page: how far the community is from its target.
    page.locator(".community-card").filter(has_text=COMMUNITY).locator("h2 a").click()
    expect(page.locator("h1")).to_have_text(COMMUNITY)
    community_url = page.url
    sales = page.locator(".community__sales")
    expect(sales.get_by_role("heading", name=text["sales_heading"])).to_be_visible()
    before = read_progress(sales, text["numbers"])
    assert before["target"] > 0
    assert before["width"] == expected_width(before["sold"], before["target"])
    product_before = product_units(page)

    # The phone-friendly sales screen.
    page.goto("/sales/")
    expect(page.locator("h1")).to_have_text(text["record_sales"])
    card = page.locator(".card").filter(has=page.get_by_role("heading", name=COMMUNITY))
    assert read_progress(card, text["numbers"]) == before
    card.get_by_role("link", name=text["record_a_sale"]).click()
    expect(page.locator("h1")).to_have_text(COMMUNITY)
    form = page.locator(".sale-form")
    recorded_before = page.locator(".sale-list__item").count()

    # A quantity of nothing, or less than nothing, is refused in plain words and saves nothing.
    for wrong in ("0", "-3"):
        form.get_by_label(text["product"]).select_option(label=PRODUCT)
        form.get_by_label(text["quantity"]).fill(wrong)
        form.get_by_label("LINE", exact=True).check()
        with page.expect_response(lambda r: r.request.method == "POST") as posted:
            form.get_by_role("button", name=text["save"]).click()
        assert posted.value.status == 400
        quantity_field = form.locator(".field").filter(has=page.get_by_label(text["quantity"]))
        expect(quantity_field.locator(".error")).to_have_text(text["too_few"])
        expect(page.locator(".messages")).to_have_count(0)
        assert read_progress(page, text["numbers"]) == before
        expect(page.locator(".sale-list__item")).to_have_count(recorded_before)
    screenshot(page, f"sale-refused-{language}")

    # The right quantity is saved and counted at once.
    form.get_by_label(text["product"]).select_option(label=PRODUCT)
    form.get_by_label(text["quantity"]).fill(str(UNITS))
    form.get_by_label("LINE", exact=True).check()
    form.get_by_label(text["note"]).fill(NOTE)
    form.get_by_role("button", name=text["save"]).click()
    expect(page.locator(".messages")).to_contain_text(text["saved"])
    expect(page.locator(".sale-list__item")).to_have_count(recorded_before + 1)
    expect(page.locator(".sale-list__item").first).to_contain_text(f"{PRODUCT} × {UNITS}")
    assert read_progress(page, text["numbers"])["sold"] == before["sold"] + UNITS

    # The public page shows exactly those units more, in the numbers and in the bar.
    page.goto(community_url)
    after = read_progress(page.locator(".community__sales"), text["numbers"])
    assert after == {
        "sold": before["sold"] + UNITS,
        "target": before["target"],
        "width": expected_width(before["sold"] + UNITS, before["target"]),
    }
    assert product_units(page) == product_before + UNITS
    screenshot(page, f"community-sales-{language}")
