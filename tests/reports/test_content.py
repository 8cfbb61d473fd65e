"""What a report says, checked figure by figure against the demo data
(agreements/demo.py, meetings/demo.py) and against small built cases."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from agreements.models import Amendment, Clause, ClauseStatus, Programme
from agreements.selectors import clauses_with_status
from reports.models import Report
from reports.periods import quarter_period, year_period
from reports.selectors import report_content
from tests.factories import VN, BodyFactory, DirectiveFactory, MeetingFactory, ProgrammeFactory
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db
S = ClauseStatus
LATER = date(2026, 1, 1)


def report_on(kind, period, issuing_body, **scope):
    return Report(
        kind=kind,
        period_start=period[0],
        period_end=period[1],
        issuing_body=issuing_body,
        **scope,
    )


def by_number(content):
    return {clause.number: clause for clause in content.clauses}


def indicators(clause):
    return [(i.name, i.target, i.in_period, i.to_date) for i in clause.indicators]


# --- quarter III/2017 of the Thanh Trì programme (agreements/demo.py THANH_TRI_2017) ----

# number: (lead body, status on 30/09/2017, [(indicator, target, in Q3, since 01/01)])
THANH_TRI_Q3_2017 = {
    1: ("UBND huyện Thanh Trì", S.ON_TRACK, [("Hội nghị quán triệt", 4, 2, 3)]),
    2: (
        "Ban Tuyên giáo Huyện ủy Thanh Trì",
        S.ON_TRACK,
        [("Tin, bài tuyên truyền", 48, 14, 26), ("Ấn phẩm tuyên truyền", 20, 6, 11)],
    ),
    3: (
        "UBND huyện Thanh Trì",
        S.AT_RISK,
        [("Hội nghị chuyên đề", 6, 1, 3), ("Tin, bài tuyên truyền", 60, 10, 25)],
    ),
    4: ("UBND huyện Thanh Trì", S.ON_TRACK, [("Hội nghị chuyên đề", 4, 1, 2)]),
    5: (
        "Ban Tuyên giáo Huyện ủy Thanh Trì",
        S.ON_TRACK,
        [("Báo cáo tình hình dư luận xã hội", 12, 3, 9), ("Pa-nô, khẩu hiệu cổ động", 150, 35, 75)],
    ),
    6: ("UBND huyện Thanh Trì", S.DONE, [("Hội nghị chuyên đề", 3, 2, 3)]),
}


@pytest.fixture
def thanh_tri_q3(demo, vietnamese):
    programme = demo.programmes["thanhtri-2017"]
    report = report_on(
        Report.Kind.QUARTERLY,
        quarter_period(2017, 3),
        demo.body("ubnd-thanhtri"),
        programme=programme,
    )
    return report_content(report, today=LATER)


def test_q3_2017_lists_every_clause_with_its_lead_status_and_indicators(thanh_tri_q3):
    clauses = by_number(thanh_tri_q3)
    assert sorted(clauses) == [1, 2, 3, 4, 5, 6]
    for number, (lead, status, expected) in THANH_TRI_Q3_2017.items():
        clause = clauses[number]
        assert clause.lead_body == lead, number
        assert clause.status == status, number
        assert indicators(clause) == [
            (name, Decimal(target), Decimal(q3), Decimal(to_date))
            for name, target, q3, to_date in expected
        ], number


def by_unit(totals, *fields):
    """The indicator totals added up by unit, to compare with the articles' figures."""
    found = {}
    for t in totals:
        values = tuple(getattr(t, f) for f in fields)
        old = found.get(t.unit, (0,) * len(fields))
        found[t.unit] = tuple(a + b for a, b in zip(old, values, strict=True))
    return found if len(fields) > 1 else {k: v[0] for k, v in found.items()}


def test_q3_2017_totals_the_figures_indicator_by_indicator(thanh_tri_q3):
    # Each indicator keeps its own line: two kinds of "hội nghị" are not merged.
    keys = [(t.name, t.unit) for t in thanh_tri_q3.totals]
    assert len(keys) == len(set(keys))
    assert len([k for k in keys if k[1] == "hội nghị"]) > 1
    totals = by_unit(thanh_tri_q3.totals, "in_period", "to_date", "target")
    assert totals == {
        "ấn phẩm": (6, 11, 20),
        "báo cáo": (3, 9, 12),
        "hội nghị": (2 + 1 + 1 + 2, 3 + 3 + 2 + 3, 4 + 6 + 4 + 3),
        "pa-nô": (35, 75, 150),
        "tin, bài": (14 + 10, 26 + 25, 48 + 60),
    }


def test_q3_2017_counts_statuses_by_body_and_over_the_quarters(thanh_tri_q3):
    assert thanh_tri_q3.clause_counts.counts == {
        S.DONE: 1,
        S.ON_TRACK: 4,
        S.AT_RISK: 1,
        S.OVERDUE: 0,
        S.NOT_STARTED: 0,
        S.DROPPED: 0,
    }
    by_body = {
        row.label: {k: v for k, v in row.counts.items() if v} for row in thanh_tri_q3.status_by_body
    }
    assert by_body == {
        "Ban Tuyên giáo Huyện ủy Thanh Trì": {S.ON_TRACK: 2},
        "UBND huyện Thanh Trì": {S.DONE: 1, S.ON_TRACK: 2, S.AT_RISK: 1},
    }
    quarters = [
        (column.label, {k: v for k, v in column.counts.items() if v})
        for column in thanh_tri_q3.status_over_time
    ]
    assert quarters == [
        ("Quý I/2017", {S.NOT_STARTED: 6}),  # signed on 30/03, nothing reported yet
        ("Quý II/2017", {S.ON_TRACK: 6}),
        ("Quý III/2017", {S.DONE: 1, S.ON_TRACK: 4, S.AT_RISK: 1}),
    ]


def test_q3_2017_has_the_progress_meetings_and_concerns_of_the_quarter(thanh_tri_q3):
    assert thanh_tri_q3.period_label == "quý III năm 2017"
    assert [(p.reported_on, p.clause_number) for p in thanh_tri_q3.progress] == [
        (date(2017, 9, 27), n) for n in range(1, 7)
    ]
    assert [(m.starts_at.date(), m.title, m.conclusions) for m in thanh_tri_q3.meetings] == [
        (
            date(2017, 7, 11),
            "Giao ban quý II/2017 chương trình phối hợp",
            "Các nội dung phối hợp triển khai đúng tiến độ.",
        )
    ]
    assert thanh_tri_q3.directives == []  # the Q3 briefing's directive came on 10/10
    [concern] = thanh_tri_q3.concerns
    assert concern.status == S.AT_RISK
    assert concern.note.startswith("Một số xã chậm hoàn thiện tiêu chí môi trường")
    assert thanh_tri_q3.next_period_label == "quý IV năm 2017"
    assert [t.text[:30] for t in thanh_tri_q3.next_tasks] == [
        by_number(thanh_tri_q3)[n].text[:30] for n in (1, 2, 3, 4, 5)
    ]
    assert not any(t.carried_over for t in thanh_tri_q3.next_tasks)


def test_the_2017_year_end_summary_of_the_district(demo, vietnamese):
    report = report_on(
        Report.Kind.YEAR_END,
        year_period(2017),
        demo.body("btghu-thanhtri"),
        unit=demo.unit("thanhtri"),
    )
    content = report_content(report, today=LATER)
    # The Hà Nội Quy chế binds the district's bodies too (the levels): it is covered.
    quy_che, own = demo.programmes["hanoi-quyche"], demo.programmes["thanhtri-2017"]
    assert [p.reference for p in content.programmes] == [quy_che.reference, own.reference]
    statuses = {
        c.number: c.status for c in content.clauses if c.programme_reference == own.reference
    }
    # Clause 3 fell due on 31/12/2017 still at risk: at the year's close it is overdue.
    assert statuses == {1: S.DONE, 2: S.DONE, 3: S.OVERDUE, 4: S.DONE, 5: S.DONE, 6: S.DONE}
    totals = by_unit(content.totals, "in_period", "target")
    # The district's 16 of 17, and the Quy chế's 112 conferences of 2017 (of 1,000).
    assert totals["hội nghị"] == (4 + 5 + 4 + 3 + 112, 17 + 1000)
    assert totals["tin, bài"] == (48 + 45, 108)
    assert [m.starts_at.date() for m in content.meetings] == [
        date(2017, 3, 30),
        date(2017, 7, 11),
        date(2017, 10, 10),
    ]
    [directive] = content.directives
    assert directive.status == "overdue"  # due 30/11/2017, still in progress
    assert [c.status for c in content.concerns] == [S.OVERDUE, "overdue"]
    assert content.next_period_label == "năm 2018"
    # The programme ended with 2017: nothing of it falls due in 2018 (what is next is
    # the Hà Nội Quy chế's standing work, undated), and what is late is listed as
    # late, never as a task for 2018 under a deadline already past.
    assert content.next_tasks
    # The Quy chế has no number (its source gives none): it is cited by its name.
    assert all(
        t.source.startswith("Nội dung ") and t.source.endswith(quy_che.title) and not t.due_date
        for t in content.next_tasks
    )
    assert [(t.due_date, t.carried_over) for t in content.late_tasks] == [
        (date(2017, 12, 31), True),
        (date(2017, 11, 30), True),
    ]


def test_the_ten_year_review_of_ha_noi_counts_over_a_thousand_conferences(demo, vietnamese):
    report = report_on(
        Report.Kind.MULTI_YEAR,
        (date(2009, 6, 1), date(2019, 6, 25)),
        demo.body("btgtu-hanoi"),
        body=demo.body("btgtu-hanoi"),
    )
    content = report_content(report, today=LATER)
    assert content.period_label == "giai đoạn 2009 - 2019"
    totals = by_unit(content.totals, "in_period")
    assert totals["hội nghị"] == 1020
    assert totals["ấn phẩm"] == 104
    assert [c.label for c in content.status_over_time] == [str(y) for y in range(2009, 2020)]
    assert content.meetings[-1].conclusions == "Ban hành Báo cáo số 686-BC/BTGTU ngày 25/6/2019."


def test_a_unit_covers_the_programmes_of_the_units_below_it(demo):
    report = report_on(
        Report.Kind.YEAR_END, year_period(2017), demo.body("btgtu-hanoi"), unit=demo.unit("hanoi")
    )
    references = {p.reference for p in report_content(report, today=LATER).programmes}
    assert references == {
        demo.programmes["thanhtri-2017"].reference,
        demo.programmes["hanoi-quyche"].reference,
    }


def test_an_amendment_applies_from_its_date(demo):
    programme = demo.programmes["thitran-2018"]
    report = report_on(
        Report.Kind.QUARTERLY, quarter_period(2018, 4), programme.issuer, programme=programme
    )
    clause = by_number(report_content(report, today=LATER))[4]
    assert clause.text.startswith("Hằng quý, UBND thị trấn chủ trì")
    assert clause.amendment_title.startswith("Phụ lục 01")
    assert len(report_content(report, today=LATER).clauses) == 6


def test_an_amended_clause_keeps_its_old_wording_before_the_amendment():
    district = District()
    programme = signed_programme([district.party, district.state], start=date(2024, 1, 1))
    old = clause_with(programme, text="Lời văn cũ")
    amendment = Amendment.objects.create(
        programme=programme, number=1, date=date(2024, 8, 1), title="Phụ lục 01", text="Sửa"
    )
    clause_with(programme, number=1, text="Lời văn mới", amendment=amendment, replaces=old)
    q2 = report_on(
        Report.Kind.QUARTERLY, quarter_period(2024, 2), district.party, programme=programme
    )
    q3 = report_on(
        Report.Kind.QUARTERLY, quarter_period(2024, 3), district.party, programme=programme
    )
    assert [c.text for c in report_content(q2, today=LATER).clauses] == ["Lời văn cũ"]
    assert [c.text for c in report_content(q3, today=LATER).clauses] == ["Lời văn mới"]


def test_overdue_follows_the_due_date_and_dropped_the_day_it_was_dropped():
    district = District()
    programme = signed_programme([district.party, district.state], start=date(2024, 1, 1))
    clause_with(
        programme,
        number=1,
        due_date=date(2024, 2, 15),
        progress=[(date(2024, 1, 20), S.ON_TRACK, [], "Đang chuẩn bị")],
    )
    clause_with(
        programme,
        number=2,
        dropped_on=date(2024, 5, 1),
        dropped_reason="Không còn phù hợp",
        progress=[(date(2024, 3, 1), S.AT_RISK, [], "Thiếu kinh phí")],
    )
    q1 = report_content(
        report_on(
            Report.Kind.QUARTERLY, quarter_period(2024, 1), district.party, programme=programme
        ),
        today=LATER,
    )
    assert [c.status for c in q1.clauses] == [S.OVERDUE, S.AT_RISK]
    assert [c.note for c in q1.concerns] == ["Đang chuẩn bị", "Thiếu kinh phí"]
    q2 = report_content(
        report_on(
            Report.Kind.QUARTERLY, quarter_period(2024, 2), district.party, programme=programme
        ),
        today=LATER,
    )
    assert [c.status for c in q2.clauses] == [S.OVERDUE, S.DROPPED]
    assert q2.clauses[1].dropped_reason == "Không còn phù hợp"


def test_a_period_not_over_yet_is_read_as_of_today():
    district = District()
    programme = signed_programme([district.party, district.state], start=date(2024, 1, 1))
    clause_with(programme, number=1, due_date=date(2024, 5, 10))
    report = report_on(
        Report.Kind.QUARTERLY, quarter_period(2024, 2), district.party, programme=programme
    )
    content = report_content(report, today=date(2024, 5, 1))
    assert content.as_of == date(2024, 5, 1)
    assert content.clauses[0].status == S.NOT_STARTED  # not overdue before 10/05
    assert len(content.status_over_time) == 1  # quarter I only; quarter II is not over


def test_a_clause_due_on_the_last_day_and_not_done_is_overdue_in_that_period():
    """Due 30/06, never started: the Q2 report flags it overdue, in section III, as the
    work page does from 01/07; on 30/06 itself it is still in time."""
    district = District()
    programme = signed_programme([district.party, district.state], start=date(2024, 1, 1))
    clause_with(programme, number=1, due_date=date(2024, 6, 30))
    clause_with(
        programme,
        number=2,
        due_date=date(2024, 6, 30),
        progress=[(date(2024, 6, 30), S.DONE, [], "Đã xong")],
    )
    meeting = MeetingFactory(
        organiser=district.party, starts_at=datetime(2024, 4, 9, 8, 0, tzinfo=VN)
    )
    meeting.programmes.add(programme)
    DirectiveFactory(meeting=meeting, programme=programme, deadline=date(2024, 6, 30))
    q2 = report_on(
        Report.Kind.QUARTERLY, quarter_period(2024, 2), district.party, programme=programme
    )

    after = report_content(q2, today=date(2024, 7, 5))
    assert [c.status for c in after.clauses] == [S.OVERDUE, S.DONE]
    assert [c.status for c in after.concerns] == [S.OVERDUE, "overdue"]
    assert after.status_over_time[-1].counts[S.OVERDUE] == 1
    work_page = clauses_with_status(
        Clause.objects.filter(programme=programme), today=date(2024, 7, 1)
    )
    assert list(work_page.values_list("current_status", flat=True)) == [S.OVERDUE, S.DONE]

    on_the_day = report_content(q2, today=date(2024, 6, 30))
    assert [c.status for c in on_the_day.clauses] == [S.NOT_STARTED, S.DONE]
    assert on_the_day.concerns == []


def test_drafts_later_signings_and_programmes_closed_before_the_period_are_left_out():
    district = District()
    parties = [district.party, district.state]
    in_force = signed_programme(parties, title="Đang hiệu lực", start=date(2024, 1, 1))
    signed_programme(parties, title="Ký sau kỳ", start=date(2024, 1, 1), signed=date(2024, 7, 2))
    closed = signed_programme(parties, title="Đã kết thúc", start=date(2024, 1, 1))
    Programme.objects.filter(pk=closed.pk).update(
        status=Programme.Status.CLOSED, closed_on=date(2024, 3, 31)
    )
    ProgrammeFactory(issuer=district.party, parties=parties, title="Dự thảo")
    report = report_on(
        Report.Kind.QUARTERLY, quarter_period(2024, 2), district.party, body=district.party
    )
    assert [p.title for p in report_content(report, today=LATER).programmes] == [in_force.title]
    other = BodyFactory()
    report = report_on(Report.Kind.QUARTERLY, quarter_period(2024, 2), other, body=other)
    assert report_content(report, today=LATER).programmes == []
