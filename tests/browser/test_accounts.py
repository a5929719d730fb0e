"""The idle warning on a shared computer: it appears in time and "stay signed in" works."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in


def test_idle_warning_counts_down_and_keeps_the_session(page):
    sign_in(page, "learner")
    page.clock.install()
    page.goto("/accounts/profile/")
    warning = page.locator("#idle-warning")
    expect(warning).to_be_hidden()

    page.clock.fast_forward("28:30")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("ยังใช้งานอยู่หรือเปล่า")
    expect(warning.locator("[data-countdown]")).to_have_text(re.compile(r"^1:[0-3]\d$"))
    screenshot(page, "idle-warning")

    with page.expect_response("**/accounts/keep-alive/") as keep_alive:
        warning.get_by_role("button", name="ใช้งานต่อ").click()
    assert keep_alive.value.json()["signed_in"] is True
    expect(warning).to_be_hidden()
    # Still signed in: the page reloads as the learner, not the sign-in form.
    page.reload()
    expect(page.locator("h1")).to_have_text("บัญชีของฉัน")


def test_idle_deadline_leads_to_the_sign_in_page(page):
    sign_in(page, "learner2")
    page.clock.install()
    page.goto("/accounts/profile/")
    with page.expect_request(re.compile(r"/accounts/login/\?next=/accounts/profile/$")):
        page.clock.fast_forward("30:05")
