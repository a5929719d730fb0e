"""Safety on shared library computers: session limits, forced password change, no caching."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _

SIGNED_IN_AT = "lms_signed_in_at"
LAST_SEEN = "lms_last_seen"
# Writing the session on every request costs a database write; a few seconds of slack
# in the idle clock does not matter.
LAST_SEEN_RESOLUTION = 15


def session_start(sender, request, user, **kwargs) -> None:
    """Start both clocks at sign-in (connected to ``user_logged_in`` in apps.py)."""
    if hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now


def idle_timeout() -> int:
    return settings.LMS_IDLE_TIMEOUT_SECONDS


def session_max_age() -> int:
    return settings.LMS_SESSION_MAX_SECONDS


def session_touch(request) -> int:
    """Reset the idle clock now; return the seconds left before either limit."""
    now = int(time.time())
    request.session[LAST_SEEN] = now
    signed_in_at = request.session.setdefault(SIGNED_IN_AT, now)
    return min(idle_timeout(), signed_in_at + session_max_age() - now)


class SessionTimeoutMiddleware:
    """Signs a person out after ``LMS_IDLE_TIMEOUT_SECONDS`` without a request and after
    ``LMS_SESSION_MAX_SECONDS`` in all, whatever the browser does.

    Sets ``request.session_seconds_left`` for the idle warning.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request):
        now = int(time.time())
        session = request.session
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_seen = session.get(LAST_SEEN, now)
        if now - last_seen >= idle_timeout():
            return self.sign_out(
                request,
                _("You were signed out after %(minutes)s minutes without activity.")
                % {"minutes": idle_timeout() // 60},
            )
        if now - signed_in_at >= session_max_age():
            return self.sign_out(
                request,
                _("You were signed out after %(hours)s hours. Please sign in again.")
                % {"hours": session_max_age() // 3600},
            )
        if LAST_SEEN not in session or now - last_seen >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN] = last_seen = now
        request.session_seconds_left = min(
            last_seen + idle_timeout() - now, signed_in_at + session_max_age() - now
        )
        return None

    def sign_out(self, request, message):
        logout(request)
        messages.info(request, message)
        login_url = reverse(settings.LOGIN_URL)
        if request.path in (login_url, reverse("accounts:keep_alive")):
            return None
        if request.method == "GET":
            return redirect_to_login(request.get_full_path(), login_url)
        return redirect(login_url)


class PasswordChangeRequiredMiddleware:
    """Until a learner replaces a temporary password, every page leads to choosing one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.must_change_password and not self.allowed(request):
            url = reverse("accounts:password_set")
            if request.method == "GET":
                url += "?" + urlencode({"next": request.get_full_path()})
            return redirect(url)
        return self.get_response(request)

    def allowed(self, request) -> bool:
        allowed_paths = {
            reverse("accounts:password_set"),
            reverse("accounts:logout"),
            reverse("accounts:keep_alive"),
            reverse("set_language"),
        }
        return request.path in allowed_paths or request.path.startswith(
            (settings.STATIC_URL, settings.MEDIA_URL)
        )


class NoStoreWhenSignedInMiddleware:
    """Nothing shown to a signed-in person is kept by the browser or a proxy, so the Back
    button after signing out shows no personal page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
