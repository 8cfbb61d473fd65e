"""Amendments: the only way a signed programme changes; the original stays as signed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Amendment, Clause, Programme
from agreements.services.clauses import clause_create
from agreements.services.documents import document_request
from agreements.services.drafts import programme_lock


@transaction.atomic
def amendment_create(*, programme, date, title, text, clause_changes=(), by=None):
    """Amend a signed programme: the original clauses stay as they were signed.

    Each item of `clause_changes` is a dict of clause fields; with "replaces"
    it is a new wording of that clause (keeping its indicators unless others
    are given), without it a clause added.
    """
    programme_lock(programme)
    if programme.status != Programme.Status.SIGNED:
        raise ValidationError(
            _("Only a signed programme in force is amended; a draft is edited directly.")
        )
    if date < programme.in_force_from:
        raise ValidationError({"date": _("An amendment cannot predate the signing.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("This date is in the future.")})
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
            if replaces.is_dropped:
                raise ValidationError(
                    _("Clause %(number)s has been dropped; it cannot be amended.")
                    % {"number": replaces.number}
                )
            number = replaces.number
            if not change.get("indicators"):
                change["indicators"] = [
                    (i.name, i.unit, i.target) for i in replaces.indicators.all()
                ]
        else:
            number, next_number = next_number, next_number + 1
        clause_create(
            programme=programme, amendment=amendment, replaces=replaces, number=number, **change
        )
    document_request(programme=programme, amendment=amendment)
    return amendment
