"""On a shared library computer: after signing out, Back shows nothing personal."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import new_learner, sign_in


def _sign_out(page):
    page.locator("header").get_by_role("button", name="ออกจากระบบ").click()
    expect(page.locator("header").get_by_role("link", name="เข้าสู่ระบบ")).to_be_visible()


def test_back_after_signing_out_shows_no_personal_page(page, site_shell):
    username = new_learner(site_shell, "back-button")
    sign_in(page, username, next_url="/my/")
    expect(page.locator("h1")).to_have_text("การเรียนของฉัน")
    expect(page.locator("header")).to_contain_text("ผู้เรียน back-button")

    _sign_out(page)
    page.go_back()
    # The page is not kept by the browser: going back asks the server, which asks to sign in.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/my/$"))
    expect(page.locator("body")).not_to_contain_text("ผู้เรียน back-button")
    expect(page.locator("h1")).not_to_have_text("การเรียนของฉัน")
