"""Learners read Django's own form and password messages in Thai.

Django's Thai catalogue lacks them, so the accounts catalogue carries them; a msgid that
drifts from Django's source string silently stops working, hence the first test.
"""

import ast
from pathlib import Path

import django
import polib
import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.forms import SignUpForm
from tests.accounts.factories import make_community
from tests.factories import make_user

BASE_DIR = Path(__file__).parents[2]
ACCOUNTS_TH = BASE_DIR / "accounts/locale/th/LC_MESSAGES/django.po"
DJANGO_DIR = Path(django.__file__).parent


def _django_msgids() -> set[str]:
    msgids = set()
    for path in [
        DJANGO_DIR / "conf/locale/en/LC_MESSAGES/django.po",
        DJANGO_DIR / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    ]:
        msgids |= {entry.msgid for entry in polib.pofile(str(path))}
    return msgids


def _repeated_msgids() -> list[str]:
    """The singular strings passed to gettext_noop/ngettext_lazy in accounts/django_messages.py."""
    tree = ast.parse((BASE_DIR / "accounts/django_messages.py").read_text())
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") in {"gettext_noop", "ngettext_lazy"}
    ]


def test_every_repeated_django_message_matches_a_django_source_string():
    repeated = _repeated_msgids()
    assert len(repeated) >= 20
    assert set(repeated) - _django_msgids() == set()


def test_every_repeated_django_message_has_a_thai_translation():
    thai = {entry.msgid: entry for entry in polib.pofile(str(ACCOUNTS_TH))}
    for msgid in _repeated_msgids():
        assert thai[msgid].translated(), msgid


@pytest.mark.parametrize(
    ("password", "thai"),
    [
        ("xk4", "รหัสผ่านนี้สั้นเกินไป ต้องมีอย่างน้อย 8 ตัวอักษร"),
        ("password123", "รหัสผ่านนี้มีคนใช้กันมากจนเดาได้ง่าย"),
        ("48613579", "รหัสผ่านนี้เป็นตัวเลขล้วน"),
        ("malisrisuk", "รหัสผ่านคล้ายกับชื่อผู้ใช้มากเกินไป"),
    ],
)
@pytest.mark.django_db
def test_password_validators_speak_thai(password, thai):
    user = make_user(username="malisrisuk")
    with translation.override("th"), pytest.raises(ValidationError) as error:
        password_validation.validate_password(password, user)
    assert thai in error.value.messages


@pytest.mark.django_db
def test_sign_up_page_shows_thai_errors_for_weak_password_and_taken_username(thai):
    make_user(username="mali")
    community = make_community()
    response = thai.post(
        "/accounts/sign-up/",
        {
            "username": "Mali",
            "display_name": "มาลี ศรีสุข",
            "community": community.pk,
            "password1": "12345678",
            "password2": "12345679",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "ชื่อผู้ใช้นี้มีคนใช้แล้ว กรุณาเลือกชื่ออื่น" in page
    assert "รหัสผ่านสองช่องไม่ตรงกัน" in page

    response = thai.post(
        "/accounts/sign-up/",
        {
            "username": "somchai",
            "display_name": "สมชาย",
            "community": community.pk,
            "password1": "12345678",
            "password2": "12345678",
        },
    )
    page = response.content.decode()
    assert "รหัสผ่านนี้มีคนใช้กันมากจนเดาได้ง่าย" in page
    assert "รหัสผ่านนี้เป็นตัวเลขล้วน" in page


@pytest.mark.django_db
def test_required_field_and_wrong_password_messages_are_thai(thai):
    response = thai.post("/accounts/login/", {"username": "nobody", "password": "wrong-password"})
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
    with translation.override("th"):
        form = SignUpForm(data={})
        assert not form.is_valid()
        assert form.errors["username"] == ["กรุณากรอกช่องนี้"]
