"""Progress reports on the clauses of a programme in force."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Clause, IndicatorValue, Programme, ProgressReport


@transaction.atomic
def progress_report_create(
    *, clause, reported_on, reporting_body, status, values=None, note="", by=None
):
    """Record how a clause stands; `values` maps indicators to what was achieved."""
    programme = clause.programme
    if programme.status != Programme.Status.SIGNED:
        raise ValidationError(_("Progress is reported only on a programme in force."))
    if clause.is_dropped:
        raise ValidationError(_("This clause has been dropped; no progress is reported on it."))
    if Clause.objects.filter(replaces=clause).exists():
        raise ValidationError(
            _("This clause was replaced by an amendment; report on its new wording.")
        )
    if reported_on < programme.in_force_from:
        raise ValidationError(
            {"reported_on": _("Progress cannot be reported before the programme was signed.")}
        )
    if reported_on > timezone.localdate():
        raise ValidationError({"reported_on": _("Progress cannot be reported for a future date.")})
    report = ProgressReport(
        clause=clause,
        reported_on=reported_on,
        reporting_body=reporting_body,
        status=status,
        note=note,
        created_by=by,
    )
    report.full_clean()
    report.save()
    for indicator, value in (values or {}).items():
        if value is None:
            continue
        row = IndicatorValue(report=report, indicator=indicator, value=value)
        try:
            row.full_clean()
        except ValidationError as error:
            raise ValidationError({f"value_{indicator.pk}": error.messages}) from error
        row.save()
    return report
