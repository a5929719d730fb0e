"""Taking a quiz in the browser the way a learner does: one screen at a time, by label."""

import json

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BASE_DIR

WRONG_TYPED_ANSWER = "ไม่ทราบ"

requires_quizzes = pytest.mark.skipif(
    not (BASE_DIR / "quizzes" / "models.py").exists(), reason="the quizzes app is not here yet"
)


def quiz_info(site_shell, title: str) -> dict:
    """The quiz's address and, per question text, its right and wrong answers (the answer key
    a teacher would hold; the page itself never shows which answer is right)."""
    output = site_shell(
        "import json; from quizzes.models import QuizPage; "
        f"q = QuizPage.objects.get(title={title!r}); "
        "print(json.dumps({'url': q.get_url(), 'questions': {x.text: {'kind': x.kind, "
        "'right': [c.text for c in x.choices.all() if c.is_correct], "
        "'wrong': [c.text for c in x.choices.all() if not c.is_correct]} "
        "for x in q.questions.all()}}))"
    )
    return json.loads(output.splitlines()[-1])


def question_text(fieldset) -> str:
    return " ".join(fieldset.locator(".question__text").inner_text().split())


def answer(fieldset, entry: dict, *, right: bool) -> None:
    if entry["kind"] == "short_answer":
        fieldset.get_by_role("textbox").fill(entry["right"][0] if right else WRONG_TYPED_ANSWER)
        return
    for text in entry["right"] if right else entry["wrong"][:1]:
        fieldset.get_by_label(text, exact=True).check()


def answer_key(info: dict) -> dict:
    return {" ".join(text.split()): entry for text, entry in info["questions"].items()}


def take_quiz(page, info: dict, *, right: bool) -> None:
    """From the first question screen (one question per screen) to the result."""
    key = answer_key(info)
    for _number in range(len(key)):
        fieldsets = page.locator("fieldset.question")
        expect(fieldsets.first).to_be_visible()
        fieldset = fieldsets.first
        answer(fieldset, key[question_text(fieldset)], right=right)
        finish = page.get_by_role("button", name="บันทึกแล้วตรวจทานคำตอบ")
        if finish.count():
            finish.click()
            break
        page.get_by_role("button", name="บันทึกแล้วไปข้อถัดไป").click()
    page.get_by_role("button", name="ส่งคำตอบ", exact=True).click()
    expect(page.locator(".quiz-result")).to_be_visible()
