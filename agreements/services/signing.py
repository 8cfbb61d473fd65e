"""Signing: one ceremony signs one or more drafts and freezes their text."""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Programme, Signatory, Signing, SigningWitness
from agreements.services.documents import document_request
from agreements.services.drafts import programme_ensure_draft, programme_lock


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


def title_on(official, day):
    """The official's title on `day`; on their record when the day is not known."""
    return official.title_on(day) if day is not None else official.position


def _signatory_rows(pairs, day):
    """(body, official) or (body, official, position); an empty position is the one the
    official held on the signing's day."""
    for row in pairs:
        body, official, *rest = row
        position = (rest[0] if rest else "") or title_on(official, day)
        yield body, official, position.strip()


@transaction.atomic
def programmes_sign(*, programmes, date, place, signatories, witnesses=(), note="", by=None):
    """Record one signing ceremony for one or more draft programmes and freeze them.

    `signatories` maps each programme to a list of (body, official[, position])
    rows, one per party; `witnesses` is a list of officials or of (official,
    position) pairs. Without a position, the one on the official's record is
    the one stored: what the document records is the position held that day.

    `date` is None only for a signing recorded from a source that does not give
    its day (the signing page always asks for one): nothing is then checked
    against it, and the officials' positions are those on their records. Such a
    source may name none of the signatories either: then none is recorded (no
    stand-in signs), and the document prints each party's block with no name.
    """
    # Locked in one order (by id), as every write to a programme's text locks it first:
    # no clause can change between the check below and the fingerprint.
    programmes = [programme_lock(p) for p in sorted(programmes, key=lambda p: p.pk)]
    if not programmes:
        raise ValidationError({"programmes": _("Choose at least one programme to sign.")})
    if date is not None and date > timezone.localdate():
        raise ValidationError({"date": _("A signing cannot be recorded for a future date.")})
    for programme in programmes:
        programme_ensure_draft(programme)
        if not programme.clauses.exists():
            raise ValidationError(
                {
                    "programmes": _("Programme %(reference)s has no clauses to sign.")
                    % {"reference": programme.citation}
                }
            )
        if date is not None and date > programme.period_end:
            raise ValidationError(
                {
                    "date": _(
                        "Programme %(reference)s cannot be signed after its period has ended "
                        "(%(end)s)."
                    )
                    % {
                        "reference": programme.citation,
                        "end": programme.period_end.strftime("%d/%m/%Y"),
                    }
                }
            )
    signing = Signing(date=date, place=place, note=note, created_by=by)
    signing.full_clean()
    signing.save()
    for witness in witnesses:
        official, position = witness if isinstance(witness, tuple) else (witness, "")
        row = SigningWitness(
            signing=signing,
            official=official,
            position=(position or title_on(official, date)).strip(),
        )
        row.full_clean()
        row.save()
    by_pk = {p.pk: rows for p, rows in signatories.items()}
    for programme in programmes:
        signed_bodies = set()
        for body, official, position in _signatory_rows(by_pk.get(programme.pk, []), date):
            signatory = Signatory(
                programme=programme, body=body, official=official, position=position
            )
            signatory.full_clean()
            signatory.save()
            signed_bodies.add(body.pk)
        missing = programme.memberships.exclude(body_id__in=signed_bodies).select_related("body")
        none_named_by_the_source = date is None and not signed_bodies
        if missing and not none_named_by_the_source:
            raise ValidationError(
                _("Every party must have a signatory; missing: %(bodies)s.")
                % {"bodies": ", ".join(str(p.body) for p in missing)}
            )
        programme.fingerprint = programme_fingerprint(programme)
        programme.signing = signing
        programme.status = Programme.Status.SIGNED
        programme.full_clean()
        programme.save()
        # The signed text as a document, built and signed digitally on a worker.
        document_request(programme=programme)
    return signing
