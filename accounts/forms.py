import csv
import io

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from accounts.services import LearnerRow
from accounts.validators import validate_line_id, validate_phone, validate_pin
from communities.models import Community

User = get_user_model()

# Header cells that mark the first CSV row as column names rather than a learner.
CSV_HEADER_NAMES = {"display_name", "display name", "name", "ชื่อ", "ชื่อ-นามสกุล", "ชื่อที่แสดง"}
CSV_MAX_BYTES = 1024 * 1024


def _password_widget(autocomplete: str) -> forms.PasswordInput:
    # render_value stays False: a password is never sent back to the browser.
    return forms.PasswordInput(attrs={"autocomplete": autocomplete}, render_value=False)


class SignInForm(auth_forms.AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update(autocapitalize="none", spellcheck="false")
        self.fields["password"].widget = _password_widget("current-password")


class AdminLoginForm(WagtailLoginForm):
    """The admin's sign-in without "remember me": sessions end when the browser closes."""

    remember = None


class SignUpForm(auth_forms.UserCreationForm):
    contact_consent = forms.BooleanField(
        label=_(
            "I agree that the project keeps my phone number or LINE ID to contact me about "
            "my learning."
        ),
        required=False,
    )

    class Meta(auth_forms.UserCreationForm.Meta):
        model = User
        fields = ("username", "display_name", "community", "phone", "line_id")

    field_order = [
        "username",
        "display_name",
        "community",
        "password1",
        "password2",
        "phone",
        "line_id",
        "contact_consent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = _(
            "Letters and numbers, for example mali2569. You type it each time you sign in."
        )
        self.fields["username"].widget.attrs.update(autocapitalize="none", spellcheck="false")
        self.fields["display_name"].required = True
        self.fields["display_name"].label = _("Your full name")
        self.fields["community"].required = True
        self.fields["community"].queryset = Community.objects.order_by("name")
        self.fields["community"].empty_label = _("Choose your community")
        self.fields["phone"].required = False
        self.fields["phone"].help_text = _("Optional.")
        self.fields["phone"].validators.append(validate_phone)
        self.fields["phone"].widget.input_type = "tel"
        self.fields["line_id"].help_text = _("Optional.")
        self.fields["line_id"].validators.append(validate_line_id)
        for name in ("password1", "password2"):
            self.fields[name].widget = _password_widget("new-password")

    def clean(self):
        cleaned_data = super().clean()
        wants_contact = cleaned_data.get("phone") or cleaned_data.get("line_id")
        if wants_contact and not cleaned_data.get("contact_consent"):
            self.add_error(
                "contact_consent",
                _("Tick this box to let us keep your phone or LINE ID, or leave them empty."),
            )
        return cleaned_data


class PinSignInForm(forms.Form):
    pin = forms.CharField(
        label=_("Your PIN"),
        max_length=6,
        strip=True,
        widget=forms.PasswordInput(
            attrs={
                "autocomplete": "off",
                "inputmode": "numeric",
                "pattern": "[0-9]*",
                "class": "pin-input",
                "autofocus": True,
            }
        ),
    )


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].widget = _password_widget("current-password")
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget = _password_widget("new-password")


class PasswordSetForm(auth_forms.SetPasswordForm):
    """The first password a learner chooses after a coordinator gave a temporary one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget = _password_widget("new-password")

    def clean_new_password1(self):
        password = self.cleaned_data["new_password1"]
        if self.user.check_password(password):
            raise ValidationError(_("Choose a password different from the temporary one."))
        return password


class DisplayNameForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your full name"),
        max_length=User._meta.get_field("display_name").max_length,
        help_text=_("As it will be printed on your certificates. Thai is welcome."),
    )


class PinForm(forms.Form):
    pin = forms.CharField(
        label=_("New PIN"),
        help_text=_("4 to 6 digits that only you know."),
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        validators=[validate_pin],
    )
    pin_again = forms.CharField(
        label=_("New PIN again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("So that nobody else can set a PIN for you."),
        strip=False,
        widget=_password_widget("current-password"),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Your password is not right. Please type it again."))
        return password

    def clean(self):
        cleaned_data = super().clean()
        pin, again = cleaned_data.get("pin"), cleaned_data.get("pin_again")
        if pin and again and pin != again:
            self.add_error("pin_again", _("The two PINs are not the same."))
        return cleaned_data


class BulkLearnersForm(forms.Form):
    """Names pasted one per line, or a CSV file: display name, username, phone."""

    names = forms.CharField(
        label=_("Names, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Full names as they should appear on certificates."),
    )
    csv_file = forms.FileField(
        label=_("Or a CSV file"),
        required=False,
        help_text=_(
            "Columns: full name, username (optional), phone (optional). "
            "Saved from Excel as “CSV UTF-8” or as plain CSV."
        ),
    )
    contact_consent = forms.BooleanField(
        label=_("The learners agreed that the project keeps their phone numbers."),
        required=False,
    )

    def clean_csv_file(self):
        upload = self.cleaned_data.get("csv_file")
        if upload and upload.size > CSV_MAX_BYTES:
            raise ValidationError(_("The CSV file is larger than 1 MB."))
        return upload

    def clean(self):
        cleaned_data = super().clean()
        names = (cleaned_data.get("names") or "").strip()
        upload = cleaned_data.get("csv_file")
        if self.errors:
            return cleaned_data
        if names and upload:
            raise ValidationError(_("Paste names or choose a CSV file, not both."))
        if upload:
            self.rows = rows_from_csv(upload.read())
        else:
            self.rows = rows_from_names(cleaned_data.get("names") or "")
        return cleaned_data


def rows_from_names(text: str) -> list[LearnerRow]:
    return [
        LearnerRow(line=number, display_name=" ".join(line.split()))
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


def _decode(data: bytes) -> str:
    # Excel's "CSV UTF-8" starts with a byte-order mark; Thai Windows saves plain CSV as cp874.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874")
    except UnicodeDecodeError as error:
        raise ValidationError(_("This file is not a CSV text file.")) from error


def rows_from_csv(data: bytes) -> list[LearnerRow]:
    reader = csv.reader(io.StringIO(_decode(data)))
    rows: list[LearnerRow] = []
    errors: list[str] = []
    try:
        for cells in reader:
            cells = [" ".join(cell.split()) for cell in cells]
            if not any(cells):
                continue
            if not rows and not errors and cells[0].lower() in CSV_HEADER_NAMES:
                continue
            if len(cells) > 3 and any(cells[3:]):
                errors.append(
                    _("Line %(line)s: %(message)s")
                    % {"line": reader.line_num, "message": _("more than three columns.")}
                )
                continue
            cells += [""] * (3 - len(cells))
            rows.append(
                LearnerRow(
                    line=reader.line_num,
                    display_name=cells[0],
                    username=cells[1],
                    phone=cells[2],
                )
            )
    except csv.Error as error:
        raise ValidationError(
            _("Line %(line)s: %(message)s")
            % {"line": reader.line_num, "message": _("this line is not valid CSV.")}
        ) from error
    if errors:
        raise ValidationError(errors)
    return rows


class KioskRegisterForm(forms.Form):
    name = forms.CharField(
        label=_("Name of this computer"),
        max_length=100,
        help_text=_("For example “Computer 2 by the window”."),
    )


class KioskSettingsForm(forms.Form):
    pin_sign_in_enabled = forms.BooleanField(
        label=_("Learners may sign in with their name and PIN on this community's kiosks"),
        required=False,
    )
