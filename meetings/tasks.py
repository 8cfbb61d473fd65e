from celery import shared_task

from meetings.reminders import meeting_reminders_send as send_reminders


@shared_task(name="meetings.tasks.meeting_reminders_send")
def meeting_reminders_send():
    """Run by beat every hour (settings.CELERY_BEAT_SCHEDULE)."""
    return send_reminders()
