"""The signed cookie that marks a library computer as a registered kiosk."""

import uuid

from django.conf import settings

from accounts.models import Kiosk

COOKIE_NAME = "lms_kiosk"
COOKIE_SALT = "accounts.kiosk"
COOKIE_MAX_AGE = 2 * 365 * 24 * 60 * 60


def kiosk_for_request(request) -> Kiosk | None:
    """The unrevoked kiosk this computer's cookie names, or None. Cached on the request."""
    if not hasattr(request, "_lms_kiosk"):
        request._lms_kiosk = None
        token = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)
        try:
            token = uuid.UUID(token) if token else None
        except ValueError:
            token = None
        if token is not None:
            request._lms_kiosk = (
                Kiosk.objects.select_related("community")
                .filter(token=token, revoked_at__isnull=True)
                .first()
            )
    return request._lms_kiosk


def kiosk_cookie_set(response, kiosk: Kiosk) -> None:
    response.set_signed_cookie(
        COOKIE_NAME,
        str(kiosk.token),
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def kiosk_cookie_delete(response) -> None:
    response.delete_cookie(COOKIE_NAME, samesite="Lax")
