"""Writes to sales and consent records. Views, forms and the admin call these.

Each function checks that the acting user coordinates the community concerned and
validates everything before it saves; on any problem it raises with a translated
message and saves nothing.
"""

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities.models import (
    Community,
    CommunityPerson,
    ConsentMethod,
    ConsentRecord,
    ConsentScope,
    ProductPage,
    SaleChannel,
    SaleRecord,
    SaleRecordChange,
    SalesCampaign,
)
from home.dates import format_date


def check_coordinator(user, community: Community) -> None:
    """Raise ``PermissionDenied`` with a clear message unless ``user`` coordinates ``community``."""
    if user is None or not user.is_authenticated or not user.is_coordinator_of(community):
        raise PermissionDenied(
            _("Only the coordinators of %(community)s can record or change its sales.")
            % {"community": community.name}
        )


def sale_validate(
    *,
    campaign: SalesCampaign,
    product: ProductPage | None,
    sold_on: datetime.date | None,
    quantity: int | None,
    channel: str,
    amount_baht: Decimal | None = None,
) -> None:
    """Raise a ``ValidationError`` keyed by field for anything wrong with a sale."""
    errors = {}
    if quantity is None or quantity < 1:
        errors["quantity"] = _("Enter how many units were sold: 1 or more.")
    if sold_on is None:
        errors["sold_on"] = _("Enter the date of the sale.")
    elif not campaign.contains(sold_on):
        errors["sold_on"] = _("Choose a date within the campaign: %(start)s to %(end)s.") % {
            "start": format_date(campaign.start_date),
            "end": format_date(campaign.end_date),
        }
    elif sold_on > timezone.localdate():
        errors["sold_on"] = _("A sale cannot be recorded for a day that has not come yet.")
    if channel not in SaleChannel.values:
        errors["channel"] = _("Choose where the units were sold.")
    if amount_baht is not None and amount_baht < 0:
        errors["amount_baht"] = _("The amount cannot be negative.")
    if product is None or product.community_id != campaign.community_id:
        errors["product"] = _("Choose one of the products of %(community)s.") % {
            "community": campaign.community.name
        }
    if errors:
        raise ValidationError(errors)


def _sale_snapshot(sale: SaleRecord) -> dict:
    return {
        "product": sale.product.title,
        "product_id": sale.product_id,
        "sold_on": sale.sold_on.isoformat(),
        "quantity": sale.quantity,
        "channel": sale.channel,
        "amount_baht": None if sale.amount_baht is None else str(sale.amount_baht),
        "note": sale.note,
    }


@transaction.atomic
def sale_record(
    *,
    campaign: SalesCampaign,
    product: ProductPage | None,
    sold_on: datetime.date | None,
    quantity: int | None,
    channel: str,
    recorded_by,
    amount_baht: Decimal | None = None,
    note: str = "",
    submission_key: uuid.UUID | None = None,
) -> SaleRecord:
    """Record a sale. The same ``submission_key`` twice records it once."""
    check_coordinator(recorded_by, campaign.community)
    if submission_key is not None:
        existing = SaleRecord.objects.filter(
            submission_key=submission_key, campaign=campaign
        ).first()
        if existing is not None:
            return existing
    sale_validate(
        campaign=campaign,
        product=product,
        sold_on=sold_on,
        quantity=quantity,
        channel=channel,
        amount_baht=amount_baht,
    )
    now = timezone.now()
    sale = SaleRecord(
        campaign=campaign,
        product=product,
        sold_on=sold_on,
        quantity=quantity,
        channel=channel,
        amount_baht=amount_baht,
        note=note.strip(),
        recorded_by=recorded_by,
        recorded_at=now,
        updated_at=now,
        submission_key=submission_key,
    )
    try:
        with transaction.atomic():
            sale.save()
    except IntegrityError:
        # A concurrent double submit won the race; return what it recorded.
        if submission_key is None:
            raise
        return SaleRecord.objects.get(submission_key=submission_key)
    SaleRecordChange.objects.create(
        sale=sale,
        action=SaleRecordChange.Action.CREATED,
        changed_by=recorded_by,
        changed_at=now,
        new_values=_sale_snapshot(sale),
    )
    return sale


def _lock_sale(sale: SaleRecord) -> SaleRecord:
    return (
        SaleRecord.objects.select_for_update(of=("self",))
        .select_related("campaign__community", "product")
        .get(pk=sale.pk)
    )


def _check_version(sale: SaleRecord, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != sale.version:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Someone else changed this sale record while you were editing it. "
                    "Check the values now saved and make your change again."
                )
            },
            code="stale",
        )


@transaction.atomic
def sale_update(
    *,
    sale: SaleRecord,
    product: ProductPage | None,
    sold_on: datetime.date | None,
    quantity: int | None,
    channel: str,
    changed_by,
    amount_baht: Decimal | None = None,
    note: str = "",
    expected_version: int | None = None,
    reason: str = "",
) -> SaleRecord:
    """Change a sale record, keeping the old and new values in its history.

    ``expected_version`` is the version the editor saw: if someone saved in between,
    nothing is overwritten and the editor is told.
    """
    locked = _lock_sale(sale)
    check_coordinator(changed_by, locked.campaign.community)
    if locked.is_deleted:
        raise ValidationError(
            {NON_FIELD_ERRORS: _("This sale record was deleted and can no longer be changed.")}
        )
    _check_version(locked, expected_version)
    sale_validate(
        campaign=locked.campaign,
        product=product,
        sold_on=sold_on,
        quantity=quantity,
        channel=channel,
        amount_baht=amount_baht,
    )
    before = _sale_snapshot(locked)
    locked.product = product
    locked.sold_on = sold_on
    locked.quantity = quantity
    locked.channel = channel
    locked.amount_baht = amount_baht
    locked.note = note.strip()
    after = _sale_snapshot(locked)
    changed = [key for key in after if after[key] != before[key]]
    if not changed:
        return locked
    now = timezone.now()
    locked.version += 1
    locked.updated_at = now
    locked.save()
    SaleRecordChange.objects.create(
        sale=locked,
        action=SaleRecordChange.Action.UPDATED,
        changed_by=changed_by,
        changed_at=now,
        old_values={key: before[key] for key in changed},
        new_values={key: after[key] for key in changed},
        reason=reason.strip(),
    )
    return locked


@transaction.atomic
def sale_delete(
    *,
    sale: SaleRecord,
    deleted_by,
    reason: str = "",
    expected_version: int | None = None,
) -> SaleRecord:
    """Take a sale out of the totals. The record and its history stay; repeating is harmless."""
    locked = _lock_sale(sale)
    check_coordinator(deleted_by, locked.campaign.community)
    if locked.is_deleted:
        return locked
    _check_version(locked, expected_version)
    now = timezone.now()
    locked.deleted_at = now
    locked.updated_at = now
    locked.version += 1
    locked.save()
    SaleRecordChange.objects.create(
        sale=locked,
        action=SaleRecordChange.Action.DELETED,
        changed_by=deleted_by,
        changed_at=now,
        old_values=_sale_snapshot(locked),
        reason=reason.strip(),
    )
    return locked


@transaction.atomic
def campaign_create(
    *,
    community: Community,
    name: str,
    start_date: datetime.date,
    created_by,
    end_date: datetime.date | None = None,
    target_units: int | None = None,
) -> SalesCampaign:
    """Start a sales campaign: 60 days and 100 units unless told otherwise."""
    check_coordinator(created_by, community)
    campaign = SalesCampaign(
        community=community, name=name, start_date=start_date, end_date=end_date
    )
    if target_units is not None:
        campaign.target_units = target_units
    campaign.full_clean()
    campaign.save()
    return campaign


def _check_person_coordinator(user, person: CommunityPerson) -> None:
    if user is None or not user.is_authenticated or not user.is_coordinator_of(person.community):
        raise PermissionDenied(
            _("Only the coordinators of %(community)s can record consent for its people.")
            % {"community": person.community.name}
        )


@transaction.atomic
def consent_give(
    *,
    person: CommunityPerson,
    scope: str,
    given_on: datetime.date,
    method: str,
    recorded_by,
    note: str = "",
) -> ConsentRecord:
    """Record that ``person`` agreed to publish their photo or contact details.

    Recording a consent already in force returns the existing record.
    """
    _check_person_coordinator(recorded_by, person)
    errors = {}
    if scope not in ConsentScope.values:
        errors["scope"] = _("Choose what the person agreed to publish.")
    if method not in ConsentMethod.values:
        errors["method"] = _("Choose how the person gave consent.")
    if given_on is None or given_on > timezone.localdate():
        errors["given_on"] = _("Enter the day the person gave consent (today or earlier).")
    if errors:
        raise ValidationError(errors)
    CommunityPerson.objects.select_for_update().filter(pk=person.pk).first()
    active = ConsentRecord.objects.active().filter(person=person, scope=scope).first()
    if active is not None:
        return active
    return ConsentRecord.objects.create(
        person=person,
        scope=scope,
        given_on=given_on,
        method=method,
        note=note.strip(),
        recorded_by=recorded_by,
    )


@transaction.atomic
def consent_withdraw(*, person: CommunityPerson, scope: str, recorded_by) -> ConsentRecord | None:
    """Withdraw a consent: what it covered disappears from public pages at once."""
    _check_person_coordinator(recorded_by, person)
    active = (
        ConsentRecord.objects.select_for_update()
        .active()
        .filter(person=person, scope=scope)
        .first()
    )
    if active is None:
        return None
    active.withdrawn_at = timezone.now()
    active.withdrawn_recorded_by = recorded_by
    active.save(update_fields=["withdrawn_at", "withdrawn_recorded_by"])
    return active
