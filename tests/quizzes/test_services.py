import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from courses.models import Enrolment
from courses.services import StepLocked, lesson_complete
from quizzes import grading
from quizzes.models import AttemptAnswer, QuizAttempt, QuizPage
from quizzes.services import (
    AnswerInput,
    AttemptClosed,
    AttemptLimitReached,
    InvalidAnswer,
    QuizEmpty,
    quiz_answer_save,
    quiz_answers_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from tests.factories import lessons_of, make_course, make_user
from tests.quizzes.factories import answer_for, answer_sheet, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    return make_user()


@pytest.fixture
def quiz():
    return make_quiz(make_course(lessons=1), questions=8)


def test_starting_copies_questions_and_enrols(learner, quiz):
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    assert attempt.number == 1
    assert attempt.question_count == 8
    assert [q["kind"] for q in attempt.questions[:4]] == [
        grading.SINGLE,
        grading.MULTIPLE,
        grading.TRUE_FALSE,
        grading.SHORT_ANSWER,
    ]
    assert Enrolment.objects.filter(user=learner, course=quiz.course).exists()


def test_starting_again_resumes_the_open_attempt(learner, quiz):
    first = quiz_attempt_start(user=learner, quiz=quiz)
    again = quiz_attempt_start(user=learner, quiz=quiz)
    assert again.pk == first.pk
    assert QuizAttempt.objects.count() == 1


def test_the_database_allows_one_open_attempt_per_learner(learner, quiz):
    quiz_attempt_start(user=learner, quiz=quiz)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuizAttempt.objects.create(user=learner, quiz=quiz, number=2, question_count=1)


def test_attempt_keys_are_random_and_reveal_nothing(learner, quiz):
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    keys = [q["key"] for q in attempt.questions]
    keys += [c["key"] for q in attempt.questions for c in q["choices"]]
    assert len(set(keys)) == len(keys)
    assert all(len(key) == 8 for key in keys)
    other = quiz_attempt_start(user=make_user(), quiz=quiz)
    assert not set(keys) & {q["key"] for q in other.questions}


def test_shuffled_order_is_fixed_at_start(learner):
    quiz = make_quiz(make_course(), questions=12, shuffle_questions=True, shuffle_choices=True)
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    orders = {
        tuple(q["id"] for q in quiz_attempt_start(user=make_user(), quiz=quiz).questions)
        for _ in range(5)
    }
    # Shuffled per learner (12! orders: five learners almost surely differ)...
    assert len(orders) > 1
    # ...and fixed for the attempt: reading it back gives the same order.
    attempt.refresh_from_db()
    assert [q["id"] for q in attempt.questions] == [
        q["id"] for q in QuizAttempt.objects.get(pk=attempt.pk).questions
    ]
    true_false = next(q for q in attempt.questions if q["kind"] == grading.TRUE_FALSE)
    assert [c["text"] for c in true_false["choices"]] == ["ถูก", "ผิด"]


@pytest.mark.parametrize(
    ("kind", "right", "wrong"),
    [
        (grading.SINGLE, ["ตั้งราคาจากต้นทุน"], [["ตั้งราคาตามใจ"], []]),
        (
            grading.MULTIPLE,
            ["Facebook Fanpage", "LINE OA"],
            [["Facebook Fanpage"], ["Facebook Fanpage", "LINE OA", "วิทยุชุมชน"], []],
        ),
        (grading.TRUE_FALSE, ["ถูก"], [["ผิด"]]),
    ],
)
def test_grading_each_choice_type(learner, kind, right, wrong):
    from tests.quizzes.factories import KINDS

    quiz = make_quiz(make_course(), questions=KINDS.index(kind) + 1)
    question_key = None
    for attempt_choices, expected in [(right, True), *((w, False) for w in wrong)]:
        attempt = quiz_attempt_start(user=learner, quiz=quiz)
        question = attempt.questions[-1]
        question_key = question["key"]
        by_text = {c["text"]: c["key"] for c in question["choices"]}
        quiz_answer_save(
            user=learner,
            attempt=attempt,
            question_key=question_key,
            choice_keys=[by_text[text] for text in attempt_choices],
        )
        attempt = quiz_attempt_submit(user=learner, attempt=attempt)
        answer = AttemptAnswer.objects.filter(attempt=attempt, question_key=question_key).first()
        assert (answer is not None and answer.is_correct) is expected, attempt_choices


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("น้ำพริก", True),
        ("  น้ำพริก  ", True),
        ("น\u0e49\u0e4d\u0e32พริก", True),  # sara am typed as nikhahit + sara aa
        ("น\u0e4d\u0e49\u0e32พริก", True),  # ... with the tone mark after nikhahit
        ("น้ำ\u200bพริก", True),  # zero-width space from copy-paste
        ("น้ำพริก เผา", False),
        ("น้ำพริกเผา", True),
        ("น้ำพริกเผา ", True),
        ("น้ำพริกแกง", False),
        ("", False),
    ],
)
def test_grading_short_answers_ignores_typing_differences(learner, typed, expected):
    quiz = make_quiz(make_course(), questions=4)
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    question = attempt.questions[3]
    quiz_answer_save(user=learner, attempt=attempt, question_key=question["key"], text=typed)
    quiz_attempt_submit(user=learner, attempt=attempt)
    answer = AttemptAnswer.objects.filter(attempt=attempt).first()
    assert bool(answer and answer.is_correct) is expected


def test_normalising_answers():
    assert grading.normalise_answer("  LINE\u00a0 OA ") == "line oa"
    assert grading.normalise_answer("ＬＩＮＥ") == "line"
    assert grading.normalise_answer("๑๐๐ บาท") == "100 บาท"
    assert grading.normalise_answer("ปู่") == grading.normalise_answer("ป\u0e48\u0e39")
    assert grading.normalise_answer("\ufeffผ้า\u200dทอ") == "ผ้าทอ"


def test_score_and_pass_mark(learner, quiz):
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    quiz_answers_save(user=learner, attempt=attempt, answers=answer_sheet(attempt, wrong=3))
    attempt = quiz_attempt_submit(user=learner, attempt=attempt)
    assert (attempt.correct_count, float(attempt.score), attempt.passed) == (5, 62.5, False)

    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    quiz_answers_save(user=learner, attempt=attempt, answers=answer_sheet(attempt, wrong=2))
    attempt = quiz_attempt_submit(user=learner, attempt=attempt)
    assert (attempt.correct_count, float(attempt.score), attempt.passed) == (6, 75, True)
    assert attempt.number == 2


def test_pass_mark_compares_exactly():
    assert not grading.has_passed(139, 200, 70)  # 69.5% does not round up to 70%
    assert grading.has_passed(7, 10, 70)
    assert not grading.has_passed(0, 0, 70)


def test_unanswered_questions_count_as_wrong(learner, quiz):
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    attempt = quiz_attempt_submit(user=learner, attempt=attempt)
    assert attempt.correct_count == 0
    assert attempt.passed is False


def test_grading_uses_the_snapshot_not_later_edits(learner, quiz):
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    quiz_answers_save(user=learner, attempt=attempt, answers=answer_sheet(attempt))
    # The expert changes every correct answer after the learner started.
    for question in quiz.questions.all():
        for choice in question.choices.all():
            choice.is_correct = not choice.is_correct
            choice.text += " (แก้ไข)"
            choice.save()
    attempt = quiz_attempt_submit(user=learner, attempt=attempt)
    assert attempt.correct_count == 8
    assert attempt.passed


def test_attempt_limit(learner):
    quiz = make_quiz(make_course(), max_attempts=2)
    for _ in range(2):
        quiz_attempt_submit(user=learner, attempt=quiz_attempt_start(user=learner, quiz=quiz))
    with pytest.raises(AttemptLimitReached) as refused:
        quiz_attempt_start(user=learner, quiz=quiz)
    assert "2" in str(refused.value)
    assert QuizAttempt.objects.filter(user=learner).count() == 2


def test_an_empty_quiz_cannot_be_started(learner):
    quiz = make_quiz(make_course(), questions=0)
    with pytest.raises(QuizEmpty):
        quiz_attempt_start(user=learner, quiz=quiz)
    assert not QuizAttempt.objects.exists()


def test_a_locked_quiz_cannot_be_started(learner):
    course = make_course(lessons=2, sequential=True)
    quiz = make_quiz(course)
    with pytest.raises(StepLocked):
        quiz_attempt_start(user=learner, quiz=quiz)
    for lesson in lessons_of(course):
        lesson_complete(user=learner, lesson=lesson)
    assert quiz_attempt_start(user=learner, quiz=quiz).number == 1


def test_an_unpublished_quiz_cannot_be_started(learner, quiz):
    quiz.unpublish()
    with pytest.raises(Http404):
        quiz_attempt_start(user=learner, quiz=quiz)


def _saved(attempt):
    return {
        a.question_key: (a.choice_keys, a.text)
        for a in AttemptAnswer.objects.filter(attempt=attempt)
    }


def test_saving_replaces_and_blank_clears(learner, quiz):
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    single = attempt.questions[0]
    first, second = single["choices"][0]["key"], single["choices"][1]["key"]
    quiz_answer_save(user=learner, attempt=attempt, question_key=single["key"], choice_keys=[first])
    quiz_answer_save(
        user=learner, attempt=attempt, question_key=single["key"], choice_keys=[second]
    )
    assert _saved(attempt) == {single["key"]: ([second], "")}
    quiz_answer_save(user=learner, attempt=attempt, question_key=single["key"], choice_keys=[])
    assert _saved(attempt) == {}


def _bad_inputs(attempt):
    single, multiple, _tf, short = attempt.questions[:4]
    return {
        "choice from another question": {
            single["key"]: AnswerInput((multiple["choices"][0]["key"],))
        },
        "nonexistent choice": {single["key"]: AnswerInput(("deadbeef",))},
        "duplicate choices": {multiple["key"]: AnswerInput((multiple["choices"][0]["key"],) * 2)},
        "two choices for one-answer question": {
            single["key"]: AnswerInput(tuple(c["key"] for c in single["choices"][:2]))
        },
        "choice for a typed question": {short["key"]: AnswerInput((single["choices"][0]["key"],))},
        "text for a choice question": {single["key"]: AnswerInput(text="ตั้งราคาจากต้นทุน")},
        "too long": {short["key"]: AnswerInput(text="ก" * 501)},
        "unknown question": {"nosuchkey": AnswerInput(text="x")},
    }


@pytest.mark.parametrize(
    "case",
    [
        "choice from another question",
        "nonexistent choice",
        "duplicate choices",
        "two choices for one-answer question",
        "choice for a typed question",
        "text for a choice question",
        "too long",
        "unknown question",
    ],
)
def test_bad_answers_are_rejected_and_change_nothing(learner, quiz, case):
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    good = answer_sheet(attempt)
    quiz_answers_save(user=learner, attempt=attempt, answers=good)
    before = _saved(attempt)
    # A good answer to another question travels with the bad one: it is not saved either.
    last = attempt.questions[-1]
    answers = {last["key"]: answer_for(last, right=False), **_bad_inputs(attempt)[case]}
    with pytest.raises(InvalidAnswer) as refused:
        quiz_answers_save(user=learner, attempt=attempt, answers=answers)
    assert refused.value.messages
    assert _saved(attempt) == before


def test_someone_elses_attempt_is_not_found(learner, quiz):
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    intruder = make_user()
    with pytest.raises(Http404):
        quiz_answers_save(user=intruder, attempt=attempt, answers=answer_sheet(attempt))
    with pytest.raises(Http404):
        quiz_attempt_submit(user=intruder, attempt=attempt)
    assert _saved(attempt) == {}
    assert QuizAttempt.objects.get(pk=attempt.pk).is_open


def test_answers_cannot_change_after_submission(learner, quiz):
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    quiz_answers_save(user=learner, attempt=attempt, answers=answer_sheet(attempt, wrong=8))
    quiz_attempt_submit(user=learner, attempt=attempt)
    before = _saved(attempt)
    with pytest.raises(AttemptClosed):
        quiz_answers_save(user=learner, attempt=attempt, answers=answer_sheet(attempt))
    assert _saved(attempt) == before


def test_submit_is_idempotent(learner, quiz):
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    quiz_answers_save(user=learner, attempt=attempt, answers=answer_sheet(attempt))
    first = quiz_attempt_submit(user=learner, attempt=attempt)
    second = quiz_attempt_submit(user=learner, attempt=attempt)
    assert first.just_submitted and not second.just_submitted
    assert (second.submitted_at, second.score, second.passed) == (
        first.submitted_at,
        first.score,
        first.passed,
    )


def test_invalid_answer_is_a_validation_error():
    assert issubclass(InvalidAnswer, ValidationError)


def test_completed_step_ids_in_one_query(learner, django_assert_num_queries):
    course = make_course(lessons=0)
    graded = make_quiz(course, title="สอบ")
    practice = make_quiz(course, title="ฝึก", kind=QuizPage.Kind.PRACTICE)
    failed = make_quiz(course, title="สอบอีก")
    for quiz, wrong in [(graded, 0), (practice, 4), (failed, 4)]:
        attempt = quiz_attempt_start(user=learner, quiz=quiz)
        quiz_answers_save(user=learner, attempt=attempt, answers=answer_sheet(attempt, wrong=wrong))
        quiz_attempt_submit(user=learner, attempt=attempt)
    with django_assert_num_queries(1):
        done = QuizPage.completed_step_ids(
            user=learner, page_ids=[graded.pk, practice.pk, failed.pk]
        )
    assert done == {graded.pk, practice.pk}
