"""A progress report on a clause, with a value for each of its indicators."""

from django import forms
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from agreements.forms.base import BodyChoiceField, date_field
from agreements.models import ProgressReport
from agreements.rules import reporting_bodies
from parties.models import Body

NEGATIVE = _("An indicator value cannot be negative.")


class ProgressReportForm(forms.Form):
    reported_on = date_field(_("Date"))
    reporting_body = BodyChoiceField(
        label=_("Reporting body"),
        queryset=None,
        error_messages={
            "invalid_choice": _(
                "You report for your own body only, as the lead or a supporting body of this "
                "clause."
            )
        },
    )
    status = forms.ChoiceField(label=_("Status"), choices=ProgressReport.REPORTABLE_STATUSES)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, clause, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.clause = clause
        bodies = reporting_bodies(user, clause)
        field = self.fields["reporting_body"]
        field.queryset = Body.objects.filter(pk__in=[b.pk for b in bodies]).select_related("unit")
        if len(bodies) == 1:
            field.initial = bodies[0]
        self.fields["reported_on"].initial = timezone.localdate()
        latest = getattr(clause, "latest_status", None)
        if latest:
            self.fields["status"].initial = latest
        self.indicator_fields = []
        for indicator in clause.indicators.all():
            name = f"value_{indicator.pk}"
            self.fields[name] = forms.DecimalField(
                label=indicator.name,
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=2,
                # Help text is printed as HTML (crispy-forms, Django's own forms): escape
                # the unit a user typed.
                help_text=escape(
                    _("Achieved since the previous report, in %(unit)s (target %(target)s).")
                    % {"unit": indicator.unit, "target": f"{indicator.target.normalize():f}"}
                ),
                error_messages={"min_value": NEGATIVE},
            )
            self.indicator_fields.append((name, indicator))

    def indicator_bound_fields(self):
        return [self[name] for name, _indicator in self.indicator_fields]

    def values(self):
        return {
            indicator: self.cleaned_data.get(name)
            for name, indicator in self.indicator_fields
            if self.cleaned_data.get(name) is not None
        }
