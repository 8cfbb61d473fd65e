"""The forms of reports: asking for one (kind, what it covers, period); writing a
draft's narrative; issuing it (signer, recipients)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from agreements.forms.base import BodyMultipleChoiceField
from agreements.models import Programme
from agreements.rules import visible_programmes
from parties.dates import LATEST
from parties.models import Body, Official
from parties.rules import body_of, pickable_bodies, units_overseen, visible_bodies
from parties.versions import version_field
from reports.models import NARRATIVE_KEYS, Report
from reports.periods import ROMAN, Period, previous_quarter, quarter_period, year_period
from reports.rules import can_request_report
from reports.signature import report_signer

SCOPES = [
    ("programme", _("One programme")),
    ("body", _("Every programme of a body")),
    ("unit", _("Every programme in an administrative unit")),
]
FIRST_YEAR = 2000


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        title = Truncator(obj.title).chars(90)
        return f"{obj.reference} – {title}" if obj.reference else title


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


OUTSIDE = {"invalid_choice": _("A report covers only what your body looks after.")}


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=Report.Kind.choices)
    scope = forms.ChoiceField(label=_("Covering"), choices=SCOPES, widget=forms.RadioSelect)
    programme = ProgrammeChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        required=False,
        error_messages=OUTSIDE,
    )
    body = forms.ModelChoiceField(
        label=_("Body"), queryset=None, required=False, error_messages=OUTSIDE
    )
    unit = UnitChoiceField(
        label=_("Administrative unit"), queryset=None, required=False, error_messages=OUTSIDE
    )
    year = forms.IntegerField(
        label=_("Year"),
        help_text=_("For a multi-year review: the first year."),
        min_value=FIRST_YEAR,
        max_value=LATEST.year,
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        choices=[("", "---------")] + [(q, roman) for q, roman in ROMAN.items()],
        coerce=int,
        empty_value=None,
        required=False,
    )
    last_year = forms.IntegerField(
        label=_("Last year"),
        help_text=_("For a multi-year review only."),
        min_value=FIRST_YEAR,
        max_value=LATEST.year,
        required=False,
    )

    def __init__(self, *args, user, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.today = today or timezone.localdate()
        self.fields["year"].widget.attrs["max"] = self.today.year
        self.fields["last_year"].widget.attrs["max"] = self.today.year
        self.fields["programme"].queryset = (
            visible_programmes(user)
            .exclude(status=Programme.Status.DRAFT)
            .select_related("issuer")
            .order_by("-period_start", "issuer__name", "number")
        )
        self.fields["body"].queryset = visible_bodies(user).select_related("unit")
        self.fields["unit"].queryset = units_overseen(user).order_by("level", "name")
        if not self.fields["unit"].queryset.exists():
            # A unit's report is for the bodies above it; a body with none below has no choice.
            self.fields["scope"].choices = [c for c in SCOPES if c[0] != "unit"]
        self.helper = FormHelper()
        self.helper.form_id = "report-form"
        self.helper.layout = Layout(
            "kind",
            "scope",
            "programme",
            "body",
            "unit",
            Div(
                Div("year", css_class="col-sm-4"),
                Div("quarter", css_class="col-sm-4"),
                Div("last_year", css_class="col-sm-4"),
                css_class="row",
            ),
            Submit("submit", _("Make the report"), css_class="btn-primary"),
        )

    @classmethod
    def initial_for(cls, *, user, params, today=None):
        """Sensible defaults (last quarter, the user's body), overridden by the query string."""
        today = today or timezone.localdate()
        year, quarter = previous_quarter(today)
        body = body_of(user)
        initial = {
            "kind": Report.Kind.QUARTERLY,
            "scope": "body",
            "body": body.pk if body else None,
            "year": year,
            "quarter": quarter,
        }
        for name in ("kind", "programme", "body", "unit", "year", "quarter", "last_year"):
            if params.get(name):
                initial[name] = params[name]
        if params.get("programme"):
            initial["scope"] = "programme"
        elif params.get("unit"):
            initial["scope"] = "unit"
        return initial

    def clean(self):
        data = super().clean()
        kind, scope_name, year = data.get("kind"), data.get("scope"), data.get("year")
        if not (kind and scope_name):
            return data
        scope = data.get(scope_name)
        if scope is None and scope_name not in self.errors:
            self.add_error(scope_name, _("Choose what the report covers."))
        if scope_name == "programme" and kind != Report.Kind.QUARTERLY:
            self.add_error(
                "scope",
                _(
                    "A single programme is reviewed quarterly; a year-end or multi-year "
                    "report covers a body or an administrative unit."
                ),
            )
        period = self.clean_period(kind, year, data.get("quarter"), data.get("last_year"))
        if period and period.start > self.today:
            self.add_error(
                "quarter" if kind == Report.Kind.QUARTERLY else "year",
                _("This period has not begun yet."),
            )
        if scope is not None and not can_request_report(self.user, scope):
            self.add_error(None, _("You may not ask for a report on this."))
        data["scope_object"], data["period"] = scope, period
        return data

    def clean_period(self, kind, year, quarter, last_year):
        if year is None:
            return None
        if kind == Report.Kind.QUARTERLY:
            if quarter is None:
                self.add_error("quarter", _("Choose the quarter."))
                return None
            return quarter_period(year, quarter)
        if kind == Report.Kind.YEAR_END:
            return year_period(year)
        if last_year is None:
            self.add_error("last_year", _("A multi-year review needs its last year."))
            return None
        if last_year <= year:
            self.add_error("last_year", _("The last year must come after the first."))
            return None
        if last_year > self.today.year:
            self.add_error("last_year", _("This period has not begun yet."))
            return None
        return Period(year_period(year).start, year_period(last_year).end)


# --- a draft: its narrative, its issue -----------------------------------------------

NARRATIVE_MAX = 20000


class NarrativeForm(forms.Form):
    """The five sections the secretariat writes, pre-filled from the records."""

    version = version_field()
    strengths = forms.CharField(
        label=_("Strengths"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    weaknesses_and_causes = forms.CharField(
        label=_("Weaknesses and their causes"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    lessons = forms.CharField(
        label=_("Lessons learnt"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    proposals = forms.CharField(
        label=_("Recommendations and proposals"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    next_tasks = forms.CharField(
        label=_("Tasks for the next period"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in NARRATIVE_KEYS:
            self.fields[key].max_length = NARRATIVE_MAX
            self.fields[key].validators.append(MaxLengthValidator(NARRATIVE_MAX))

    @classmethod
    def initial_for(cls, report):
        return {"version": report.version, **{key: getattr(report, key) for key in NARRATIVE_KEYS}}


class SignerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} – {obj.position}"


class IssueForm(forms.Form):
    """Who signs and who receives the report, chosen by the leader who issues it."""

    signer = SignerChoiceField(
        label=_("Signer"),
        queryset=Official.objects.none(),
        error_messages={"invalid_choice": _("Choose an official of the issuing body.")},
    )
    recipients = BodyMultipleChoiceField(
        label=_("Recipients"),
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The bodies the report is sent to (“Nơi nhận”): each may open it, whatever "
            "it covers, and finds it in its list of reports as received."
        ),
        error_messages={"invalid_choice": _("Choose among the bodies listed.")},
    )

    def __init__(self, *args, report, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = issue_signers(report)
        self.fields["recipients"].queryset = issue_recipients(report, user)

    @classmethod
    def initial_for(cls, report):
        """The body's head signs; the body above and the programme's other parties receive."""
        signer = report_signer(report)
        recipients = []
        if report.issuing_body.parent_id:
            recipients.append(report.issuing_body.parent_id)
        if report.programme_id:
            recipients += [
                party.body_id
                for party in report.programme.memberships.exclude(body=report.issuing_body_id)
            ]
        return {"signer": signer.pk if signer else None, "recipients": recipients}


def issue_signers(report, day=None):
    """The officials of the issuing body in office on the day of issue."""
    day = day or timezone.localdate()
    return (
        Official.objects.filter(body=report.issuing_body_id)
        .filter(Q(active_from__isnull=True) | Q(active_from__lte=day))
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=day))
        .order_by("full_name")
    )


def issue_recipients(report, user):
    """Bodies a report may be sent to: those the user's body may name (its own unit, the
    one above, those below), the body above it and the parties of what it covers."""
    bodies = Q(pk__in=pickable_bodies(user).values("pk"))
    if report.issuing_body.parent_id:
        bodies |= Q(pk=report.issuing_body.parent_id)
    if report.programme_id:
        bodies |= Q(programme_memberships__programme=report.programme_id)
    return (
        Body.objects.filter(bodies)
        .exclude(pk=report.issuing_body_id)
        .distinct()
        .select_related("unit")
        .order_by("unit__level", "unit__name", "name")
    )
