"""Learner screens of a quiz, served as routes of ``QuizPage``.

Screens shown before submission are built from ``screen_questions``, which copies only
what a learner may see (text, image, choice texts), never correctness or explanations.
"""

from dataclasses import dataclass, field

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from courses.selectors import course_progress
from courses.services import StepLocked
from quizzes import grading
from quizzes.models import AttemptAnswer, QuizAttempt, QuizPage
from quizzes.services import (
    AnswerInput,
    AttemptClosed,
    AttemptLimitReached,
    InvalidAnswer,
    QuizEmpty,
    quiz_answers_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)

IMAGE_SPEC = "max-800x600"


@dataclass
class ScreenChoice:
    key: str
    text: str
    chosen: bool = False


@dataclass
class ScreenQuestion:
    """What a learner sees of a question while the attempt is open."""

    number: int
    key: str
    kind: str
    text: str
    image: object = None
    choices: list[ScreenChoice] = field(default_factory=list)
    typed: str = ""
    answered: bool = False

    @property
    def multiple(self) -> bool:
        return self.kind == grading.MULTIPLE

    @property
    def typed_answer(self) -> bool:
        return self.kind == grading.SHORT_ANSWER


@dataclass
class ResultQuestion:
    number: int
    text: str
    image: object
    kind: str
    correct: bool
    answered: bool
    your_answer: list[str]
    right_answer: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    explanation: str = ""


def _images(questions: list[dict]) -> dict:
    ids = {question["image_id"] for question in questions if question.get("image_id")}
    if not ids:
        return {}
    images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(IMAGE_SPEC)
    return {image.pk: image for image in images}


def screen_questions(attempt: QuizAttempt, answers: dict, only: list[int] | None = None):
    """The attempt's questions, numbered in attempt order, with the learner's saved answers."""
    numbered = list(enumerate(attempt.questions, start=1))
    if only is not None:
        numbered = [(number, q) for number, q in numbered if number in only]
    images = _images([q for _n, q in numbered])
    items = []
    for number, question in numbered:
        saved = answers.get(question["key"])
        chosen = set(saved.choice_keys) if saved else set()
        items.append(
            ScreenQuestion(
                number=number,
                key=question["key"],
                kind=question["kind"],
                text=question["text"],
                image=images.get(question.get("image_id")),
                choices=[
                    ScreenChoice(c["key"], c["text"], c["key"] in chosen)
                    for c in question["choices"]
                ],
                typed=saved.text if saved else "",
                answered=saved is not None,
            )
        )
    return items


def result_questions(attempt: QuizAttempt, answers: dict, reveal: bool) -> list[ResultQuestion]:
    images = _images(attempt.questions) if reveal else {}
    items = []
    for number, question in enumerate(attempt.questions, start=1):
        saved = answers.get(question["key"])
        choices = {c["key"]: c for c in question["choices"]}
        if question["kind"] == grading.SHORT_ANSWER:
            yours = [saved.text] if saved and saved.text else []
            right = question.get("accepted_display", [])
            feedback = []
        else:
            chosen = saved.choice_keys if saved else []
            picked = [choices[key] for key in chosen if key in choices]
            yours = [c["text"] for c in picked]
            right = [c["text"] for c in question["choices"] if c["correct"]]
            feedback = [c["feedback"] for c in picked if c["feedback"]]
        items.append(
            ResultQuestion(
                number=number,
                text=question["text"],
                image=images.get(question.get("image_id")),
                kind=question["kind"],
                correct=bool(saved and saved.is_correct),
                answered=saved is not None,
                your_answer=yours,
                right_answer=right if reveal else [],
                feedback=feedback if reveal else [],
                explanation=question.get("explanation", "") if reveal else "",
            )
        )
    return items


def _answers(attempt: QuizAttempt) -> dict[str, AttemptAnswer]:
    return {answer.question_key: answer for answer in attempt.answers.all()}


def _base_context(request, quiz: QuizPage, **extra) -> dict:
    return {"page": quiz, "self": quiz, "request": request, "course": quiz.course, **extra}


def _render(request, quiz, template, status=200, **context):
    return TemplateResponse(
        request, f"quizzes/{template}.html", _base_context(request, quiz, **context), status=status
    )


def _url(quiz: QuizPage, name: str, *args) -> str:
    return quiz.url + quiz.reverse_subpage(name, args=args)


def _own_attempt(request, quiz: QuizPage, attempt_id: int) -> QuizAttempt:
    attempt = QuizAttempt.objects.filter(pk=attempt_id, quiz=quiz, user=request.user).first()
    if attempt is None:
        raise Http404(_("This attempt does not exist."))
    return attempt


def _reveals_answers(quiz: QuizPage, attempt: QuizAttempt) -> bool:
    if quiz.show_answers == QuizPage.ShowAnswers.AFTER_EACH_ATTEMPT:
        return True
    if quiz.show_answers == QuizPage.ShowAnswers.AFTER_PASSING:
        return (
            bool(attempt.passed)
            or QuizAttempt.objects.filter(user=attempt.user_id, quiz=quiz, passed=True).exists()
        )
    return False


def quiz_context(request, quiz: QuizPage) -> dict:
    """The quiz's own page: what it is, where the learner stands, how to start or resume."""
    progress = course_progress(user=request.user, course=quiz.course)
    step = progress.step_for(quiz)
    is_preview = getattr(request, "is_preview", False)
    context = {
        "course": quiz.course,
        "progress": progress,
        "step": step,
        "show_content": (step is not None and not step.locked) or is_preview,
        "question_count": len(quiz.questions.all()) if is_preview else quiz.questions.count(),
    }
    if is_preview:
        context["preview_questions"] = quiz.questions.all()
    if request.user.is_authenticated and not is_preview:
        attempts = list(
            QuizAttempt.objects.filter(user=request.user, quiz=quiz)
            .defer("snapshot")
            .order_by("-number")
        )
        submitted = [a for a in attempts if not a.is_open]
        context.update(
            open_attempt=next((a for a in attempts if a.is_open), None),
            submitted_attempts=submitted,
            best_attempt=max(submitted, key=lambda a: a.score, default=None),
            has_passed=any(a.passed for a in submitted),
            attempts_left=(
                max(quiz.max_attempts - len(attempts), 0) if quiz.max_attempts else None
            ),
        )
    return context


def _require_post(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def _render_locked(request, quiz, locked: StepLocked):
    return TemplateResponse(
        request,
        "courses/step_locked.html",
        {"page": quiz, "course": quiz.course, "first_step": locked.first_step},
        status=403,
    )


def start(request, quiz: QuizPage):
    if refusal := _require_post(request):
        return refusal
    if not request.user.is_authenticated:
        return redirect_to_login(quiz.url)
    try:
        attempt = quiz_attempt_start(user=request.user, quiz=quiz)
    except StepLocked as locked:
        return _render_locked(request, quiz, locked)
    except (AttemptLimitReached, QuizEmpty) as refused:
        message = refused.messages[0] if hasattr(refused, "messages") else str(refused)
        response = quiz.render(request, context_overrides={"error": message})
        response.status_code = 403 if isinstance(refused, AttemptLimitReached) else 409
        return response
    return HttpResponseRedirect(_url(quiz, "attempt", attempt.pk))


def _first_unanswered(attempt: QuizAttempt, answers: dict) -> int | None:
    for number, question in enumerate(attempt.questions, start=1):
        if question["key"] not in answers:
            return number
    return None


def _signed_in(request, quiz):
    """Anonymous visitors sign in, then come back here (or to the quiz, after a POST)."""
    if request.user.is_authenticated:
        return None
    return redirect_to_login(request.get_full_path() if request.method == "GET" else quiz.url)


def attempt(request, quiz: QuizPage, attempt_id: int):
    """Resume: the whole form, or the first question not answered yet."""
    if refusal := _signed_in(request, quiz):
        return refusal
    attempt = _own_attempt(request, quiz, attempt_id)
    if not attempt.is_open:
        return HttpResponseRedirect(_url(quiz, "result", attempt.pk))
    answers = _answers(attempt)
    if attempt.snapshot.get("layout") == QuizPage.Layout.ALL_ON_ONE_PAGE:
        return _render_all(request, quiz, attempt, answers)
    number = _first_unanswered(attempt, answers)
    if number is None:
        return HttpResponseRedirect(_url(quiz, "review", attempt.pk))
    return HttpResponseRedirect(_url(quiz, "question", attempt.pk, number))


def _render_all(request, quiz, attempt, answers, error="", status=200):
    return _render(
        request,
        quiz,
        "attempt_all",
        status=status,
        attempt=attempt,
        questions=screen_questions(attempt, answers),
        error=error,
    )


def _render_question(request, quiz, attempt, answers, number, error="", status=200):
    total = len(attempt.questions)
    (question,) = screen_questions(attempt, answers, only=[number])
    answered = sum(1 for q in attempt.questions if q["key"] in answers)
    return _render(
        request,
        quiz,
        "attempt_question",
        status=status,
        attempt=attempt,
        question=question,
        total=total,
        answered_percent=round(100 * answered / total),
        navigation=[(n, q["key"] in answers) for n, q in enumerate(attempt.questions, start=1)],
        previous_number=number - 1 if number > 1 else None,
        next_number=number + 1 if number < total else None,
        error=error,
    )


def question(request, quiz: QuizPage, attempt_id: int, number: int):
    if refusal := _signed_in(request, quiz):
        return refusal
    attempt = _own_attempt(request, quiz, attempt_id)
    if not attempt.is_open:
        return HttpResponseRedirect(_url(quiz, "result", attempt.pk))
    if not 1 <= number <= len(attempt.questions):
        raise Http404(_("This question does not exist."))
    return _render_question(request, quiz, attempt, _answers(attempt), number)


def _posted_answers(request) -> dict[str, AnswerInput]:
    keys = request.POST.getlist("question")
    if not keys:
        raise InvalidAnswer(_("No answer was sent. Choose or type an answer, then save."))
    if len(set(keys)) != len(keys):
        raise InvalidAnswer(_("The same question was sent twice."))
    return {
        key: AnswerInput(
            choice_keys=tuple(request.POST.getlist(f"choice-{key}")),
            text=request.POST.get(f"text-{key}", ""),
        )
        for key in keys
    }


def _posted_number(request, attempt) -> int | None:
    try:
        number = int(request.POST.get("number", ""))
    except ValueError:
        return None
    return number if 1 <= number <= len(attempt.questions) else None


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _closed(request, quiz, attempt):
    return _render(
        request,
        quiz,
        "attempt_closed",
        status=409,
        attempt=attempt,
        error=_closed_message(),
    )


def answer(request, quiz: QuizPage, attempt_id: int):
    """Save the answers on a screen, then go where the learner asked (next, back, review)."""
    if refusal := _require_post(request):
        return refusal
    if refusal := _signed_in(request, quiz):
        return refusal
    attempt = _own_attempt(request, quiz, attempt_id)
    number = _posted_number(request, attempt)
    try:
        quiz_answers_save(user=request.user, attempt=attempt, answers=_posted_answers(request))
    except AttemptClosed:
        if _wants_json(request):
            return JsonResponse({"saved": False, "error": _closed_message()}, status=409)
        return _closed(request, quiz, attempt)
    except InvalidAnswer as invalid:
        message = invalid.messages[0]
        if _wants_json(request):
            return JsonResponse({"saved": False, "error": message}, status=400)
        answers = _answers(attempt)
        if attempt.snapshot.get("layout") == QuizPage.Layout.ALL_ON_ONE_PAGE or number is None:
            return _render_all(request, quiz, attempt, answers, error=message, status=400)
        return _render_question(request, quiz, attempt, answers, number, error=message, status=400)
    if _wants_json(request):
        return JsonResponse({"saved": True})
    return HttpResponseRedirect(_where_next(request, quiz, attempt, number))


def _closed_message() -> str:
    return _("This attempt has already been submitted; its answers can no longer change.")


def _where_next(request, quiz, attempt, number) -> str:
    go = request.POST.get("go", "")
    total = len(attempt.questions)
    if go == "review" or number is None:
        return _url(quiz, "review" if number else "attempt", attempt.pk)
    if go == "previous" and number > 1:
        return _url(quiz, "question", attempt.pk, number - 1)
    if go.isdigit() and 1 <= int(go) <= total:
        return _url(quiz, "question", attempt.pk, int(go))
    if go == "next" and number < total:
        return _url(quiz, "question", attempt.pk, number + 1)
    if go == "next":
        return _url(quiz, "review", attempt.pk)
    return _url(quiz, "question", attempt.pk, number)


def review(request, quiz: QuizPage, attempt_id: int):
    """Before submitting: which questions are answered, with a way back to each."""
    if refusal := _signed_in(request, quiz):
        return refusal
    attempt = _own_attempt(request, quiz, attempt_id)
    if not attempt.is_open:
        return HttpResponseRedirect(_url(quiz, "result", attempt.pk))
    answers = _answers(attempt)
    questions = [
        (number, question["text"], question["key"] in answers)
        for number, question in enumerate(attempt.questions, start=1)
    ]
    return _render(
        request,
        quiz,
        "attempt_review",
        attempt=attempt,
        questions=questions,
        unanswered=sum(1 for _n, _t, answered in questions if not answered),
    )


def submit(request, quiz: QuizPage, attempt_id: int):
    """Grade the attempt. Answers posted with it (all-on-one-page form) are saved first."""
    if refusal := _require_post(request):
        return refusal
    if refusal := _signed_in(request, quiz):
        return refusal
    attempt = _own_attempt(request, quiz, attempt_id)
    if attempt.is_open and request.POST.getlist("question"):
        try:
            quiz_answers_save(user=request.user, attempt=attempt, answers=_posted_answers(request))
        except AttemptClosed:
            pass  # Submitted by another request meanwhile: show that result.
        except InvalidAnswer as invalid:
            return _render_all(
                request, quiz, attempt, _answers(attempt), error=invalid.messages[0], status=400
            )
    submitted = quiz_attempt_submit(user=request.user, attempt=attempt)
    url = _url(quiz, "result", submitted.pk)
    if not submitted.just_submitted:
        url += "?again=1"
    return HttpResponseRedirect(url)


def result(request, quiz: QuizPage, attempt_id: int):
    if refusal := _signed_in(request, quiz):
        return refusal
    attempt = _own_attempt(request, quiz, attempt_id)
    if attempt.is_open:
        return HttpResponseRedirect(_url(quiz, "attempt", attempt.pk))
    reveal = _reveals_answers(quiz, attempt)
    progress = course_progress(user=request.user, course=quiz.course)
    following = progress.step_after(quiz)
    moves_on = attempt.passed or not quiz.is_required_step()
    return _render(
        request,
        quiz,
        "attempt_result",
        attempt=attempt,
        reveal=reveal,
        questions=result_questions(attempt, _answers(attempt), reveal),
        submitted_again="again" in request.GET,
        progress=progress,
        next_step=(following.page if following and not following.locked and moves_on else None),
        can_retry=not quiz.max_attempts
        or QuizAttempt.objects.filter(user=request.user, quiz=quiz).count() < quiz.max_attempts,
    )


def history(request, quiz: QuizPage):
    """Every attempt of the signed-in learner at this quiz; nobody else's."""
    if refusal := _signed_in(request, quiz):
        return refusal
    attempts = (
        QuizAttempt.objects.filter(user=request.user, quiz=quiz)
        .defer("snapshot")
        .order_by("-number")
    )
    return _render(request, quiz, "attempt_history", attempts=attempts)
