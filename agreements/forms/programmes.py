"""The draft of a programme; closing it; its scanned signed copy."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.forms.base import BodyChoiceField, BodyMultipleChoiceField, date_field
from agreements.models import Programme, Topic
from agreements.services import scan_check
from parties.rules import body_of, pickable_bodies, sees_everything
from parties.versions import version_field

NOT_PICKABLE = _(
    "You may not name this body: choose among the bodies of your own unit, the unit above "
    "it and the units below it."
)
PICKED = {"invalid_choice": NOT_PICKABLE}


class ProgrammeForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=99999)
    symbol = forms.CharField(
        label=_("Symbol"), max_length=60, help_text=_("For example: CTrPH/BTGHU-UBND")
    )
    year = forms.IntegerField(label=_("Year of the number"), min_value=1990, max_value=2100)
    issuer = BodyChoiceField(
        label=_("Issuing body"),
        queryset=None,
        error_messages=PICKED,
        help_text=_("The body whose register gives the number; one of the parties."),
    )
    title = forms.CharField(label=_("Title"), max_length=500, widget=forms.Textarea({"rows": 2}))
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("For example: Quyết định số 238-QĐ/TW"),
    )
    content = forms.CharField(
        label=_("Purpose and requirements"), required=False, widget=forms.Textarea({"rows": 4})
    )
    parties = BodyMultipleChoiceField(
        label=_("Parties"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Two or more bodies; your own body must be one of them."),
        error_messages=PICKED,
    )
    lead = BodyChoiceField(
        label=_("Lead party"), queryset=None, required=False, error_messages=PICKED
    )
    period_start = date_field(_("Period start"))
    period_end = date_field(_("Period end"))
    topics = forms.ModelMultipleChoiceField(
        label=_("Fields of work"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = version_field()

    def __init__(self, *args, user, programme=None, **kwargs):
        if programme is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(programme)
        super().__init__(*args, **kwargs)
        self.user = user
        self.programme = programme
        bodies = (
            pickable_bodies(user)
            .select_related("unit")
            .order_by("unit__level", "unit__name", "name")
        )
        if programme is not None:  # parties already named stay available
            bodies = (bodies | programme.parties.all()).distinct()
        for name in ("issuer", "parties", "lead"):
            self.fields[name].queryset = bodies
        own = body_of(user)
        if programme is None and own is not None:
            self.fields["issuer"].initial = own
            self.fields["lead"].initial = own
            self.fields["parties"].initial = [own]
            self.fields["year"].initial = timezone.localdate().year

    @staticmethod
    def initial_from(programme):
        lead = next((p.body for p in programme.memberships.all() if p.is_lead), None)
        return {
            "number": programme.number,
            "symbol": programme.symbol,
            "year": programme.year,
            "issuer": programme.issuer,
            "title": programme.title,
            "legal_basis": programme.legal_basis,
            "content": programme.content,
            "parties": list(programme.parties.all()),
            "lead": lead,
            "period_start": programme.period_start,
            "period_end": programme.period_end,
            "topics": list(programme.topics.all()),
            "version": programme.version,
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end of the period cannot be before its start."))
        parties = list(data.get("parties") or [])
        if "parties" in data:
            if len(parties) < 2:
                self.add_error("parties", _("A programme needs at least two parties."))
            own = body_of(self.user)
            if not sees_everything(self.user) and own not in parties:
                self.add_error("parties", _("Your own body must be one of the parties."))
            lead = data.get("lead")
            if lead is not None and lead not in parties:
                self.add_error("lead", _("The lead party must be one of the parties."))
            issuer = data.get("issuer")
            if issuer is not None and issuer not in parties:
                self.add_error("issuer", _("The issuing body must be one of the parties."))
        return data

    def service_arguments(self):
        data = self.cleaned_data
        edit = {"version": data.get("version")} if self.programme is not None else {}
        return {
            **edit,
            "number": data["number"],
            "symbol": data["symbol"],
            "year": data["year"],
            "issuer": data["issuer"],
            "title": data["title"],
            "legal_basis": data["legal_basis"],
            "content": data["content"],
            "parties": list(data["parties"]),
            "lead": data.get("lead"),
            "period_start": data["period_start"],
            "period_end": data["period_end"],
            "topics": list(data["topics"]),
        }


class CloseForm(forms.Form):
    closed_on = date_field(_("Closed on"), help_text=_("The day of the final review."))
    note = forms.CharField(
        label=_("Closing note"), required=False, widget=forms.Textarea({"rows": 3})
    )


class ScanForm(forms.Form):
    scanned_copy = forms.FileField(
        label=_("Scanned signed copy (PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_scanned_copy(self):
        upload = self.cleaned_data["scanned_copy"]
        scan_check(upload)
        return upload


STATUS_CHOICES = [("", _("All statuses")), *Programme.Status.choices]
