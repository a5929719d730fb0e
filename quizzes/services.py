"""Writes of quiz state: starting attempts, saving answers, grading, importing questions.

Learner writes validate everything first and change nothing when any part is wrong.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from courses.services import StepLocked, StepUnavailable, enrolment_start, step_completed
from quizzes import grading
from quizzes.models import AttemptAnswer, Question, QuizAttempt, QuizPage, answer_ids

MAX_TEXT_ANSWER = AttemptAnswer._meta.get_field("text").max_length


class AttemptLimitReached(PermissionDenied):
    """Every allowed attempt at the quiz has been used."""


class AttemptClosed(ValidationError):
    """The attempt was submitted; its answers can no longer change."""


class InvalidAnswer(ValidationError):
    """An answer that does not fit the question it claims to answer."""


class QuizEmpty(ValidationError):
    """The quiz has no questions yet."""


@dataclass(frozen=True)
class AnswerInput:
    choice_keys: tuple[str, ...] = ()
    text: str = ""

    @property
    def is_blank(self) -> bool:
        return not self.choice_keys and not self.text.strip()


def _lock_attempt(*, user, attempt: QuizAttempt) -> QuizAttempt:
    """The attempt, row-locked until the transaction ends (PostgreSQL); others' -> 404."""
    locked = QuizAttempt.objects.select_for_update().filter(pk=attempt.pk, user=user).first()
    if locked is None:
        raise Http404(_("This attempt does not exist."))
    return locked


def _check_step_open(*, user, quiz: QuizPage):
    from courses.selectors import course_progress

    course = quiz.get_parent().specific
    if not quiz.live or not course.live:
        raise StepUnavailable(_("This quiz is not available."))
    step = course_progress(user=user, course=course).step_for(quiz)
    if step is None:
        raise StepUnavailable(_("This quiz is not available."))
    if step.locked:
        raise StepLocked(first_step=step.blocked_by.page if step.blocked_by else None)
    return course


@transaction.atomic
def quiz_attempt_start(*, user, quiz: QuizPage) -> QuizAttempt:
    """Start an attempt, or return the open one: a learner always resumes where they were.

    The question and choice order and every question's correct answers are copied into
    the attempt now; grading reads only that copy.
    """
    course = _check_step_open(user=user, quiz=quiz)
    # Serialise starts by the same learner (PostgreSQL; SQLite transactions already are).
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    open_attempt = QuizAttempt.objects.filter(
        user=user, quiz=quiz, submitted_at__isnull=True
    ).first()
    if open_attempt is not None:
        return open_attempt
    used = QuizAttempt.objects.filter(user=user, quiz=quiz).aggregate(last=Max("number"))["last"]
    used = used or 0
    if quiz.max_attempts and used >= quiz.max_attempts:
        raise AttemptLimitReached(
            ngettext(
                "You have used your %(count)d attempt at this quiz.",
                "You have used all %(count)d attempts at this quiz.",
                quiz.max_attempts,
            )
            % {"count": quiz.max_attempts}
        )
    snapshot = quiz.build_snapshot()
    if not snapshot["questions"]:
        raise QuizEmpty(_("This quiz has no questions yet."))
    enrolment_start(user=user, course=course)
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                user=user,
                quiz=quiz,
                number=used + 1,
                question_count=len(snapshot["questions"]),
                snapshot=snapshot,
            )
    except IntegrityError:
        # Another request started the same attempt a moment earlier: resume that one.
        return QuizAttempt.objects.get(user=user, quiz=quiz, submitted_at__isnull=True)


def _check_answer(question: Mapping, answer: AnswerInput) -> None:
    kind = question["kind"]
    if kind == grading.SHORT_ANSWER:
        if answer.choice_keys:
            raise InvalidAnswer(_("This question takes a typed answer, not a choice."))
        if len(answer.text) > MAX_TEXT_ANSWER:
            raise InvalidAnswer(
                _("Your answer is too long (at most %(max)d characters).")
                % {"max": MAX_TEXT_ANSWER}
            )
        return
    if answer.text:
        raise InvalidAnswer(_("Choose from the choices for this question."))
    keys = answer.choice_keys
    if len(set(keys)) != len(keys):
        raise InvalidAnswer(_("The same choice was sent twice."))
    valid = {choice["key"] for choice in question["choices"]}
    if not set(keys) <= valid:
        raise InvalidAnswer(_("That choice does not belong to this question."))
    if kind != grading.MULTIPLE and len(keys) > 1:
        raise InvalidAnswer(_("Choose only one answer for this question."))


@transaction.atomic
def quiz_answers_save(
    *, user, attempt: QuizAttempt, answers: Mapping[str, AnswerInput]
) -> QuizAttempt:
    """Save several answers at once; a blank answer clears a saved one.

    Everything is checked before anything is written, so one bad answer saves nothing.
    Uses a fixed number of queries however many answers there are.
    """
    attempt = _lock_attempt(user=user, attempt=attempt)
    if not attempt.is_open:
        raise AttemptClosed(
            _("This attempt has already been submitted; its answers can no longer change.")
        )
    for key, answer in answers.items():
        question = attempt.question_by_key(key)
        if question is None:
            raise InvalidAnswer(_("That question is not part of this attempt."))
        _check_answer(question, answer)
    blank = [key for key, answer in answers.items() if answer.is_blank]
    if blank:
        AttemptAnswer.objects.filter(attempt=attempt, question_key__in=blank).delete()
    rows = []
    for key, answer in answers.items():
        if answer.is_blank:
            continue
        question_pk, choice_pks = answer_ids(attempt.question_by_key(key), answer.choice_keys)
        rows.append(
            AttemptAnswer(
                attempt=attempt,
                question_key=key,
                choice_keys=list(answer.choice_keys),
                text=answer.text.strip(),
                saved_at=timezone.now(),
                question_pk=question_pk,
                choice_pks=choice_pks,
            )
        )
    if rows:
        AttemptAnswer.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["attempt", "question_key"],
            update_fields=["choice_keys", "text", "saved_at", "choice_pks"],
        )
    return attempt


def quiz_answer_save(
    *, user, attempt: QuizAttempt, question_key: str, choice_keys: Iterable[str] = (), text=""
) -> QuizAttempt:
    """Save (or clear, when blank) the answer to one question."""
    return quiz_answers_save(
        user=user,
        attempt=attempt,
        answers={question_key: AnswerInput(choice_keys=tuple(choice_keys), text=text)},
    )


@transaction.atomic
def quiz_attempt_submit(*, user, attempt: QuizAttempt) -> QuizAttempt:
    """Grade the attempt from its snapshot, exactly once.

    Idempotent: submitting a submitted attempt returns it unchanged. Concurrent submits
    (two tabs, a double click) wait for the row lock on PostgreSQL and for the write
    lock on SQLite; the conditional UPDATE guarantees a single grading either way.
    ``just_submitted`` on the result tells the caller whether this call graded it.
    """
    attempt = _lock_attempt(user=user, attempt=attempt)
    if not attempt.is_open:
        attempt.just_submitted = False
        return attempt
    saved = {answer.question_key: answer for answer in attempt.answers.all()}
    right_keys = [
        question["key"]
        for question in attempt.questions
        if (answer := saved.get(question["key"])) is not None
        and grading.grade_question(question, answer.choice_keys, answer.text)
    ]
    total = len(attempt.questions)
    correct = len(right_keys)
    passed = grading.has_passed(correct, total, attempt.snapshot.get("pass_mark", 100))
    now = timezone.now()
    graded = QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
        submitted_at=now,
        correct_count=correct,
        score=grading.score_percent(correct, total),
        passed=passed,
    )
    attempt.refresh_from_db()
    attempt.just_submitted = bool(graded)
    if not graded:
        return attempt
    answers = AttemptAnswer.objects.filter(attempt=attempt)
    answers.filter(question_key__in=right_keys).update(is_correct=True)
    answers.exclude(question_key__in=right_keys).update(is_correct=False)
    quiz = attempt.quiz
    if quiz.live and (passed or quiz.kind == QuizPage.Kind.PRACTICE):
        try:
            step_completed(user=user, step=quiz)
        except StepUnavailable:
            # The course was unpublished meanwhile; the result still stands.
            pass
    return attempt


@transaction.atomic
def quiz_questions_import(
    *, quiz: QuizPage, questions: list[Question], user=None, replace: bool = False
):
    """Add questions to the quiz's latest draft as a new revision, for review before publishing.

    Starting from the latest revision keeps unpublished edits; learners see nothing until
    the expert publishes. Returns the new revision.
    """
    draft = quiz.get_latest_revision_as_object()
    existing = [] if replace else list(draft.questions.all())
    for order, question in enumerate([*existing, *questions]):
        question.sort_order = order
    draft.questions = [*existing, *questions]
    return draft.save_revision(user=user, log_action=True)
