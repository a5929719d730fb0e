"""Writes for accounts. Views and forms call these; each validates before it saves."""

from dataclasses import dataclass

from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.credentials import (
    hash_temporary_password,
    temporary_password,
    unique_username,
    username_base,
)
from accounts.models import LEARNERS, DisplayNameChange, Kiosk, KioskSettings
from accounts.selectors import managed_learners
from accounts.validators import validate_line_id, validate_phone, validate_pin
from communities.models import Community

User = get_user_model()

MAX_BULK_ROWS = 200
DISPLAY_NAME_MAX_LENGTH = User._meta.get_field("display_name").max_length


@dataclass(frozen=True)
class LearnerRow:
    """One learner to register, as a coordinator pasted or uploaded it."""

    line: int
    display_name: str
    username: str = ""
    phone: str = ""


@dataclass(frozen=True)
class NewLearner:
    user: User
    temporary_password: str


def _require_coordinator(actor, community) -> None:
    if actor is None or not actor.is_authenticated or not actor.is_coordinator_of(community):
        raise PermissionDenied(_("You do not coordinate this community."))


def _check_contact(*, phone: str, line_id: str, contact_consent: bool) -> None:
    errors = []
    for value, validator in ((phone, validate_phone), (line_id, validate_line_id)):
        if value:
            try:
                validator(value)
            except ValidationError as error:
                errors.extend(error.messages)
    if (phone or line_id) and not contact_consent:
        errors.append(_("Tick the consent box to let us keep your phone number or LINE ID."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def learner_sign_up(
    *,
    username: str,
    display_name: str,
    community: Community,
    password: str,
    phone: str = "",
    line_id: str = "",
    contact_consent: bool = False,
) -> User:
    """A learner registers themself at the library: no email, contact details only by consent."""
    display_name = display_name.strip()
    if not display_name:
        raise ValidationError(_("Type your full name."))
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(User._meta.get_field("username").error_messages["unique"])
    _check_contact(phone=phone, line_id=line_id, contact_consent=contact_consent)
    user = User(
        username=username,
        display_name=display_name,
        community=community,
        phone=phone,
        line_id=line_id,
        contact_consent_at=timezone.now() if (phone or line_id) else None,
    )
    user.full_clean(exclude=["password"])
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=LEARNERS))
    return user


def _check_rows(rows: list[LearnerRow], *, contact_consent: bool) -> list[str]:
    """Every problem in ``rows``, each message naming its line."""
    errors: list[str] = []

    def error(row: LearnerRow, message: str) -> None:
        errors.append(_("Line %(line)s: %(message)s") % {"line": row.line, "message": message})

    if not rows:
        return [_("Type at least one name, or choose a CSV file.")]
    if len(rows) > MAX_BULK_ROWS:
        return [
            _("At most %(max)s learners at a time; this list has %(count)s.")
            % {"max": MAX_BULK_ROWS, "count": len(rows)}
        ]
    given = Q()
    for row in rows:
        if row.username:
            given |= Q(username__iexact=row.username)
    taken = set()
    if given:
        taken = {
            name.lower() for name in User.objects.filter(given).values_list("username", flat=True)
        }
    first_line: dict[str, int] = {}
    username_validator = ASCIIUsernameValidator()
    for row in rows:
        if not row.display_name:
            error(row, _("the name is empty."))
        elif len(row.display_name) > DISPLAY_NAME_MAX_LENGTH:
            error(
                row,
                _("the name is longer than %(max)s characters.") % {"max": DISPLAY_NAME_MAX_LENGTH},
            )
        if row.username:
            key = row.username.lower()
            try:
                username_validator(row.username)
            except ValidationError:
                error(
                    row,
                    _("“%(username)s” is not a valid username: use English letters and digits.")
                    % {"username": row.username},
                )
            if len(row.username) > 150:
                error(row, _("the username is too long."))
            if key in taken:
                error(
                    row,
                    _("the username “%(username)s” is already taken.") % {"username": row.username},
                )
            elif key in first_line:
                error(
                    row,
                    _("the username “%(username)s” is also on line %(other)s.")
                    % {"username": row.username, "other": first_line[key]},
                )
            first_line.setdefault(key, row.line)
        if row.phone:
            try:
                validate_phone(row.phone)
            except ValidationError as problem:
                error(row, problem.messages[0])
    if any(row.phone for row in rows) and not contact_consent:
        errors.append(
            _(
                "Some rows have phone numbers: tick the box to confirm these learners agreed "
                "that we keep them, or remove the numbers."
            )
        )
    return errors


def _generated_usernames(rows: list[LearnerRow]) -> list[str]:
    """The username of each row: the one given, or one made from the name."""
    bases = {row.line: username_base(row.display_name) for row in rows if not row.username}
    query = Q()
    for base in set(bases.values()):
        query |= Q(username__istartswith=base)
    taken = {row.username.lower() for row in rows if row.username}
    if bases:
        taken |= {
            name.lower() for name in User.objects.filter(query).values_list("username", flat=True)
        }
    usernames = []
    for row in rows:
        if row.username:
            usernames.append(row.username)
            continue
        username = unique_username(bases[row.line], taken)
        taken.add(username.lower())
        usernames.append(username)
    return usernames


@transaction.atomic
def learners_bulk_create(
    *,
    community: Community,
    rows: list[LearnerRow],
    created_by,
    contact_consent: bool = False,
) -> list[NewLearner]:
    """Register a list of learners in ``community``, all or none.

    Each gets a temporary password, returned here once and never stored readable, and
    must choose their own password at first sign-in.
    """
    _require_coordinator(created_by, community)
    errors = _check_rows(rows, contact_consent=contact_consent)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    learners_group = Group.objects.get(name=LEARNERS)
    created = []
    for row, username in zip(rows, _generated_usernames(rows), strict=True):
        password = temporary_password()
        user = User(
            username=username,
            display_name=row.display_name,
            phone=row.phone,
            contact_consent_at=now if row.phone else None,
            community=community,
            must_change_password=True,
            password=hash_temporary_password(password),
        )
        created.append(NewLearner(user=user, temporary_password=password))
    User.objects.bulk_create([item.user for item in created])
    learners_group.user_set.add(*[item.user for item in created])
    return created


@transaction.atomic
def password_reset_by_coordinator(*, learner: User, coordinator) -> str:
    """Give a learner a temporary password (returned once); they choose a new one at sign-in.

    Also lifts a sign-in lockout on the learner's name: the coordinator has just
    checked who they are.
    """
    if not managed_learners(coordinator).filter(pk=learner.pk).exists():
        raise PermissionDenied(_("You can only reset passwords of your own community's learners."))
    password = temporary_password()
    learner.password = hash_temporary_password(password)
    learner.must_change_password = True
    learner.save(update_fields=["password", "must_change_password"])
    AxesProxyHandler.reset_attempts(username=learner.username)
    return password


@transaction.atomic
def password_change(*, user: User, new_password: str) -> None:
    """The person chose a new password; any temporary one stops working."""
    password_validation.validate_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])


@transaction.atomic
def display_name_change(*, user: User, new_name: str, changed_by) -> DisplayNameChange | None:
    """Rename ``user`` and log who did it; no log entry when nothing changes."""
    new_name = new_name.strip()
    if not new_name:
        raise ValidationError(_("Type your full name."))
    if len(new_name) > DISPLAY_NAME_MAX_LENGTH:
        raise ValidationError(
            _("The name is longer than %(max)s characters.") % {"max": DISPLAY_NAME_MAX_LENGTH}
        )
    if changed_by.pk != user.pk and not changed_by.is_superuser:
        raise PermissionDenied
    old_name = user.display_name
    if new_name == old_name:
        return None
    user.display_name = new_name
    user.save(update_fields=["display_name"])
    return DisplayNameChange.objects.create(
        user=user, old_name=old_name, new_name=new_name, changed_by=changed_by
    )


@transaction.atomic
def pin_set(*, user: User, pin: str) -> None:
    validate_pin(pin)
    user.pin_hash = make_password(pin)
    user.save(update_fields=["pin_hash"])


@transaction.atomic
def pin_clear(*, user: User) -> None:
    user.pin_hash = ""
    user.save(update_fields=["pin_hash"])


@transaction.atomic
def kiosk_register(*, community: Community, name: str, registered_by) -> Kiosk:
    _require_coordinator(registered_by, community)
    name = name.strip()
    if not name:
        raise ValidationError(_("Give this computer a name."))
    return Kiosk.objects.create(community=community, name=name, registered_by=registered_by)


@transaction.atomic
def kiosk_revoke(*, kiosk: Kiosk, revoked_by) -> Kiosk:
    """Stop PIN sign-in on ``kiosk`` for good; repeating it changes nothing."""
    if not (revoked_by.is_superuser or revoked_by.is_coordinator_of(kiosk.community)):
        raise PermissionDenied
    if kiosk.revoked_at is None:
        kiosk.revoked_at = timezone.now()
        kiosk.save(update_fields=["revoked_at"])
    return kiosk


@transaction.atomic
def kiosk_settings_update(
    *, community: Community, pin_sign_in_enabled: bool, changed_by
) -> KioskSettings:
    _require_coordinator(changed_by, community)
    kiosk_settings, _created = KioskSettings.objects.update_or_create(
        community=community, defaults={"pin_sign_in_enabled": pin_sign_in_enabled}
    )
    return kiosk_settings
