"""Demo quizzes: a graded final quiz for each demo course, and a practice quiz in course 2.

The questions are GIFT files in ``quiz_content/``, the format experts upload, so the demo
goes through the same reader as a real import. Courses are found by title under the
catalogue; when they are missing (the courses demo did not run) nothing is made.
"""

from pathlib import Path

from courses.models import CourseIndexPage, CoursePage
from quizzes import gift, grading
from quizzes.models import Question, QuizAttempt, QuizPage
from quizzes.services import (
    AnswerInput,
    quiz_answers_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)

CONTENT = Path(__file__).resolve().parent / "quiz_content"

PRODUCT_COURSE = "พัฒนาผลิตภัณฑ์ชุมชน"
SELLING_COURSE = "ขายออนไลน์ด้วย Facebook Fanpage และ LINE Official Account"


# course title: [(slug, title, kind, GIFT file in quiz_content/, intro)]
QUIZZES = {
    PRODUCT_COURSE: [
        (
            "final-quiz",
            "แบบทดสอบท้ายหลักสูตร: พัฒนาผลิตภัณฑ์ชุมชน",
            QuizPage.Kind.GRADED,
            "product_final.gift",
            "<p>ทบทวนสิ่งที่เรียนมาทั้ง 5 บท ตอบถูกอย่างน้อยร้อยละ 70 จึงผ่าน ทำซ้ำได้ไม่จำกัดจำนวนครั้ง</p>",
        ),
    ],
    SELLING_COURSE: [
        (
            "practice-quiz",
            "แบบฝึกหัด: ถ่ายรูปและโพสต์ขาย",
            QuizPage.Kind.PRACTICE,
            "selling_practice.gift",
            "<p>ลองทำดูก่อนสอบจริง คะแนนไม่มีผลต่อการเรียนจบ ดูเฉลยได้ทันทีหลังส่งคำตอบ</p>",
        ),
        (
            "final-quiz",
            "แบบทดสอบท้ายหลักสูตร: ขายออนไลน์",
            QuizPage.Kind.GRADED,
            "selling_final.gift",
            "<p>ตอบถูกอย่างน้อยร้อยละ 70 จึงผ่าน ระบบบันทึกคำตอบทุกข้อ ถ้าไฟดับหรือปิดเครื่องไปก่อน กลับมาทำต่อได้</p>",
        ),
    ],
}


def _read(file_name: str) -> list[gift.GiftQuestion]:
    return gift.parse((CONTENT / file_name).read_text(encoding="utf-8"))


def _course(title: str) -> CoursePage | None:
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        return None
    return CoursePage.objects.child_of(catalogue).filter(title=title).first()


def load(ctx: dict) -> None:
    ctx["quizzes"] = {}
    for course_title, quizzes in QUIZZES.items():
        course = _course(course_title)
        if course is None:
            continue
        for slug, title, kind, file_name, intro in quizzes:
            quiz = QuizPage.objects.child_of(course).filter(slug=slug).first()
            if quiz is None:
                quiz = QuizPage(
                    slug=slug,
                    title=title,
                    kind=kind,
                    intro=intro,
                    shuffle_choices=kind == QuizPage.Kind.GRADED,
                    questions=[Question.from_gift(q) for q in _read(file_name)],
                )
                course.add_child(instance=quiz)
                quiz.save_revision().publish()
            ctx["quizzes"][(course.slug, slug)] = quiz


def reset() -> None:
    for course_title, quizzes in QUIZZES.items():
        course = _course(course_title)
        if course is not None:
            slugs = [slug for slug, *_rest in quizzes]
            for quiz in QuizPage.objects.child_of(course).filter(slug__in=slugs):
                quiz.delete()


def _right_answer(question: dict) -> AnswerInput:
    if question["kind"] == grading.SHORT_ANSWER:
        return AnswerInput(text=question["accepted_display"][0])
    right = tuple(c["key"] for c in question["choices"] if c["correct"])
    return AnswerInput(choice_keys=right if question["kind"] == grading.MULTIPLE else right[:1])


def demo_pass_quiz(user, quiz: QuizPage) -> QuizAttempt:
    """Take ``quiz`` as ``user`` with every answer right, through the learner services.

    Idempotent: a learner who has passed already keeps that attempt. In a sequential
    course the earlier steps must be done first, as for a real learner.
    """
    passed = QuizAttempt.objects.filter(user=user, quiz=quiz, passed=True).first()
    if passed is not None:
        return passed
    attempt = quiz_attempt_start(user=user, quiz=quiz)
    answers = {question["key"]: _right_answer(question) for question in attempt.questions}
    quiz_answers_save(user=user, attempt=attempt, answers=answers)
    return quiz_attempt_submit(user=user, attempt=attempt)
