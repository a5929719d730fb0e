import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.models import ProductPage, SaleChannel, SalesCampaign
from communities.selectors import community_products
from communities.services import sale_validate


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class SaleRecordForm(forms.Form):
    """The sale form coordinators fill in on a phone: big targets, few fields.

    ``communities.services.sale_validate`` decides what a valid sale is; the form runs
    it too so that every mistake is shown at once, and the service checks again.
    """

    product = ProductChoiceField(
        label=_("Product"),
        queryset=ProductPage.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Choose the product that was sold."),
            "invalid_choice": _("Choose one of this community's products."),
        },
    )
    quantity = forms.IntegerField(
        label=_("Units sold"),
        widget=forms.NumberInput(attrs={"min": 1, "inputmode": "numeric", "autofocus": True}),
        error_messages={
            "required": _("Enter how many units were sold: 1 or more."),
            "invalid": _("Enter how many units were sold as a whole number."),
        },
    )
    sold_on = forms.DateField(
        label=_("Date sold"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date of the sale."),
            "invalid": _("Enter a date such as 2026-11-24."),
        },
    )
    channel = forms.ChoiceField(
        label=_("Sold through"),
        choices=SaleChannel.choices,
        widget=forms.RadioSelect(attrs={"class": "choice-buttons"}),
        error_messages={
            "required": _("Choose where the units were sold."),
            "invalid_choice": _("Choose where the units were sold."),
        },
    )
    amount_baht = forms.DecimalField(
        label=_("Amount received (baht)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"min": 0, "step": "0.01", "inputmode": "decimal"}),
        help_text=_("Optional."),
        error_messages={"invalid": _("Enter the amount as a number, such as 450.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        help_text=_("Optional, for example: bought as gifts for a wedding."),
    )

    def __init__(self, *args, campaign: SalesCampaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["product"].queryset = community_products(campaign.community_id)
        if not self.is_bound and "sold_on" not in self.initial:
            today = timezone.localdate()
            self.initial["sold_on"] = today if campaign.contains(today) else campaign.end_date
        self.fields["sold_on"].widget.attrs.update(
            min=campaign.start_date.isoformat(), max=campaign.end_date.isoformat()
        )

    def clean(self):
        """Report every problem at once: the service's rules for fields that passed."""
        cleaned_data = super().clean()
        try:
            sale_validate(
                campaign=self.campaign,
                product=cleaned_data.get("product"),
                sold_on=cleaned_data.get("sold_on"),
                quantity=cleaned_data.get("quantity"),
                channel=cleaned_data.get("channel", ""),
                amount_baht=cleaned_data.get("amount_baht"),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                if field in self.fields and field not in self.errors:
                    for message in messages:
                        self.add_error(field, message)
        return cleaned_data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "product": data["product"],
            "sold_on": data["sold_on"],
            "quantity": data["quantity"],
            "channel": data["channel"],
            "amount_baht": data.get("amount_baht"),
            "note": data.get("note", ""),
        }


class SaleRecordCreateForm(SaleRecordForm):
    # A fresh key per form shown, so a second tap on "save" cannot record the sale twice.
    submission_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["submission_key"] = uuid.uuid4()


class SaleRecordEditForm(SaleRecordForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why is it changed?"),
        required=False,
        max_length=300,
        help_text=_("Optional, for example: typed 50 instead of 5."),
    )


class SaleDeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why is it deleted?"),
        required=False,
        max_length=300,
        help_text=_("Optional, for example: recorded twice."),
    )
