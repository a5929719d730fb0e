"""A new learner at the library: sign up, learn every lesson, fail and pass the quiz, and get a
certificate that anyone can check."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import ensure_community, screenshot
from tests.browser.quiz import quiz_info, requires_quizzes, take_quiz

pytestmark = requires_quizzes

COMMUNITY = "วิสาหกิจชุมชนผ้าทอบ้านนาข่า"
COURSE = "พัฒนาผลิตภัณฑ์ชุมชน"
QUIZ = "แบบทดสอบท้ายหลักสูตร: พัฒนาผลิตภัณฑ์ชุมชน"


def test_sign_up_learn_pass_and_verify_the_certificate(page, site_shell):
    ensure_community(site_shell, COMMUNITY)
    info = quiz_info(site_shell, QUIZ)

    page.goto("/accounts/sign-up/")
    page.fill("input[name=username]", "malai.journey")
    page.fill("input[name=display_name]", "มาลัย ศรีสุข")
    page.locator("select[name=community]").select_option(label=COMMUNITY)
    page.fill("input[name=password1]", "ทอผ้าสวย2569")
    page.fill("input[name=password2]", "ทอผ้าสวย2569")
    page.get_by_role("button", name="สมัครสมาชิก").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("header")).to_contain_text("มาลัย ศรีสุข")

    page.goto("/courses/")
    page.locator(".course-card").filter(has_text=COURSE).locator("a").first.click()
    page.get_by_role("button", name="เริ่มเรียน").click()

    # Each "finished" leads to the next step, until the final quiz.
    finish = page.get_by_role("button", name="เรียนจบบทนี้แล้ว")
    lessons = 0
    while page.locator("h1").inner_text() != QUIZ:
        with page.expect_navigation():
            finish.click()
        lessons += 1
        assert lessons <= 10, "the course never reached its quiz"
    assert lessons >= 2
    expect(page.locator("h1")).to_have_text(QUIZ)
    screenshot(page, "quiz")

    page.get_by_role("button", name="เริ่มทำแบบทดสอบ").click()
    expect(page.locator("fieldset.question")).to_be_visible()
    screenshot(page, "quiz-question")
    take_quiz(page, info, right=False)
    expect(page.locator(".quiz-result")).to_contain_text("ยังไม่ผ่าน")

    page.get_by_role("button", name="ทำอีกครั้ง").click()
    take_quiz(page, info, right=True)
    expect(page.locator(".quiz-result")).to_contain_text("ผ่านแล้ว เก่งมาก!")
    screenshot(page, "quiz-result")

    page.goto("/my/")
    link = page.get_by_role("link", name="ดาวน์โหลดประกาศนียบัตร (PDF)")
    expect(link).to_be_visible()
    pdf_url = link.get_attribute("href")
    response = page.request.get(pdf_url)
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")

    # The QR code and the printed code both lead to the public verification page.
    code = re.search(r"/certificates/([A-Z0-9]+)/pdf/", pdf_url).group(1)
    visitor = page.context.browser.new_context(base_url=page.url.split("/my/")[0])
    try:
        check = visitor.new_page()
        check.goto(f"/certificates/verify/{code}/")
        expect(check.locator(".verify-status--valid")).to_have_text(
            re.compile("ประกาศนียบัตรนี้เป็นของจริงและใช้ได้")
        )
        expect(check.locator(".verify-details")).to_contain_text("มาลัย ศรีสุข")
        expect(check.locator(".verify-details")).to_contain_text(COURSE)
        screenshot(check, "certificate-verification")

        check.goto("/certificates/verify/")
        printed = f"{code[:4]}-{code[4:8]}-{code[8:]}".lower()
        check.locator(".verify-form input[type=text]").fill(printed)
        check.get_by_role("button", name="ตรวจสอบ").click()
        expect(check.locator(".verify-details")).to_contain_text("มาลัย ศรีสุข")
    finally:
        visitor.close()
