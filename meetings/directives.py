"""Writes to directives: giving one at a meeting, and following it up."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import Directive, DirectiveUpdate
from meetings.selectors import directive_addressable_bodies
from meetings.services import meeting_ensure_happened
from parties.versions import version_check


@transaction.atomic
def directive_create(
    *,
    meeting,
    text,
    addressed_body,
    deadline=None,
    given_by=None,
    programme=None,
    by=None,
    now=None,
):
    """A directive a leader gave at a meeting that has taken place."""
    meeting_ensure_happened(meeting, now)
    errors = {}
    if not directive_addressable_bodies(meeting=meeting).filter(pk=addressed_body.pk).exists():
        errors["addressed_body"] = _(
            "A directive is addressed to a party, to a body supporting a clause, or to a body of "
            "the parties' localities."
        )
    programmes = list(meeting.programmes.all())
    if programme is None and len(programmes) == 1:
        programme = programmes[0]
    if programme is not None and programme not in programmes:
        errors["programme"] = _("Choose one of the programmes this meeting concerns.")
    if given_by is not None and not (
        given_by.pk == meeting.chair_id or meeting.attendances.filter(official=given_by).exists()
    ):
        errors["given_by"] = _("The directive is given by the chair or someone at the meeting.")
    if errors:
        raise ValidationError(errors)
    directive = Directive(
        meeting=meeting,
        programme=programme,
        text=text,
        addressed_body=addressed_body,
        given_by=given_by,
        deadline=deadline,
    )
    directive.full_clean()
    directive.save()
    return directive


@transaction.atomic
def directive_follow_up(*, directive, status, note="", on=None, by=None, version=None):
    """Record how a directive stands; kept as one more line of its history.

    `version` is the directive's version the form was opened at: a follow-up
    recorded by someone else since refuses this one with what changed.
    """
    on = on or timezone.localdate()
    note = note.strip()
    # One follow-up at a time per directive: the row is locked until this one is saved.
    list(Directive.objects.select_for_update().filter(pk=directive.pk).values_list("pk"))
    directive.refresh_from_db()
    field = Directive._meta.get_field
    version_check(
        record=directive,
        version=version,
        compare=lambda: [
            (
                field("status").verbose_name,
                directive.get_status_display(),
                dict(Directive.Status.choices).get(status, status),
            ),
            (field("follow_up_note").verbose_name, directive.follow_up_note, note),
        ],
    )
    errors = {}
    if status not in Directive.Status.values:
        errors["status"] = _("Choose a follow-up status.")
    elif status == directive.status and not note:
        errors["note"] = _("Write what has been done, or change the status.")
    if on > timezone.localdate():
        errors["on"] = _("A follow-up cannot be dated in the future.")
    elif on < timezone.localtime(directive.meeting.starts_at).date():
        errors["on"] = _("A follow-up cannot predate the meeting that gave the directive.")
    if errors:
        raise ValidationError(errors)
    directive.status = status
    directive.completed_on = on if status == Directive.Status.DONE else None
    if note:
        directive.follow_up_note = note
    directive.version += 1
    directive.full_clean()
    directive.save(update_fields=["status", "completed_on", "follow_up_note", "version"])
    update = DirectiveUpdate(
        directive=directive, status=status, note=note, recorded_on=on, created_by=by
    )
    update.full_clean()
    update.save()
    return directive
