"""Asking for a report, numbering it, building it, failing and retrying."""

import os
import threading
from datetime import date, timedelta
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone, translation
from kombu.exceptions import OperationalError

from parties.models import Membership
from reports import services
from reports.models import Report, report_file_path
from reports.periods import quarter_period, year_period
from reports.services import (
    report_build,
    report_create,
    report_issue,
    report_narrative_save,
    report_request,
    report_retry,
    report_title,
)
from reports.tasks import build_report
from tests.factories import UserFactory, user_in
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db
Q3 = quarter_period(2017, 3)


@pytest.fixture
def district():
    return District()


@pytest.fixture
def programme(district):
    programme = signed_programme([district.party, district.state], start=date(2017, 1, 1))
    clause_with(programme, number=1, indicators=[("Hội nghị", "hội nghị", 4)])
    return programme


def ask(user, scope, kind=Report.Kind.QUARTERLY, period=Q3):
    return report_request(
        user=user, kind=kind, scope=scope, period_start=period[0], period_end=period[1]
    )


def files_in(report):
    folder = report.pdf.storage.path(report_file_path(report, ""))
    return sorted(os.listdir(folder))


# --- asking ------------------------------------------------------------------------


def issue(report, leader, day=date(2017, 10, 5)):
    """Finish the draft's text and issue it, signed by the body's head."""
    report_narrative_save(report=report, by=leader, texts={"strengths": "Phối hợp tốt."})
    head = report.issuing_body.officials.order_by("pk").first()
    return report_issue(report=report, by=leader, signer=head, recipients=[], today=day)


def test_a_leader_asks_and_gets_a_draft_of_their_body_without_number_or_date(district, programme):
    leader = district.leader()
    report = ask(leader, programme)
    assert report.issuing_body == district.party
    assert report.requested_by == leader
    assert report.state == Report.State.DRAFT
    assert (report.number, report.number_year, report.issued_on) == (None, None, None)
    assert report.place_name == "Thanh Trì"
    assert report.status == Report.Status.QUEUED


def test_numbers_follow_each_other_per_issuing_body_and_year_at_issue(district, programme):
    leader = district.leader()
    quarters = [quarter_period(2017, q) for q in (1, 2, 3)]
    drafts = [ask(leader, programme, period=q) for q in quarters]
    assert [issue(draft, leader).number for draft in reversed(drafts)] == [1, 2, 3]
    state_leader = district.leader(district.state)
    assert issue(ask(state_leader, programme), state_leader).number == 1
    earlier = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=Q3.start,
        period_end=Q3.end,
        issuing_body=district.party,
        issued_on=date(2018, 1, 5),
        enqueue=False,
    )
    assert (earlier.number, earlier.number_year) == (1, 2018)


def test_a_number_already_given_is_refused(district, programme):
    fields = {
        "kind": Report.Kind.QUARTERLY,
        "programme": programme,
        "period_start": Q3.start,
        "period_end": Q3.end,
        "issuing_body": district.party,
        "issued_on": date(2019, 6, 25),
        "enqueue": False,
    }
    report_create(number=686, **fields)
    with pytest.raises(ValidationError):
        report_create(number=686, **fields)
    assert Report.objects.count() == 1


def test_officials_and_strangers_may_not_ask(district, programme):
    with pytest.raises(PermissionDenied):
        ask(user_in(district.party, Membership.Role.OFFICIAL), programme)
    elsewhere = District(name="Cẩm Lệ")
    with pytest.raises(PermissionDenied):
        ask(elsewhere.leader(), programme)
    assert not Report.objects.exists()


def test_a_superuser_without_a_body_cannot_issue_one(programme):
    admin = UserFactory(is_superuser=True)
    with pytest.raises(ValidationError):
        ask(admin, programme)


def test_the_secretariat_may_ask_too(district, programme):
    assert ask(user_in(district.party, Membership.Role.SECRETARIAT), programme).pk


def test_the_title_is_vietnamese_whatever_the_users_language(district, programme):
    with translation.override("en"):
        report = ask(district.leader(), programme)
    assert report.title.startswith("Sơ kết quý III năm 2017 thực hiện chương trình phối hợp")
    with translation.override("vi"):
        assert report_title(
            kind=Report.Kind.YEAR_END,
            period_start=date(2017, 1, 1),
            period_end=date(2017, 12, 31),
            unit=district.unit,
        ) == ("Tổng kết năm 2017 thực hiện các chương trình phối hợp trên địa bàn huyện Thanh Trì")
        assert report_title(
            kind=Report.Kind.MULTI_YEAR,
            period_start=date(2009, 6, 1),
            period_end=date(2019, 6, 25),
            body=district.party,
        ).startswith("Tổng kết 10 năm (2009 - 2019) thực hiện các chương trình phối hợp của Ban")


def test_a_programme_is_reviewed_quarterly_only(district, programme):
    with pytest.raises(ValidationError):
        ask(district.leader(), programme, kind=Report.Kind.YEAR_END, period=year_period(2017))


# --- queueing and building -----------------------------------------------------------


def test_the_build_is_queued_after_commit_and_runs(
    district, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = ask(district.leader(), programme)
        assert Report.objects.get(pk=report.pk).status == Report.Status.QUEUED
    assert len(callbacks) == 1
    report.refresh_from_db()
    assert report.status == Report.Status.DONE
    assert report.pdf.storage.exists(report.pdf.name)
    assert report.xlsx.name.endswith(".xlsx") and report.html.name.endswith(".html")
    assert report.attempts == 1 and report.finished_at


def test_a_broker_that_is_down_keeps_the_report_queued_for_the_sweep(
    district, programme, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(build_report, "delay", side_effect=OperationalError("Redis is down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        report = ask(district.leader(), programme)
    report.refresh_from_db()
    assert report.status == Report.Status.QUEUED
    assert report.failure == Report.Failure.QUEUE and report.is_waiting_for_the_queue
    assert "Redis is down" in report.error  # for the administrator; never on a page
    assert not report.is_stuck
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_sweep() == [report.pk]  # the broker is back: it is built
    report.refresh_from_db()
    assert (report.status, report.failure, report.attempts) == (Report.Status.DONE, "", 1)


def test_the_same_request_while_one_is_pending_gives_that_report(district, programme):
    leader = district.leader()
    first = ask(leader, programme)
    again = ask(district.leader(), programme)
    assert again.pk == first.pk and again.already_asked
    assert Report.objects.count() == 1
    assert ask(leader, programme, period=quarter_period(2017, 2)).pk != first.pk
    Report.objects.filter(pk=first.pk).update(status=Report.Status.DONE)
    assert ask(leader, programme).pk == first.pk  # a built draft is still the one to finish
    issue(first, leader)
    assert ask(leader, programme).pk != first.pk  # once issued, asking again makes a new one


def test_a_report_delivered_twice_is_built_once(district, programme):
    report = ask(district.leader(), programme)
    build_report.delay(report.pk)
    built = Report.objects.get(pk=report.pk)
    build_report.delay(report.pk)  # a late duplicate message: nothing is built again
    with pytest.raises(services.ReportNotPending):
        report_build(report_id=report.pk)
    again = Report.objects.get(pk=report.pk)
    assert (again.status, again.attempts, again.finished_at) == (
        Report.Status.DONE,
        1,
        built.finished_at,
    )
    assert files_in(again) == [f"report-{report.pk}-appendix.pdf"] + [
        f"report-{report.pk}.{ext}" for ext in ("html", "pdf", "xlsx")
    ]


def test_rebuilding_a_finished_report_leaves_one_file_of_each_and_one_row(district, programme):
    report = ask(district.leader(), programme)
    first = report_build(report_id=report.pk)
    second = report_build(report_id=report.pk, rebuild=True)
    assert Report.objects.count() == 1
    assert (first.pdf.name, first.xlsx.name, first.html.name) == (
        second.pdf.name,
        second.xlsx.name,
        second.html.name,
    )
    assert files_in(second) == [f"report-{report.pk}-appendix.pdf"] + [
        f"report-{report.pk}.{ext}" for ext in ("html", "pdf", "xlsx")
    ]
    assert second.attempts == 2


def test_a_file_left_by_a_build_that_died_is_replaced_not_duplicated(district, programme):
    report = ask(district.leader(), programme)
    storage = report.pdf.storage
    storage.save(f"reports/drafts/report-{report.pk}.pdf", ContentFile(b"half"))
    built = report_build(report_id=report.pk)
    assert files_in(built) == [f"report-{report.pk}-appendix.pdf"] + [
        f"report-{report.pk}.{ext}" for ext in ("html", "pdf", "xlsx")
    ]
    with built.pdf.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_failing_render_is_retried_within_bounds_then_recorded(district, programme):
    report = ask(district.leader(), programme)
    with mock.patch.object(services, "html_to_pdf", side_effect=RuntimeError("the renderer broke")):
        build_report.delay(report.pk)
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.failure == Report.Failure.BUILD
    assert report.error == "RuntimeError: the renderer broke"
    assert report.attempts == build_report.max_retries + 1
    assert not report.pdf


def test_the_details_of_a_failure_go_to_the_log(district, programme, caplog):
    report = ask(district.leader(), programme)
    with mock.patch.object(services, "html_to_pdf", side_effect=RuntimeError("the renderer broke")):
        build_report.delay(report.pk)
    [final] = [r for r in caplog.records if r.levelname == "ERROR"]
    assert f"report {report.pk} failed" in final.getMessage()
    assert final.exc_info and "the renderer broke" in caplog.text


def test_a_build_over_its_time_limit_is_told_as_such(district, programme):
    report = ask(district.leader(), programme)
    with mock.patch.object(services, "html_to_pdf", side_effect=SoftTimeLimitExceeded()):
        build_report.delay(report.pk)
    report.refresh_from_db()
    assert (report.status, report.failure) == (Report.Status.FAILED, Report.Failure.TIME_LIMIT)


def test_a_deleted_report_is_no_error_for_the_task(district, programme):
    report = ask(district.leader(), programme)
    pk = report.pk
    report.delete()
    build_report.delay(pk)  # nothing raised, nothing made
    assert not Report.objects.exists()


def test_a_failed_report_can_be_queued_again_by_those_who_may_ask(
    district, programme, django_capture_on_commit_callbacks
):
    leader = district.leader()
    report = ask(leader, programme)
    Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED, error="boom")
    with pytest.raises(PermissionDenied):
        report_retry(report=report, by=user_in(district.party, Membership.Role.OFFICIAL))
    with django_capture_on_commit_callbacks(execute=True):
        report_retry(report=report, by=leader)
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.error == ""
    with pytest.raises(ValidationError):
        report_retry(report=report, by=leader)


# --- two requests at once, on PostgreSQL ------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_identical_requests_at_once_make_one_report(postgres_only, district, programme):
    leader = district.leader()
    start = threading.Barrier(2)
    found, errors = [], []

    def request():
        try:
            start.wait()
            found.append(ask(leader, programme).pk)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    with mock.patch.object(build_report, "delay"):  # stays queued: no worker here
        threads = [threading.Thread(target=request) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert errors == []
    assert len(set(found)) == 1 and Report.objects.count() == 1


# --- the sweep ------------------------------------------------------------------------


def test_the_sweep_queues_again_only_the_reports_nobody_is_building(
    district, programme, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_STUCK_AFTER = 3600
    now = timezone.now()
    long_ago, lately = now - timedelta(hours=2), now - timedelta(minutes=5)
    leader = district.leader()
    reports = {
        name: ask(leader, programme, period=quarter_period(2017, q))
        for name, q in (("lost", 1), ("dead", 2), ("waiting", 3), ("fresh", 4))
    }
    busy = ask(leader, programme, period=quarter_period(2016, 3))
    done = ask(leader, programme, period=quarter_period(2016, 4))
    Report.objects.filter(pk=reports["lost"].pk).update(queued_at=long_ago)
    Report.objects.filter(pk=reports["dead"].pk).update(status="running", started_at=long_ago)
    Report.objects.filter(pk=reports["waiting"].pk).update(queued_at=lately, failure="queue")
    Report.objects.filter(pk=reports["fresh"].pk).update(queued_at=lately)
    Report.objects.filter(pk=busy.pk).update(status="running", started_at=lately)
    Report.objects.filter(pk=done.pk).update(status="done", queued_at=long_ago)
    with mock.patch.object(build_report, "delay") as delay:
        handed = services.reports_sweep(now=now)
    expected = sorted(reports[name].pk for name in ("lost", "dead", "waiting"))
    assert sorted(handed) == expected
    assert sorted(call.args[0] for call in delay.call_args_list) == expected
    for name in ("lost", "dead", "waiting"):
        again = Report.objects.get(pk=reports[name].pk)
        assert (again.status, again.failure, again.number) == (
            Report.Status.QUEUED,
            "",
            reports[name].number,
        )
    with mock.patch.object(build_report, "delay") as delay:
        assert services.reports_sweep(now=now + timedelta(minutes=1)) == []  # once is enough


def test_beat_runs_the_sweep_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reports-sweep"]
    assert entry["task"] == "reports.tasks.sweep_reports"
    assert entry["schedule"] == 60.0
    assert settings.REPORT_STUCK_AFTER > settings.REPORT_TIME_LIMIT * (
        settings.REPORT_MAX_RETRIES + 1
    )
