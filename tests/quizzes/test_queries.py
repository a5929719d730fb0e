"""Quiz screens and grading make the same number of queries for 5 questions as for 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes.models import QuizAttempt, QuizPage
from quizzes.services import quiz_answers_save, quiz_attempt_start
from tests.factories import make_course, make_user
from tests.quizzes.factories import answer_for, answer_sheet, make_quiz

pytestmark = pytest.mark.django_db


def url(quiz, name="", *args):
    return quiz.url + (quiz.reverse_subpage(name, args=args) if name else "")


def _count(client, method, address, data=None, status=200) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(address, data or {})
    assert response.status_code == status, address
    return len(queries)


def _setup(client, size: int, **settings):
    learner = make_user()
    client.force_login(learner)
    quiz = make_quiz(make_course(lessons=3, title=f"หลักสูตร {size}"), questions=size, **settings)
    return learner, quiz


def _posted(attempt) -> dict:
    data = {"question": [q["key"] for q in attempt.questions]}
    for question in attempt.questions:
        answer = answer_for(question)
        if answer.text:
            data[f"text-{question['key']}"] = answer.text
        else:
            data[f"choice-{question['key']}"] = list(answer.choice_keys)
    return data


def _measure(client, size: int) -> dict[str, int]:
    counts = {}
    learner, quiz = _setup(client, size)
    counts["quiz page"] = _count(client, "get", quiz.url)
    counts["start"] = _count(client, "post", url(quiz, "start"), status=302)
    attempt = QuizAttempt.objects.get(user=learner)
    counts["question screen"] = _count(client, "get", url(quiz, "question", attempt.pk, 2))
    question = attempt.questions[1]
    answer = answer_for(question)
    counts["answer"] = _count(
        client,
        "post",
        url(quiz, "answer", attempt.pk),
        {"question": question["key"], "number": 2, f"choice-{question['key']}": answer.choice_keys},
        status=302,
    )
    quiz_answers_save(user=learner, attempt=attempt, answers=answer_sheet(attempt))
    counts["review"] = _count(client, "get", url(quiz, "review", attempt.pk))
    counts["submit"] = _count(client, "post", url(quiz, "submit", attempt.pk), status=302)
    counts["result"] = _count(client, "get", url(quiz, "result", attempt.pk))
    counts["history"] = _count(client, "get", url(quiz, "attempts"))

    learner, quiz = _setup(client, size, layout=QuizPage.Layout.ALL_ON_ONE_PAGE)
    attempt = quiz_attempt_start(user=learner, quiz=quiz)
    counts["all on one page"] = _count(client, "get", url(quiz, "attempt", attempt.pk))
    counts["submit all on one page"] = _count(
        client, "post", url(quiz, "submit", attempt.pk), _posted(attempt), status=302
    )
    attempt.refresh_from_db()
    assert attempt.correct_count == size
    return counts


def test_query_counts_do_not_grow_with_the_number_of_questions(client):
    _measure(client, 2)  # warm per-process caches (content types, site root paths)
    small = _measure(client, 5)
    large = _measure(client, 50)
    assert small == large
    # A quiz step costs what a lesson page does, plus its questions and the learner's attempts.
    assert large["quiz page"] <= 16
    assert large["question screen"] <= 12
