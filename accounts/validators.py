"""Checks for the contact details and PINs that learners type."""

import re
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PHONE_RE = re.compile(r"^\+?[0-9][0-9 -]*[0-9]$")
LINE_ID_RE = re.compile(r"^@?[a-z0-9._-]{3,20}$")
PIN_RE = re.compile(r"^[0-9]{4,6}$")


def validate_phone(value: str) -> None:
    digits = re.sub(r"\D", "", value)
    if not PHONE_RE.match(value) or not 9 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a phone number of 9 to 15 digits, for example 081-234-5678."),
            code="invalid_phone",
        )


def validate_line_id(value: str) -> None:
    if not LINE_ID_RE.match(value):
        raise ValidationError(
            _("A LINE ID has 3 to 20 small English letters, digits, dots, dashes or underscores."),
            code="invalid_line_id",
        )


def validate_pin(value: str) -> None:
    """4 to 6 digits, and not one a stranger would try first (1234, 0000, 9876…)."""
    if not PIN_RE.match(value):
        raise ValidationError(_("A PIN is 4 to 6 digits."), code="invalid_pin")
    steps = {int(b) - int(a) for a, b in pairwise(value)}
    if steps in ({0}, {1}, {-1}):
        raise ValidationError(
            _("This PIN is too easy to guess. Avoid repeated digits and runs like 1234."),
            code="weak_pin",
        )
