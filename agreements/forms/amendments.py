"""An amendment to a signed programme: its date, title and text, and the clauses it
adds or rewords."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.forms.base import BodyChoiceField, BodyMultipleChoiceField, date_field
from agreements.forms.clauses import NOT_A_PARTY, NOT_A_SUPPORTER, clause_bodies
from agreements.models import Clause, Topic


class AmendmentForm(forms.Form):
    date = date_field(_("Date"))
    title = forms.CharField(
        label=_("Title"), max_length=300, help_text=_("For example: Phụ lục 01 bổ sung nội dung")
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea({"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()


class ClauseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        text = obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"
        return f"{obj.number}. {text}"


class AmendmentClauseForm(forms.Form):
    replaces = ClauseChoiceField(
        label=_("Clause reworded"),
        queryset=None,
        required=False,
        empty_label=_("— a new clause —"),
    )
    text = forms.CharField(label=_("Wording"), widget=forms.Textarea({"rows": 2}), required=False)
    topic = forms.ModelChoiceField(
        label=_("Field of work"), queryset=Topic.objects.all(), required=False
    )
    lead_body = BodyChoiceField(
        label=_("Lead body"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": NOT_A_PARTY},
    )
    supporting_bodies = BodyMultipleChoiceField(
        label=_("Supporting bodies"),
        queryset=None,
        required=False,
        error_messages={"invalid_choice": NOT_A_SUPPORTER},
    )
    cadence = forms.ChoiceField(
        label=_("Cadence"), choices=Clause.Cadence.choices, initial=Clause.Cadence.QUARTERLY
    )
    due_date = date_field(_("Due date"), required=False)

    def __init__(self, *args, programme, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["replaces"].queryset = programme.clauses.filter(
            replaced_by__isnull=True, dropped_on__isnull=True
        ).order_by("number")
        self.fields["lead_body"].queryset = programme.parties.select_related("unit")
        self.fields["supporting_bodies"].queryset = clause_bodies(programme, user)
        self.fields["supporting_bodies"].widget.attrs["size"] = 4

    def has_content(self):
        return bool(self.cleaned_data.get("text"))

    def clean(self):
        data = super().clean()
        if not data.get("text"):
            if data.get("replaces") or data.get("lead_body"):
                self.add_error("text", _("Write the wording of the clause."))
            return data
        if not data.get("lead_body") and "lead_body" not in self.errors:
            self.add_error("lead_body", _("Choose the lead body."))
        due = data.get("due_date")
        programme = self.programme
        if due and not programme.period_start <= due <= programme.period_end:
            self.add_error(
                "due_date",
                _("The due date must fall within the programme's period (%(start)s – %(end)s).")
                % {
                    "start": programme.period_start.strftime("%d/%m/%Y"),
                    "end": programme.period_end.strftime("%d/%m/%Y"),
                },
            )
        if data.get("cadence") == Clause.Cadence.ONCE and not due and "due_date" not in self.errors:
            self.add_error("due_date", _("A one-off task needs a due date."))
        return data

    def change(self):
        data = self.cleaned_data
        change = {
            "text": data["text"],
            "topic": data.get("topic"),
            "lead_body": data["lead_body"],
            "supporting_bodies": list(data.get("supporting_bodies") or []),
            "cadence": data["cadence"],
            "due_date": data.get("due_date"),
        }
        if data.get("replaces"):
            change["replaces"] = data["replaces"]
        return change


class BaseAmendmentClauseFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        replaced = [
            f.cleaned_data["replaces"].pk
            for f in self.forms
            if f.cleaned_data.get("replaces") and f.has_content()
        ]
        if len(replaced) != len(set(replaced)):
            raise forms.ValidationError(_("A clause can be reworded only once per amendment."))

    def changes(self):
        return [f.change() for f in self.forms if f.cleaned_data and f.has_content()]


# absolute_max = max_num: a post claiming thousands of rows (22 s before) is refused
# at once, without building a form for each.
AmendmentClauseFormSet = forms.formset_factory(
    AmendmentClauseForm,
    formset=BaseAmendmentClauseFormSet,
    extra=2,
    max_num=30,
    absolute_max=30,
    validate_max=True,
)
