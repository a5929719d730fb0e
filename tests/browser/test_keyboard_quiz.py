"""Keyboard only: a learner takes a whole quiz without a mouse and always sees where focus is."""

from playwright.sync_api import expect

from tests.browser.conftest import new_learner, sign_in
from tests.browser.quiz import answer_key, question_text, quiz_info, requires_quizzes

pytestmark = requires_quizzes

QUIZ = "แบบทดสอบท้ายหลักสูตร: ขายออนไลน์"

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName, name: el.name || el.textContent.trim().slice(0, 40),
    outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
    shadow: style.boxShadow,
  };
}"""


def assert_focus_visible(page) -> None:
    focus = page.evaluate(FOCUS_STYLE)
    assert focus["tag"] != "BODY", "focus was lost"
    visible = (focus["outline"] != "none" and focus["width"] >= 2) or focus["shadow"] != "none"
    assert visible, f"no visible focus indicator on {focus}"


def tab_to(page, target, limit: int = 80) -> None:
    """Press Tab until ``target`` has focus, checking the focus indicator at every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {target}")


def answer_by_keyboard(page, fieldset, entry: dict) -> None:
    if entry["kind"] == "short_answer":
        tab_to(page, fieldset.get_by_role("textbox"))
        page.keyboard.type(entry["right"][0])
        return
    boxes = fieldset.locator("input[type=radio], input[type=checkbox]")
    labels = [" ".join(text.split()) for text in fieldset.locator("label.choice").all_inner_texts()]
    right = sorted(labels.index(" ".join(text.split())) for text in entry["right"])
    if entry["kind"] == "multiple":
        for index in right:
            tab_to(page, boxes.nth(index))
            page.keyboard.press("Space")
        return
    # A radio group is one Tab stop; the arrow keys move within it and choose.
    tab_to(page, boxes.first)
    if right[0] == 0:
        page.keyboard.press("Space")
    for _ in range(right[0]):
        page.keyboard.press("ArrowDown")
        assert_focus_visible(page)
    expect(boxes.nth(right[0])).to_be_checked()


def test_a_quiz_with_the_keyboard_only(page, site_shell):
    info = quiz_info(site_shell, QUIZ)
    key = answer_key(info)
    sign_in(page, new_learner(site_shell, "keyboard-only"), next_url=info["url"])
    expect(page.locator("h1")).to_have_text(QUIZ)

    tab_to(page, page.get_by_role("button", name="เริ่มทำแบบทดสอบ"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for number in range(1, len(key) + 1):
        expect(page.locator(".lesson__where")).to_contain_text(f"ข้อที่ {number} จาก {len(key)}")
        fieldset = page.locator("fieldset.question")
        answer_by_keyboard(page, fieldset, key[question_text(fieldset)])
        last = number == len(key)
        name = "บันทึกแล้วตรวจทานคำตอบ" if last else "บันทึกแล้วไปข้อถัดไป"
        tab_to(page, page.get_by_role("button", name=name))
        with page.expect_navigation():
            page.keyboard.press("Enter")

    tab_to(page, page.get_by_role("button", name="ส่งคำตอบ", exact=True))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".quiz-result")).to_contain_text("ผ่านแล้ว เก่งมาก!")
