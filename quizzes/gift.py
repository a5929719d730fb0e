"""Moodle GIFT question files: read them into plain data, and write them back.

Supported, as Moodle reads them: multiple choice (``=`` right, ``~`` wrong), multiple
answers with weights (``~%50%``), true/false (``{T}``, ``{FALSE#wrong#right}``), short
answer (only ``=`` answers), the missing-word form (answers inside the sentence), answer
feedback (``#``), general feedback (``####``), titles (``::title::``), comment lines
(``//``), escapes (``\\= \\~ \\# \\{ \\} \\: \\\\ \\n``), format markers (``[html]``,
``[plain]``...) and ``$CATEGORY`` lines (ignored). Questions are separated by blank lines.

Matching, numerical, essay and description questions, and partial credit, are reported
as errors: nothing is imported from a file with any error, and each error has a line.
"""

import bisect
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from quizzes import grading

TRUE_LABEL = "ถูก"
FALSE_LABEL = "ผิด"

# Longest texts the quiz models accept (checked by the tests against the models).
MAX_LENGTHS = {"title": 255, "text": 4000, "choice": 500, "feedback": 1000, "explanation": 4000}

_ESCAPABLE = ":#={}~n\\"
# Escaped characters become private-use placeholders while the structure is parsed.
_PLACEHOLDER = {char: chr(0xE000 + n) for n, char in enumerate(_ESCAPABLE)}
_RESTORE = {chr(0xE000 + n): ("\n" if char == "n" else char) for n, char in enumerate(_ESCAPABLE)}
_FORMAT_MARKER = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}


@dataclass
class GiftChoice:
    text: str
    correct: bool
    feedback: str = ""


@dataclass
class GiftQuestion:
    kind: str
    text: str
    choices: list[GiftChoice]
    title: str = ""
    explanation: str = ""
    # Where the question starts in its file; not part of the question itself.
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class GiftError:
    line: int
    message: str

    def __str__(self):
        return str(_("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message})


class GiftSyntaxError(ValueError):
    def __init__(self, errors: list[GiftError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


class _QuestionError(Exception):
    def __init__(self, line: int, message):
        super().__init__(message)
        self.error = GiftError(line, message)


def _escape_line(line: str) -> str:
    out, chars, index = [], line, 0
    while index < len(chars):
        char = chars[index]
        if char == "\\" and index + 1 < len(chars) and chars[index + 1] in _ESCAPABLE:
            out.append(_PLACEHOLDER[chars[index + 1]])
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _unescape(text: str) -> str:
    return "".join(_RESTORE.get(char, char) for char in text)


def _clean(text: str) -> str:
    """Plain text from a piece of GIFT: format marker removed, HTML reduced to text."""
    marker = _FORMAT_MARKER.match(text)
    if marker:
        text = text[marker.end() :]
        if marker[1].lower() == "html":
            text = html.unescape(strip_tags(_unescape(text)))
            return "\n".join(line.strip() for line in text.strip().splitlines())
    text = "\n".join(line.strip() for line in text.strip().split("\n"))
    return _unescape(text).strip()


class _Block:
    """One question's lines, escaped, with a way back from a character to its line."""

    def __init__(self, lines: list[tuple[int, str]]):
        self.numbers = [number for number, _line in lines]
        escaped = [_escape_line(line) for _number, line in lines]
        self.starts, offset = [], 0
        for line in escaped:
            self.starts.append(offset)
            offset += len(line) + 1
        self.text = "\n".join(escaped)

    def line_at(self, offset: int) -> int:
        return self.numbers[max(bisect.bisect_right(self.starts, offset) - 1, 0)]


def _blocks(source: str) -> list[_Block]:
    source = source.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    source = "".join(char for char in source if char not in _RESTORE)
    blocks, current = [], []
    for number, line in enumerate(source.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if not stripped:
            if current:
                blocks.append(_Block(current))
                current = []
            continue
        current.append((number, line))
    if current:
        blocks.append(_Block(current))
    return blocks


def _weight(body: str) -> tuple[float | None, str]:
    match = _WEIGHT.match(body)
    if not match:
        return None, body
    return float(match[1]), body[match.end() :]


def _split_items(block: _Block, answers: str, offset: int) -> list[tuple[str, str, int]]:
    """``(marker, body, line)`` for each ``=``/``~`` answer."""
    starts = [index for index, char in enumerate(answers) if char in "=~"]
    if not starts or answers[: starts[0]].strip():
        raise _QuestionError(
            block.line_at(offset),
            _("Start each answer with = (right answer) or ~ (wrong answer)."),
        )
    items = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(answers)
        items.append((answers[start], answers[start + 1 : end], block.line_at(offset + start)))
    return items


def _choice(body: str) -> GiftChoice:
    text, _hash, feedback = body.partition("#")
    return GiftChoice(text=_clean(text), correct=False, feedback=_clean(feedback))


def _partial_credit(line: int):
    return _QuestionError(
        line,
        _(
            "Partial credit (such as %50%) is only for questions with several right "
            "answers written with ~; write = for a right answer here."
        ),
    )


def _choice_question(block, answers, offset) -> tuple[str, list[GiftChoice]]:
    items = _split_items(block, answers, offset)
    single = any(marker == "=" for marker, _body, _line in items)
    choices = []
    for marker, body, line in items:
        weight, body = _weight(body)
        choice = _choice(body)
        if single:
            if marker == "=" and weight not in (None, 100):
                raise _partial_credit(line)
            if marker == "~" and weight is not None and weight > 0:
                raise _partial_credit(line)
            choice.correct = marker == "="
        else:
            choice.correct = weight is not None and weight > 0
        choices.append(choice)
    if not single and not any(choice.correct for choice in choices):
        raise _QuestionError(
            block.line_at(offset),
            _("No right answer: mark it with =, or give right answers a weight like ~%50%."),
        )
    return (grading.SINGLE if single else grading.MULTIPLE), choices


def _short_answer(block, answers, offset) -> list[GiftChoice]:
    choices = []
    for _marker, body, line in _split_items(block, answers, offset):
        weight, body = _weight(body)
        if weight not in (None, 100):
            raise _QuestionError(
                line, _("Partial credit is not supported: every accepted answer scores fully.")
            )
        choice = _choice(body)
        choice.correct = True
        choices.append(choice)
    return choices


def _true_false(head: str, wrong: str, right: str) -> list[GiftChoice]:
    truth = _TRUE_FALSE[head]
    return [
        GiftChoice(TRUE_LABEL, truth, _clean(right if truth else wrong)),
        GiftChoice(FALSE_LABEL, not truth, _clean(wrong if truth else right)),
    ]


def _parse_block(block: _Block) -> GiftQuestion | None:
    text = block.text
    first_line = block.numbers[0]
    if text.lstrip().startswith("$CATEGORY:"):
        return None
    position, title = 0, ""
    stripped = text.lstrip()
    if stripped.startswith("::"):
        start = len(text) - len(stripped) + 2
        end = text.find("::", start)
        if end == -1:
            raise _QuestionError(first_line, _("The title has no closing ::."))
        title = _clean(text[start:end])
        position = end + 2

    opening = text.find("{", position)
    closing = text.find("}", position)
    if opening == -1:
        if closing != -1:
            raise _QuestionError(block.line_at(closing), _("A } has no matching {."))
        raise _QuestionError(
            first_line,
            _(
                "No answers: put them between { and } after the question. Descriptions "
                "without answers are not supported."
            ),
        )
    if closing < opening:
        raise _QuestionError(block.line_at(closing), _("A } has no matching {."))
    nested = text.find("{", opening + 1)
    if nested != -1 and nested < closing:
        raise _QuestionError(
            block.line_at(nested),
            _("A { inside the answers: write \\{ for a brace that is part of the text."),
        )
    extra = nested if nested != -1 else text.find("}", closing + 1)
    if extra != -1:
        raise _QuestionError(
            block.line_at(extra),
            _(
                "Only one set of answers per question. Is a blank line missing between "
                "two questions, or a brace missing a \\?"
            ),
        )

    before, after = text[position:opening], text[closing + 1 :]
    question_text = _clean(before + "_____" + after if after.strip() else before)
    if not question_text:
        raise _QuestionError(first_line, _("The question has no text."))

    answers = text[opening + 1 : closing]
    offset = opening + 1
    explanation = ""
    general = answers.rfind("####")
    if general != -1:
        explanation = _clean(answers[general + 4 :])
        answers = answers[:general]
    content = answers.strip()
    answer_line = block.line_at(offset)

    if not content:
        raise _QuestionError(answer_line, _("Essay questions (empty answers) are not supported."))
    if content.startswith("#"):
        raise _QuestionError(answer_line, _("Numerical questions are not supported."))
    head, *feedback = content.split("#", 2)
    if "~" in content:
        kind, choices = _choice_question(block, answers, offset)
    elif "=" in content and "->" in content:
        raise _QuestionError(answer_line, _("Matching questions are not supported."))
    elif head.strip().upper() in _TRUE_FALSE:
        kind = grading.TRUE_FALSE
        wrong, right = [*feedback, "", ""][:2]
        choices = _true_false(head.strip().upper(), wrong, right)
    elif "=" in content:
        kind, choices = grading.SHORT_ANSWER, _short_answer(block, answers, offset)
    else:
        raise _QuestionError(
            answer_line,
            _("Start each answer with = (right answer) or ~ (wrong answer)."),
        )

    question = GiftQuestion(
        kind=kind,
        text=question_text,
        choices=choices,
        title=title,
        explanation=explanation,
        line=first_line,
    )
    _check(question)
    return question


def _check(question: GiftQuestion) -> None:
    line = question.line
    problems = list(
        grading.choice_problems(question.kind, [(c.text, c.correct) for c in question.choices])
    )
    too_long = [
        (question.title, "title"),
        (question.text, "text"),
        (question.explanation, "explanation"),
        *((choice.text, "choice") for choice in question.choices),
        *((choice.feedback, "feedback") for choice in question.choices),
    ]
    for value, what in too_long:
        if len(value) > MAX_LENGTHS[what]:
            problems.append(
                _("A text is too long (%(length)d characters; at most %(max)d).")
                % {"length": len(value), "max": MAX_LENGTHS[what]}
            )
    if problems:
        raise _QuestionError(line, " ".join(str(problem) for problem in problems))


def parse(source: str) -> list[GiftQuestion]:
    """Every question in a GIFT file, or ``GiftSyntaxError`` listing every problem."""
    questions, errors = [], []
    for block in _blocks(source):
        try:
            question = _parse_block(block)
        except _QuestionError as problem:
            errors.append(problem.error)
            continue
        if question is not None:
            questions.append(question)
    if not questions and not errors:
        errors.append(GiftError(1, _("The file has no questions.")))
    if errors:
        raise GiftSyntaxError(errors)
    return questions


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for char in ":#={}~":
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def _with_feedback(text: str, feedback: str) -> str:
    return _escape(text) + (f"#{_escape(feedback)}" if feedback else "")


def _weight_text(share: float) -> str:
    return f"{share:.5f}".rstrip("0").rstrip(".")


def _answers(question: GiftQuestion) -> list[str]:
    if question.kind == grading.TRUE_FALSE:
        true_choice, false_choice = question.choices[:2]
        truth = true_choice.correct
        right = (true_choice if truth else false_choice).feedback
        wrong = (false_choice if truth else true_choice).feedback
        answer = "TRUE" if truth else "FALSE"
        if wrong or right:
            answer += f"#{_escape(wrong)}"
        if right:
            answer += f"#{_escape(right)}"
        return [answer]
    if question.kind == grading.SHORT_ANSWER:
        return [f"={_with_feedback(c.text, c.feedback)}" for c in question.choices]
    if question.kind == grading.MULTIPLE:
        share = _weight_text(100 / max(sum(c.correct for c in question.choices), 1))
        return [
            f"~%{share if c.correct else '-100'}%{_with_feedback(c.text, c.feedback)}"
            for c in question.choices
        ]
    return [
        ("=" if c.correct else "~") + _with_feedback(c.text, c.feedback) for c in question.choices
    ]


def dump(questions: Iterable[GiftQuestion]) -> str:
    """A GIFT file that ``parse`` (and Moodle) reads back into the same questions."""
    out = []
    for question in questions:
        head = f"::{_escape(question.title)}:: " if question.title else ""
        text = _escape(question.text)
        if _FORMAT_MARKER.match(text):
            text = "[plain]" + text
        lines = [f"{head}{text} {{"]
        lines += [f"\t{answer}" for answer in _answers(question)]
        if question.explanation:
            lines.append(f"\t####{_escape(question.explanation)}")
        lines.append("}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
