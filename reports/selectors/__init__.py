"""Reads for reports: their content (`content`), the lists that show them
(`lists`) and the leaders' dashboard (`dashboard`)."""

from reports.selectors.content import report_content
from reports.selectors.dashboard import dashboard_data
from reports.selectors.lists import (
    report_get_visible,
    report_latest_visible,
    report_list_for_programme,
    report_list_visible,
)
from reports.selectors.records import ReportContent

__all__ = [
    "ReportContent",
    "dashboard_data",
    "report_content",
    "report_get_visible",
    "report_latest_visible",
    "report_list_for_programme",
    "report_list_visible",
]
