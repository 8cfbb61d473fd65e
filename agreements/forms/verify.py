from django import forms
from django.utils.translation import gettext_lazy as _

# A signed programme runs to a few hundred kilobytes; a scan of one to a few megabytes.
VERIFY_MAX_BYTES = 20 * 1024 * 1024


class VerifyForm(forms.Form):
    copy = forms.FileField(
        label=_("The PDF to check"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_copy(self):
        upload = self.cleaned_data["copy"]
        if upload.size > VERIFY_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB; a document of this app is far smaller.")
                % {"size": VERIFY_MAX_BYTES // (1024 * 1024)}
            )
        upload.seek(0)
        data = upload.read()
        if not data.lstrip()[:5] == b"%PDF-":
            raise forms.ValidationError(
                _("This file is not a PDF. Choose the PDF copy of the document.")
            )
        return data
