"""Reminders: once per person and meeting, in eager mode and with real workers on Redis."""

import threading
import time
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone

from meetings import reminders, services
from meetings.models import Attendance
from meetings.tasks import meeting_reminders_send
from tests.factories import OfficialFactory
from tests.meetings.factories import schedule, signed_programme

VN = timezone.get_fixed_timezone(7 * 60)


# 22:30 UTC on 31 December is 05:30 on 1 January in Hà Nội: a meeting a whole
# number of days ahead starts at 22:00 UTC, the hour the factory once broke on.
LATE_EVENING = datetime(2026, 12, 31, 22, 30, tzinfo=UTC)


def in_hours(hours, now=None):
    now = now or timezone.now()
    return now.replace(microsecond=0, second=0, minute=0) + timedelta(hours=hours)


def meeting_with_invitees(hours_ahead=30, with_email=3, without_email=1, now=None):
    """A meeting `hours_ahead` of `now` (the clock's, unless given)."""
    today = timezone.localdate(now or timezone.now())
    programme = signed_programme(
        period=(date(today.year - 1, 1, 1), date(today.year + 1, 12, 31)),
        signed_on=date(today.year - 2, 12, 1),
    )
    body = programme.memberships.get(is_lead=True).body
    invitees = [
        OfficialFactory(body=body, email=f"canbo{n}@thanhtri.example.vn") for n in range(with_email)
    ] + [OfficialFactory(body=body, email="") for _ in range(without_email)]
    starts = in_hours(hours_ahead, now)
    return schedule(
        programme,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        title="Giao ban quý",
        invitees=invitees,
    )


@pytest.mark.django_db
def test_each_invitee_with_an_address_is_reminded_once(settings):
    settings.MEETING_REMINDER_DAYS = 2
    meeting = meeting_with_invitees(hours_ahead=30)
    meeting_reminders_send.delay()
    assert sorted(m.to[0] for m in mail.outbox) == [
        f"canbo{n}@thanhtri.example.vn" for n in range(3)
    ]
    meeting_reminders_send.delay()
    meeting_reminders_send.delay()
    assert len(mail.outbox) == 3
    stamped = meeting.attendances.exclude(official__email="")
    assert all(row.reminder_sent_at for row in stamped)
    assert meeting.attendances.get(official__email="").reminder_sent_at is None


@pytest.mark.django_db
def test_the_reminder_speaks_vietnamese_and_carries_the_meeting(settings):
    settings.MEETING_REMINDER_DAYS = 2
    meeting = meeting_with_invitees(hours_ahead=30, with_email=1, without_email=0)
    reminders.meeting_reminders_send()
    message = mail.outbox[0]
    local = timezone.localtime(meeting.starts_at)
    assert message.subject.startswith("Nhắc lịch")
    assert local.strftime("%H:%M %d/%m/%Y") in message.subject
    assert meeting.place in message.body
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("meeting.ics", "text/calendar")
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert str(event["UID"]) == str(meeting.uid)


@pytest.mark.django_db
@pytest.mark.parametrize("now", [None, LATE_EVENING], ids=["now", "late-evening"])
def test_it_waits_until_the_configured_number_of_days(settings, now):
    settings.MEETING_REMINDER_DAYS = 2
    meeting_with_invitees(hours_ahead=5 * 24, now=now)
    reminders.meeting_reminders_send(now=now)
    assert mail.outbox == []
    settings.MEETING_REMINDER_DAYS = 7
    assert reminders.meeting_reminders_send(now=now) == 3


@pytest.mark.django_db
def test_past_and_cancelled_meetings_are_not_reminded(settings):
    settings.MEETING_REMINDER_DAYS = 2
    cancelled = meeting_with_invitees(hours_ahead=30)
    services.meeting_cancel(meeting=cancelled, reason="Hoãn.")
    started = meeting_with_invitees(hours_ahead=1)
    assert reminders.meeting_reminders_send(now=started.starts_at + timedelta(minutes=1)) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_moved_meeting_is_reminded_again_of_its_new_time(settings):
    settings.MEETING_REMINDER_DAYS = 2
    meeting = meeting_with_invitees(hours_ahead=30, with_email=1, without_email=0)
    reminders.meeting_reminders_send()
    services.meeting_move(
        meeting=meeting,
        starts_at=meeting.starts_at + timedelta(hours=6),
        ends_at=meeting.ends_at + timedelta(hours=6),
        reason="Trùng lịch kỳ họp HĐND.",
    )
    reminders.meeting_reminders_send()
    reminders.meeting_reminders_send()
    assert len(mail.outbox) == 2
    assert "Trùng lịch kỳ họp HĐND." in mail.outbox[1].body


@pytest.mark.django_db
def test_a_failed_send_is_tried_again_at_the_next_run(settings, monkeypatch):
    settings.MEETING_REMINDER_DAYS = 2
    meeting = meeting_with_invitees(hours_ahead=30, with_email=1, without_email=0)

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("SMTP is down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    assert reminders.meeting_reminders_send() == 0
    assert meeting.attendances.get().reminder_sent_at is None
    monkeypatch.undo()
    assert reminders.meeting_reminders_send() == 1


@pytest.mark.django_db
def test_one_claim_wins():
    meeting = meeting_with_invitees(hours_ahead=30, with_email=1, without_email=0)
    row = meeting.attendances.get()
    now = timezone.now()
    assert reminders.reminder_send(attendance=row, now=now) is True
    assert reminders.reminder_send(attendance=row, now=now) is False
    assert len(mail.outbox) == 1


def test_beat_runs_the_reminders_every_hour():
    from config.celery_app import app

    entry = settings.CELERY_BEAT_SCHEDULE["meeting-reminders"]
    assert entry["task"] == "meetings.tasks.meeting_reminders_send"
    assert entry["task"] in app.tasks
    assert entry["schedule"].minute == {5} and len(entry["schedule"].hour) == 24


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_senders_at_the_same_moment_send_each_reminder_once(settings, monkeypatch):
    """Both read the same due rows, then both try to claim them: one claim per row wins."""
    settings.MEETING_REMINDER_DAYS = 2
    meeting_with_invitees(hours_ahead=30)
    both_have_read = threading.Barrier(2, timeout=30)
    due = reminders.reminders_due

    def read_then_wait(**kwargs):
        rows = list(due(**kwargs))
        both_have_read.wait()
        return rows

    monkeypatch.setattr(reminders, "reminders_due", read_then_wait)
    sent = []

    def run():
        try:
            sent.append(reminders.meeting_reminders_send())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(sent) == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        f"canbo{n}@thanhtri.example.vn" for n in range(3)
    ]


@pytest.mark.worker
def test_real_workers_on_redis_send_one_reminder_per_person(celery_worker, tmp_path):
    """Two worker processes run the beat task six times between them: three e-mails."""
    from celery.backends.redis import RedisBackend

    from config.celery_app import app

    meeting = meeting_with_invitees(hours_ahead=30)
    outbox = tmp_path / "mail"
    results_url = settings.CELERY_BROKER_URL
    celery_worker.env.update(
        {
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "DJANGO_EMAIL_FILE_PATH": str(outbox),
            "CELERY_RESULT_BACKEND": results_url,
            "MEETING_REMINDER_DAYS": "2",
        }
    )
    celery_worker()
    celery_worker()
    ids = [meeting_reminders_send.apply_async().id for _ in range(6)]
    backend = RedisBackend(app=app, url=results_url)
    deadline = time.monotonic() + 90
    results = {}
    while len(results) < len(ids) and time.monotonic() < deadline:
        for task_id in ids:
            meta = backend.get_task_meta(task_id)
            if meta["status"] in ("SUCCESS", "FAILURE"):
                results[task_id] = meta
        time.sleep(0.2)
    assert len(results) == 6, "the workers did not run every task"
    assert all(meta["status"] == "SUCCESS" for meta in results.values())
    assert sum(meta["result"] for meta in results.values()) == 3
    sent = "".join(path.read_text() for path in outbox.iterdir())
    for n in range(3):
        assert sent.count(f"To: canbo{n}@thanhtri.example.vn") == 1
    assert sent.count("Subject: ") == 3
    rows = Attendance.objects.filter(meeting=meeting).exclude(official__email="")
    assert all(row.reminder_sent_at is not None for row in rows)
    assert isinstance(rows[0].reminder_sent_at, datetime)
