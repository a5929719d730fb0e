from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from quizzes import gift

MAX_GIFT_BYTES = 1024 * 1024


def decode_gift(data: bytes) -> str:
    """UTF-8 (with or without a BOM); Thai Windows editors may still save as TIS-620/cp874."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp874", errors="strict")


class GiftImportForm(forms.Form):
    gift_file = forms.FileField(
        label=_("GIFT file"),
        help_text=_("A .gift or .txt file of questions in Moodle's GIFT format, at most 1 MB."),
    )
    replace = forms.BooleanField(
        label=_("Replace the current questions"),
        required=False,
        help_text=_("Leave unticked to add the imported questions after the current ones."),
    )

    def clean_gift_file(self):
        upload = self.cleaned_data["gift_file"]
        if upload.size > MAX_GIFT_BYTES:
            raise ValidationError(_("The file is larger than 1 MB."))
        try:
            text = decode_gift(upload.read())
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("The file is not readable text. Save it as UTF-8 and upload it again.")
            ) from error
        try:
            self.questions = gift.parse(text)
        except gift.GiftSyntaxError as error:
            self.gift_errors = error.errors
            count = len(error.errors)
            raise ValidationError(
                ngettext(
                    "Nothing was imported: the file has %(count)d problem. Fix it and upload "
                    "the file again.",
                    "Nothing was imported: the file has %(count)d problems. Fix them and "
                    "upload the file again.",
                    count,
                )
                % {"count": count}
            ) from error
        return upload
