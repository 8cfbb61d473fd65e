"""A clause of a draft with its indicators; dropping a clause of a signed programme."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.forms.base import BodyChoiceField, BodyMultipleChoiceField, date_field
from agreements.models import Clause, Topic
from agreements.rules import supporting_body_choices
from parties.models import Body
from parties.versions import version_field

NOT_A_PARTY = _("The lead body must be a party to the programme.")
NOT_A_SUPPORTER = _("You may not name this body as supporting: choose among the bodies listed.")


def clause_bodies(programme, user, clause=None):
    """The supporting bodies offered (agreements/rules.py), and those the clause names."""
    bodies = supporting_body_choices(user, programme)
    if clause is not None:
        bodies = Body.objects.filter(
            Q(pk__in=bodies.values("pk")) | Q(pk__in=clause.supporting_bodies.all())
        )
    return bodies.select_related("unit").order_by("unit__level", "unit__name", "name")


class ClauseForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea({"rows": 3}))
    topic = forms.ModelChoiceField(
        label=_("Field of work"), queryset=Topic.objects.all(), required=False
    )
    lead_body = BodyChoiceField(
        label=_("Lead body"),
        queryset=None,
        error_messages={"invalid_choice": NOT_A_PARTY},
    )
    supporting_bodies = BodyMultipleChoiceField(
        label=_("Supporting bodies"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": NOT_A_SUPPORTER},
    )
    cadence = forms.ChoiceField(
        label=_("Cadence"), choices=Clause.Cadence.choices, initial=Clause.Cadence.QUARTERLY
    )
    due_date = date_field(_("Due date"), required=False)
    version = version_field()

    def __init__(self, *args, programme, user, clause=None, **kwargs):
        if clause is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "text": clause.text,
                "topic": clause.topic,
                "lead_body": clause.lead_body,
                "supporting_bodies": list(clause.supporting_bodies.all()),
                "cadence": clause.cadence,
                "due_date": clause.due_date,
                "version": clause.version,
            }
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.clause = clause
        self.fields["lead_body"].queryset = programme.parties.select_related("unit")
        self.fields["supporting_bodies"].queryset = clause_bodies(programme, user, clause)
        topics = programme.topics.all()
        if clause is None and len(topics) == 1:
            self.fields["topic"].initial = topics[0]

    def clean(self):
        data = super().clean()
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
        if data.get("cadence") == Clause.Cadence.ONCE and not due and "due_date" in data:
            self.add_error("due_date", _("A one-off task needs a due date."))
        return data

    def service_arguments(self, indicators):
        data = self.cleaned_data
        return {
            "text": data["text"],
            "topic": data.get("topic"),
            "lead_body": data["lead_body"],
            "supporting_bodies": list(data.get("supporting_bodies") or []),
            "cadence": data["cadence"],
            "due_date": data.get("due_date"),
            "indicators": indicators,
            **({"version": data.get("version")} if self.clause is not None else {}),
        }


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    unit = forms.CharField(
        label=_("Unit"), max_length=50, required=False, help_text=_("For example: hội nghị")
    )
    target = forms.DecimalField(
        label=_("Target"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        error_messages={"min_value": _("A target cannot be negative.")},
    )

    def clean(self):
        data = super().clean()
        name, unit, target = data.get("name"), data.get("unit"), data.get("target")
        filled = [v not in (None, "") for v in (name, unit, target)]
        if any(filled) and not all(filled) and not self.errors:
            for field, value in (("name", name), ("unit", unit), ("target", target)):
                if value in (None, ""):
                    self.add_error(field, _("Fill in the name, unit and target together."))
        return data


class BaseIndicatorFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        names = [f.cleaned_data.get("name") for f in self.forms if f.cleaned_data.get("name")]
        if len(names) != len(set(names)):
            raise forms.ValidationError(_("Two indicators of a clause cannot share a name."))

    def indicators(self):
        return [
            (f.cleaned_data["name"], f.cleaned_data["unit"], f.cleaned_data["target"])
            for f in self.forms
            if f.cleaned_data.get("name") and not f.cleaned_data.get("DELETE")
        ]


# absolute_max = max_num: a post claiming thousands of rows is refused at once,
# without building a form for each.
IndicatorFormSet = forms.formset_factory(
    IndicatorForm,
    formset=BaseIndicatorFormSet,
    extra=2,
    max_num=20,
    absolute_max=20,
    validate_max=True,
)


def indicator_initial(clause):
    if clause is None:
        return []
    return [{"name": i.name, "unit": i.unit, "target": i.target} for i in clause.indicators.all()]


class DropClauseForm(forms.Form):
    dropped_on = date_field(_("Dropped on"))
    reason = forms.CharField(
        label=_("Reason for dropping"),
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Give the reason for dropping the clause.")},
    )
