"""Question rules and grading, with no database access.

Grading reads only an attempt's snapshot (see ``QuizPage.build_snapshot``), so later
edits to a quiz never change a past result.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext_lazy as _

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"
SHORT_ANSWER = "short_answer"
CHOICE_KINDS = {SINGLE, MULTIPLE, TRUE_FALSE}

# Typed answers: invisible characters that keyboards and copy-paste slip in.
_ZERO_WIDTH = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Sara am (ำ) typed as nikhahit + sara aa, with or without a tone mark in between.
_SARA_AM = re.compile("([\u0e48-\u0e4b]?)\u0e4d([\u0e48-\u0e4b]?)\u0e32")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def normalise_answer(text: str) -> str:
    """The form of a typed answer that is compared with the accepted answers.

    Unicode compatibility normalisation (so full-width letters and the different ways
    Thai keyboards produce vowels and tone marks compare equal), one spelling of sara am,
    Arabic digits for Thai ones, no case, no zero-width characters, single spaces.
    """
    text = unicodedata.normalize("NFKC", text or "")
    text = _ZERO_WIDTH.sub("", text)
    text = _SARA_AM.sub(lambda match: match[1] + match[2] + "\u0e33", text)
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_THAI_DIGITS).casefold()
    return " ".join(text.split())


def choice_problems(kind: str, choices: list[tuple[str, bool]]) -> list[str]:
    """What is wrong with a question's choices, as messages for the expert.

    ``choices`` are ``(text, is_correct)`` pairs in order. The same rules apply to
    questions typed in the admin and questions imported from GIFT.
    """
    texts = [text.strip() for text, _correct in choices]
    correct = sum(1 for _text, is_correct in choices if is_correct)
    problems = []
    if any(not text for text in texts):
        problems.append(_("Every choice needs some text."))
    if kind == SHORT_ANSWER:
        if not choices:
            problems.append(_("A short-answer question needs at least one accepted answer."))
        return problems
    if len({normalise_answer(text) for text in texts}) < len(texts):
        problems.append(_("Two choices have the same text."))
    if kind == TRUE_FALSE:
        if len(choices) != 2 or correct != 1:
            problems.append(
                _(
                    "A true/false question has exactly two choices, the true statement "
                    "first, and one of them is marked correct."
                )
            )
        return problems
    if len(choices) < 2:
        problems.append(_("A multiple-choice question needs at least two choices."))
    if correct < 1:
        problems.append(_("Mark at least one choice as correct."))
    elif kind == SINGLE and correct == len(choices):
        problems.append(_("A one-answer question needs at least one wrong choice."))
    return problems


def grade_question(question: Mapping, choice_keys: Iterable[str] = (), text: str = "") -> bool:
    """Is this answer right? ``question`` is one question of an attempt snapshot."""
    kind = question["kind"]
    if kind == SHORT_ANSWER:
        typed = normalise_answer(text)
        return bool(typed) and typed in question["accepted"]
    selected = set(choice_keys)
    correct = {choice["key"] for choice in question["choices"] if choice["correct"]}
    if kind == MULTIPLE:
        return bool(selected) and selected == correct
    return len(selected) == 1 and selected <= correct


def score_percent(correct: int, total: int) -> float:
    return round(100 * correct / total, 2) if total else 0.0


def has_passed(correct: int, total: int, pass_mark: int) -> bool:
    """Compared in whole numbers, so 69.5% never rounds up to a pass mark of 70%."""
    return total > 0 and correct * 100 >= pass_mark * total
