"""The meeting pages: calendar and downloads, meetings, directives, quarterly planning."""

from meetings.views.calendar import (
    calendar,
    calendar_ics,
    calendar_subscription,
    calendar_subscription_renew,
    meeting_ics,
)
from meetings.views.directives import directive_create, directive_detail, directive_list
from meetings.views.meetings import (
    attendance,
    meeting_cancel,
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_move,
    meeting_record,
)
from meetings.views.planning import plan_briefings

__all__ = [
    "attendance",
    "calendar",
    "calendar_ics",
    "calendar_subscription",
    "calendar_subscription_renew",
    "directive_create",
    "directive_detail",
    "directive_list",
    "meeting_cancel",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_ics",
    "meeting_move",
    "meeting_record",
    "plan_briefings",
]
