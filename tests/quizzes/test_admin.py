"""Experts edit, import and export quizzes; coordinators read attempts; nobody edits attempts."""

from pathlib import Path

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from communities.models import Community
from quizzes import gift, grading
from quizzes.models import QuizAttempt, QuizPage
from quizzes.services import quiz_attempt_start, quiz_attempt_submit
from tests.factories import make_course, make_user
from tests.quizzes.factories import make_quiz

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[2] / "quizzes" / "samples" / "sample_quiz.gift"


@pytest.fixture
def expert(client):
    user = make_user(username="expert1", groups=["Experts"])
    client.force_login(user)
    return user


@pytest.fixture
def quiz():
    return make_quiz(make_course(lessons=1), questions=2)


def import_url(quiz):
    return f"/admin/quizzes/{quiz.pk}/import-gift/"


def export_url(quiz):
    return f"/admin/quizzes/{quiz.pk}/export-gift/"


def upload(client, quiz, content: bytes, **data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        import_url(quiz),
        {"gift_file": SimpleUploadedFile("questions.gift", content), **data},
    )


def publish_draft(quiz):
    QuizPage.objects.get(pk=quiz.pk).get_latest_revision().publish()


def test_quiz_editor_offers_import_and_export(client, expert, quiz):
    html = client.get(f"/admin/pages/{quiz.pk}/edit/").content.decode()
    assert import_url(quiz) in html
    assert export_url(quiz) in html
    lesson_html = client.get(f"/admin/pages/{quiz.get_parent().pk}/edit/").content.decode()
    assert import_url(quiz) not in lesson_html


def test_import_adds_questions_to_a_draft_for_review(client, expert, quiz):
    response = upload(client, quiz, SAMPLE.read_bytes())
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{quiz.pk}/edit/"
    quiz.refresh_from_db()
    assert quiz.has_unpublished_changes
    # Learners still see the published two questions...
    assert quiz.questions.count() == 2
    draft = quiz.get_latest_revision_as_object()
    kinds = [q.kind for q in draft.questions.all()]
    assert len(kinds) == 2 + 7
    assert set(kinds) == {
        grading.SINGLE,
        grading.MULTIPLE,
        grading.TRUE_FALSE,
        grading.SHORT_ANSWER,
    }
    # ...until the expert publishes the draft.
    publish_draft(quiz)
    assert QuizPage.objects.get(pk=quiz.pk).questions.count() == 9
    edit = client.get(f"/admin/pages/{quiz.pk}/edit/")
    assert "ตั้งราคาจากต้นทุน" in edit.content.decode()  # the factory's question is still there


def test_import_can_replace_the_questions(client, expert, quiz):
    upload(client, quiz, "ข้อเดียว {T}".encode(), replace="on")
    publish_draft(quiz)
    assert [q.text for q in QuizPage.objects.get(pk=quiz.pk).questions.all()] == ["ข้อเดียว"]


def test_a_file_with_errors_imports_nothing_and_lists_each_line(client, expert, quiz):
    content = "ข้อดี {T}\n\nไม่มีคำตอบ\n\nตัวเลข {#5}\n".encode()
    response = upload(client, quiz, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "บรรทัดที่ 3:" in html
    assert "บรรทัดที่ 5:" in html
    assert "ยังไม่ได้นำเข้าคำถามใดเลย" in html
    quiz.refresh_from_db()
    assert quiz.latest_revision is None or not quiz.has_unpublished_changes
    assert len(quiz.get_latest_revision_as_object().questions.all()) == 2


def test_thai_windows_encoding_is_read(client, expert, quiz):
    upload(client, quiz, "สินค้าชุมชนขายออนไลน์ได้ {T}".encode("cp874"), replace="on")
    draft = QuizPage.objects.get(pk=quiz.pk).get_latest_revision_as_object()
    assert [q.text for q in draft.questions.all()] == ["สินค้าชุมชนขายออนไลน์ได้"]


def test_export_then_import_gives_the_same_questions(client, expert, quiz):
    upload(client, quiz, SAMPLE.read_bytes(), replace="on")
    publish_draft(quiz)
    response = client.get(export_url(quiz))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert f'filename="{quiz.slug}.gift"' in response["Content-Disposition"]
    exported = response.content.decode()
    before = [q.to_gift() for q in QuizPage.objects.get(pk=quiz.pk).questions.all()]
    assert before == gift.parse(SAMPLE.read_text(encoding="utf-8"))

    upload(client, quiz, exported.encode(), replace="on")
    publish_draft(quiz)
    after = [q.to_gift() for q in QuizPage.objects.get(pk=quiz.pk).questions.all()]
    assert after == before


@pytest.mark.parametrize("groups", [["Coordinators"], ["Learners"]])
def test_only_editors_import_and_export(client, quiz, groups):
    client.force_login(make_user(groups=groups))
    for address in (import_url(quiz), export_url(quiz)):
        response = client.get(address)
        assert response.status_code in (302, 403)
    assert QuizPage.objects.get(pk=quiz.pk).latest_revision is None


def test_experts_add_a_quiz_with_questions_in_the_admin(client, expert):
    course = make_course(lessons=0)
    data = nested_form_data(
        {
            "title": "แบบทดสอบก่อนเรียน",
            "slug": "",
            "intro": rich_text("<p>ลองทำดูก่อนนะ</p>"),
            "kind": "graded",
            "pass_mark": 70,
            "max_attempts": 0,
            "show_answers": "after_each_attempt",
            "layout": "one_per_screen",
            "questions": inline_formset(
                [
                    {
                        "kind": "single",
                        "text": "ราคาขายคิดจากอะไร",
                        "title": "",
                        "explanation": "ต้นทุนบวกกำไร",
                        "choices": inline_formset(
                            [
                                {"text": "ต้นทุนบวกกำไร", "is_correct": "on", "feedback": ""},
                                {"text": "ความรู้สึก", "feedback": ""},
                            ]
                        ),
                    }
                ]
            ),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/quizzes/quizpage/{course.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    quiz = QuizPage.objects.get(title="แบบทดสอบก่อนเรียน")
    assert quiz.live
    (question,) = quiz.questions.all()
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("ต้นทุนบวกกำไร", True),
        ("ความรู้สึก", False),
    ]


def _edit_data(quiz, **extra):
    return nested_form_data(
        {
            "title": quiz.title,
            "slug": quiz.slug,
            "intro": rich_text(""),
            "kind": "graded",
            "pass_mark": 70,
            "max_attempts": 0,
            "show_answers": "after_each_attempt",
            "layout": "one_per_screen",
            "questions": inline_formset(
                [
                    {
                        "kind": "single",
                        "text": "ไม่มีข้อถูก",
                        "title": "",
                        "explanation": "",
                        "choices": inline_formset(
                            [{"text": "ก", "feedback": ""}, {"text": "ข", "feedback": ""}]
                        ),
                    }
                ]
            ),
            "comments": inline_formset([]),
            **extra,
        }
    )


def test_publishing_refuses_a_question_without_a_right_answer(client, expert, quiz):
    response = client.post(
        f"/admin/pages/{quiz.pk}/edit/", _edit_data(quiz, **{"action-publish": "publish"})
    )
    assert response.status_code == 200
    assert "ทำเครื่องหมายตัวเลือกที่ถูกอย่างน้อยหนึ่งข้อ" in response.content.decode()
    assert QuizPage.objects.get(pk=quiz.pk).latest_revision is None
    assert QuizPage.objects.get(pk=quiz.pk).questions.count() == 2


def test_a_draft_may_hold_an_unfinished_question(client, expert, quiz):
    response = client.post(f"/admin/pages/{quiz.pk}/edit/", _edit_data(quiz))
    assert response.status_code == 302
    quiz = QuizPage.objects.get(pk=quiz.pk)
    assert quiz.has_unpublished_changes
    assert quiz.questions.count() == 2  # learners keep the published questions


# Attempts, read-only


@pytest.fixture
def attempts(quiz):
    north = Community.objects.create(name="วิสาหกิจชุมชนบ้านนา", province="uttaradit")
    south = Community.objects.create(name="กลุ่มแม่บ้านเกาะพะงัน", province="surat_thani")
    coordinator = make_user(username="coord", groups=["Coordinators"])
    north.coordinators.add(coordinator)
    result = {"coordinator": coordinator}
    for name, community in [("north", north), ("south", south)]:
        learner = make_user(username=f"learner_{name}", community=community)
        result[name] = quiz_attempt_submit(
            user=learner, attempt=quiz_attempt_start(user=learner, quiz=quiz)
        )
    return result


def test_coordinators_see_only_their_communities_attempts(client, attempts):
    client.force_login(attempts["coordinator"])
    response = client.get("/admin/quiz_attempts/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert str(attempts["north"].user) in html
    assert str(attempts["south"].user) not in html
    assert client.get(f"/admin/quiz_attempts/inspect/{attempts['north'].pk}/").status_code == 200
    assert client.get(f"/admin/quiz_attempts/inspect/{attempts['south'].pk}/").status_code == 404


def test_superusers_see_every_attempt_with_its_answers(client, superuser, attempts):
    client.force_login(superuser)
    html = client.get("/admin/quiz_attempts/").content.decode()
    assert str(attempts["north"].user) in html
    assert str(attempts["south"].user) in html
    inspect = client.get(f"/admin/quiz_attempts/inspect/{attempts['south'].pk}/").content.decode()
    assert "คำถามข้อ 1" in inspect
    assert "ยังไม่ได้ตอบ" in inspect


@pytest.mark.parametrize("action", ["new/", "edit/{pk}/", "delete/{pk}/"])
def test_nobody_edits_attempts(client, superuser, attempts, action):
    client.force_login(superuser)
    attempt = attempts["north"]
    response = client.get("/admin/quiz_attempts/" + action.format(pk=attempt.pk))
    assert response.status_code in (302, 403, 404)
    response = client.post("/admin/quiz_attempts/" + action.format(pk=attempt.pk), {})
    assert response.status_code in (302, 403, 404)
    assert QuizAttempt.objects.filter(pk=attempt.pk, score=attempt.score).exists()


def test_coordinators_export_only_their_communities_attempts(client, attempts):
    client.force_login(attempts["coordinator"])
    response = client.get("/admin/quiz_attempts/?export=csv")
    assert response.status_code == 200
    csv = b"".join(response.streaming_content).decode()
    assert str(attempts["north"].user) in csv
    assert str(attempts["south"].user) not in csv


@pytest.mark.parametrize("groups", [["Learners"], ["Experts"]])
def test_learners_and_experts_cannot_list_attempts(client, attempts, groups):
    client.force_login(make_user(groups=groups))
    response = client.get("/admin/quiz_attempts/")
    assert response.status_code in (302, 403)
