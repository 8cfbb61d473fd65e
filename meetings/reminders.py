"""Reminder e-mails to the officials invited to a meeting.

Each invitation gets one reminder, `settings.MEETING_REMINDER_DAYS` days
before the meeting (or at the next run, if the meeting was put on the
calendar later than that). The row is claimed by a conditional UPDATE on
`reminder_sent_at IS NULL` inside the transaction that sends the e-mail: a
second worker running at the same moment waits for that row, finds it
already stamped and sends nothing. If sending fails, the transaction rolls
back and the next run tries again.

A moved meeting is deliberately reminded again (`meeting_move` clears the
stamps): the first reminder gave a date that is no longer true.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from agreements.rules import programmes_seen_by
from meetings.ical import meeting_calendar
from meetings.models import Attendance, Meeting

logger = logging.getLogger(__name__)


def reminders_due(*, now):
    """Invitations whose reminder is due and not yet sent."""
    horizon = now + timedelta(days=settings.MEETING_REMINDER_DAYS)
    return (
        Attendance.objects.filter(
            invited=True,
            reminder_sent_at__isnull=True,
            meeting__status=Meeting.Status.SCHEDULED,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=horizon,
        )
        .exclude(official__email="")
        .select_related("official__body", "meeting__organiser", "meeting__chair")
        .order_by("meeting__starts_at", "pk")
    )


def reminder_message(attendance):
    meeting = attendance.meeting
    # The calendar entry names only the programmes the invitee's body sees.
    meeting.programmes_visible = list(
        programmes_seen_by(attendance.official.body)
        .filter(meetings=meeting)
        .select_related("issuer")
        .order_by("pk")
    )
    context = {"attendance": attendance, "meeting": meeting, "official": attendance.official}
    subject = render_to_string("meetings/email/reminder_subject.txt", context).strip()
    body = render_to_string("meetings/email/reminder.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[attendance.official.email],
    )
    message.attach("meeting.ics", meeting_calendar([meeting]), "text/calendar")
    return message


def reminder_send(*, attendance, now):
    """Claim one invitation and send its reminder; False if someone else already did."""
    with transaction.atomic():
        claimed = Attendance.objects.filter(pk=attendance.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if not claimed:
            return False
        reminder_message(attendance).send()
    return True


def meeting_reminders_send(*, now=None):
    """Send every reminder that is due; returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for attendance in reminders_due(now=now):
            try:
                sent += reminder_send(attendance=attendance, now=now)
            except Exception:  # one bad address must not stop the others
                logger.exception("Reminder for attendance %s failed", attendance.pk)
    return sent
