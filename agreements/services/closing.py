"""Closing a programme after its final review."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import ClauseStatus, Programme
from agreements.services.drafts import programme_lock


def clause_open_numbers(programme):
    """Numbers of the clauses in force that are neither done nor dropped."""
    clauses = programme.clauses.filter(replaced_by__isnull=True, dropped_on__isnull=True)
    return sorted(set(clauses.exclude(status=ClauseStatus.DONE).values_list("number", flat=True)))


@transaction.atomic
def programme_close(*, programme, closed_on, note="", by=None):
    """Close a programme after its final review; refused while a clause is still open."""
    programme_lock(programme)
    if programme.status != Programme.Status.SIGNED:
        raise ValidationError(_("Only a signed programme in force can be closed."))
    if closed_on < programme.in_force_from:
        raise ValidationError({"closed_on": _("A programme cannot close before it was signed.")})
    if closed_on > timezone.localdate():
        raise ValidationError({"closed_on": _("This date is in the future.")})
    open_numbers = clause_open_numbers(programme)
    if open_numbers:
        raise ValidationError(
            _(
                "Clauses %(numbers)s are neither done nor dropped with a reason; "
                "the programme cannot be closed yet."
            )
            % {"numbers": ", ".join(str(n) for n in open_numbers)}
        )
    programme.status = Programme.Status.CLOSED
    programme.closed_on = closed_on
    programme.closing_note = note
    programme.full_clean()
    programme.save()
    return programme
