"""Drafting a programme: create it, edit it while it is a draft, keep its search text."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from agreements.models import Programme, ProgrammeParty
from agreements.search import programme_search_text
from parties.models import Body
from parties.versions import version_check


def programme_ensure_draft(programme):
    """Refuse any change to a programme that is no longer a draft."""
    if programme.status != Programme.Status.DRAFT:
        raise ValidationError(
            _(
                "This programme has been signed: its text is frozen. "
                "Changes can only be made as an amendment."
            )
        )


def programme_lock(programme):
    """Lock the programme's row for this transaction and read it afresh into `programme`."""
    list(Programme.objects.select_for_update().filter(pk=programme.pk).values_list("pk"))
    programme.refresh_from_db()
    return programme


def programme_lock_draft(programme):
    """Lock the programme's row, read it afresh and refuse if it is no longer a draft:
    every write to a programme's text does this first, and so does the signing, so
    that no change slips in between the signing's check and its fingerprint."""
    programme_lock(programme)
    programme_ensure_draft(programme)
    return programme


def programme_refresh_search_text(programme):
    """Fold the programme's reference, words, parties and fields for the search box."""
    bodies = [party.body for party in programme.memberships.select_related("body")]
    names = [name for body in bodies for name in dict.fromkeys([body.name, body.full_name])]
    names += [topic.name for topic in programme.topics.all()]
    programme.search_text = programme_search_text(
        reference=programme.reference,
        title=programme.title,
        legal_basis=programme.legal_basis,
        content=programme.content,
        names=names,
    )
    Programme.objects.filter(pk=programme.pk).update(search_text=programme.search_text)


def _programme_differences(programme, submitted):
    """(label, saved, submitted) for each field of the draft form."""
    field = Programme._meta.get_field
    lead = programme.memberships.filter(is_lead=True).select_related("body").first()
    saved = {
        "number": programme.number,
        "symbol": programme.symbol,
        "year": programme.year,
        "issuer": programme.issuer,
        "title": programme.title,
        "legal_basis": programme.legal_basis,
        "content": programme.content,
        "parties": list(programme.parties.all()),
        "lead": lead.body if lead else None,
        "period_start": programme.period_start,
        "period_end": programme.period_end,
        "topics": list(programme.topics.all()),
    }
    labels = {"lead": _("Lead party")}
    return [
        (labels.get(name) or field(name).verbose_name, saved[name], submitted[name])
        for name in saved
    ]


def _check_parties(*, parties, lead, issuer):
    errors = {}
    if len(parties) < 2:
        errors["parties"] = _("A programme needs at least two parties.")
    if lead is not None and lead not in parties:
        errors["lead"] = _("The lead party must be one of the parties.")
    if issuer is not None and parties and issuer not in parties:
        errors["issuer"] = _("The issuing body must be one of the parties.")
    if errors:
        raise ValidationError(errors)


def _reference_taken(programme):
    return ValidationError(
        {
            "symbol": _("%(issuer)s already has a programme numbered %(reference)s in %(year)s.")
            % {
                "issuer": programme.issuer,
                "reference": programme.reference,
                "year": programme.year,
            }
        }
    )


def _save_with_free_reference(programme):
    """Save unless the issuer's register already holds this number. The issuer's row is
    locked first so that two drafts given the same number at once cannot both pass the
    check; the database's unique constraint stays the last word."""
    Body.objects.select_for_update().filter(pk=programme.issuer_id).first()
    _check_reference_free(programme)
    try:
        with transaction.atomic():
            programme.save()
    except IntegrityError as error:
        raise _reference_taken(programme) from error


def _check_reference_free(programme):
    if programme.number is None:
        return  # recorded without a number: no place in the register to take
    taken = Programme.objects.filter(
        issuer=programme.issuer,
        year=programme.year,
        number=programme.number,
        symbol=programme.symbol,
    ).exclude(pk=programme.pk)
    if taken.exists():
        raise _reference_taken(programme)


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
    _check_parties(parties=parties, lead=lead, issuer=issuer)
    programme = Programme(
        number=number,
        symbol=symbol.strip(),
        year=year,
        issuer=issuer,
        title=title,
        legal_basis=legal_basis,
        content=content,
        period_start=period_start,
        period_end=period_end,
        created_by=created_by,
    )
    programme.full_clean(validate_constraints=False)
    _save_with_free_reference(programme)
    for body in parties:
        party = ProgrammeParty(programme=programme, body=body, is_lead=body == lead)
        party.full_clean()
        party.save()
    programme.topics.set(topics)
    programme_refresh_search_text(programme)
    return programme


@transaction.atomic
def programme_update(
    *,
    programme,
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
    version=None,
):
    """Edit a draft; a body leading a clause stays a party (a supporting body need not be one).

    `version` is the programme's version the form was opened at: if someone saved the
    draft since, the edit is refused with what changed (EditConflict).
    """
    programme_lock_draft(programme)
    parties = list(dict.fromkeys(parties))
    version_check(
        record=programme,
        version=version,
        compare=lambda: _programme_differences(
            programme,
            {
                "number": number,
                "symbol": symbol.strip(),
                "year": year,
                "issuer": issuer,
                "title": title,
                "legal_basis": legal_basis,
                "content": content,
                "parties": parties,
                "lead": lead,
                "period_start": period_start,
                "period_end": period_end,
                "topics": list(topics),
            },
        ),
    )
    _check_parties(parties=parties, lead=lead, issuer=issuer)
    still_needed = programme.clauses.exclude(lead_body__in=parties).select_related("lead_body")
    for clause in still_needed[:1]:
        raise ValidationError(
            {
                "parties": _(
                    "%(body)s leads clause %(number)s; give that clause another lead body first."
                )
                % {"body": clause.lead_body, "number": clause.number}
            }
        )
    fields = {
        "number": number,
        "symbol": symbol.strip(),
        "year": year,
        "issuer": issuer,
        "title": title,
        "legal_basis": legal_basis,
        "content": content,
        "period_start": period_start,
        "period_end": period_end,
    }
    for name, value in fields.items():
        setattr(programme, name, value)
    programme.full_clean(validate_constraints=False)
    _check_reference_free(programme)
    outside = programme.clauses.exclude(due_date__isnull=True).exclude(
        due_date__range=(period_start, period_end)
    )
    for clause in outside[:1]:
        raise ValidationError(
            {
                "period_end": _(
                    "Clause %(number)s is due on %(due)s, outside this period; "
                    "change its due date first."
                )
                % {"number": clause.number, "due": clause.due_date.strftime("%d/%m/%Y")}
            }
        )
    programme.version += 1
    _save_with_free_reference(programme)
    for party in programme.memberships.exclude(body__in=parties):
        party.delete()  # one by one, so the history records each
    for party in programme.memberships.filter(is_lead=True).exclude(body=lead):
        party.is_lead = False
        party.save(update_fields=["is_lead"])
    for body in parties:
        party, _created = ProgrammeParty.objects.get_or_create(programme=programme, body=body)
        if body == lead and not party.is_lead:
            party.is_lead = True
            party.save(update_fields=["is_lead"])
    programme.topics.set(topics)
    programme_refresh_search_text(programme)
    return programme
