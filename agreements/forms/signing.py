"""One signing ceremony for one or more drafts: for each programme and party, who signed.
Only the parties sign; a body that only supports a clause does not."""

from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from agreements.forms.base import date_field
from agreements.models import ProgrammeParty
from agreements.rules import signable_programmes
from parties.models import Official
from parties.rules import pickable_bodies

NOT_OF_THE_PARTY = _("The signing official must belong to the party they sign for.")


class ProgrammeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class OfficialChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} – {obj.position}"


class SigningForm(forms.Form):
    programmes = ProgrammeChoiceField(
        label=_("Programmes signed at this ceremony"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one programme to sign.")},
    )
    date = date_field(_("Date of signing"))
    place = forms.CharField(
        label=_("Place"), max_length=250, help_text=_("For example: phòng họp số 1 UBND huyện")
    )
    witnesses = forms.ModelMultipleChoiceField(
        label=_("Witnesses"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Leaders who witnessed the signing; hold Ctrl to choose several."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, user, chosen=(), **kwargs):
        super().__init__(*args, **kwargs)
        drafts = signable_programmes(user).select_related("issuer").order_by("-year", "number")
        self.fields["programmes"].queryset = drafts
        self.fields["witnesses"].queryset = (
            Official.objects.filter(body__in=pickable_bodies(user))
            .select_related("body")
            .order_by("body__name", "full_name")
        )
        self.fields["witnesses"].label_from_instance = lambda o: f"{o.full_name} – {o.position}"
        if self.is_bound:
            chosen = self.data.getlist("programmes") if hasattr(self.data, "getlist") else chosen
        chosen_ids = {str(pk) for pk in chosen}
        self.chosen = [p for p in drafts if str(p.pk) in chosen_ids]
        if not self.is_bound:
            self.fields["programmes"].initial = [p.pk for p in self.chosen]
            self.fields["date"].initial = timezone.localdate()
        self.signatory_rows = []
        parties = (
            ProgrammeParty.objects.filter(programme__in=self.chosen)
            .select_related("body")
            .order_by("programme_id", "-is_lead", "pk")
        )
        by_programme = {p.pk: p for p in self.chosen}
        for party in parties:
            programme = by_programme[party.programme_id]
            official_name = f"official_{programme.pk}_{party.body_id}"
            position_name = f"position_{programme.pk}_{party.body_id}"
            # Nobody is chosen in advance, even when a party has one official on record:
            # who signed is for the secretariat to say.
            self.fields[official_name] = OfficialChoiceField(
                label=_("Signed for %(body)s by") % {"body": party.body},
                queryset=Official.objects.filter(body=party.body).order_by("full_name"),
                empty_label=_("— choose who signed —"),
                error_messages={
                    "invalid_choice": NOT_OF_THE_PARTY,
                    "required": _("Choose who signed for this party."),
                },
            )
            self.fields[position_name] = forms.CharField(
                label=_("Position held that day"),
                max_length=250,
                required=False,
                help_text=_("Leave empty to use the position on the official's record."),
            )
            self.signatory_rows.append((programme, party, official_name, position_name))

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A signing cannot be recorded for a future date."))
        return day

    def clean(self):
        data = super().clean()
        day = data.get("date")
        for programme in data.get("programmes") or []:
            if day and day > programme.period_end:
                self.add_error(
                    "date",
                    _(
                        "Programme %(reference)s cannot be signed after its period has ended "
                        "(%(end)s)."
                    )
                    % {
                        "reference": programme.citation,
                        "end": programme.period_end.strftime("%d/%m/%Y"),
                    },
                )
            # A programme signed here is a new act: it bears its number (a programme
            # recorded without one comes from a source that does not give it).
            if programme.number is None:
                self.add_error(
                    "programmes",
                    _(
                        "The draft “%(title)s” has no number yet; give it its number and "
                        "symbol in the issuing body's register (Edit the draft), then record "
                        "the signing."
                    )
                    % {"title": Truncator(programme.title).chars(90)},
                )
        return data

    def grouped_rows(self):
        """[(programme, [(party, official field, position field)])] for the template."""
        groups = {}
        for programme, party, official_name, position_name in self.signatory_rows:
            groups.setdefault(programme, []).append(
                (party, self[official_name], self[position_name])
            )
        return list(groups.items())

    def service_arguments(self):
        data = self.cleaned_data
        signatories = {}
        for programme, party, official_name, position_name in self.signatory_rows:
            signatories.setdefault(programme, []).append(
                (party.body, data[official_name], data.get(position_name, ""))
            )
        return {
            "programmes": list(data["programmes"]),
            "date": data["date"],
            "place": data["place"],
            "note": data["note"],
            "witnesses": list(data["witnesses"]),
            "signatories": signatories,
        }
