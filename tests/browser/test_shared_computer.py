"""On a shared library computer: after signing out, Back shows nothing personal, and an idle
sign-out in the middle of a quiz loses no answer."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import age_session, new_learner, screenshot, sign_in
from tests.browser.quiz import answer, answer_key, question_text, quiz_info, requires_quizzes

PRACTICE_QUIZ = "แบบฝึกหัด: ถ่ายรูปและโพสต์ขาย"


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


def _answer_and_wait_for_the_save(page, key: dict) -> str:
    """Answer the question on screen; return its text once the server has saved the answer."""
    # quiz.js adds the status line when it starts listening: answer only after that.
    expect(page.locator(".quiz-form__status")).to_be_attached()
    fieldset = page.locator("fieldset.question")
    text = question_text(fieldset)
    answer(fieldset, key[text], right=True)
    expect(page.locator(".quiz-form__status")).to_have_text("บันทึกคำตอบแล้ว")
    return text


def _chosen(page) -> list[str]:
    return sorted(
        label.inner_text().strip()
        for label in page.locator("label.choice").filter(has=page.locator("input:checked")).all()
    )


@requires_quizzes
def test_idle_sign_out_in_a_quiz_keeps_the_answers(page, context, site_shell):
    info = quiz_info(site_shell, PRACTICE_QUIZ)
    key = answer_key(info)
    idle_seconds = int(
        site_shell(
            "from django.conf import settings; print(settings.LMS_IDLE_TIMEOUT_SECONDS)"
        ).splitlines()[-1]
    )
    username = new_learner(site_shell, "idle-quiz")
    sign_in(page, username, next_url=info["url"])
    page.get_by_role("button", name="เริ่มทำแบบทดสอบ").click()

    # Two answers, each saved as it is chosen, without pressing a button.
    first = _answer_and_wait_for_the_save(page, key)
    first_chosen = _chosen(page)
    page.get_by_role("button", name="บันทึกแล้วไปข้อถัดไป").click()
    expect(page.locator(".question__legend")).to_contain_text("ข้อที่ 2")
    second = _answer_and_wait_for_the_save(page, key)
    second_chosen = _chosen(page)
    assert first != second and first_chosen and second_chosen
    question_url = page.url

    # The learner walks away; the next person to touch the computer finds no one signed in.
    age_session(site_shell, context, idle_seconds + 60)
    page.reload()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.locator(".messages")).to_contain_text(f"ไม่มีการใช้งานนาน {idle_seconds // 60} นาที")
    expect(page.locator("header")).not_to_contain_text("ผู้เรียน idle-quiz")
    screenshot(page, "idle-signed-out")

    # Signing in again leads back to the same question, with the answers still chosen.
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "library2569")
    page.click("main button[type=submit]")
    expect(page).to_have_url(question_url)
    expect(page.locator(".question__legend")).to_contain_text("ข้อที่ 2")
    assert _chosen(page) == second_chosen
    page.locator(".question-nav").get_by_role("button", name=re.compile(r"^1\b")).click()
    expect(page.locator(".question__legend")).to_contain_text("ข้อที่ 1")
    assert _chosen(page) == first_chosen
