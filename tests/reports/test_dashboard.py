"""The leaders' dashboard: figures of what the leader may see, each a link to its list."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Directive, Meeting
from meetings.rules import directive_visible_row_by_row, visible_directives
from reports import links
from reports.models import Report
from reports.selectors import dashboard_data
from tests.factories import DirectiveFactory, MeetingFactory, ReportFactory
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db


def test_strangers_are_sent_to_log_in(client):
    assert client.get(reverse("reports:dashboard")).status_code == 302


DURING_2017 = date(2017, 12, 1)
FAR = date(2099, 12, 31)


@pytest.fixture
def in_december_2017(monkeypatch):
    """The pages read today's date: the demo's 2017 programme is in force then."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: DURING_2017)


def test_the_thanh_tri_leader_sees_the_2017_programme_as_it_stands(client, demo, in_december_2017):
    leader = demo.users["lanhdao"]
    data = dashboard_data(user=leader, today=DURING_2017)
    # With the Hà Nội Quy chế, which binds the district's bodies too (the levels).
    assert data.programmes_in_force == 2
    counts = {k: v for k, v in data.clause_counts.counts.items() if v}
    assert counts == {"done": 5 + 4, "on_track": 1, "at_risk": 1}
    by_body = {row.label: {k: v for k, v in row.counts.items() if v} for row in data.status_by_body}
    assert by_body == {
        "Ban Tuyên giáo Huyện ủy Thanh Trì": {"done": 2},
        "UBND huyện Thanh Trì": {"done": 3, "at_risk": 1},  # late only after 31/12
        "Ban Tuyên giáo Thành ủy Hà Nội": {"done": 4},
        "UBND thành phố Hà Nội": {"on_track": 1},
    }
    # The district's directive in progress is past its deadline: counted once, as
    # overdue; the city's is still in progress.
    assert data.directive_counts == {"open": 0, "in_progress": 1, "overdue": 1}
    [overdue] = data.overdue_directives
    assert overdue.deadline == date(2017, 11, 30)
    client.force_login(leader)
    page = client.get(reverse("reports:dashboard")).text
    ubnd = demo.body("ubnd-thanhtri").pk
    for href in [
        "/programmes/?status=in_force",
        f"/clauses/?status=overdue&amp;lead={ubnd}&amp;in_force=1",
        f"/clauses/?status=done&amp;lead={ubnd}&amp;in_force=1",
        "/clauses/?status=at_risk&amp;in_force=1",
        "/meetings/directives/?status=overdue",
        "/meetings/directives/?status=in_progress",
        "/meetings/",
        reverse("reports:list"),
    ]:
        assert f'href="{href}"' in page, href
    assert "<svg" in page


def test_the_city_leader_also_sees_the_districts(demo):
    data = dashboard_data(user=demo.users["lanhdao.hanoi"], today=DURING_2017)
    assert data.programmes_in_force == 2
    assert {row.label for row in data.status_by_body} >= {
        "Ban Tuyên giáo Thành ủy Hà Nội",
        "UBND huyện Thanh Trì",
    }


def test_only_what_the_leader_sees_is_counted_and_listed(client):
    home, elsewhere = District(), District(name="Cẩm Lệ")
    # In force whatever day the suite runs on.
    mine = signed_programme([home.party, home.state], start=date(2024, 1, 1), end=FAR)
    theirs = signed_programme([elsewhere.party, elsewhere.state], start=date(2024, 1, 1), end=FAR)
    clause_with(mine, number=1)
    clause_with(theirs, number=1)
    soon = timezone.now() + timedelta(days=3)
    for programme, title in [(mine, "Giao ban của huyện"), (theirs, "Giao ban nơi khác")]:
        meeting = MeetingFactory(title=title, organiser=programme.issuer, starts_at=soon)
        meeting.programmes.add(programme)
        DirectiveFactory(meeting=meeting, text=f"Chỉ đạo – {title}", deadline=date(2024, 2, 1))
    ReportFactory(body=elsewhere.party, title="Báo cáo nơi khác", status=Report.Status.DONE)
    client.force_login(home.leader())
    response = client.get(reverse("reports:dashboard"))
    data = response.context["data"]
    assert data.programmes_in_force == 1
    assert [m.title for m in data.next_meetings] == ["Giao ban của huyện"]
    assert [d.text for d in data.overdue_directives] == ["Chỉ đạo – Giao ban của huyện"]
    assert "nơi khác" not in response.text


def test_past_and_cancelled_meetings_are_not_next(client):
    home = District()
    programme = signed_programme([home.party, home.state], start=date(2024, 1, 1))
    for title, when, status in [
        ("Đã họp", timezone.now() - timedelta(days=1), Meeting.Status.HELD),
        ("Đã hoãn", timezone.now() + timedelta(days=1), Meeting.Status.CANCELLED),
    ]:
        meeting = MeetingFactory(
            title=title, organiser=home.party, starts_at=when, status=status, status_reason="x"
        )
        meeting.programmes.add(programme)
    assert dashboard_data(user=home.leader()).next_meetings == []


@pytest.mark.parametrize("rows", [1, 12])
def test_the_dashboard_costs_the_same_queries_however_much_there_is(
    client, django_assert_max_num_queries, rows
):
    home = District()
    for index in range(rows):
        programme = signed_programme(
            [home.party, home.state], title=f"Chương trình {index}", start=date(2024, 1, 1)
        )
        clause_with(programme, number=1, lead=home.state)
        meeting = MeetingFactory(organiser=home.party, starts_at=timezone.now() + timedelta(days=2))
        meeting.programmes.add(programme)
        DirectiveFactory(meeting=meeting, status=Directive.Status.OPEN)
        ReportFactory(body=home.party, status=Report.Status.DONE)
    client.force_login(home.leader())
    with django_assert_max_num_queries(14):
        assert client.get(reverse("reports:dashboard")).status_code == 200


def test_the_link_paths_are_kept_in_one_place():
    assert links.clauses(status="at_risk", lead=7) == "/clauses/?status=at_risk&lead=7&in_force=1"
    assert links.directives(status="overdue") == "/meetings/directives/?status=overdue"
    assert links.programmes_in_force() == "/programmes/?status=in_force"
    assert links.meetings() == "/meetings/"


def test_every_figure_opens_the_list_behind_it(client, demo, in_december_2017):
    """Followed, each link of the dashboard opens a page, and the lists agree with it."""
    import html
    import re

    client.force_login(demo.users["lanhdao"])
    page = client.get(reverse("reports:dashboard")).text
    hrefs = {html.unescape(h) for h in re.findall(r'href="(/[^"]*)"', page)}
    hrefs = {h for h in hrefs if not h.startswith("/static/")}
    assert len(hrefs) > 8
    for href in sorted(hrefs):
        assert client.get(href).status_code == 200, href
    data = dashboard_data(user=demo.users["lanhdao"])
    assert data.programmes_in_force == 2  # the 2017 programme and the Hà Nội Quy chế
    listed = client.get(links.programmes_in_force())
    assert listed.context["page"].paginator.count == data.programmes_in_force
    for status, count in data.directive_counts.items():
        listed = client.get(links.directives(status=status))
        assert listed.context["page"].paginator.count == count, status
    for status, count in data.clause_counts.counts.items():
        listed = client.get(links.clauses(status=status))
        assert listed.context["page"].paginator.count == count, status
    for row in data.status_by_body:
        for status, count in row.counts.items():
            listed = client.get(links.clauses(status=status, lead=row.key))
            assert listed.context["page"].paginator.count == count, (row.label, status)


def test_the_home_page_is_the_dashboard_for_leaders_only(client, demo):
    client.force_login(demo.users["lanhdao"])
    assert "reports/dashboard.html" in [t.name for t in client.get("/").templates]
    client.force_login(demo.users["canbo"])
    names = [t.name for t in client.get("/").templates]
    assert "reports/dashboard.html" not in names
    assert "agreements/programme_list.html" in names


# --- the dashboard tells the truth (issue 13) ---------------------------------


def test_a_programme_whose_period_has_ended_is_not_in_force():
    home = District()
    ended = signed_programme([home.party, home.state], start=date(2023, 1, 1))
    current = signed_programme([home.party, home.state], start=date(2024, 1, 1))
    ended.period_end = date(2023, 12, 31)
    ended.save()
    clause_with(ended, number=1, lead=home.state)
    clause_with(current, number=1, lead=home.state)
    data = dashboard_data(user=home.leader(), today=date(2024, 6, 1))
    assert data.programmes_in_force == 1
    assert sum(data.clause_counts.counts.values()) == 1


def test_on_track_said_more_than_a_quarter_ago_is_not_reported_recently():
    home = District()
    programme = signed_programme([home.party, home.state], start=date(2024, 1, 1))
    clause_with(
        programme, number=1, lead=home.state, progress=[(date(2024, 2, 1), "on_track", [], "")]
    )
    clause_with(
        programme, number=2, lead=home.state, progress=[(date(2024, 5, 2), "on_track", [], "")]
    )
    counts = dashboard_data(user=home.leader(), today=date(2024, 6, 1)).clause_counts.counts
    assert counts["stale"] == 1  # said on 01/02, more than three months before 01/06
    assert counts["on_track"] == 1


def test_a_directive_is_counted_once(client):
    home = District()
    programme = signed_programme([home.party, home.state], start=date(2024, 1, 1))
    meeting = MeetingFactory(organiser=home.party, starts_at=timezone.now() - timedelta(days=30))
    meeting.programmes.add(programme)
    for status, deadline in [
        (Directive.Status.IN_PROGRESS, date(2024, 2, 1)),  # late: overdue only
        (Directive.Status.IN_PROGRESS, date(2024, 12, 1)),
        (Directive.Status.OPEN, date(2024, 2, 1)),  # late: overdue only
        (Directive.Status.OPEN, None),
        (Directive.Status.DONE, date(2024, 2, 1)),  # done late: counted nowhere
        (Directive.Status.DONE, None),
    ]:
        done_on = date(2024, 3, 1) if status == Directive.Status.DONE else None
        DirectiveFactory(meeting=meeting, status=status, deadline=deadline, completed_on=done_on)
    data = dashboard_data(user=home.leader(), today=date(2024, 6, 1))
    assert data.directive_counts == {"open": 1, "in_progress": 1, "overdue": 2}
    assert sum(data.directive_counts.values()) == 4


# --- the first overdue directives, read either way (issue 12) ------------------


@pytest.fixture
def two_districts_directives():
    """Overdue directives of a district the leader sees, of one it does not see, and one
    addressed to the leader's body at the other's meeting; some done, some not late."""
    home, away = District(), District(name="Gia Lâm")
    seen = signed_programme([home.party, home.state], start=date(2024, 1, 1))
    unseen = signed_programme([away.party, away.state], start=date(2024, 1, 1))
    made = []
    for programme, organiser in [(seen, home.party), (unseen, away.party)]:
        meeting = MeetingFactory(organiser=organiser, starts_at=timezone.now() - timedelta(days=30))
        meeting.programmes.add(programme)
        for day, status in [(3, "open"), (1, "in_progress"), (2, "done"), (1, "open"), (9, "open")]:
            done_on = date(2024, 5, 20) if status == "done" else None
            made.append(
                DirectiveFactory(
                    meeting=meeting, status=status, deadline=date(2024, 5, day),
                    completed_on=done_on,
                )
            )  # fmt: skip
        made.append(DirectiveFactory(meeting=meeting, status="open", deadline=date(2024, 7, 1)))
    made.append(
        DirectiveFactory(
            meeting=made[-1].meeting, status="open", deadline=date(2024, 5, 4),
            addressed_body=home.party,
        )
    )  # fmt: skip
    return home, made


@pytest.mark.parametrize("dense", [1, 10_000])
@pytest.mark.parametrize("limit", [1, 3, 5, 20])
def test_the_first_overdue_directives_are_the_same_read_either_way(
    two_districts_directives, monkeypatch, dense, limit
):
    from reports.selectors import dashboard

    home, _ = two_districts_directives
    leader, today = home.leader(), date(2024, 6, 1)
    expected = list(
        visible_directives(leader)
        .filter(Directive.overdue_on_q(today))
        .order_by("deadline", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    assert len(expected) == min(limit, 5)  # 4 of the leader's district, 1 addressed to it
    monkeypatch.setattr(dashboard, "DENSE", dense)  # 1: hashed unless all are seen
    counts = dashboard.directive_counts(leader, today)
    assert counts["overdue"] == 5
    assert counts["overdue_anywhere"] == 9  # 4 in each district and the one addressed
    read = dashboard.overdue_directives_first(leader, today, counts, limit)
    assert [d.pk for d in read] == expected


def test_directives_asked_row_by_row_are_those_seen(two_districts_directives):
    home, made = two_districts_directives
    for user in [home.leader(), home.leader(body=home.state)]:
        by_row = Directive.objects.filter(directive_visible_row_by_row(user))
        assert set(by_row) == set(visible_directives(user))
