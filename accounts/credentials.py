"""Temporary passwords and generated usernames for learners a coordinator registers."""

import re
import secrets

from anyascii import anyascii
from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password

# No 0/O, 1/l/I: a learner copies these from a printed card.
TEMPORARY_LETTERS = "abcdefghjkmnpqrstuvwxyz"
TEMPORARY_DIGITS = "23456789"

# Temporary passwords are random, used once and replaced at first sign-in (when Django
# stores the full-strength hash), so fewer PBKDF2 rounds let a coordinator register a
# whole class in seconds rather than minutes.
TEMPORARY_PASSWORD_ITERATIONS = 100_000

# Thai titles that start many full names; usernames are made from the given name after them.
HONORIFICS = ("เด็กหญิง", "เด็กชาย", "นางสาว", "น.ส.", "ด.ช.", "ด.ญ.", "นาง", "นาย", "คุณ")
USERNAME_MAX_LENGTH = 12
FALLBACK_USERNAME = "learner"


def temporary_password() -> str:
    """Four letters then four digits, for example ``kemu4827``."""
    letters = "".join(secrets.choice(TEMPORARY_LETTERS) for _ in range(4))
    digits = "".join(secrets.choice(TEMPORARY_DIGITS) for _ in range(4))
    return letters + digits


def hash_temporary_password(password: str) -> str:
    hasher = get_hasher()
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(password, hasher.salt(), iterations=TEMPORARY_PASSWORD_ITERATIONS)
    return make_password(password)


def username_base(display_name: str) -> str:
    """ASCII stem of a username from a (Thai) full name: ``นางสาวมาลี ศรีสุข`` -> ``mali``."""
    name = display_name.strip()
    for title in HONORIFICS:
        if name.startswith(title) and name[len(title) :].strip():
            name = name[len(title) :].strip()
            break
    given_name = name.split()[0] if name.split() else ""
    stem = re.sub(r"[^a-z0-9]", "", anyascii(given_name).lower())
    return stem[:USERNAME_MAX_LENGTH] or FALLBACK_USERNAME


def unique_username(base: str, taken: set[str]) -> str:
    """``base``, or ``base2``, ``base3``… whichever is not in ``taken`` (lower-case names)."""
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate
