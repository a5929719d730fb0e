import re

import pytest
from django.test import Client

from courses.services import lesson_complete
from quizzes.models import AttemptAnswer, QuizAttempt, QuizPage
from quizzes.services import quiz_answers_save, quiz_attempt_start, quiz_attempt_submit
from tests.factories import lessons_of, make_course, make_user
from tests.quizzes.factories import (
    SECRET_EXPLANATION,
    SECRET_FEEDBACK,
    answer_for,
    answer_sheet,
    make_quiz,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    user = make_user()
    client.force_login(user)
    return user


@pytest.fixture
def quiz():
    return make_quiz(make_course(lessons=0), questions=4)


def url(quiz, name="", *args):
    return quiz.url + (quiz.reverse_subpage(name, args=args) if name else "")


def start(client, quiz) -> QuizAttempt:
    response = client.post(url(quiz, "start"))
    assert response.status_code == 302
    return QuizAttempt.objects.latest("pk")


def choose(client, quiz, attempt, number, answer, go="next"):
    question = attempt.questions[number - 1]
    data = {"question": question["key"], "number": number, "go": go}
    if answer.text:
        data[f"text-{question['key']}"] = answer.text
    if answer.choice_keys:
        data[f"choice-{question['key']}"] = list(answer.choice_keys)
    return client.post(url(quiz, "answer", attempt.pk), data)


def test_quiz_page_invites_anonymous_visitors_to_sign_in(client, quiz):
    response = client.get(quiz.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/accounts/login/?next={quiz.url}" in html
    assert "คำถามข้อ 1" not in html
    assert "no-store" in response["Cache-Control"]


def test_anonymous_cannot_start(client, quiz):
    response = client.post(url(quiz, "start"))
    assert response["Location"].startswith("/accounts/login/")
    assert not QuizAttempt.objects.exists()


def test_start_needs_post(client, learner, quiz):
    assert client.get(url(quiz, "start")).status_code == 405
    assert not QuizAttempt.objects.exists()


def test_start_then_answer_one_question_per_screen(client, learner, quiz):
    html = client.get(quiz.url).content.decode()
    assert "เริ่มทำแบบทดสอบ" in html
    attempt = start(client, quiz)
    response = client.get(url(quiz, "attempt", attempt.pk))
    assert response["Location"] == url(quiz, "question", attempt.pk, 1)

    screen = client.get(response["Location"])
    assert screen.status_code == 200
    html = screen.content.decode()
    assert attempt.questions[0]["text"] in html
    assert attempt.questions[1]["text"] not in html
    assert "no-store" in screen["Cache-Control"]

    response = choose(client, quiz, attempt, 1, answer_for(attempt.questions[0]))
    assert response["Location"] == url(quiz, "question", attempt.pk, 2)
    for number in range(2, 5):
        response = choose(client, quiz, attempt, number, answer_for(attempt.questions[number - 1]))
    assert response["Location"] == url(quiz, "review", attempt.pk)

    response = client.post(url(quiz, "submit", attempt.pk))
    assert response["Location"] == url(quiz, "result", attempt.pk)
    result = client.get(response["Location"])
    html = result.content.decode()
    assert "100%" in html
    assert "ผ่านแล้ว" in html
    assert "no-store" in result["Cache-Control"]


def test_resume_after_reload_keeps_every_answer(client, learner, quiz):
    attempt = start(client, quiz)
    first, second = attempt.questions[:2]
    choose(client, quiz, attempt, 1, answer_for(first))
    choose(client, quiz, attempt, 2, answer_for(second))
    # The browser closes; the learner signs in again and presses "continue".
    client.logout()
    client.force_login(attempt.user)
    html = client.get(quiz.url).content.decode()
    assert url(quiz, "attempt", attempt.pk) in html
    response = client.get(url(quiz, "attempt", attempt.pk))
    assert response["Location"] == url(quiz, "question", attempt.pk, 3)
    html = client.get(url(quiz, "question", attempt.pk, 1)).content.decode()
    chosen = answer_for(first).choice_keys[0]
    assert re.search(rf'value="{chosen}"\s+checked', html)


def test_navigation_buttons_save_then_move(client, learner, quiz):
    attempt = start(client, quiz)
    response = choose(client, quiz, attempt, 3, answer_for(attempt.questions[2]), go="previous")
    assert response["Location"] == url(quiz, "question", attempt.pk, 2)
    response = choose(client, quiz, attempt, 2, answer_for(attempt.questions[1]), go="4")
    assert response["Location"] == url(quiz, "question", attempt.pk, 4)
    assert AttemptAnswer.objects.filter(attempt=attempt).count() == 2


def test_review_lists_unanswered_questions(client, learner, quiz):
    attempt = start(client, quiz)
    choose(client, quiz, attempt, 1, answer_for(attempt.questions[0]))
    html = client.get(url(quiz, "review", attempt.pk)).content.decode()
    assert "ยังไม่ได้ตอบ 3 ข้อ" in html
    assert url(quiz, "question", attempt.pk, 2) in html


def _mask(html: str) -> str:
    """The page without what changes on every request: CSRF tokens and the idle countdown."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'data-seconds-left="\d+"', "", html)


def _pre_submission_screens(client, quiz, attempt) -> list[str]:
    screens = [quiz.url, url(quiz, "attempt", attempt.pk), url(quiz, "review", attempt.pk)]
    screens += [url(quiz, "question", attempt.pk, n) for n in range(1, len(attempt.questions) + 1)]
    pages = []
    for address in screens:
        response = client.get(address, follow=True)
        assert response.status_code == 200, address
        pages.append(_mask(response.content.decode()))
    first_key = attempt.questions[0]["key"]
    bad = client.post(
        url(quiz, "answer", attempt.pk),
        {"question": first_key, "number": 1, f"choice-{first_key}": "zzzzzzzz"},
    )
    assert bad.status_code == 400
    pages.append(_mask(bad.content.decode()))
    pages.append(
        client.post(
            url(quiz, "answer", attempt.pk),
            {"question": attempt.questions[0]["key"], "number": 1},
            HTTP_ACCEPT="application/json",
        ).content.decode()
    )
    return pages


def _flip_answers(attempt):
    """The same attempt with every right answer, explanation and feedback changed."""
    for question in attempt.snapshot["questions"]:
        question["explanation"] = "อธิบายอื่น"
        question["accepted"] = ["อื่น"]
        question["accepted_display"] = ["อื่น"]
        for choice in question["choices"]:
            choice["correct"] = not choice["correct"]
            choice["feedback"] = "ข้อเสนอแนะอื่น"
    attempt.save()


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"shuffle_questions": True, "shuffle_choices": True},
        {"layout": QuizPage.Layout.ALL_ON_ONE_PAGE},
        {"layout": QuizPage.Layout.ALL_ON_ONE_PAGE, "shuffle_choices": True},
    ],
    ids=["one-per-screen", "shuffled", "all-on-one-page", "all-on-one-page-shuffled"],
)
def test_nothing_before_submission_reveals_the_answers(client, learner, settings):
    quiz = make_quiz(make_course(lessons=0), questions=8, **settings)
    attempt = start(client, quiz)
    choose(client, quiz, attempt, 2, answer_for(attempt.questions[1], right=False))
    before = _pre_submission_screens(client, quiz, attempt)
    for html in before:
        assert SECRET_EXPLANATION not in html
        assert SECRET_FEEDBACK not in html
        assert "น้ำพริกเผา" not in html  # an accepted short answer
        assert "correct" not in html.lower()
    # Proof by difference: change every right answer and the screens stay byte for byte equal.
    _flip_answers(attempt)
    assert _pre_submission_screens(client, quiz, attempt) == before


def test_all_on_one_page_submits_the_posted_answers(client, learner):
    quiz = make_quiz(make_course(lessons=0), questions=4, layout=QuizPage.Layout.ALL_ON_ONE_PAGE)
    attempt = start(client, quiz)
    html = client.get(url(quiz, "attempt", attempt.pk)).content.decode()
    for question in attempt.questions:
        assert question["text"] in html
    data = {"question": [q["key"] for q in attempt.questions]}
    for question in attempt.questions:
        answer = answer_for(question)
        if answer.text:
            data[f"text-{question['key']}"] = answer.text
        else:
            data[f"choice-{question['key']}"] = list(answer.choice_keys)
    response = client.post(url(quiz, "submit", attempt.pk), data)
    assert response["Location"] == url(quiz, "result", attempt.pk)
    attempt.refresh_from_db()
    assert attempt.correct_count == 4


def test_all_on_one_page_with_a_bad_answer_submits_nothing(client, learner):
    quiz = make_quiz(make_course(lessons=0), questions=4, layout=QuizPage.Layout.ALL_ON_ONE_PAGE)
    attempt = start(client, quiz)
    first, second = attempt.questions[:2]
    response = client.post(
        url(quiz, "submit", attempt.pk),
        {"question": [first["key"]], f"choice-{first['key']}": second["choices"][0]["key"]},
    )
    assert response.status_code == 400
    assert "ตัวเลือกนี้ไม่ใช่ของคำถามข้อนี้" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.is_open
    assert not AttemptAnswer.objects.exists()


def test_autosave_answers_with_json(client, learner, quiz):
    attempt = start(client, quiz)
    question = attempt.questions[3]
    response = client.post(
        url(quiz, "answer", attempt.pk),
        {"question": question["key"], f"text-{question['key']}": "น้ำพริก"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"saved": True}
    assert AttemptAnswer.objects.get().text == "น้ำพริก"
    bad = client.post(
        url(quiz, "answer", attempt.pk),
        {"question": "nosuch", "text-nosuch": "x"},
        HTTP_ACCEPT="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["saved"] is False


@pytest.mark.parametrize(
    ("case", "thai"),
    [
        ("another question", "ตัวเลือกนี้ไม่ใช่ของคำถามข้อนี้"),
        ("nonexistent", "ตัวเลือกนี้ไม่ใช่ของคำถามข้อนี้"),
        ("duplicate", "ส่งตัวเลือกเดียวกันมาสองครั้ง"),
        ("two for one", "เลือกคำตอบเดียว"),
        ("nothing", "ไม่ได้ส่งคำตอบมา"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client, learner, quiz, case, thai):
    attempt = start(client, quiz)
    single, multiple = attempt.questions[:2]
    key = single["key"]
    data = {
        "another question": {"question": key, f"choice-{key}": multiple["choices"][0]["key"]},
        "nonexistent": {"question": key, f"choice-{key}": "00000000"},
        "duplicate": {
            "question": multiple["key"],
            f"choice-{multiple['key']}": [multiple["choices"][0]["key"]] * 2,
        },
        "two for one": {
            "question": key,
            f"choice-{key}": [c["key"] for c in single["choices"][:2]],
        },
        "nothing": {},
    }[case]
    response = client.post(url(quiz, "answer", attempt.pk), {"number": 1, **data})
    assert response.status_code == 400
    assert thai in response.content.decode()
    assert not AttemptAnswer.objects.exists()


def test_bad_input_message_in_english(english, learner, quiz):
    attempt = start(english, quiz)
    key = attempt.questions[0]["key"]
    response = english.post(
        url(quiz, "answer", attempt.pk), {"number": 1, "question": key, f"choice-{key}": "zz"}
    )
    assert "That choice does not belong to this question." in response.content.decode()


def test_answering_after_submission_is_refused(client, learner, quiz):
    attempt = start(client, quiz)
    client.post(url(quiz, "submit", attempt.pk))
    response = choose(client, quiz, attempt, 1, answer_for(attempt.questions[0]))
    assert response.status_code == 409
    assert "ส่งคำตอบชุดนี้ไปแล้ว" in response.content.decode()
    assert not AttemptAnswer.objects.exists()
    # Screens of a submitted attempt lead to its result.
    response = client.get(url(quiz, "question", attempt.pk, 1))
    assert response["Location"] == url(quiz, "result", attempt.pk)


def test_double_submit_shows_the_one_result(client, learner, quiz):
    attempt = start(client, quiz)
    for number, question in enumerate(attempt.questions, start=1):
        choose(client, quiz, attempt, number, answer_for(question))
    first = client.post(url(quiz, "submit", attempt.pk))
    graded = QuizAttempt.objects.get(pk=attempt.pk)
    second = client.post(url(quiz, "submit", attempt.pk))
    assert second["Location"] == first["Location"] + "?again=1"
    html = client.get(second["Location"]).content.decode()
    assert "ส่งคำตอบชุดนี้ไปแล้ว" in html
    assert QuizAttempt.objects.get(pk=attempt.pk).submitted_at == graded.submitted_at


@pytest.mark.parametrize("name", ["attempt", "review", "result", "answer", "submit", "question"])
def test_other_learners_attempts_are_not_found(client, learner, quiz, name):
    other = make_user()
    attempt = quiz_attempt_start(user=other, quiz=quiz)
    args = (attempt.pk, 1) if name == "question" else (attempt.pk,)
    method = client.post if name in ("answer", "submit") else client.get
    data = {"question": attempt.questions[0]["key"]} if name == "answer" else {}
    assert method(url(quiz, name, *args), data).status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open
    assert not AttemptAnswer.objects.exists()


def test_starting_beyond_the_limit_is_refused(client, learner):
    quiz = make_quiz(make_course(lessons=0), max_attempts=1)
    attempt = start(client, quiz)
    client.post(url(quiz, "submit", attempt.pk))
    html = client.get(quiz.url).content.decode()
    assert "เหลือโอกาสทำ 0 ครั้ง" in html
    response = client.post(url(quiz, "start"))
    assert response.status_code == 403
    assert "คุณทำแบบทดสอบนี้ครบ 1 ครั้งแล้ว" in response.content.decode()
    assert QuizAttempt.objects.count() == 1


@pytest.mark.parametrize(
    ("show", "wrong", "revealed"),
    [
        (QuizPage.ShowAnswers.AFTER_EACH_ATTEMPT, 4, True),
        (QuizPage.ShowAnswers.AFTER_PASSING, 4, False),
        (QuizPage.ShowAnswers.AFTER_PASSING, 0, True),
        (QuizPage.ShowAnswers.NEVER, 0, False),
    ],
)
def test_result_shows_answers_as_the_quiz_says(client, learner, show, wrong, revealed):
    quiz = make_quiz(make_course(lessons=0), questions=4, show_answers=show)
    attempt = start(client, quiz)
    quiz_answers_save(user=learner, attempt=attempt, answers=answer_sheet(attempt, wrong=wrong))
    client.post(url(quiz, "submit", attempt.pk))
    html = client.get(url(quiz, "result", attempt.pk)).content.decode()
    assert (SECRET_EXPLANATION in html) is revealed
    assert ("ตั้งราคาจากต้นทุน" in html) is (revealed or wrong == 0)
    if revealed and wrong:
        assert SECRET_FEEDBACK in html  # feedback on the choices the learner picked


def test_history_lists_only_my_attempts(client, learner, quiz):
    mine = quiz_attempt_start(user=learner, quiz=quiz)
    quiz_attempt_submit(user=learner, attempt=mine)
    quiz_attempt_start(user=learner, quiz=quiz)
    other = make_user()
    theirs = quiz_attempt_submit(user=other, attempt=quiz_attempt_start(user=other, quiz=quiz))
    response = client.get(url(quiz, "attempts"))
    html = response.content.decode()
    assert url(quiz, "result", mine.pk) in html
    assert url(quiz, "result", theirs.pk) not in html
    assert "กำลังทำ" in html
    assert "no-store" in response["Cache-Control"]


def test_locked_quiz_explains_and_refuses_to_start(client, learner):
    course = make_course(lessons=1, sequential=True)
    quiz = make_quiz(course)
    lesson = lessons_of(course)[0]
    html = client.get(quiz.url).content.decode()
    assert f'href="{lesson.url}"' in html
    assert url(quiz, "start") not in html
    assert client.post(url(quiz, "start")).status_code == 403
    assert not QuizAttempt.objects.exists()
    lesson_complete(user=learner, lesson=lesson)
    assert client.post(url(quiz, "start")).status_code == 302


def test_start_needs_a_csrf_token(learner, quiz):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(learner)
    assert csrf_client.post(url(quiz, "start")).status_code == 403
    assert not QuizAttempt.objects.exists()


def test_editors_preview_shows_questions_and_answers(rf, superuser, quiz):
    request = rf.get("/")
    request.user = superuser
    response = quiz.make_preview_request(request)
    html = response.content.decode()
    assert "คำถามข้อ 1" in html
    assert SECRET_EXPLANATION in html
