"""The permission table: every page and action of the site, what each user gets.

One row per request (a URL may have several: a draft and a signed programme, a form
and its post). Each row says, for every case of tests/access/world.py — nobody signed
in, the superuser, each role at each place — the answer expected:

  200, 302, …   the page, or the redirect after a post that did what was asked
  403           the user sees the object but may not do this (the site's refusal page)
  404           the user may not see the object: it looks as if it did not exist
  "login"       sent to the sign-in page

Most rows are built with `expect`: `ok` for the roles at the places given, 403 for
the others who see the object, 404 for those who do not. An account that belongs
to no body holds no role and sees no object.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.access.world import PARTIES, PLACES, SEEING, R, World
from tests.agreements.pdf import tiny_pdf

LOGIN = "login"
ANY = None  # any role, any place: the page is about no object


def expect(ok, *, roles=ANY, places=PLACES, seen=SEEING, anonymous=LOGIN, superuser=None):
    def expected(case):
        if case.who == "anonymous":
            return anonymous
        if case.who == "superuser":
            return ok if superuser is None else superuser
        if seen is not ANY and case.place not in seen:
            return 404
        allowed = (roles is ANY or case.role in roles) and (seen is ANY or case.place in places)
        return ok if allowed else 403

    return expected


def everyone(ok=200, **kwargs):
    """A page every signed-in user opens; what it lists is theirs (the leak tests)."""
    return expect(ok, seen=ANY, **kwargs)


def who_sees(ok=200):
    return expect(ok)


def by_role(ok, roles):
    """Gated by role only: the page names nothing it shows to others."""
    return expect(ok, roles=roles, seen=ANY)


def drop_rule(ok):
    """A party's secretariat, or an official of the clause's lead body (own)."""

    def expected(case):
        if case.who != "member":
            return expect(ok)(case)
        if case.place not in SEEING:
            return 404
        if (case.role == R.SECRETARIAT and case.place in PARTIES) or (
            case.role == R.OFFICIAL and case.place == "own"
        ):
            return ok
        return 403

    return expected


def scheduling_rule(ok):
    """The secretariat first (403 to other roles, whatever the programme), then the
    programme: 404 when unseen, 403 when its body is no party."""

    def expected(case):
        if case.who in ("anonymous", "superuser"):
            return expect(ok)(case)
        if case.role != R.SECRETARIAT:
            return 403
        if case.place not in SEEING:
            return 404
        return ok if case.place in PARTIES else 403

    return expected


def follow_up_rule(ok):
    """The addressed body's (partner's) officials and secretariat, and the secretariat
    of the bodies that run the meeting (own organises it; partner is a party)."""

    def expected(case):
        if case.who != "member":
            return expect(ok)(case)
        if case.place not in SEEING:
            return 404
        addressed = case.place == "partner" and case.role in (R.OFFICIAL, R.SECRETARIAT)
        runs = case.role == R.SECRETARIAT and case.place in PARTIES
        return ok if addressed or runs else 403

    return expected


NOBODY = ()  # no role may: a signed text is frozen for everyone, the superuser too


@dataclass(frozen=True)
class Row:
    label: str
    name: str  # the URL's name
    expected: Callable
    args: Callable[[World], list] = lambda w: []
    method: str = "get"
    query: str = ""
    data: Any = None  # a dict, or data(world, case) -> dict


def progress(world, case):
    body = world.body(case) or world.bodies["own"]
    return {"reported_on": "31/03/2024", "status": "on_track", "reporting_body": body.pk}


def scan(world, case):
    return {"scanned_copy": tiny_pdf()}


def pk(name):
    return lambda w: [w[name].pk]


TABLE = [
    Row("home", "home", everyone()),
    # programmes
    Row("programme list", "agreements:programme_list", everyone()),
    Row("programme search", "agreements:programme_list", everyone(), query="?q=chung"),
    Row("draft a programme", "agreements:programme_create", by_role(200, [R.OFFICIAL])),
    Row("programme page (draft)", "agreements:programme_detail", who_sees(), pk("draft")),
    Row("programme page (signed)", "agreements:programme_detail", who_sees(), pk("signed")),
    Row(
        "edit the draft",
        "agreements:programme_edit",
        expect(200, roles=[R.OFFICIAL], places=PARTIES),
        pk("draft"),
    ),
    Row(
        "edit the signed programme",
        "agreements:programme_edit",
        expect(200, roles=NOBODY, superuser=403),
        pk("signed"),
    ),
    Row("history", "agreements:programme_history", who_sees(), pk("signed")),
    Row(
        "close form",
        "agreements:programme_close",
        expect(200, roles=[R.SECRETARIAT], places=PARTIES),
        pk("signed"),
    ),
    Row(
        "close (refused at the field: clauses still open)",
        "agreements:programme_close",
        expect(200, roles=[R.SECRETARIAT], places=PARTIES),
        pk("signed"),
        method="post",
        data={"closed_on": "31/12/2024", "note": ""},
    ),
    Row(
        "attach the scan",
        "agreements:programme_scan_upload",
        expect(302, roles=[R.OFFICIAL, R.SECRETARIAT], places=PARTIES),
        pk("signed"),
        method="post",
        data=scan,
    ),
    Row("download the scan", "agreements:programme_scan_download", who_sees(), pk("signed")),
    Row(
        "add a clause to the draft",
        "agreements:clause_add",
        expect(200, roles=[R.OFFICIAL], places=PARTIES),
        pk("draft"),
    ),
    Row(
        "add a clause to the signed programme",
        "agreements:clause_add",
        expect(302, roles=NOBODY, superuser=403),
        pk("signed"),
        method="post",
        data={"text": "Thêm sau khi ký"},
    ),
    Row(
        "amend the signed programme",
        "agreements:amendment_add",
        expect(200, roles=[R.OFFICIAL, R.SECRETARIAT], places=PARTIES),
        pk("signed"),
    ),
    Row("record a signing", "agreements:signing_create", by_role(200, [R.SECRETARIAT])),
    # clauses and progress
    Row("clause list", "agreements:clause_list", everyone()),
    Row("clause page", "agreements:clause_detail", who_sees(), pk("clause")),
    Row(
        "edit a clause of the draft",
        "agreements:clause_edit",
        expect(200, roles=[R.OFFICIAL], places=PARTIES),
        pk("draft_clause"),
    ),
    Row(
        "remove a clause of the draft",
        "agreements:clause_remove",
        expect(302, roles=[R.OFFICIAL], places=PARTIES),
        pk("draft_clause"),
        method="post",
    ),
    Row(
        "move a clause of the draft",
        "agreements:clause_move",
        expect(302, roles=[R.OFFICIAL], places=PARTIES),
        pk("draft_clause"),
        method="post",
        data={"direction": "down"},
    ),
    Row("drop form", "agreements:clause_drop", drop_rule(200), pk("clause")),
    Row(
        "drop a clause",
        "agreements:clause_drop",
        drop_rule(302),
        pk("clause"),
        method="post",
        data={"dropped_on": "01/06/2024", "reason": "Không còn phù hợp"},
    ),
    Row(
        "progress form",
        "agreements:progress_add",
        expect(200, roles=[R.OFFICIAL], places=PARTIES),
        pk("clause"),
    ),
    Row(
        "report progress",
        "agreements:progress_add",
        expect(302, roles=[R.OFFICIAL], places=PARTIES),
        pk("clause"),
        method="post",
        data=progress,
    ),
    Row("my work", "agreements:my_work", everyone()),
    # signing in and out, the language
    Row("sign-in page", "login", everyone(302, anonymous=200)),
    Row("sign out", "logout", everyone(LOGIN), method="post"),
    Row(
        "choose the language",
        "set_language",
        everyone(302, anonymous=302),
        method="post",
        data={"language": "vi", "next": "/"},
    ),
    # reports
    Row("report list", "reports:list", everyone()),
    Row("ask for a report", "reports:create", by_role(200, [R.LEADER, R.SECRETARIAT])),
    Row("dashboard", "reports:dashboard", everyone()),
    Row("report page", "reports:detail", who_sees(), pk("report")),
    Row("report status (polled)", "reports:status", who_sees(), pk("report")),
    Row("report preview", "reports:preview", who_sees(), pk("report")),
    Row("report PDF", "reports:pdf", who_sees(), pk("report")),
    Row("report Excel", "reports:xlsx", who_sees(), pk("report")),
    Row("report appendix PDF", "reports:appendix", who_sees(), pk("report")),
    Row(
        "try a report again",
        "reports:retry",
        expect(302, roles=[R.LEADER, R.SECRETARIAT]),
        pk("report"),
        method="post",
    ),
    # meetings and directives
    Row("calendar", "meetings:calendar", everyone()),
    Row("calendar, a quarter", "meetings:calendar", everyone(), query="?quarter=2024-2"),
    Row("calendar file", "meetings:calendar_ics", everyone()),
    Row("schedule a meeting", "meetings:meeting_create", by_role(200, [R.SECRETARIAT])),
    Row(
        "schedule a meeting of the programme",
        "meetings:meeting_create",
        scheduling_rule(200),
        query="?programme={signed}",
    ),
    Row("plan briefings", "meetings:plan_briefings", by_role(200, [R.SECRETARIAT])),
    Row(
        "plan the programme's briefings",
        "meetings:plan_briefings",
        scheduling_rule(200),
        query="?programme={signed}",
    ),
    Row("directive list", "meetings:directive_list", everyone()),
    Row("directive page", "meetings:directive_detail", who_sees(), pk("directive")),
    Row(
        "follow a directive up",
        "meetings:directive_detail",
        follow_up_rule(302),
        pk("directive"),
        method="post",
        data={"status": "in_progress", "note": "Đang thực hiện.", "on": "15/04/2024"},
    ),
    Row("meeting page", "meetings:meeting_detail", who_sees(), pk("meeting")),
    Row("meeting file", "meetings:meeting_ics", who_sees(), pk("meeting")),
    *[
        Row(
            label,
            name,
            expect(200, roles=[R.SECRETARIAT], places=PARTIES),
            pk("meeting"),
        )
        for label, name in [
            ("edit the meeting", "meetings:meeting_edit"),
            ("move the meeting", "meetings:meeting_move"),
            ("cancel the meeting", "meetings:meeting_cancel"),
            ("record the minutes", "meetings:meeting_record"),
            ("record attendance", "meetings:attendance"),
            ("add a directive", "meetings:directive_create"),
        ]
    ],
    # for operators
    Row("health", "healthz", everyone(200, anonymous=200)),
    Row("liveness", "livez", everyone(200, anonymous=200)),
]
