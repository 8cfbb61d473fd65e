"""The filters of the programme and clause lists (GET): a bad value is simply ignored."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agreements.forms.base import BodyChoiceField, offer_recent_only
from agreements.models import Clause, ClauseStatus, Programme, ProgrammeParty
from agreements.rules import visible_programmes
from agreements.selectors import programme_filter_choices
from parties.models import Body

IN_FORCE = "in_force"

SORT_CHOICES = [
    ("newest", _("Newest period first")),
    ("oldest", _("Oldest period first")),
    ("reference", _("Issuing body and number")),
    ("title", _("Title")),
    ("status", _("Status")),
]


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All statuses")),
            *Programme.Status.choices,
            (IN_FORCE, _("In force today (signed, period not ended)")),
        ],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    body = BodyChoiceField(label=_("Body"), queryset=None, required=False)
    topic = forms.ModelChoiceField(label=_("Field of work"), queryset=None, required=False)
    unit = forms.ModelChoiceField(label=_("Administrative unit"), queryset=None, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        choices = programme_filter_choices(user=user)
        self.fields["year"].choices = [("", _("All years"))] + [
            (y, str(y)) for y in choices["years"]
        ]
        self.fields["body"].queryset = choices["bodies"]
        self.fields["body"].empty_label = _("All bodies")
        self.fields["topic"].queryset = choices["topics"]
        self.fields["topic"].empty_label = _("All fields")
        self.fields["unit"].queryset = choices["units"]
        self.fields["unit"].empty_label = _("All units")

    def filters(self):
        """The valid filters only; a value that does not fit is dropped, not an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "status": data.get("status") or "",
            "year": data.get("year"),
            "body": data.get("body"),
            "topic": data.get("topic"),
            "unit": data.get("unit"),
            "sort": data.get("sort") or "newest",
        }


class ClauseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *ClauseStatus.choices]
    )
    body = BodyChoiceField(label=_("Lead or supporting body"), queryset=None, required=False)
    # The leaders' dashboard counts clauses by the body that leads them.
    lead = BodyChoiceField(label=_("Lead body"), queryset=None, required=False)
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=None, required=False)
    # The dashboard's figures count the programmes in force only (reports/links.py).
    in_force = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = visible_programmes(user).exclude(status=Programme.Status.DRAFT)
        # Every lead body is a party: the parties and the supporting bodies, two
        # hashed IN lists, no DISTINCT over a join.
        parties = ProgrammeParty.objects.filter(programme__in=programmes).order_by()
        supporters = Clause.supporting_bodies.through.objects.filter(
            clause__programme__in=programmes
        ).order_by()
        self.fields["body"].queryset = (
            Body.objects.filter(
                Q(pk__in=parties.values("body_id")) | Q(pk__in=supporters.values("body_id"))
            )
            .select_related("unit")
            .order_by("unit__level", "unit__name", "name")
        )
        self.fields["body"].empty_label = _("All bodies")
        self.fields["lead"].queryset = self.fields["body"].queryset
        self.fields["lead"].empty_label = _("All bodies")
        self.fields["programme"].queryset = programmes.select_related("issuer").order_by(
            "-period_start", "pk"
        )
        self.fields["programme"].label_from_instance = lambda p: (
            (f"{p.reference} – " if p.reference else "")
            + f"{p.title[:70]}{'…' if len(p.title) > 70 else ''}"
        )
        self.fields["programme"].empty_label = _("All programmes")
        offer_recent_only(self, "programme")

    def filters(self):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status") or None,
            "body": data.get("body"),
            "lead": data.get("lead"),
            "programme": data.get("programme"),
            "in_force": bool(data.get("in_force")),
        }
