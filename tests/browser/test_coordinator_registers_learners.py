"""A coordinator registers three learners; one signs in with the card and chooses a password."""

from playwright.sync_api import expect

from tests.browser.conftest import ensure_community, screenshot, sign_in

NAMES = ["สมศรี ใจงาม", "บุญมา ทองดี", "ประยูร แก้วมณี"]
COMMUNITY = "กลุ่มจักสานบ้านหนองบัว"


def test_bulk_registration_login_cards_and_first_sign_in(page, browser, live_site, site_shell):
    ensure_community(site_shell, COMMUNITY, coordinator="coordinator")
    sign_in(page, "coordinator", next_url="/accounts/communities/")
    card = page.locator(".card").filter(has=page.get_by_role("heading", name=COMMUNITY))
    card.get_by_role("link", name="ลงทะเบียนผู้เรียน").click()
    expect(page.locator("h1")).to_have_text("ลงทะเบียนผู้เรียน")
    page.get_by_label("รายชื่อ บรรทัดละหนึ่งคน").fill("\n".join(NAMES))
    page.get_by_role("button", name="ลงทะเบียนและทำบัตรเข้าสู่ระบบ").click()

    expect(page.locator("h1")).to_have_text("บัตรเข้าสู่ระบบ")
    cards = page.locator(".login-card")
    expect(cards).to_have_count(3)
    for card, name in zip(cards.all(), NAMES, strict=True):
        expect(card.locator(".login-card__name")).to_have_text(name)
    screenshot(page, "login-cards")
    first_card = cards.first.locator(".login-card__secret")
    username, temporary = first_card.nth(0).inner_text(), first_card.nth(1).inner_text()

    # The temporary passwords are shown only once.
    page.reload()
    expect(page.locator(".login-card")).to_have_count(0)

    # The learner signs in at another computer with the card.
    learner_context = browser.new_context(base_url=live_site, locale="th-TH")
    try:
        learner = learner_context.new_page()
        learner.goto("/accounts/login/")
        learner.fill("input[name=username]", username)
        learner.fill("input[name=password]", temporary)
        learner.click("main button[type=submit]")
        expect(learner.locator("h1")).to_have_text("ตั้งรหัสผ่านของคุณเอง")

        # Nothing else opens before the password is changed.
        learner.goto("/my/")
        expect(learner.locator("h1")).to_have_text("ตั้งรหัสผ่านของคุณเอง")

        learner.fill("input[name=new_password1]", "ดอกมะลิบาน2569")
        learner.fill("input[name=new_password2]", "ดอกมะลิบาน2569")
        learner.get_by_role("button", name="บันทึกรหัสผ่านใหม่").click()
        expect(learner.locator(".messages")).to_contain_text("บันทึกรหัสผ่านใหม่แล้ว")
        learner.goto("/my/")
        expect(learner.locator("h1")).to_have_text("การเรียนของฉัน")
    finally:
        learner_context.close()
