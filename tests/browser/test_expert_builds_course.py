"""An expert builds a course in the Wagtail admin; a learner then finds it and its quiz.

Everything the expert does goes through the admin's own screens, in Thai: the page
explorer, the page editor (Draftail, StreamField, inline panels), the GIFT import view,
the preview panel and publishing.
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import BASE_DIR, new_learner, screenshot, sign_in

COURSE = "เล่าเรื่องสินค้าชุมชนให้ขายได้"
SUMMARY = "เล่าที่มาของสินค้าและคนทำ ถ่ายรูปให้น่าซื้อ แล้วทดสอบความเข้าใจท้ายหลักสูตร"
LESSONS = {
    "เรื่องราวของคนทำ": "ลูกค้าออนไลน์ซื้อเรื่องราว เล่าว่าใครทำ ทำจากอะไร และทำไมชุมชนภูมิใจ",
    "ถ่ายรูปสินค้าให้น่าซื้อ": "ถ่ายรูปใกล้หน้าต่างตอนสาย แสงธรรมชาติทำให้สีสินค้าดูจริง",
}
QUIZ = "แบบทดสอบท้ายหลักสูตร"
# Two questions typed in the editor: (question type, text, [(choice, correct)]).
TYPED_QUESTIONS = [
    (
        "เลือกตอบ: คำตอบเดียว",
        "รูปสินค้าแบบใดช่วยให้ลูกค้าออนไลน์อยากซื้อ",
        [("รูปที่ถ่ายด้วยแสงธรรมชาติ เห็นสีจริง", True), ("รูปที่ถ่ายในห้องมืด", False)],
    ),
    (
        "ถูกหรือผิด",
        "เรื่องราวของคนทำช่วยให้สินค้าชุมชนขายได้",
        [("ถูก", True), ("ผิด", False)],
    ),
]
IMPORTED_QUESTION = "ข้อใดเป็นวิธีตั้งราคาสินค้าชุมชนที่เหมาะสมที่สุด"
SAMPLE_GIFT = BASE_DIR / "quizzes" / "samples" / "sample_quiz.gift"
LEARNER = "expert_course_learner"


def first_gift_question(text: str) -> str:
    """The sample file's first question (from its ::title:: line to its closing brace)."""
    return re.search(r"^::[^\n]*\{.*?^\}$", text, re.MULTILINE | re.DOTALL).group(0)


def remove_leftovers(site_shell) -> None:
    """A kept site may still hold the course from an earlier run."""
    site_shell(
        "from courses.models import CoursePage; "
        f"[p.delete() for p in CoursePage.objects.filter(title={COURSE!r})]"
    )


def save_new_draft(page, title: str) -> None:
    page.get_by_role("button", name="บันทึกฉบับร่าง").click()
    # A new page is saved into its edit view.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator(".messages .success")).to_contain_text(f"สร้างหน้า '{title}' แล้ว")


def publish(page, title: str) -> None:
    page.locator("footer").get_by_role("button", name="คำสั่งเพิ่มเติม").click()
    page.locator("footer").get_by_role("button", name="เผยแพร่").click()
    # Publishing returns to the parent's listing.
    page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
    expect(page.locator(".messages .success")).to_contain_text(f"เผยแพร่หน้า '{title}' แล้ว")


def add_child_page(page, kind: str | None) -> None:
    """From a page's editor: header menu, add child page, pick the page type if asked."""
    page.locator("header").get_by_role("button", name="คำสั่ง").click()
    page.get_by_role("link", name="เพิ่มหน้าย่อย").click()
    if kind:
        page.get_by_role("link", name=kind, exact=True).click()
    page.wait_for_url(re.compile(r"/admin/pages/add/"))


def add_text_block(page, text: str) -> None:
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="ข้อความ").click()
    editor = page.locator(".public-DraftEditor-content").last
    editor.click()
    page.keyboard.type(text)
    # Draftail writes to its form field a moment after the last keystroke: wait for it.
    field = page.locator("input[type=hidden][name^='body-'][name$='-value']").last
    expect(field).to_have_value(re.compile(re.escape(text)))


def add_typed_question(page, number: int, kind: str, text: str, choices) -> None:
    page.get_by_role("button", name="เพิ่ม คำถาม").click()
    question = page.locator(f"#inline_child_questions-{number}")
    question.get_by_label("ประเภทคำถาม").select_option(label=kind)
    question.get_by_role("textbox", name="คำถาม*").fill(text)
    for index, (choice, correct) in enumerate(choices):
        question.get_by_role("button", name="เพิ่ม ตัวเลือก").click()
        row = question.locator(f"#inline_child_questions-{number}-choices-{index}")
        row.get_by_role("textbox", name="ข้อความ*").fill(choice)
        if correct:
            row.get_by_label("ถูก", exact=True).check()


def test_expert_builds_a_course_and_a_learner_takes_it(
    page, browser, live_site, site_shell, tmp_path
):
    remove_leftovers(site_shell)

    # The expert signs in to the admin and opens the course catalogue in the explorer.
    page.goto("/admin/login/")
    page.fill("input[name=username]", "expert")
    page.fill("input[name=password]", "library2569")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.get_by_role("button", name="หน้า", exact=True).click()
    page.get_by_role("link", name="หลักสูตร", exact=True).click()
    expect(page.get_by_role("heading", name="กำลังดู: หลักสูตร")).to_be_attached()

    # A new course, saved as a draft: the catalogue takes only courses, so no type to pick.
    page.get_by_role("link", name="เพิ่มหน้าย่อย").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/courses/coursepage/\d+/$"))
    page.get_by_role("textbox", name="ชื่อเรื่อง*").fill(COURSE)
    page.get_by_role("textbox", name="สรุปย่อ*").fill(SUMMARY)
    page.get_by_role("textbox", name="ผลการเรียนรู้").fill("เล่าเรื่องราวของสินค้าได้\nถ่ายรูปสินค้าให้น่าซื้อได้")
    save_new_draft(page, COURSE)
    course_edit_url = page.url
    screenshot(page, "expert-course-draft")

    # Two lessons, each with a paragraph typed into the rich-text editor.
    for title, text in LESSONS.items():
        page.goto(course_edit_url)
        add_child_page(page, "บทเรียน")
        page.get_by_role("textbox", name="ชื่อเรื่อง*").fill(title)
        add_text_block(page, text)
        save_new_draft(page, title)
    screenshot(page, "expert-lesson")

    # The quiz: two questions typed in the editor ...
    page.goto(course_edit_url)
    add_child_page(page, "แบบทดสอบ")
    page.get_by_role("textbox", name="ชื่อเรื่อง*").fill(QUIZ)
    for number, (kind, text, choices) in enumerate(TYPED_QUESTIONS):
        add_typed_question(page, number, kind, text, choices)
    screenshot(page, "expert-quiz-questions")
    save_new_draft(page, QUIZ)

    # ... and a third imported from a GIFT file: the sample's first question, saved on its own.
    gift_file = tmp_path / "one-question.gift"
    gift_file.write_text(first_gift_question(SAMPLE_GIFT.read_text(encoding="utf-8")))
    page.locator("header").get_by_role("button", name="คำสั่ง").click()
    page.get_by_role("link", name="นำเข้าคำถาม (GIFT)").click()
    page.wait_for_url(re.compile(r"/admin/quizzes/\d+/import-gift/$"))
    page.get_by_label("ไฟล์ GIFT").set_input_files(gift_file)
    screenshot(page, "expert-gift-import")
    page.get_by_role("button", name="นำเข้าคำถาม").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator(".messages .success")).to_contain_text("นำเข้าคำถาม 1 ข้อไว้ในฉบับร่างแล้ว")
    expect(page.locator("#id_questions-FORMS > [data-inline-panel-child]")).to_have_count(3)
    expect(page.locator("#id_questions-2-text")).to_have_value(IMPORTED_QUESTION)
    publish(page, QUIZ)

    # The lessons are published from the course's listing.
    for title in LESSONS:
        page.get_by_role("link", name=title).first.click()
        page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
        publish(page, title)

    # The expert previews the course, then publishes it.
    page.goto(course_edit_url)
    page.get_by_role("button", name="เปิด/ปิดตัวอย่าง").click()
    preview = page.locator("iframe.w-preview__iframe").last.content_frame
    expect(preview.locator("h1")).to_have_text(COURSE)
    screenshot(page, "expert-course-preview")
    publish(page, COURSE)

    # What was published, as stored: three questions, the imported one last.
    questions = site_shell(
        "from quizzes.models import QuizPage; "
        f"q = QuizPage.objects.get(title={QUIZ!r}); "
        "print(q.live, q.get_parent().live, [x.title or x.text for x in q.questions.all()])"
    ).splitlines()[-1]
    typed = [text for _kind, text, _choices in TYPED_QUESTIONS]
    assert questions == f"True True {[*typed, 'ตั้งราคา']!r}"

    # A learner finds the course in the catalogue, with both lessons and the quiz.
    learner_context = browser.new_context(base_url=live_site, locale="th-TH")
    try:
        learner = learner_context.new_page()
        sign_in(learner, new_learner(site_shell, LEARNER), next_url="/courses/")
        learner.locator(".course-card").filter(has_text=COURSE).get_by_role(
            "link", name=COURSE
        ).click()
        expect(learner.locator("h1")).to_have_text(COURSE)
        outline = learner.locator(".outline a")
        expect(outline).to_have_text([*LESSONS, QUIZ])
        screenshot(learner, "expert-course-learner")
        first_lesson, first_text = next(iter(LESSONS.items()))
        outline.filter(has_text=first_lesson).click()
        expect(learner.locator("h1")).to_have_text(first_lesson)
        expect(learner.get_by_text(first_text)).to_be_visible()
        learner.locator(".outline a").filter(has_text=QUIZ).click()
        expect(learner.locator("h1")).to_have_text(QUIZ)
        expect(learner.locator(".quiz__facts")).to_contain_text("3 ข้อ")
    finally:
        learner_context.close()
