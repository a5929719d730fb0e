from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.models import is_well_formed_code, normalise_code


class VerifyForm(forms.Form):
    """The code printed under the QR code, typed in any case, with or without spaces or dashes."""

    code = forms.CharField(
        label=_("Certificate code"),
        max_length=40,
        help_text=_("The 12 characters printed under the QR code, e.g. ABCD-EFGH-JKLM."),
        widget=forms.TextInput(
            attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not is_well_formed_code(code):
            raise forms.ValidationError(
                _("That is not a certificate code. Check it against the one under the QR code."),
                code="malformed",
            )
        return code


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept in the certificate's history; not shown on the public page."),
    )
