"""Authentication backends: django-axes' lockout check and kiosk PIN sign-in."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from django.contrib.auth.hashers import make_password

from accounts.kiosk import kiosk_for_request
from accounts.selectors import learners, pin_sign_in_enabled


class LockoutBackend(AxesStandaloneBackend):
    """Refuses locked-out username and IP pairs before any other backend checks a password.

    Without a request there is no IP address to lock out; such sign-ins come from code
    (the test client, the shell), never from a browser, and pass through.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class KioskPinBackend(BaseBackend):
    """Signs a learner in with their PIN, only on an unrevoked kiosk of their community.

    Failures reach django-axes through ``user_login_failed`` like password failures, so the
    same username and IP lockout applies.
    """

    def authenticate(self, request, username=None, pin=None):
        if request is None or not username or not pin:
            return None
        kiosk = kiosk_for_request(request)
        if kiosk is None or not pin_sign_in_enabled(kiosk.community):
            return None
        user = (
            learners().filter(username=username, community=kiosk.community, is_active=True).first()
        )
        if user is None:
            # Spend the time a real check takes, so timing does not reveal who exists.
            make_password(pin)
            return None
        return user if user.check_pin(pin) else None

    def get_user(self, user_id):
        user = get_user_model()._default_manager.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None
