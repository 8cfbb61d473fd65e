"""Writes to programmes, clauses and progress. Each runs in one transaction."""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import (
    Amendment,
    Clause,
    ClauseStatus,
    Indicator,
    IndicatorValue,
    Programme,
    ProgrammeParty,
    ProgressReport,
    Signatory,
    Signing,
    SigningWitness,
)
from agreements.selectors import clause_latest_statuses


def programme_ensure_draft(programme):
    """Refuse any change to a programme that is no longer a draft."""
    if programme.status != Programme.Status.DRAFT:
        raise ValidationError(
            _(
                "This programme has been signed: its text is frozen. "
                "Changes can only be made as an amendment."
            )
        )


@transaction.atomic
def programme_create(
    *,
    number,
    symbol,
    year,
    issuer,
    title,
    parties,
    period_start,
    period_end,
    lead=None,
    legal_basis="",
    content="",
    topics=(),
    created_by=None,
):
    parties = list(dict.fromkeys(parties))
    if len(parties) < 2:
        raise ValidationError({"parties": _("A programme needs at least two parties.")})
    if lead is not None and lead not in parties:
        raise ValidationError({"lead": _("The lead party must be one of the parties.")})
    programme = Programme(
        number=number,
        symbol=symbol,
        year=year,
        issuer=issuer,
        title=title,
        legal_basis=legal_basis,
        content=content,
        period_start=period_start,
        period_end=period_end,
        created_by=created_by,
    )
    programme.full_clean()
    programme.save()
    for body in parties:
        party = ProgrammeParty(programme=programme, body=body, is_lead=body == lead)
        party.full_clean()
        party.save()
    programme.topics.set(topics)
    return programme


@transaction.atomic
def clause_create(
    *,
    programme,
    text,
    lead_body,
    number=None,
    supporting_bodies=(),
    topic=None,
    cadence=Clause.Cadence.ONGOING,
    due_date=None,
    indicators=(),
    amendment=None,
    replaces=None,
):
    """Add a clause; to a draft directly, to a signed programme only through an amendment."""
    if amendment is None:
        programme_ensure_draft(programme)
    if number is None:
        last = programme.clauses.filter(amendment__isnull=True).order_by("-number").first()
        number = (last.number + 1) if last else 1
    clause = Clause(
        programme=programme,
        number=number,
        text=text,
        lead_body=lead_body,
        topic=topic,
        cadence=cadence,
        due_date=due_date,
        amendment=amendment,
        replaces=replaces,
    )
    clause.full_clean()
    clause.save()
    clause.supporting_bodies.set(supporting_bodies)
    for name, unit, target in indicators:
        indicator = Indicator(clause=clause, name=name, unit=unit, target=target)
        indicator.full_clean()
        indicator.save()
    return clause


def programme_canonical_content(programme):
    """The signed text in a canonical form: same content, same bytes, whatever the order."""
    clauses = (
        programme.clauses.filter(amendment__isnull=True)
        .select_related("topic", "lead_body")
        .prefetch_related("supporting_bodies", "indicators")
        .order_by("number")
    )
    content = {
        "reference": programme.reference,
        "issuer": programme.issuer.code,
        "year": programme.year,
        "title": programme.title.strip(),
        "legal_basis": programme.legal_basis.strip(),
        "content": programme.content.strip(),
        "period": [programme.period_start.isoformat(), programme.period_end.isoformat()],
        "parties": sorted(
            [party.body_id, party.body.name, party.is_lead]
            for party in programme.memberships.select_related("body")
        ),
        "topics": sorted(programme.topics.values_list("code", flat=True)),
        "clauses": [
            {
                "number": clause.number,
                "text": clause.text.strip(),
                "topic": clause.topic.code if clause.topic else None,
                "lead_body": clause.lead_body_id,
                "supporting_bodies": sorted(b.pk for b in clause.supporting_bodies.all()),
                "cadence": clause.cadence,
                "due_date": clause.due_date.isoformat() if clause.due_date else None,
                "indicators": sorted(
                    [i.name, i.unit, f"{i.target.normalize():f}"] for i in clause.indicators.all()
                ),
            }
            for clause in clauses
        ],
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def programme_fingerprint(programme):
    return hashlib.sha256(programme_canonical_content(programme).encode("utf-8")).hexdigest()


@transaction.atomic
def programmes_sign(*, programmes, date, place, signatories, witnesses=(), note="", by=None):
    """Record one signing ceremony for one or more draft programmes and freeze them.

    `signatories` maps each programme to a list of (body, official) pairs, one
    per party; `witnesses` is a list of officials. The position each held on
    the day is the one recorded on their official record.
    """
    programmes = list(programmes)
    if not programmes:
        raise ValidationError(_("Choose at least one programme to sign."))
    for programme in programmes:
        programme_ensure_draft(programme)
        if not programme.clauses.exists():
            raise ValidationError(
                _("Programme %(reference)s has no clauses to sign.")
                % {"reference": programme.reference}
            )
    signing = Signing(date=date, place=place, note=note, created_by=by)
    signing.full_clean()
    signing.save()
    for official in witnesses:
        SigningWitness.objects.create(
            signing=signing, official=official, position=official.position
        )
    for programme in programmes:
        pairs = signatories.get(programme, [])
        signed_bodies = set()
        for body, official in pairs:
            signatory = Signatory(
                programme=programme, body=body, official=official, position=official.position
            )
            signatory.full_clean()
            signatory.save()
            signed_bodies.add(body.pk)
        missing = programme.memberships.exclude(body_id__in=signed_bodies)
        if missing.exists():
            raise ValidationError(
                _("Every party must have a signatory; missing: %(bodies)s.")
                % {"bodies": ", ".join(str(p.body) for p in missing.select_related("body"))}
            )
        if date > programme.period_end:
            raise ValidationError(
                {"date": _("A programme cannot be signed after its period has ended.")}
            )
        programme.fingerprint = programme_fingerprint(programme)
        programme.signing = signing
        programme.status = Programme.Status.SIGNED
        programme.full_clean()
        programme.save()
    return signing


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
    if reported_on < programme.signing.date:
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
        row = IndicatorValue(report=report, indicator=indicator, value=value)
        row.full_clean()
        row.save()
    return report


@transaction.atomic
def amendment_create(*, programme, date, title, text, clause_changes=(), by=None):
    """Amend a signed programme: the original clauses stay as they were signed.

    Each item of `clause_changes` is a dict of clause fields; with "replaces"
    it is a new wording of that clause, without it a clause added.
    """
    if programme.status != Programme.Status.SIGNED:
        raise ValidationError(
            _("Only a signed programme in force is amended; a draft is edited directly.")
        )
    if date < programme.signing.date:
        raise ValidationError({"date": _("An amendment cannot predate the signing.")})
    last = programme.amendments.aggregate(last=Max("number"))["last"] or 0
    amendment = Amendment(
        programme=programme, number=last + 1, date=date, title=title, text=text, created_by=by
    )
    amendment.full_clean()
    amendment.save()
    next_number = (programme.clauses.aggregate(last=Max("number"))["last"] or 0) + 1
    for change in clause_changes:
        change = dict(change)
        replaces = change.pop("replaces", None)
        if replaces is not None:
            if replaces.programme_id != programme.pk:
                raise ValidationError(_("The clause to replace belongs to another programme."))
            if Clause.objects.filter(replaces=replaces).exists():
                raise ValidationError(
                    _("Clause %(number)s has already been replaced; amend its newest wording.")
                    % {"number": replaces.number}
                )
            number = replaces.number
        else:
            number, next_number = next_number, next_number + 1
        clause_create(
            programme=programme, amendment=amendment, replaces=replaces, number=number, **change
        )
    return amendment


def clause_open_numbers(programme):
    """Numbers of the clauses in force that are neither done nor dropped."""
    clauses = list(programme.clauses.filter(replaced_by__isnull=True, dropped_on__isnull=True))
    latest = clause_latest_statuses(clause_ids=[c.pk for c in clauses])
    return [c.number for c in clauses if latest.get(c.pk) != ClauseStatus.DONE]


@transaction.atomic
def programme_close(*, programme, closed_on, note="", by=None):
    """Close a programme after its final review; refused while a clause is still open."""
    if programme.status != Programme.Status.SIGNED:
        raise ValidationError(_("Only a signed programme in force can be closed."))
    if closed_on < programme.signing.date:
        raise ValidationError({"closed_on": _("A programme cannot close before it was signed.")})
    open_numbers = clause_open_numbers(programme)
    if open_numbers:
        raise ValidationError(
            _(
                "Clauses %(numbers)s are neither done nor dropped with a reason; "
                "the programme cannot be closed yet."
            )
            % {"numbers": ", ".join(str(n) for n in sorted(set(open_numbers)))}
        )
    programme.status = Programme.Status.CLOSED
    programme.closed_on = closed_on
    programme.closing_note = note
    programme.full_clean()
    programme.save()
    return programme
