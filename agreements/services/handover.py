"""What a reorganisation does to the programmes in force of the bodies it ends: each is
handed over to a successor (recorded, in the programme's history) or closed by the act,
as the administrator chooses per programme."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from agreements.models import Handover, Programme
from agreements.services.drafts import programme_lock


def programmes_to_settle(reorganisation):
    """Programmes in force to which a body this reorganisation ended is a party, with
    none of its choices recorded yet."""
    ended = reorganisation.successions.filter(predecessor_body__isnull=False).exclude(
        kind="renamed"
    )
    return (
        Programme.objects.filter(
            status=Programme.Status.SIGNED,
            memberships__body__in=ended.values("predecessor_body"),
        )
        .exclude(handovers__reorganisation=reorganisation)
        .distinct()
        .order_by("-period_start", "pk")
    )


def successors_for(reorganisation, programme):
    """{ended party body: [its successors]} for this programme."""
    found = {}
    party_ids = set(programme.memberships.values_list("body_id", flat=True))
    rows = reorganisation.successions.filter(predecessor_body_id__in=party_ids).exclude(
        kind="renamed"
    )
    for row in rows.select_related("predecessor_body", "successor_body"):
        found.setdefault(row.predecessor_body, []).append(row.successor_body)
    return found


@transaction.atomic
def programme_hand_over(*, programme, reorganisation, from_body, to_body):
    """`to_body` takes `from_body`'s place in `programme` from the reorganisation on."""
    programme_lock(programme)
    if programme.status != Programme.Status.SIGNED:
        raise ValidationError(_("Only a programme in force is handed over."))
    if not reorganisation.successions.filter(
        predecessor_body=from_body, successor_body=to_body
    ).exists():
        raise ValidationError(_("This body is not a successor named by the reorganisation."))
    handover = Handover(
        programme=programme, reorganisation=reorganisation, from_body=from_body, to_body=to_body
    )
    handover.full_clean()
    handover.save()
    return handover


@transaction.atomic
def programme_close_by_reorganisation(*, programme, reorganisation):
    """Closed by the act itself, on the last day of the bodies it ended: no final review."""
    programme_lock(programme)
    if programme.status != Programme.Status.SIGNED:
        raise ValidationError(_("Only a programme in force is closed by a reorganisation."))
    programme.status = Programme.Status.CLOSED
    programme.closed_on = max(
        reorganisation.effective_on - timedelta(days=1), programme.in_force_from
    )
    programme.closing_note = _("Closed by the reorganisation: %(basis)s.") % {
        "basis": reorganisation.legal_basis
    }
    programme.full_clean()
    programme.save()
    return programme
