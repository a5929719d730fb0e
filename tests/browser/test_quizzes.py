"""A learner takes a quiz in a real browser: answers save as they go, and survive a reload."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import new_learner, screenshot, sign_in

PRACTICE_QUIZ = "/courses/selling-online-facebook-line/practice-quiz/"


def _serious(page) -> list:
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_learner_takes_a_practice_quiz(page, site_shell):
    # A learner of its own: a second run would find the first run's attempt.
    sign_in(page, new_learner(site_shell, "practice-quiz"))
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


def test_choices_sit_inside_the_question_box(page, site_shell):
    """At a library's usual 1366x768 the choices fill the question box, under its question."""
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, new_learner(site_shell, "choices-layout"), next_url=PRACTICE_QUIZ)
    page.get_by_role("button", name="เริ่มทำแบบทดสอบ").click()
    question = page.locator("fieldset.question")
    expect(question.locator(".choice").first).to_be_visible()
    screenshot(page, "quiz-question-1366")
    box = question.bounding_box()
    legend = question.locator(".question__legend").bounding_box()
    choices = question.locator(".choice")
    assert choices.count() >= 2
    for choice in choices.all():
        inner = choice.bounding_box()
        assert inner["x"] >= box["x"], (inner, box)
        assert inner["x"] + inner["width"] <= box["x"] + box["width"], (inner, box)
        assert inner["y"] >= legend["y"] + legend["height"], (inner, legend)
        assert inner["y"] + inner["height"] <= box["y"] + box["height"], (inner, box)
        assert inner["width"] >= 0.8 * box["width"], (inner, box)
