"""Coordinators' sales screens: record, correct and delete sales from a phone."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from communities import selectors, services
from communities.forms import SaleDeleteForm, SaleRecordCreateForm, SaleRecordEditForm
from communities.models import SaleRecord, SalesCampaign


def coordinator_view(view):
    """Signed-in only, never cached, and a refusal explained on a page of its own (403)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as denied:
            message = str(denied) or _("You do not coordinate this community.")
            return render(request, "communities/forbidden.html", {"message": message}, status=403)

    return never_cache(login_required(require_http_methods(["GET", "POST"])(wrapper)))


def _campaign_for(request, campaign_id: int) -> SalesCampaign:
    campaign = get_object_or_404(SalesCampaign.objects.select_related("community"), pk=campaign_id)
    services.check_coordinator(request.user, campaign.community)
    return campaign


def _sale_for(request, sale_id: int) -> SaleRecord:
    sale = get_object_or_404(
        SaleRecord.objects.select_related("campaign__community", "product"), pk=sale_id
    )
    services.check_coordinator(request.user, sale.campaign.community)
    return sale


@coordinator_view
def sales_home(request):
    campaigns = selectors.coordinated_campaigns(request.user)
    if not campaigns and not request.user.coordinated_communities.exists():
        raise PermissionDenied(
            _("Recording sales is for community coordinators. Ask the project team to add you.")
        )
    progress = [
        selectors.CampaignProgress(campaign=campaign, units_sold=campaign.units_sold)
        for campaign in campaigns
    ]
    return render(request, "communities/sales_home.html", {"progress_list": progress})


@coordinator_view
def campaign_sales(request, campaign_id: int):
    campaign = _campaign_for(request, campaign_id)
    form = SaleRecordCreateForm(request.POST or None, campaign=campaign)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                sale = services.sale_record(
                    campaign=campaign,
                    recorded_by=request.user,
                    submission_key=form.cleaned_data.get("submission_key"),
                    **form.service_kwargs(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Saved: %(product)s, %(units)s units.")
                    % {"units": sale.quantity, "product": sale.product.title},
                )
                return redirect("communities:campaign_sales", campaign_id=campaign.pk)
        status = 400
    context = {
        "campaign": campaign,
        "form": form,
        "progress": selectors.campaign_progress(campaign),
        "sales": selectors.campaign_sales(campaign),
    }
    return render(request, "communities/campaign_sales.html", context, status=status)


@coordinator_view
def sale_edit(request, sale_id: int):
    sale = _sale_for(request, sale_id)
    campaign = sale.campaign
    initial = {
        "product": sale.product,
        "quantity": sale.quantity,
        "sold_on": sale.sold_on,
        "channel": sale.channel,
        "amount_baht": sale.amount_baht,
        "note": sale.note,
        "version": sale.version,
    }
    form = None
    status = 200
    if not sale.is_deleted:
        form = SaleRecordEditForm(request.POST or None, campaign=campaign, initial=initial)
        if request.method == "POST":
            if form.is_valid():
                try:
                    services.sale_update(
                        sale=sale,
                        changed_by=request.user,
                        expected_version=form.cleaned_data["version"],
                        reason=form.cleaned_data.get("reason", ""),
                        **form.service_kwargs(),
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("The sale record was updated."))
                    return redirect("communities:campaign_sales", campaign_id=campaign.pk)
            status = 400
    elif request.method == "POST":
        messages.error(request, _("This sale record was deleted and can no longer be changed."))
        status = 400
    context = {
        "campaign": campaign,
        "sale": sale,
        "form": form,
        "history": selectors.sale_history(sale),
    }
    return render(request, "communities/sale_edit.html", context, status=status)


@coordinator_view
def sale_delete(request, sale_id: int):
    sale = _sale_for(request, sale_id)
    if sale.is_deleted:
        messages.info(request, _("This sale record was already deleted."))
        return redirect("communities:campaign_sales", campaign_id=sale.campaign_id)
    form = SaleDeleteForm(request.POST or None, initial={"version": sale.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.sale_delete(
                    sale=sale,
                    deleted_by=request.user,
                    expected_version=form.cleaned_data["version"],
                    reason=form.cleaned_data.get("reason", ""),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The sale record was deleted. Its history is kept."))
                return redirect(
                    reverse("communities:campaign_sales", kwargs={"campaign_id": sale.campaign_id})
                )
        status = 400
    context = {"campaign": sale.campaign, "sale": sale, "form": form}
    return render(request, "communities/sale_delete.html", context, status=status)
