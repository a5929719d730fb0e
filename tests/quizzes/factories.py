"""Quiz test data: quizzes with every question type, and answer sheets built from attempts."""

from quizzes import grading
from quizzes.models import Choice, Question, QuizPage
from quizzes.services import AnswerInput

KINDS = [grading.SINGLE, grading.MULTIPLE, grading.TRUE_FALSE, grading.SHORT_ANSWER]
SECRET_EXPLANATION = "คำอธิบายเฉลยลับ"
SECRET_FEEDBACK = "ข้อเสนอแนะลับ"


def make_question(kind: str, number: int) -> Question:
    question = Question(
        kind=kind,
        text=f"คำถามข้อ {number}: สินค้าชุมชนแบบไหนขายดี",
        explanation=f"{SECRET_EXPLANATION} {number}",
        sort_order=number,
    )
    if kind == grading.SINGLE:
        rows = [("ตั้งราคาจากต้นทุน", True), ("ตั้งราคาตามใจ", False), ("ไม่ตั้งราคา", False)]
    elif kind == grading.MULTIPLE:
        rows = [("Facebook Fanpage", True), ("LINE OA", True), ("วิทยุชุมชน", False)]
    elif kind == grading.TRUE_FALSE:
        rows = [("ถูก", True), ("ผิด", False)]
    else:
        rows = [("น้ำพริก", True), ("น้ำพริกเผา", True)]
    question.choices = [
        Choice(
            text=text, is_correct=correct, feedback=f"{SECRET_FEEDBACK} {number}.{n}", sort_order=n
        )
        for n, (text, correct) in enumerate(rows)
    ]
    return question


def make_quiz(course, *, questions: int = 4, title: str = "แบบทดสอบท้ายบท", **fields) -> QuizPage:
    """A live quiz as the last step of ``course``, cycling through every question type."""
    quiz = QuizPage(
        title=title,
        questions=[make_question(KINDS[n % len(KINDS)], n + 1) for n in range(questions)],
        **fields,
    )
    course.add_child(instance=quiz)
    return QuizPage.objects.get(pk=quiz.pk)


def answer_for(question: dict, *, right: bool = True) -> AnswerInput:
    """A right (or wrong) answer to one question of an attempt snapshot."""
    if question["kind"] == grading.SHORT_ANSWER:
        return AnswerInput(text=question["accepted_display"][0] if right else "ผิดแน่นอน")
    correct = [c["key"] for c in question["choices"] if c["correct"]]
    wrong = [c["key"] for c in question["choices"] if not c["correct"]]
    if question["kind"] == grading.MULTIPLE:
        return AnswerInput(choice_keys=tuple(correct if right else wrong[:1]))
    return AnswerInput(choice_keys=(correct[0] if right else wrong[0],))


def answer_sheet(attempt, *, wrong: int = 0) -> dict[str, AnswerInput]:
    """Answers to every question of ``attempt``, the first ``wrong`` of them wrong."""
    return {
        question["key"]: answer_for(question, right=n >= wrong)
        for n, question in enumerate(attempt.questions)
    }
