"""What reports shows on agreements' pages (agreements/parts.py): the reports that
cover a programme, on its page."""

from agreements import parts
from reports.rules import can_request_report
from reports.selectors import report_list_for_programme


def programme_reports(request, programme):
    return {
        "programme": programme,
        "programme_reports": report_list_for_programme(user=request.user, programme=programme),
        "can_request": can_request_report(request.user, programme),
    }


def register_parts():
    parts.register(
        parts.PROGRAMME_PAGE,
        name="reports",
        template="reports/includes/_programme_reports.html",
        context=programme_reports,
        order=10,
    )
