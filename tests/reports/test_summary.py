"""The main document's content counted by the database (reports/selectors/summary.py)
against the content read whole (report_content) and against the clauses' statuses
worked out report by report, on the edge scope of test_gathering and a second
programme (no number, another body of the same name as a lead body, concerns with and
without a note, tasks next period and late, indicators written differently), at the
status cut-off dates: a quarter's end, the period's end once over, and a day of a
period not over yet."""

import re
from datetime import date

import pytest

from agreements.models import Clause, ClauseStatus
from meetings.models import Directive, Meeting
from reports import rendering
from reports.narrative import default_narrative
from reports.periods import next_period
from reports.selectors import content as content_module
from reports.selectors import summary
from reports.selectors.clauses import programmes_covered
from reports.selectors.content import report_content
from tests.factories import BodyFactory, DirectiveFactory, MeetingFactory
from tests.reports.factories import clause_with, signed_programme
from tests.reports.test_gathering import END, START, TODAY, edge_scope, status_straight_on, year_end

pytestmark = pytest.mark.django_db

S = ClauseStatus
DAYS = [TODAY, END, date(2024, 9, 30), date(2024, 4, 1)]


def wide_scope():
    district, programme = edge_scope()
    namesake = BodyFactory(name=district.state.name)  # of another district
    second = signed_programme(
        [district.state, district.party, namesake],
        title="Quy chế phối hợp không số",
        start=START,
        end=date(2025, 6, 30),
        number=None,
        symbol="",
    )
    clause_with(second, lead=namesake, due_date=date(2024, 5, 1))  # overdue, unexplained
    clause_with(
        second,
        lead=district.party,
        due_date=date(2025, 3, 31),
        indicators=[("hội  nghị ", "Hội nghị", 2)],  # the same indicator, written apart
        progress=[(date(2024, 8, 1), S.AT_RISK, [3], "Thiếu kinh phí")],
    )
    clause_with(second, lead=namesake)  # no deadline, programme in force next year: a task
    clause_with(second, due_date=date(2024, 12, 1), progress=[(date(2024, 11, 2), S.DONE, [], "")])
    clause_with(second, lead=namesake, due_date=date(2024, 10, 1))  # late
    # The latest status up to a day from the status stored on the clause (no report after
    # it, not dropped) or looked up (a report after it, or dropped later), each a concern
    # said why or not: a blank note says nothing, an earlier note does.
    clause_with(
        second,
        due_date=date(2025, 6, 30),
        progress=[
            (date(2024, 5, 2), S.AT_RISK, [], "Chậm giải ngân"),
            (date(2024, 9, 30), S.AT_RISK, [], " \n "),
        ],
    )
    clause_with(second, lead=namesake, progress=[(date(2024, 3, 5), S.AT_RISK, [], "\t")])
    clause_with(
        second,
        dropped_on=date(2025, 2, 1),
        dropped_reason="Sau kỳ",
        progress=[(date(2024, 6, 1), S.AT_RISK, [], "")],
    )
    clause_with(
        second,
        lead=namesake,
        progress=[
            (date(2024, 2, 1), S.ON_TRACK, [], "Đang làm"),
            (date(2024, 12, 31), S.AT_RISK, [], ""),
            (date(2025, 1, 2), S.DONE, [], "Xong"),
        ],
    )
    meeting = MeetingFactory(organiser=district.state, status=Meeting.Status.HELD)
    meeting.programmes.add(second)
    # Overdue with no follow-up note: a concern unexplained, addressed to the namesake.
    DirectiveFactory(
        meeting=meeting, programme=second, addressed_body=namesake, deadline=date(2024, 6, 1)
    )
    return district, second


def counted_and_whole(report, today, monkeypatch):
    """(content counted by the database, content read whole), the first lines cut short
    so that only some programmes' clauses are read in full."""
    monkeypatch.setattr(content_module, "NOTABLE_LIMIT", 1)
    monkeypatch.setattr(summary, "NOTABLE_LIMIT", 1)
    monkeypatch.setitem(summary.PRINTED, "concerns", 1)
    monkeypatch.setitem(summary.PRINTED, "tasks", 1)
    counted = summary.document_content(report, today=today, programmes_listed=0)
    return counted, report_content(report, today=today)


@pytest.mark.parametrize("today", DAYS)
def test_the_counted_content_has_the_whole_contents_figures(monkeypatch, today):
    district, _second = wide_scope()
    report = year_end(district)
    counted, whole = counted_and_whole(report, today, monkeypatch)
    assert counted.counted is not None
    assert counted.clause_counts.counts == whole.clause_counts.counts
    assert counted.clause_total == len(whole.clauses)

    def bodies(content):
        return [(r.label, r.key, r.counts) for r in content.status_by_body]

    assert bodies(counted) == bodies(whole)
    assert [(s.pk, c.counts) for s, c in counted.by_programme] == [
        (s.pk, c.counts) for s, c in whole.by_programme
    ]
    assert counted.notable == whole.notable
    assert counted.concern_count == len(whole.concerns)
    assert counted.unexplained_concerns == whole.unexplained_concerns
    assert counted.concern_bodies == whole.concern_bodies
    assert counted.concerns[:1] == whole.concerns[:1]
    assert counted.next_task_count == len(whole.next_tasks)
    assert counted.next_tasks[:1] == whole.next_tasks[:1]
    assert counted.late_tasks == whole.late_tasks  # fewer than the ten printed
    assert counted.totals == whole.totals
    assert counted.status_over_time == whole.status_over_time
    assert default_narrative(counted) == default_narrative(whole)


@pytest.mark.parametrize("today", [TODAY, date(2024, 9, 30)])
def test_the_document_prints_the_same_from_either(monkeypatch, today):
    district, _second = wide_scope()
    report = year_end(district)
    counted, whole = counted_and_whole(report, today, monkeypatch)
    monkeypatch.setitem(rendering.LIMITS, "concerns", 1)
    monkeypatch.setitem(rendering.LIMITS, "tasks", 1)
    monkeypatch.setitem(rendering.LIMITS, "programmes", 0)

    def html(content):
        text = rendering.report_html(report, content, for_pdf=False)
        return re.sub(r"\d\d:\d\d \d\d/\d\d/\d{4}|content=\"[0-9T:.+-]+\"", "", text)

    assert html(counted) == html(whole)


def test_the_tally_counts_each_clause_as_worked_out_report_by_report():
    district, second = wide_scope()
    programmes = list(
        programmes_covered(programme=None, body=None, unit=district.unit, start=START, end=END)
    )
    nxt = next_period(START, END)
    for today in DAYS:
        as_of = min(END, today)
        tally = summary.ClauseTallies(programmes, as_of=as_of, today=today, nxt=nxt)
        expected = {}
        for clause in Clause.objects.filter(programme_id__in=[p.pk for p in programmes]):
            successor = Clause.objects.filter(replaces=clause).first()
            if (
                clause.programme.in_force_from > as_of
                or clause.amendment_id
                and clause.amendment.date > as_of
                or successor
                and successor.amendment.date <= as_of
            ):
                continue
            status = status_straight_on(clause, as_of, today=today)
            key = (clause.programme_id, clause.lead_body_id, status)
            expected[key] = expected.get(key, 0) + 1
        found = {}
        for programme_id, counts in tally.programmes.items():
            for status, number in counts.items():
                if number:
                    found[(programme_id, status)] = number
        assert found == {
            (p, s): sum(n for (p2, _b, s2), n in expected.items() if (p2, s2) == (p, s))
            for p, _b, s in expected
        }
        by_body = {}
        for body_id, (_first, counts) in tally.bodies.items():
            for status, number in counts.items():
                if number:
                    by_body[(body_id, status)] = number
        assert by_body == {
            (b, s): sum(n for (_p, b2, s2), n in expected.items() if (b2, s2) == (b, s))
            for _p, b, s in expected
        }
    assert Directive.objects.filter(programme=second).exists()


def test_the_printed_lists_are_read_as_far_as_the_document_prints():
    assert summary.PRINTED["concerns"] >= rendering.LIMITS["concerns"]
    assert summary.PRINTED["tasks"] >= rendering.LIMITS["tasks"]
    assert summary.PRINTED["concerns"] == content_module.NOTABLE_LIMIT


def test_a_programme_with_no_number_is_named_by_its_title_alone_in_the_appendix():
    district, second = wide_scope()
    content = report_content(year_end(district), today=TODAY)
    labels = [row.label for row in rendering.appendix_summary(content)["by_programme"]]
    assert second.title in labels
    assert not any(label.startswith(("–", " –")) for label in labels)


def test_directive_lines_date_each_directive_by_its_meetings_day_in_local_time():
    """Directives read as value rows, several to a meeting (its day worked out once):
    each dated by its own meeting's local day (a meeting at 23:30 or 00:30 Hà Nội time
    falls on another day in UTC), in the meetings' order then the directives', ties of
    two meetings at one time by directive, done and overdue apart."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from reports.selectors.clauses import BodyNamesOnDays

    vn = ZoneInfo("Asia/Ho_Chi_Minh")
    district, second = wide_scope()
    meetings = [
        MeetingFactory(
            organiser=district.state, starts_at=datetime(2024, 5, 31, 23, 30, tzinfo=vn)
        ),
        MeetingFactory(organiser=district.party, starts_at=datetime(2024, 6, 1, 0, 30, tzinfo=vn)),
        MeetingFactory(
            organiser=district.party, starts_at=datetime(2024, 5, 31, 23, 30, tzinfo=vn)
        ),
    ]
    made = []
    for i, meeting in enumerate(meetings * 3):
        done = i % 2 == 0
        made.append(
            DirectiveFactory(
                meeting=meeting,
                programme=second,
                text=f"Chỉ đạo {i}",
                deadline=date(2024, 7, 1),
                status=Directive.Status.DONE if done else Directive.Status.OPEN,
                completed_on=date(2024, 6, 20) if done else None,
            )
        )
    # The second union branch: no programme, at a meeting on the programme; not read:
    # no programme at a meeting not on it, another programme's, done before the period.
    meetings[1].programmes.add(second)
    made.append(DirectiveFactory(meeting=meetings[1], text="Chỉ đạo chung"))
    other = signed_programme([district.party], start=START, end=END)
    DirectiveFactory(meeting=meetings[0], text="Chỉ đạo ngoài")
    DirectiveFactory(meeting=meetings[1], programme=other, text="Chỉ đạo khác")
    DirectiveFactory(
        meeting=meetings[2],
        programme=second,
        text="Chỉ đạo xong trước",
        status=Directive.Status.DONE,
        completed_on=date(2023, 12, 31),
    )
    lines = content_module.directive_lines([second.pk], START, END, END, TODAY, BodyNamesOnDays())
    mine = [line for line in lines if line.text.startswith("Chỉ đạo")]
    assert len(mine) == 10
    expected = sorted(made, key=lambda d: (d.meeting.starts_at, d.pk))
    assert [line.text for line in mine] == [d.text for d in expected]
    assert [line.given_on for line in mine] == [
        timezone.localtime(d.meeting.starts_at).date() for d in expected
    ]
    assert {line.given_on for line in mine} == {date(2024, 5, 31), date(2024, 6, 1)}
    assert [line.status for line in mine] == [
        "done" if d.status == Directive.Status.DONE else "overdue" for d in expected if d.deadline
    ] + ["open"]
