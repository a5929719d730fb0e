import pytest

from accounts.credentials import (
    TEMPORARY_DIGITS,
    TEMPORARY_LETTERS,
    temporary_password,
    unique_username,
    username_base,
)


def test_temporary_passwords_avoid_characters_that_look_alike():
    passwords = {temporary_password() for _ in range(200)}
    assert len(passwords) == 200
    for password in passwords:
        assert len(password) == 8
        assert set(password[:4]) <= set(TEMPORARY_LETTERS)
        assert set(password[4:]) <= set(TEMPORARY_DIGITS)
        assert not set(password) & set("0O1lI")


@pytest.mark.parametrize(
    ("name", "username"),
    [
        ("นางสาวมาลี ศรีสุข", "mali"),
        ("นายสมชาย ทองดี", "smchay"),
        ("น.ส. วิภา ใจงาม", "wipha"),
        ("Jane Doe", "jane"),
        ("!!!", "learner"),
        ("นาย", "nay"),
    ],
)
def test_username_base_is_ascii_from_the_given_name(name, username):
    assert username_base(name) == username


def test_unique_username_counts_up_ignoring_case():
    assert unique_username("mali", set()) == "mali"
    assert unique_username("mali", {"mali", "mali2"}) == "mali3"
