"""Contact channels buyers use: Facebook Page, LINE Official Account, phone.

Validators keep typos out of published pages; helpers build the links buyers tap.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FACEBOOK_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "fb.com", "fb.me"}
# LINE IDs: lowercase letters, digits, dot, dash, underscore; OA basic IDs start with "@".
LINE_ID_RE = re.compile(r"^@?[a-z0-9._-]{2,30}$")
# Thai numbers as people type them: 0812345678, 081-234-5678, +66 81 234 5678.
PHONE_RE = re.compile(r"^\+?[0-9][0-9 -]{7,18}[0-9]$")


def validate_facebook_url(value: str) -> None:
    host = (urlsplit(value).hostname or "").lower()
    if host not in FACEBOOK_HOSTS:
        raise ValidationError(
            _("Enter the address of a Facebook Page, starting with https://www.facebook.com/"),
            code="not_facebook",
        )


def validate_line_id(value: str) -> None:
    if not LINE_ID_RE.match(value.strip().lower()):
        raise ValidationError(
            _("Enter a LINE ID such as @laplaefood: letters, digits, dot, dash or underscore."),
            code="invalid_line_id",
        )


def validate_phone(value: str) -> None:
    if not PHONE_RE.match(value.strip()):
        raise ValidationError(_("Enter a phone number such as 081-234-5678."), code="invalid_phone")


def line_add_friend_url(line_id: str) -> str:
    """The link that opens LINE on a phone and offers to add the account as a friend."""
    line_id = line_id.strip().lower()
    if not line_id:
        return ""
    if line_id.startswith("@"):
        return "https://line.me/R/ti/p/" + quote(line_id, safe="")
    return "https://line.me/ti/p/~" + quote(line_id, safe="")


def tel_url(phone: str) -> str:
    digits = re.sub(r"[^0-9+]", "", phone or "")
    return f"tel:{digits}" if digits else ""


@dataclass(frozen=True)
class ContactChannels:
    """How a buyer reaches a community or orders one of its products."""

    facebook_url: str = ""
    line_id: str = ""
    phone: str = ""
    how_to_buy: str = ""

    @property
    def line_url(self) -> str:
        return line_add_friend_url(self.line_id)

    @property
    def line_display(self) -> str:
        return self.line_id.strip()

    @property
    def phone_url(self) -> str:
        return tel_url(self.phone)

    def __bool__(self) -> bool:
        return any((self.facebook_url, self.line_id, self.phone, self.how_to_buy))
