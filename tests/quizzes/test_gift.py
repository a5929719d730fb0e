"""The GIFT reader and writer, feature by feature, with Moodle's own examples and Thai text."""

from pathlib import Path

import pytest
from django.utils import translation

from quizzes import gift, grading
from quizzes.gift import GiftChoice, GiftQuestion, GiftSyntaxError, dump, parse

SAMPLE = Path(__file__).resolve().parents[2] / "quizzes" / "samples" / "sample_quiz.gift"


def one(source: str) -> GiftQuestion:
    (question,) = parse(source)
    return question


def errors(source: str) -> list[tuple[int, str]]:
    """Each error's line and its English message."""
    with translation.override("en"), pytest.raises(GiftSyntaxError) as raised:
        parse(source)
    with translation.override("en"):
        return [(error.line, str(error.message)) for error in raised.value.errors]


def texts(question):
    return [(choice.text, choice.correct) for choice in question.choices]


# Question types


def test_multiple_choice_one_answer():
    question = one("Who's buried in Grant's tomb?{~Grant ~Jefferson =no one}")
    assert question.kind == grading.SINGLE
    assert question.text == "Who's buried in Grant's tomb?"
    assert texts(question) == [("Grant", False), ("Jefferson", False), ("no one", True)]


def test_multiple_choice_across_lines_in_thai():
    question = one("สินค้าชุมชนควรตั้งราคาอย่างไร {\n  =คิดจากต้นทุนรวมกำไร\n  ~ตั้งตามใจ\n  ~ไม่ต้องตั้งราคา\n}")
    assert question.kind == grading.SINGLE
    assert question.text == "สินค้าชุมชนควรตั้งราคาอย่างไร"
    assert texts(question)[0] == ("คิดจากต้นทุนรวมกำไร", True)


def test_several_equals_make_any_of_them_right():
    question = one("เลือกช่องทางออนไลน์ {=Facebook =LINE ~วิทยุ}")
    assert question.kind == grading.SINGLE
    assert [c.correct for c in question.choices] == [True, True, False]


def test_weighted_multiple_answers():
    question = one(
        "What two people are entombed in Grant's tomb? {\n"
        "   ~%-100%No one\n   ~%50%Grant\n   ~%50%Grant's wife\n   ~%-100%Grant's father\n}"
    )
    assert question.kind == grading.MULTIPLE
    assert texts(question) == [
        ("No one", False),
        ("Grant", True),
        ("Grant's wife", True),
        ("Grant's father", False),
    ]


def test_weighted_answers_with_decimals_and_without_weights():
    question = one("เลือกสามข้อ {~%33.33333%ก ~%33.33333%ข ~%33.33334%ค ~ง}")
    assert [c.correct for c in question.choices] == [True, True, True, False]


@pytest.mark.parametrize(
    ("answer", "truth"),
    [("T", True), ("TRUE", True), ("F", False), ("FALSE", False), ("true", True), ("f", False)],
)
def test_true_false(answer, truth):
    question = one(f"ดวงอาทิตย์ขึ้นทางทิศตะวันออก {{{answer}}}")
    assert question.kind == grading.TRUE_FALSE
    assert texts(question) == [(gift.TRUE_LABEL, truth), (gift.FALSE_LABEL, not truth)]


def test_true_false_feedback_goes_to_the_choice_a_learner_picks():
    true_question = one("ข้อความนี้ถูก {TRUE#ตอบผิดนะ#ตอบถูก}")
    assert [c.feedback for c in true_question.choices] == ["ตอบถูก", "ตอบผิดนะ"]
    false_question = one("ข้อความนี้ผิด {FALSE#ตอบผิดนะ#ตอบถูก}")
    assert [c.feedback for c in false_question.choices] == ["ตอบผิดนะ", "ตอบถูก"]


def test_short_answer():
    question = one("Who's buried in Grant's tomb?{=no one =nobody}")
    assert question.kind == grading.SHORT_ANSWER
    assert texts(question) == [("no one", True), ("nobody", True)]


def test_short_answer_with_full_weight_and_feedback():
    question = one("สองบวกสอง {=%100%สี่#ถูก =4#ถูกเช่นกัน}")
    assert texts(question) == [("สี่", True), ("4", True)]
    assert [c.feedback for c in question.choices] == ["ถูก", "ถูกเช่นกัน"]


def test_missing_word_puts_a_blank_in_the_sentence():
    question = one("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert question.text == "Grant is _____ in Grant's tomb."
    assert question.kind == grading.SINGLE


def test_missing_word_short_answer_in_thai():
    question = one("ร้านค้าใช้ {=LINE =ไลน์} เพื่อคุยกับลูกค้า")
    assert question.text == "ร้านค้าใช้ _____ เพื่อคุยกับลูกค้า"
    assert question.kind == grading.SHORT_ANSWER


# Titles, feedback, comments, separation


def test_title():
    question = one("::ราคา:: ตั้งราคาอย่างไร {=จากต้นทุน ~ตามใจ}")
    assert question.title == "ราคา"
    assert question.text == "ตั้งราคาอย่างไร"


def test_answer_feedback():
    question = one(
        "What's between orange and green? {=yellow#right; good!  ~red#wrong, it's yellow}"
    )
    assert [c.feedback for c in question.choices] == ["right; good!", "wrong, it's yellow"]


def test_general_feedback():
    question = one("ตั้งราคาอย่างไร {=จากต้นทุน#ใช่ ~ตามใจ ####ราคาต้องมีกำไร}")
    assert question.explanation == "ราคาต้องมีกำไร"
    assert [c.text for c in question.choices] == ["จากต้นทุน", "ตามใจ"]


def test_general_feedback_on_true_false_and_short_answer():
    assert one("จริงไหม {T####เพราะอย่างนี้}").explanation == "เพราะอย่างนี้"
    assert one("ตอบ {=ก####อธิบาย}").explanation == "อธิบาย"


def test_comment_lines_are_ignored_even_inside_a_question():
    source = "// หมายเหตุ\n::ก:: คำถาม {\n// อธิบายเฉพาะผู้เขียน\n=ใช่\n~ไม่ใช่\n}\n"
    question = one(source)
    assert texts(question) == [("ใช่", True), ("ไม่ใช่", False)]


def test_a_url_in_the_text_is_not_a_comment():
    assert one("ดูที่ https://example.org {T}").text == "ดูที่ https://example.org"


def test_questions_are_separated_by_blank_lines():
    questions = parse("ข้อหนึ่ง {T}\n\n\n   \nข้อสอง {F}\n\nข้อสาม {=ก}")
    assert [q.text for q in questions] == ["ข้อหนึ่ง", "ข้อสอง", "ข้อสาม"]
    assert [q.line for q in questions] == [1, 5, 7]


def test_category_lines_are_skipped():
    assert [q.text for q in parse("$CATEGORY: $course$/ขายออนไลน์\n\nคำถาม {T}")] == ["คำถาม"]


def test_windows_line_endings_and_a_byte_order_mark():
    questions = parse("\ufeff::ก:: ข้อหนึ่ง {\r\n=ใช่\r\n~ไม่\r\n}\r\n\r\nข้อสอง {F}\r\n")
    assert [q.title for q in questions] == ["ก", ""]


def test_format_markers_are_dropped_and_html_becomes_text():
    assert one("[plain]คำถาม {T}").text == "คำถาม"
    assert one("[markdown]คำถาม {T}").text == "คำถาม"
    assert one("[html]<p>ราคา &amp; <b>ต้นทุน</b></p> {T}").text == "ราคา & ต้นทุน"


# Escapes


@pytest.mark.parametrize("char", ["=", "~", "#", "{", "}", ":"])
def test_escaped_special_characters(char):
    question = one(f"ก \\{char} ข {{=ค \\{char} ง#ข้อเสนอแนะ \\{char}}}")
    assert question.text == f"ก {char} ข"
    assert texts(question) == [(f"ค {char} ง", True)]
    assert question.choices[0].feedback == f"ข้อเสนอแนะ {char}"


def test_escaped_backslash_and_newline():
    question = one("บรรทัดแรก\\nบรรทัดสอง ใช้ \\\\ {T}")
    assert question.text == "บรรทัดแรก\nบรรทัดสอง ใช้ \\"


def test_escaped_colons_in_a_title():
    assert one("::เวลา 19\\:00:: โพสต์ตอนไหนดี {T}").title == "เวลา 19:00"


def test_other_backslashes_stay():
    assert one("C\\temp {T}").text == "C\\temp"


# Errors: line-numbered, and the whole file is refused


def test_every_error_is_reported_with_its_line():
    source = "\n".join(
        [
            "// ไฟล์ที่มีปัญหาหลายจุด",
            "ข้อดี {T}",
            "",
            "ไม่มีคำตอบ",
            "",
            "::ชื่อไม่ปิด คำถาม {T}",
            "",
            "ไม่มีข้อที่ถูก {~ก ~ข}",
            "",
            "ข้อดีอีกข้อ {=ก ~ข}",
            "",
            "ปีกกาไม่ปิด {=ก ~ข",
        ]
    )
    found = errors(source)
    assert [line for line, _message in found] == [4, 6, 8, 12]


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("ตัวเลข {#1822:5}", 1, "Numerical"),
        ("จับคู่ {=ก->1 =ข->2}", 1, "Matching"),
        ("เรียงความ {}", 1, "Essay"),
        ("คำอธิบายอย่างเดียว", 1, "No answers"),
        ("ปิดก่อนเปิด } {T}", 1, "no matching {"),
        ("ซ้อน {=ก {ข}}", 1, "A { inside"),
        ("สองชุด {T} และ {F}", 1, "Only one set"),
        ("{=ก ~ข}", 1, "no text"),
        ("ข้อความนำ {ก =ข ~ค}", 1, "Start each answer"),
        ("ไม่มีเครื่องหมาย {ก ข}", 1, "Start each answer"),
        ("ถูกบางส่วน {=%50%ก ~ข}", 1, "Partial credit"),
        ("ผิดได้คะแนน {=ก ~%50%ข}", 1, "Partial credit"),
        ("คำตอบสั้นบางส่วน {=ก =%50%ข}", 1, "Partial credit"),
        ("ตัวเลือกซ้ำ {=ก ~ก}", 1, "same text"),
        ("ตัวเลือกว่าง {=ก ~}", 1, "needs some text"),
    ],
)
def test_unsupported_or_broken_questions(source, line, fragment):
    ((error_line, message),) = errors(source)
    assert error_line == line
    assert fragment.lower() in message.lower()


def test_errors_point_at_the_line_of_the_bad_answer():
    source = "คำถาม {\n=ก\n~ข\n=%50%ค\n}"
    assert errors(source)[0][0] == 4


def test_a_missing_blank_line_is_explained():
    ((line, message),) = errors("ข้อหนึ่ง {T}\nข้อสอง {F}")
    assert line == 2
    assert "blank line" in message


def test_too_long_texts_are_refused():
    ((_line, message),) = errors("คำถาม {=" + "ก" * 501 + " ~ข}")
    assert "too long" in message


def test_an_empty_file_has_no_questions():
    assert errors("// แค่หมายเหตุ\n\n$CATEGORY: x\n") == [(1, "The file has no questions.")]


def test_errors_read_in_thai_by_default():
    with translation.override("th"), pytest.raises(GiftSyntaxError) as raised:
        parse("ไม่มีคำตอบ")
    assert str(raised.value.errors[0]).startswith("บรรทัดที่ 1:")


def test_limits_match_the_models():
    from quizzes.models import Choice, Question

    assert gift.MAX_LENGTHS == {
        "title": Question._meta.get_field("title").max_length,
        "text": Question._meta.get_field("text").max_length,
        "choice": Choice._meta.get_field("text").max_length,
        "feedback": Choice._meta.get_field("feedback").max_length,
        "explanation": Question._meta.get_field("explanation").max_length,
    }


# Writing GIFT, and round trips


def test_sample_file_has_every_question_type():
    questions = parse(SAMPLE.read_text(encoding="utf-8"))
    assert {q.kind for q in questions} == {
        grading.SINGLE,
        grading.MULTIPLE,
        grading.TRUE_FALSE,
        grading.SHORT_ANSWER,
    }
    assert all(q.title for q in questions)
    assert any(q.explanation for q in questions)
    assert any(c.feedback for q in questions for c in q.choices)


def test_sample_file_round_trips():
    questions = parse(SAMPLE.read_text(encoding="utf-8"))
    assert parse(dump(questions)) == questions


TRICKY = [
    GiftQuestion(
        kind=grading.SINGLE,
        title="ชื่อ: มี {ปีกกา} และ = ~ #",
        text="บรรทัดแรก\nบรรทัดสอง \\ ที่มี = ~ # { } :",
        choices=[
            GiftChoice("ถูก = ใช่", True, "ดี # มาก"),
            GiftChoice("ผิด ~ ไม่ใช่", False, ""),
        ],
        explanation="อธิบาย\nสองบรรทัด ####",
    ),
    GiftQuestion(
        kind=grading.MULTIPLE,
        text="เลือกทุกข้อที่ถูก",
        choices=[
            GiftChoice("ก", True),
            GiftChoice("ข", True),
            GiftChoice("ค", True),
            GiftChoice("ง", False),
        ],
    ),
    GiftQuestion(
        kind=grading.MULTIPLE,
        text="ข้อเดียวที่ถูกแต่ให้เลือกหลายข้อ",
        choices=[GiftChoice("ก", True, "ใช่"), GiftChoice("ข", False)],
    ),
    GiftQuestion(
        kind=grading.TRUE_FALSE,
        text="ข้อความผิด มีข้อเสนอแนะเฉพาะตอบถูก",
        choices=[GiftChoice(gift.TRUE_LABEL, False, ""), GiftChoice(gift.FALSE_LABEL, True, "ใช่")],
    ),
    GiftQuestion(
        kind=grading.TRUE_FALSE,
        text="ข้อความถูก มีข้อเสนอแนะเฉพาะตอบผิด",
        choices=[GiftChoice(gift.TRUE_LABEL, True, ""), GiftChoice(gift.FALSE_LABEL, False, "ไม่")],
    ),
    GiftQuestion(
        kind=grading.SHORT_ANSWER,
        text="[html] ขึ้นต้นเหมือนเครื่องหมายรูปแบบ",
        choices=[GiftChoice("๑๐๐", True, "เลขไทย")],
    ),
    GiftQuestion(
        kind=grading.SHORT_ANSWER,
        text="เติมคำ _____ กลางประโยค",
        choices=[GiftChoice("คำ", True)],
    ),
]


@pytest.mark.parametrize("question", TRICKY, ids=lambda q: q.text[:20])
def test_round_trip_keeps_tricky_questions(question):
    assert parse(dump([question])) == [question]


def test_dump_writes_moodle_style_gift():
    text = dump(
        [
            GiftQuestion(
                kind=grading.SINGLE,
                title="ราคา",
                text="ตั้งราคาอย่างไร",
                choices=[GiftChoice("จากต้นทุน", True, "ใช่"), GiftChoice("ตามใจ", False)],
                explanation="ต้องมีกำไร",
            ),
            GiftQuestion(
                kind=grading.TRUE_FALSE,
                text="จริงไหม",
                choices=[GiftChoice("ถูก", True, "ดี"), GiftChoice("ผิด", False, "ลองใหม่")],
            ),
        ]
    )
    assert text == (
        "::ราคา:: ตั้งราคาอย่างไร {\n\t=จากต้นทุน#ใช่\n\t~ตามใจ\n\t####ต้องมีกำไร\n}\n\n"
        "จริงไหม {\n\tTRUE#ลองใหม่#ดี\n}\n"
    )
