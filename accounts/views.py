"""Sign-in and account pages for learners; learner management for coordinators."""

import math
from functools import wraps

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.forms import (
    BulkLearnersForm,
    DisplayNameForm,
    KioskRegisterForm,
    KioskSettingsForm,
    PasswordChangeForm,
    PasswordSetForm,
    PinForm,
    PinSignInForm,
    SignInForm,
    SignUpForm,
)
from accounts.kiosk import kiosk_cookie_delete, kiosk_cookie_set, kiosk_for_request
from accounts.middleware import session_touch
from accounts.models import COORDINATORS
from accounts.selectors import (
    community_learners,
    coordinated_communities,
    coordinated_communities_with_counts,
    kiosk_learners,
    managed_learners,
    pin_sign_in_enabled,
)
from accounts.services import (
    display_name_change,
    kiosk_register,
    kiosk_revoke,
    kiosk_settings_update,
    learner_sign_up,
    learners_bulk_create,
    password_change,
    password_reset_by_coordinator,
    pin_clear,
    pin_set,
)

# Temporary passwords wait here between the POST that makes them and the one page that
# shows them; reading the page removes them.
LOGIN_CARDS_KEY = "lms_login_cards"


def _next_url(request, default: str) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


# Signing in and out


class SignInView(auth_views.LoginView):
    """Username and password; on a registered kiosk also the community's name buttons."""

    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kiosk = kiosk_for_request(self.request)
        if kiosk is not None and pin_sign_in_enabled(kiosk.community):
            context["kiosk"] = kiosk
            context["kiosk_learners"] = kiosk_learners(kiosk.community)
        return context


@never_cache
@sensitive_post_parameters("pin")
def kiosk_pin_sign_in(request, user_id):
    """A learner picked their name on a kiosk and types their PIN."""
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    kiosk = kiosk_for_request(request)
    if kiosk is None or not pin_sign_in_enabled(kiosk.community):
        return render(request, "accounts/kiosk_required.html", status=403)
    learner = get_object_or_404(kiosk_learners(kiosk.community), pk=user_id)
    form = PinSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Through authenticate() so that django-axes counts failures and lockouts.
        user = authenticate(request, username=learner.username, pin=form.cleaned_data["pin"])
        if user is not None:
            login(request, user)
            return redirect(_next_url(request, settings.LOGIN_REDIRECT_URL))
        form.add_error("pin", _("This PIN is not right. Please try again."))
    return render(
        request,
        "accounts/kiosk_pin.html",
        {"form": form, "learner": learner, "kiosk": kiosk, "next": _next_url(request, "")},
    )


def lockout(request, original_response=None, credentials=None):
    """django-axes' response when a username and IP pair is locked out (AXES_LOCKOUT_CALLABLE)."""
    username = get_client_username(request, credentials) or ""
    last_failure = AccessAttempt.objects.filter(
        username=username, ip_address=getattr(request, "axes_ip_address", None)
    ).aggregate(last=Max("attempt_time"))["last"]
    try_again_at = (last_failure or timezone.now()) + get_cool_off(request)
    minutes = max(1, math.ceil((try_again_at - timezone.now()).total_seconds() / 60))
    response = render(
        request,
        "accounts/lockout.html",
        {
            "username": username,
            "try_again_at": try_again_at,
            "minutes": minutes,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
        },
        status=429,
    )
    add_never_cache_headers(response)
    return response


@never_cache
@sensitive_post_parameters("password1", "password2")
def sign_up(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = learner_sign_up(
                username=data["username"],
                display_name=data["display_name"],
                community=data["community"],
                password=data["password1"],
                phone=data["phone"],
                line_id=data["line_id"],
                contact_consent=data["contact_consent"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect("accounts:profile")
    return render(request, "accounts/sign_up.html", {"form": form})


@require_POST
def keep_alive(request):
    """Answers the "stay signed in" button; any request resets the idle clock."""
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not request.user.is_authenticated:
        if wants_json:
            return JsonResponse({"signed_in": False}, status=401)
        return redirect_to_login(_next_url(request, "/"))
    seconds_left = session_touch(request)
    if wants_json:
        return JsonResponse({"signed_in": True, "seconds_left": seconds_left})
    return redirect(_next_url(request, "/"))


# The learner's own account


@login_required
def profile(request):
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "is_coordinator": _is_coordinator(user),
            "pin_sign_in_enabled": user.community is not None
            and pin_sign_in_enabled(user.community),
        },
    )


@login_required
def display_name_edit(request):
    form = DisplayNameForm(
        request.POST or None, initial={"display_name": request.user.display_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            display_name_change(
                user=request.user,
                new_name=form.cleaned_data["display_name"],
                changed_by=request.user,
            )
        except ValidationError as error:
            form.add_error("display_name", error)
        else:
            messages.success(request, _("Your name is saved."))
            return redirect("accounts:profile")
    return render(request, "accounts/display_name_form.html", {"form": form})


@login_required
@sensitive_post_parameters()
def password_change_view(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_change(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your new password is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@sensitive_post_parameters()
def password_set(request):
    """Choosing one's own password after signing in with a temporary one."""
    if not request.user.must_change_password:
        return redirect("accounts:password_change")
    form = PasswordSetForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_change(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your new password is saved. Use it from now on."))
        return redirect(_next_url(request, settings.LOGIN_REDIRECT_URL))
    return render(
        request, "accounts/password_set.html", {"form": form, "next": _next_url(request, "")}
    )


@login_required
@sensitive_post_parameters()
def pin_edit(request):
    form = PinForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        pin_set(user=request.user, pin=form.cleaned_data["pin"])
        messages.success(request, _("Your PIN is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/pin_form.html", {"form": form})


@login_required
@require_POST
def pin_remove(request):
    pin_clear(user=request.user)
    messages.success(request, _("Your PIN is removed."))
    return redirect("accounts:profile")


# Coordinators


def _is_coordinator(user) -> bool:
    return user.is_superuser or (
        user.groups.filter(name=COORDINATORS).exists() or coordinated_communities(user).exists()
    )


def coordinator_required(view):
    """Signed in, and a coordinator (or staff administrator); objects are checked in the view."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not _is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _stash_login_cards(request, community, people) -> None:
    """Keep temporary passwords for the one page that prints them."""
    request.session[LOGIN_CARDS_KEY] = {
        "community": community.pk,
        "cards": [
            {"display_name": name, "username": username, "password": password}
            for name, username, password in people
        ],
    }


@coordinator_required
def coordinator_home(request):
    return render(
        request,
        "accounts/coordinator_home.html",
        {"communities": coordinated_communities_with_counts(request.user).order_by("name")},
    )


@coordinator_required
def community_learner_list(request, community_id):
    community = get_object_or_404(coordinated_communities(request.user), pk=community_id)
    return render(
        request,
        "accounts/community_learners.html",
        {"community": community, "learners": community_learners(community)},
    )


@coordinator_required
def learners_add(request, community_id):
    community = get_object_or_404(coordinated_communities(request.user), pk=community_id)
    form = BulkLearnersForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = learners_bulk_create(
                community=community,
                rows=form.rows,
                created_by=request.user,
                contact_consent=form.cleaned_data["contact_consent"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _stash_login_cards(
                request,
                community,
                [
                    (item.user.display_name, item.user.username, item.temporary_password)
                    for item in created
                ],
            )
            return redirect("accounts:login_cards", community_id=community.pk)
    return render(request, "accounts/learners_add.html", {"community": community, "form": form})


@coordinator_required
def login_cards(request, community_id):
    """The printable sheet of login cards, shown once."""
    community = get_object_or_404(coordinated_communities(request.user), pk=community_id)
    stash = request.session.get(LOGIN_CARDS_KEY)
    cards = []
    if stash and stash["community"] == community.pk:
        cards = stash["cards"]
        del request.session[LOGIN_CARDS_KEY]
    return render(
        request,
        "accounts/login_cards.html",
        {"community": community, "cards": cards, "site_address": request.get_host()},
    )


@coordinator_required
def learner_password_reset(request, user_id):
    learner = get_object_or_404(
        managed_learners(request.user).select_related("community"), pk=user_id
    )
    if request.method == "POST":
        password = password_reset_by_coordinator(learner=learner, coordinator=request.user)
        _stash_login_cards(
            request, learner.community, [(learner.display_name, learner.username, password)]
        )
        return redirect("accounts:login_cards", community_id=learner.community_id)
    return render(request, "accounts/learner_password_reset.html", {"learner": learner})


@coordinator_required
def community_kiosk(request, community_id):
    """Register this computer as a kiosk for the community, and switch PIN sign-in."""
    community = get_object_or_404(coordinated_communities(request.user), pk=community_id)
    form = KioskRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kiosk = kiosk_register(
            community=community, name=form.cleaned_data["name"], registered_by=request.user
        )
        # The coordinator leaves the computer ready for learners.
        logout(request)
        messages.success(
            request,
            _("This computer is now a sign-in kiosk for %(community)s.")
            % {"community": community.name},
        )
        response = redirect("accounts:login")
        kiosk_cookie_set(response, kiosk)
        return response
    return render(
        request,
        "accounts/community_kiosk.html",
        {
            "community": community,
            "form": form,
            "settings_form": KioskSettingsForm(
                initial={"pin_sign_in_enabled": pin_sign_in_enabled(community)}
            ),
            "this_kiosk": kiosk_for_request(request),
            "kiosks": community.kiosks.filter(revoked_at__isnull=True),
        },
    )


@coordinator_required
@require_POST
def kiosk_settings(request, community_id):
    community = get_object_or_404(coordinated_communities(request.user), pk=community_id)
    form = KioskSettingsForm(request.POST)
    if form.is_valid():
        kiosk_settings_update(
            community=community,
            pin_sign_in_enabled=form.cleaned_data["pin_sign_in_enabled"],
            changed_by=request.user,
        )
        messages.success(request, _("Kiosk settings saved."))
    return redirect("accounts:community_kiosk", community_id=community.pk)


@coordinator_required
@require_POST
def kiosk_unregister(request):
    """Stop using this computer as a kiosk: revoke it and forget the cookie."""
    kiosk = kiosk_for_request(request)
    if kiosk is not None:
        kiosk_revoke(kiosk=kiosk, revoked_by=request.user)
        messages.success(request, _("This computer is no longer a sign-in kiosk."))
    response = redirect(reverse("accounts:coordinator"))
    kiosk_cookie_delete(response)
    return response
