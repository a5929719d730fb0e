"""A learner takes a quiz in a real browser: answers save as they go, and survive a reload."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in

PRACTICE_QUIZ = "/courses/selling-online-facebook-line/practice-quiz/"


def _serious(page) -> list:
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_learner_takes_a_practice_quiz(page):
    sign_in(page, "learner")
    page.goto(PRACTICE_QUIZ)
    assert not _serious(page)
    page.get_by_role("button", name="เริ่มทำแบบทดสอบ").click()
    expect(page.locator(".question__legend")).to_contain_text("ข้อที่ 1")
    assert not _serious(page)

    # Choosing an answer saves it at once, without pressing a button...
    page.locator("label.choice").nth(1).click()
    expect(page.locator(".quiz-form__status")).to_have_text("บันทึกคำตอบแล้ว")
    chosen = page.locator("input[type=radio]").nth(1).get_attribute("value")
    # ...so a reload (or a crash, or an idle sign-out) keeps it.
    page.reload()
    expect(page.locator(f"input[value='{chosen}']")).to_be_checked()
    screenshot(page, "quiz-question")

    page.get_by_role("button", name="ตรวจทานและส่งคำตอบ").click()
    expect(page.locator("h2")).to_contain_text("ตรวจทานคำตอบ")
    assert not _serious(page)
    page.get_by_role("button", name="ส่งคำตอบ").click()
    expect(page.locator(".quiz-result__score")).to_be_visible()
    screenshot(page, "quiz-result")
    assert not _serious(page)


@pytest.mark.parametrize("language", ["th", "en"])
def test_quiz_page_reads_in_both_languages(context, live_site, language):
    context.add_cookies([{"name": "lms_language", "value": language, "url": live_site}])
    page = context.new_page()
    page.goto(PRACTICE_QUIZ)
    sign_in_text = "เข้าสู่ระบบ" if language == "th" else "Sign in"
    expect(page.locator("main")).to_contain_text(sign_in_text)
    assert not _serious(page)
