"""At the end of each quarter and year, beat queues the scheduled reports once."""

from datetime import date
from unittest import mock

import pytest
from django.conf import settings

from config.celery_app import app
from reports.models import Report
from reports.services import reports_schedule_quarterly, reports_schedule_year_end
from reports.tasks import queue_quarterly_reports, queue_year_end_reports

pytestmark = pytest.mark.django_db

NGA_BAY = ["ngabay-hdnd", "ngabay-tand", "ngabay-ubnd", "ngabay-vksnd"]


def test_the_beat_schedule_runs_the_two_tasks_at_the_start_of_each_quarter_and_year():
    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    quarterly, yearly = schedule["reports-quarterly"], schedule["reports-year-end"]
    assert quarterly["task"] in app.tasks and yearly["task"] in app.tasks
    assert quarterly["schedule"].month_of_year == {1, 4, 7, 10}
    assert quarterly["schedule"].day_of_month == {1}
    assert yearly["schedule"].month_of_year == {1}
    assert yearly["schedule"].day_of_month == {1}


def test_each_signed_programme_gets_its_quarterly_review_once(demo):
    first = reports_schedule_quarterly(today=date(2022, 7, 1))
    again = reports_schedule_quarterly(today=date(2022, 7, 1))
    assert again == []
    reports = Report.objects.filter(kind=Report.Kind.QUARTERLY).order_by("programme__number")
    assert [r.programme for r in reports] == sorted(
        (demo.programmes[key] for key in NGA_BAY), key=lambda p: p.number
    )
    assert len(first) == 4
    for report in reports:
        assert (report.period_start, report.period_end) == (date(2022, 4, 1), date(2022, 6, 30))
        assert report.issuing_body == demo.body("btgtu-ngabay")  # the lead party
        # A draft for the secretariat to finish: numbered and dated when a leader issues it.
        assert report.state == Report.State.DRAFT
        assert (report.number, report.issued_on) == (None, None)
        assert report.requested_by is None
        assert report.automatic_key.startswith("quarterly:programme:")


def test_each_body_with_programmes_gets_its_year_end_summary_once(demo):
    reports_schedule_year_end(today=date(2023, 1, 1))
    reports_schedule_year_end(today=date(2023, 1, 1))
    reports = Report.objects.filter(kind=Report.Kind.YEAR_END)
    assert sorted(r.body.name for r in reports) == sorted(
        demo.body(key).name
        for key in ["btgtu-ngabay", "hdnd-ngabay", "ubnd-ngabay", "tand-ngabay", "vksnd-ngabay"]
    )
    assert all(r.issuing_body == r.body for r in reports)
    assert {(r.period_start, r.period_end) for r in reports} == {
        (date(2022, 1, 1), date(2022, 12, 31))
    }


def test_the_tasks_are_thin_and_twice_is_once(demo):
    with mock.patch("reports.tasks.timezone.localdate", return_value=date(2022, 7, 1)):
        assert queue_quarterly_reports.delay().get() == 4
        assert queue_quarterly_reports.delay().get() == 0
    with mock.patch("reports.tasks.timezone.localdate", return_value=date(2023, 1, 1)):
        assert queue_year_end_reports.delay().get() == 5
        assert queue_year_end_reports.delay().get() == 0
    assert Report.objects.count() == 9


def test_scheduled_reports_are_built(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reports_schedule_quarterly(today=date(2022, 7, 1))
    assert set(Report.objects.values_list("status", flat=True)) == {Report.Status.DONE}


def test_a_quarter_with_no_programme_in_force_queues_nothing(demo):
    assert reports_schedule_quarterly(today=date(2030, 4, 1)) == []
    assert reports_schedule_year_end(today=date(2031, 1, 1)) == []
