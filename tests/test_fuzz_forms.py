"""Every form of the product, fuzzed (issue 10, "keep it so"): Hypothesis posts
generated values — Unicode, huge strings, bad dates and numbers, missing and extra
fields, lists where one value is expected — as a user allowed to post the form.
The answer is never a server error, and a refused post (anything but a redirect)
leaves the database exactly as it was. Every list is also asked for with
generated query parameters, and answers without a server error.

Each example starts from the form as its page offers it (the values a person
would find filled in), then changes some fields, so that examples reach the
services' own checks, not only the fields'. Each example runs in a savepoint
rolled back afterwards, so every one meets the same records.

Reproducible and bounded: `derandomize=True` (the same examples on every run) and
EXAMPLES per form; the whole file takes about a minute on PostgreSQL. The Django
admin's forms are Django's own and are not fuzzed here.
"""

from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.directives import directive_create
from parties.models import Membership
from reports.models import Report
from reports.periods import quarter_period
from reports.services import report_create
from tests.agreements.factories import district_bodies, draft, signed
from tests.factories import OfficialFactory, user_in
from tests.meetings.factories import at, schedule

pytestmark = pytest.mark.django_db

EXAMPLES = 12
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- what is posted ------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "1e308",
    "NaN",
    "Infinity",
    "99999999999999999999999",
    "31/02/2024",
    "01/01/0001",
    "31/12/9999",
    "0001-01-01",
    "9999-12-31",
    "2024-13-45",
    "25:61",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil.example")',
    "١٢٣",
    "Nguyễn Thị Hồng Nhung – Phó Chủ tịch",
    "\x00",
    "../../etc/passwd",
    "%s%s%n",
]
VALUE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.dates().map(lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}"),
    st.dates().map(date.isoformat),
    st.just("Đ" * 100_000),
)
# None: the field is left out; a list: several values where the form expects one.
CHANGE = st.one_of(st.none(), VALUE, st.lists(VALUE, min_size=2, max_size=3))
EXTRA = ["unexpected", "id", "pk", "status", "version", "created_by", "is_superuser"]


class FormReader(HTMLParser):
    """The POST forms of a page with the values a browser would send for them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.current = {"action": attrs.get("action") or "", "fields": {}, "names": []}
            self.forms.append(self.current)
        if self.current is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            self.current["names"].append(name)
            if kind in ("checkbox", "radio"):
                if "checked" in attrs or (kind == "radio" and name not in self.current["fields"]):
                    values = self.current["fields"].setdefault(name, [])
                    if kind == "radio":
                        values.clear()
                    values.append(attrs.get("value") or "on")
            elif kind not in ("submit", "button", "file"):
                self.current["fields"][name] = [attrs.get("value") or ""]
        elif tag == "select" and name:
            self.current["names"].append(name)
            self.select = {"name": name, "first": None, "chosen": []}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value") or ""
            if value and self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["chosen"].append(value)
        elif tag == "textarea" and name:
            self.current["names"].append(name)
            self.textarea = name
            self.current["fields"][name] = [""]

    def handle_data(self, data):
        if self.textarea:
            self.current["fields"][self.textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            chosen = self.select["chosen"] or [self.select["first"] or ""]
            self.current["fields"][self.select["name"]] = chosen
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.current = None


def page_form(client, url):
    """The largest POST form of the page: its fields filled in as offered, and its names."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    reader = FormReader()
    reader.feed(response.content.decode())
    form = max(reader.forms, key=lambda f: len(f["names"]))
    fields = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
    names = sorted(set(form["names"]) - {"csrfmiddlewaretoken"})
    return fields, names


# --- the database, before and after --------------------------------------------------

SKIPPED_TABLES = {"django_session"}


def snapshot():
    """Every row of every table the product writes, as plain values."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table in SKIPPED_TABLES or model._meta.proxy:
            continue
        state[model._meta.db_table] = sorted(map(repr, model.objects.order_by("pk").values_list()))
    return state


def assert_fuzzed(client, url, fields, names, changes):
    data = {name: list(values) for name, values in fields.items()}
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    with transaction.atomic():
        before = snapshot()
        response = client.post(url, data)  # an unhandled exception fails the test here
        assert response.status_code < 500, (url, changes)
        if response.status_code not in (301, 302, 303, 204):
            assert snapshot() == before, (url, changes, response.status_code)
        transaction.set_rollback(True)


# --- the records the forms act on ----------------------------------------------------


@pytest.fixture
def world(db):
    """A draft and a signed programme of one district, meetings past and coming, a
    directive and a failed report; and a user of each role of the lead party."""
    btg, ubnd = district_bodies()
    today = timezone.localdate()
    year = today.year
    draft_programme = draft([btg, ubnd], number=1, year=year)
    programme = signed(
        [btg, ubnd],
        number=2,
        year=year - 1,
        period_start=date(year - 1, 1, 1),
        period_end=date(year + 1, 12, 31),
    )
    clause = programme.clauses.order_by("number").first()
    invitee = OfficialFactory(body=btg, full_name="Lê Thị Thu")
    held = schedule(
        programme,
        starts_at=at(today - timedelta(days=30)),
        title="Giao ban đã họp",
        invitees=[invitee],
    )
    coming = schedule(programme, starts_at=at(today + timedelta(days=20)), title="Giao ban tới")
    directive = directive_create(
        meeting=held, text="Rà soát đơn thư.", addressed_body=ubnd, deadline=None
    )
    quarter = quarter_period(year - 1, 2)
    failed = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=quarter.start,
        period_end=quarter.end,
        issuing_body=btg,
        enqueue=False,
    )
    Report.objects.filter(pk=failed.pk).update(status=Report.Status.FAILED, error="boom")
    quarter = quarter_period(year - 1, 3)
    report_draft = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=quarter.start,
        period_end=quarter.end,
        issuing_body=btg,
        enqueue=False,
    )
    Report.objects.filter(pk=report_draft.pk).update(
        narrative_filled=True, strengths="Phối hợp tốt.", status=Report.Status.DONE
    )
    quarter = quarter_period(year - 1, 1)
    issued = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=quarter.start,
        period_end=quarter.end,
        issuing_body=btg,
        issued_on=quarter.end,
        enqueue=False,
    )
    return {
        "official": user_in(btg, Membership.Role.OFFICIAL),
        "secretariat": user_in(btg, Membership.Role.SECRETARIAT),
        "leader": user_in(btg, Membership.Role.LEADER),
        "administrator": user_in(btg, Membership.Role.ADMINISTRATOR),
        "addressee": user_in(ubnd, Membership.Role.OFFICIAL),
        "draft": draft_programme,
        "signed": programme,
        "draft_clause": draft_programme.clauses.order_by("number").first(),
        "clause": clause,
        "held": held,
        "coming": coming,
        "directive": directive,
        "failed": failed,
        "invitee": invitee,
        "report_draft": report_draft,
        "issued": issued,
    }


# (name, who posts it, url of the page with the form, url it posts to if another)
FORMS = [
    ("programme_create", "official", lambda w: reverse("agreements:programme_create"), None),
    (
        "programme_edit",
        "official",
        lambda w: reverse("agreements:programme_edit", args=[w["draft"].pk]),
        None,
    ),
    (
        "clause_add",
        "official",
        lambda w: reverse("agreements:clause_add", args=[w["draft"].pk]),
        None,
    ),
    (
        "clause_edit",
        "official",
        lambda w: reverse("agreements:clause_edit", args=[w["draft_clause"].pk]),
        None,
    ),
    (
        "clause_move",
        "official",
        lambda w: reverse("agreements:programme_detail", args=[w["draft"].pk]),
        lambda w: reverse("agreements:clause_move", args=[w["draft_clause"].pk]),
    ),
    (
        "clause_remove",
        "official",
        lambda w: reverse("agreements:programme_detail", args=[w["draft"].pk]),
        lambda w: reverse("agreements:clause_remove", args=[w["draft_clause"].pk]),
    ),
    (
        "signing",
        "secretariat",
        lambda w: reverse("agreements:signing_create") + "?programme=" + str(w["draft"].pk),
        None,
    ),
    (
        "amendment",
        "official",
        lambda w: reverse("agreements:amendment_add", args=[w["signed"].pk]),
        None,
    ),
    (
        "programme_close",
        "secretariat",
        lambda w: reverse("agreements:programme_close", args=[w["signed"].pk]),
        None,
    ),
    ("verify", "official", lambda w: reverse("agreements:verify"), None),
    (
        "scan_upload",
        "secretariat",
        lambda w: reverse("agreements:programme_detail", args=[w["signed"].pk]),
        lambda w: reverse("agreements:programme_scan_upload", args=[w["signed"].pk]),
    ),
    (
        "clause_drop",
        "secretariat",
        lambda w: reverse("agreements:clause_drop", args=[w["clause"].pk]),
        None,
    ),
    (
        "progress",
        "official",
        lambda w: reverse("agreements:progress_add", args=[w["clause"].pk]),
        None,
    ),
    ("meeting_create", "secretariat", lambda w: reverse("meetings:meeting_create"), None),
    ("plan_briefings", "secretariat", lambda w: reverse("meetings:plan_briefings"), None),
    (
        "meeting_edit",
        "secretariat",
        lambda w: reverse("meetings:meeting_edit", args=[w["coming"].pk]),
        None,
    ),
    (
        "meeting_move",
        "secretariat",
        lambda w: reverse("meetings:meeting_move", args=[w["coming"].pk]),
        None,
    ),
    (
        "meeting_cancel",
        "secretariat",
        lambda w: reverse("meetings:meeting_cancel", args=[w["coming"].pk]),
        None,
    ),
    (
        "meeting_record",
        "secretariat",
        lambda w: reverse("meetings:meeting_record", args=[w["held"].pk]),
        None,
    ),
    (
        "attendance",
        "secretariat",
        lambda w: reverse("meetings:attendance", args=[w["held"].pk]),
        None,
    ),
    (
        "directive_create",
        "secretariat",
        lambda w: reverse("meetings:directive_create", args=[w["held"].pk]),
        None,
    ),
    (
        "directive_follow_up",
        "addressee",
        lambda w: reverse("meetings:directive_detail", args=[w["directive"].pk]),
        None,
    ),
    ("report_request", "leader", lambda w: reverse("reports:create"), None),
    (
        "report_retry",
        "leader",
        lambda w: reverse("reports:detail", args=[w["failed"].pk]),
        lambda w: reverse("reports:retry", args=[w["failed"].pk]),
    ),
    ("unit_create", "administrator", lambda w: reverse("parties:unit_create"), None),
    ("body_create", "administrator", lambda w: reverse("parties:body_create"), None),
    ("official_create", "administrator", lambda w: reverse("parties:official_create"), None),
    (
        "position_create",
        "administrator",
        lambda w: reverse("parties:position_create", args=[w["invitee"].pk]),
        None,
    ),
    ("account_create", "administrator", lambda w: reverse("parties:account_create"), None),
    (
        "account_edit",
        "administrator",
        lambda w: reverse("parties:account_edit", args=[w["official"].membership.pk]),
        None,
    ),
    (
        "reorganisation_create",
        "administrator",
        lambda w: reverse("agreements:reorganisation_create"),
        None,
    ),
    (
        "report_edit",
        "secretariat",
        lambda w: reverse("reports:edit", args=[w["report_draft"].pk]),
        None,
    ),
    (
        "report_issue",
        "leader",
        lambda w: reverse("reports:issue", args=[w["report_draft"].pk]),
        None,
    ),
    (
        "report_discard",
        "secretariat",
        lambda w: reverse("reports:detail", args=[w["report_draft"].pk]),
        lambda w: reverse("reports:discard", args=[w["report_draft"].pk]),
    ),
    (
        "report_correct",
        "leader",
        lambda w: reverse("reports:detail", args=[w["issued"].pk]),
        lambda w: reverse("reports:correct", args=[w["issued"].pk]),
    ),
    (
        "set_language",
        "official",
        lambda w: reverse("agreements:programme_list"),
        lambda w: reverse("set_language"),
    ),
]


@pytest.mark.parametrize(("name", "role", "page", "target"), FORMS, ids=[f[0] for f in FORMS])
def test_no_form_answers_a_server_error_or_half_writes(world, name, role, page, target):
    client = Client()
    client.force_login(world[role])
    page_url = page(world)
    url = target(world) if target else page_url
    fields, names = page_form(client, page_url)
    if target:  # a button's form on another page: its own fields only
        fields, names = {}, []
    keys = st.sampled_from(sorted(set(names) | set(fields) | set(EXTRA)))

    @FUZZ
    @given(changes=st.dictionaries(keys, CHANGE, max_size=6))
    def post(changes):
        assert_fuzzed(client, url, fields, names, changes)

    post()


def test_the_login_form_answers_no_server_error(world):
    client = Client()
    fields, names = page_form(client, reverse("login"))
    keys = st.sampled_from(sorted(set(names) | set(EXTRA)))

    @FUZZ
    @given(changes=st.dictionaries(keys, CHANGE, max_size=4))
    def post(changes):
        assert_fuzzed(client, reverse("login"), fields, names, changes)

    post()


# --- the lists, with generated query parameters -------------------------------------

LISTS = [
    "agreements:programme_list",
    "agreements:clause_list",
    "agreements:my_work",
    "meetings:calendar",
    "meetings:calendar_ics",
    "meetings:directive_list",
    "meetings:meeting_create",
    "meetings:plan_briefings",
    "agreements:signing_create",
    "reports:list",
    "reports:create",
    "reports:dashboard",
    "home",
]
PARAMETERS = [
    "page",
    "q",
    "status",
    "year",
    "body",
    "topic",
    "unit",
    "sort",
    "lead",
    "programme",
    "programmes",
    "month",
    "quarter",
    "kind",
    "scope",
    "last_year",
    "next",
    "show",
]
QUERY_VALUE = st.one_of(VALUE.filter(lambda v: len(v) < 5000), st.integers(0, 10**6).map(str))


@pytest.mark.parametrize("name", LISTS)
def test_no_list_answers_a_server_error_whatever_its_query(world, name):
    client = Client()
    secretariat_pages = name.startswith("meetings:") or name == "agreements:signing_create"
    client.force_login(world["secretariat" if secretariat_pages else "leader"])
    url = reverse(name)

    @FUZZ
    @given(query=st.dictionaries(st.sampled_from(PARAMETERS), QUERY_VALUE, max_size=4))
    def get(query):
        response = client.get(url, query)
        assert response.status_code < 500, (url, query)
        assert response.status_code in (200, 302, 403, 404), (url, query)

    get()
