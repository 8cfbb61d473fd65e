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


def administers(ok, places=("own", "partner", "neighbour", "above")):
    """The organisation pages: a unit administrator, for the units at and below their
    own (the world's district at own, partner and neighbour; the province above it).
    The role comes first (403 to others, naming nothing); an object outside the
    administrator's units does not exist for them (404)."""

    def expected(case):
        if case.who == "anonymous":
            return LOGIN
        if case.who == "superuser":
            return ok
        if case.role != R.ADMINISTRATOR:
            return 403
        return ok if case.place in places else 404

    return expected


def form_refuses_elsewhere(ok):
    """A form of a page every administrator opens: a body outside their units is not
    among its choices, so the form comes back with the error at the field (200)."""
    inside = administers(ok)

    def expected(case):
        got = inside(case)
        return 200 if got == 404 else got

    return expected


ADMINISTRATORS = [R.ADMINISTRATOR]


def new_account(world, case):
    body = world.bodies["own"]
    return {
        "username": f"moi.{case.role or case.who}.{case.place or ''}".replace(" ", ""),
        "last_name": "Nguyễn Văn",
        "first_name": "Mới",
        "email": "moi@example.vn",
        "body": body.pk,
        "role": R.OFFICIAL,
    }


def issuer_only(ok, roles=ANY):
    """A draft: seen by its issuing body (own) alone; the roles given there may act."""
    return expect(ok, roles=roles, places=["own"], seen=["own"])


def issue(world, case):
    body = world.bodies["own"]
    return {"signer": body.officials.first().pk, "recipients": [world.bodies["partner"].pk]}


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


def copy(world, case):
    return {"copy": tiny_pdf()}


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
        "prepare the draft's document",
        "agreements:document_prepare",
        who_sees(302),
        pk("draft"),
        method="post",
    ),
    Row(
        "download the signed document (not built: back to the page)",
        "agreements:document_download",
        who_sees(302),
        pk("signed"),
    ),
    Row(
        "download a missing amendment's document",
        "agreements:amendment_document_download",
        lambda case: LOGIN if case.who == "anonymous" else 404,
        lambda w: [999999],
    ),
    Row("verify page", "agreements:verify", everyone()),
    Row("verify a copy", "agreements:verify", everyone(), method="post", data=copy),
    Row(
        "verify link",
        "agreements:verify_key",
        everyone(),
        lambda w: ["8a1abaf4-f716-4a74-b901-99ef0225cba2"],
    ),
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
    Row("clause list's body pickers", "agreements:clause_list_bodies", everyone()),
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
    Row(
        "make a report's file again",
        "reports:retry_part",
        expect(302, roles=[R.LEADER, R.SECRETARIAT]),
        lambda w: [w["report"].pk, "xlsx"],
        method="post",
    ),
    Row("report list, drafts", "reports:list", everyone(), query="?show=drafts"),
    Row("report list, received", "reports:list", everyone(), query="?show=received"),
    Row("report list, discarded", "reports:list", everyone(), query="?show=discarded"),
    # a draft is its issuing body's alone; an issued report is never edited
    Row("draft report page", "reports:detail", issuer_only(200), pk("draft_report")),
    Row("draft preview", "reports:preview", issuer_only(200), pk("draft_report")),
    Row("draft PDF", "reports:pdf", issuer_only(200), pk("draft_report")),
    Row(
        "edit a draft's text",
        "reports:edit",
        issuer_only(200, roles=[R.LEADER, R.SECRETARIAT]),
        pk("draft_report"),
    ),
    Row(
        "save a draft's text",
        "reports:edit",
        issuer_only(302, roles=[R.LEADER, R.SECRETARIAT]),
        pk("draft_report"),
        method="post",
        data={"strengths": "Phối hợp chặt chẽ.", "lessons": "Cần sơ kết hằng quý."},
    ),
    Row(
        "edit an issued report's text",
        "reports:edit",
        expect(200, roles=NOBODY, superuser=403),
        pk("report"),
    ),
    Row("issue form", "reports:issue", issuer_only(200, roles=[R.LEADER]), pk("draft_report")),
    Row(
        "issue a draft",
        "reports:issue",
        issuer_only(302, roles=[R.LEADER]),
        pk("draft_report"),
        method="post",
        data=issue,
    ),
    Row(
        "issue an issued report again",
        "reports:issue",
        expect(302, roles=NOBODY, superuser=403),
        pk("report"),
        method="post",
        data=issue,
    ),
    Row(
        "discard a draft",
        "reports:discard",
        issuer_only(302, roles=[R.LEADER, R.SECRETARIAT]),
        pk("draft_report"),
        method="post",
    ),
    Row(
        "correct an issued report",
        "reports:correct",
        expect(302, roles=[R.LEADER, R.SECRETARIAT], places=["own"]),
        pk("report"),
        method="post",
    ),
    # meetings and directives
    Row("calendar", "meetings:calendar", everyone()),
    Row("calendar, a quarter", "meetings:calendar", everyone(), query="?quarter=2024-2"),
    Row("calendar file", "meetings:calendar_ics", everyone()),
    # A calendar app polls it without a session: the token names the user, and one
    # signed nowhere names nobody, whoever asks (tests/meetings/test_calendar_subscription.py).
    Row(
        "calendar subscription, an address not signed here",
        "meetings:calendar_subscription",
        everyone(404, anonymous=404),
        lambda w: ["WzEsMF0:not-a-signature"],
    ),
    Row(
        "a new calendar subscription address",
        "meetings:calendar_subscription_renew",
        everyone(302),
        method="post",
    ),
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
    # the organisation, administered in the app (parties/views.py)
    Row("organisation", "parties:home", by_role(200, ADMINISTRATORS)),
    Row("units", "parties:unit_list", by_role(200, ADMINISTRATORS)),
    Row("add a unit", "parties:unit_create", by_role(200, ADMINISTRATORS)),
    Row("add a body", "parties:body_create", by_role(200, ADMINISTRATORS)),
    Row("edit a body", "parties:body_edit", administers(200), lambda w: [w.bodies["own"].pk]),
    Row(
        "save a body",
        "parties:body_edit",
        administers(302),
        lambda w: [w.bodies["neighbour"].pk],
        method="post",
        data=lambda w, c: {
            "name": "Tòa án nhân dân huyện",
            "full_name": "Tòa án nhân dân huyện",
            "kind": "court",
            "code": "TAND",
            "unit": w.bodies["neighbour"].unit_id,
            "note": "",
        },
    ),
    Row("officials", "parties:official_list", by_role(200, ADMINISTRATORS)),
    Row("add an official", "parties:official_create", by_role(200, ADMINISTRATORS)),
    Row("a new position", "parties:position_create", administers(200), pk("official")),
    Row("accounts", "parties:account_list", by_role(200, ADMINISTRATORS)),
    Row("add an account", "parties:account_create", by_role(200, ADMINISTRATORS)),
    Row(
        "create an account",
        "parties:account_create",
        form_refuses_elsewhere(302),
        method="post",
        data=new_account,
    ),
    Row("change an account", "parties:account_edit", administers(200), pk("account")),
    Row(
        "deactivate an account",
        "parties:account_deactivate",
        administers(302),
        pk("account"),
        method="post",
    ),
    Row(
        "set a password (a link gone bad)",
        "parties:set_password",
        everyone(200, anonymous=200),
        lambda w: ["MQ", "set-password"],
    ),
    Row("reorganisations", "agreements:reorganisation_list", by_role(200, ADMINISTRATORS)),
    Row(
        "record a reorganisation",
        "agreements:reorganisation_create",
        by_role(200, ADMINISTRATORS),
    ),
    Row(
        "a reorganisation",
        "agreements:reorganisation_detail",
        administers(200),
        pk("reorganisation"),
    ),
    Row(
        "close a programme by the reorganisation",
        "agreements:reorganisation_settle",
        administers(302),
        lambda w: [w["reorganisation"].pk, w["to_settle"].pk],
        method="post",
        data={"to": "close"},
    ),
    # for operators
    Row("health", "healthz", everyone(200, anonymous=200)),
    Row("liveness", "livez", everyone(200, anonymous=200)),
]
