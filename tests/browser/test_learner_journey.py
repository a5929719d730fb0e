"""A learner finds a course, starts it and works through lessons, in Thai."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import screenshot, sign_in


def test_home_and_catalogue_for_a_visitor(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    screenshot(page, "home")
    page.get_by_role("link", name="หลักสูตร").first.click()
    expect(page.locator("h1")).to_have_text("หลักสูตร")
    screenshot(page, "catalogue")


def test_learner_starts_a_course_and_finishes_a_lesson(page):
    sign_in(page, "learner2")
    page.goto("/courses/")
    page.locator(".course-card a").first.click()
    course_url = page.url
    screenshot(page, "course")
    button = (
        page.locator(".course__progress")
        .get_by_role("button")
        .or_(page.locator(".course__progress").get_by_role("link"))
    )
    button.first.click()
    expect(page.locator("h1")).to_be_visible()
    screenshot(page, "lesson")
    finish = page.get_by_role("button", name="เรียนจบบทนี้แล้ว")
    if finish.count():
        finish.click()
        page.goto(course_url)
        expect(page.locator(".outline__step.is-done").first).to_be_visible()
    page.goto("/my/")
    expect(page.locator("h1")).to_have_text("การเรียนของฉัน")
    expect(page.locator(".progress").first).to_be_visible()
    assert re.search(r"/my/$", page.url)
