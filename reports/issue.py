"""Issuing a report: its number in the issuing body's register, its date, its signer
and recipients, and the fingerprint of its frozen text.

A draft has no number: numbers are given at issue, in the issuing body's register
for the year of issue, under a lock on the body's row (two leaders issuing at the
same moment get two numbers in turn, never the same one; a draft issued twice at
once is issued once, the second is refused).
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from parties.models import Body
from reports.models import NARRATIVE_KEYS, Report


def report_number_next(*, issuing_body, year):
    """The next free number in the issuing body's register for the year.

    Call inside a transaction: the body's row stays locked until it commits,
    so two requests at once cannot take the same number.
    """
    Body.objects.select_for_update().filter(pk=issuing_body.pk).first()
    last = Report.objects.filter(issuing_body=issuing_body, number_year=year).aggregate(
        last=Max("number")
    )["last"]
    return (last or 0) + 1


def report_canonical_text(report):
    """What the issued document says in words, as one canonical string: number, date,
    signer, recipients, title, what it covers and the five narrative sections. Its
    SHA-256 is kept at issue and shown on the report's page; the figures are those of
    the issued copy, built once from the records of that day."""
    content = {
        "reference": report.reference,
        "issued_on": report.issued_on.isoformat() if report.issued_on else None,
        "place": report.place_name,
        "issuing_body": [report.issuing_body_id, report.issuing_body.full_name],
        "kind": report.kind,
        "scope": [report.programme_id, report.body_id, report.unit_id],
        "period": [report.period_start.isoformat(), report.period_end.isoformat()],
        "title": report.title.strip(),
        "signer": [report.signer.full_name, report.signer_position] if report.signer else None,
        "recipients": sorted([b.pk, b.full_name] for b in report.recipients.all()),
        "supersedes": report.supersedes.reference if report.supersedes_id else None,
        "narrative": {key: getattr(report, key).strip() for key in NARRATIVE_KEYS},
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def report_fingerprint(report):
    return hashlib.sha256(report_canonical_text(report).encode("utf-8")).hexdigest()


NO_OFFICIAL = _(
    "%(body)s has no official recorded, so nobody can sign its reports yet. Ask the system "
    "administrator to record the body's head (and deputies) under Officials in the "
    "administration pages; the draft is kept and can be issued once they are named."
)


def issue_locked(
    report, *, signer, recipients, issued_on=None, number=None, by=None, signer_unknown=False
):
    """Issue `report` (a draft; the caller holds its row lock or has just created it):
    its number (`number`, or the next in its body's register for the year of issue),
    its date, signer and recipients; its text frozen with its fingerprint. A correction
    issued marks the report it corrects as superseded.

    `signer_unknown` is for a report recorded from a source that does not name who
    signed it (reports/services.py, `report_create`): it is issued with no signer,
    and no document prints one."""
    body = report.issuing_body
    if signer is None and signer_unknown:
        pass
    elif signer is None:
        if not body.officials.exists():
            raise ValidationError(NO_OFFICIAL % {"body": body.full_name})
        raise ValidationError({"signer": _("Choose who signs the report.")})
    elif signer.body_id != body.pk:
        raise ValidationError({"signer": _("The signer must be an official of the issuing body.")})
    issued_on = issued_on or timezone.localdate()
    Body.objects.select_for_update().filter(pk=body.pk).first()
    if number is None:
        number = report_number_next(issuing_body=body, year=issued_on.year)
    elif Report.objects.filter(
        issuing_body=body, number_year=issued_on.year, number=number
    ).exists():
        raise ValidationError(
            {"number": _("This number is already taken in the body's register for the year.")}
        )
    if report.supersedes_id:
        replaced = Report.objects.select_for_update().get(pk=report.supersedes_id)
        if replaced.state != Report.State.ISSUED:
            raise ValidationError(
                _("The report this one corrects has already been replaced by another.")
            )
        replaced.state = Report.State.SUPERSEDED
        replaced.save(update_fields=["state"])
    report.state = Report.State.ISSUED
    report.number = number
    report.number_year = issued_on.year
    report.issued_on = issued_on
    report.signer = signer
    report.signer_position = signer.position if signer else ""
    report.issued_by = by
    report.issued_at = timezone.now()
    report.save()
    report.recipients.set(recipients)
    report.text_sha256 = report_fingerprint(report)
    report.save(update_fields=["text_sha256"])
    return report
