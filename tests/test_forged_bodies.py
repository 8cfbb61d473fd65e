"""A body that a picker does not offer, forged into the form, is refused with a sentence
that says what may be chosen — never "Trường này là bắt buộc" nor Django's bare
"Hãy chọn một lựa chọn hợp lệ"."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from parties.models import Membership
from tests.agreements.factories import district_bodies, draft, signed
from tests.factories import BodyFactory, DistrictFactory, user_in
from tests.meetings.factories import at, schedule, secretariat_of, signed_programme

pytestmark = pytest.mark.django_db
R = Membership.Role
REQUIRED = "Trường này là bắt buộc."
GENERIC = "Hãy chọn một lựa chọn hợp lệ"


def vietnamese(message):
    with translation.override("vi"):
        text = str(translation.gettext(message))
    assert text != message, f"no Vietnamese for {message!r}"
    return text


def errors_of(form):
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


@pytest.fixture
def forged():
    """A body of another province's district: no picker here offers it."""
    return BodyFactory(unit=DistrictFactory(), name="Sở ở nơi khác")


@pytest.fixture
def bodies():
    return district_bodies()


def programme_data(bodies, **changes):
    btg, ubnd = bodies
    data = {
        "number": "5",
        "symbol": "CTrPH/BTGHU-UBND",
        "year": "2024",
        "issuer": btg.pk,
        "title": "Chương trình phối hợp",
        "parties": [btg.pk, ubnd.pk],
        "lead": btg.pk,
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
    }
    data.update(changes)
    return data


PICKABLE = (
    "You may not name this body: choose among the bodies of your own unit, the unit above it "
    "and the units below it."
)


@pytest.mark.parametrize(
    ("field", "value"),
    [("issuer", "one"), ("lead", "one"), ("parties", "list")],
)
def test_the_programme_form(client, bodies, forged, field, value):
    client.force_login(user_in(bodies[0], R.OFFICIAL))
    forged_value = forged.pk if value == "one" else [bodies[0].pk, forged.pk]
    response = client.post(
        reverse("agreements:programme_create"), programme_data(bodies, **{field: forged_value})
    )
    assert errors_of(response.context["form"])[field] == [vietnamese(PICKABLE)]
    assert vietnamese(PICKABLE) in response.text


CLAUSE = {
    "text": "Tuyên truyền an toàn giao thông",
    "cadence": "quarterly",
    "indicators-TOTAL_FORMS": "0",
    "indicators-INITIAL_FORMS": "0",
}


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("lead_body", "The lead body must be a party to the programme."),
        (
            "supporting_bodies",
            "You may not name this body as supporting: choose among the bodies listed.",
        ),
    ],
)
def test_the_clause_form(client, bodies, forged, field, message):
    programme = draft(list(bodies), clauses=0)
    client.force_login(user_in(bodies[0], R.OFFICIAL))
    data = {**CLAUSE, "lead_body": bodies[0].pk, field: forged.pk}
    response = client.post(reverse("agreements:clause_add", args=[programme.pk]), data)
    assert errors_of(response.context["form"])[field] == [vietnamese(message)]
    assert "Tuyên truyền an toàn giao thông" in response.text  # kept
    assert not programme.clauses.exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("lead_body", "The lead body must be a party to the programme."),
        (
            "supporting_bodies",
            "You may not name this body as supporting: choose among the bodies listed.",
        ),
    ],
)
def test_the_amendment_form(client, bodies, forged, field, message):
    programme = signed(list(bodies))
    client.force_login(user_in(bodies[0], R.OFFICIAL))
    data = {
        "date": "2024-02-01",
        "title": "Phụ lục 01",
        "text": "Bổ sung nội dung.",
        "clauses-TOTAL_FORMS": "1",
        "clauses-INITIAL_FORMS": "0",
        "clauses-0-text": "Nội dung bổ sung",
        "clauses-0-lead_body": bodies[0].pk,
        "clauses-0-cadence": "quarterly",
        f"clauses-0-{field}": forged.pk,
    }
    response = client.post(reverse("agreements:amendment_add", args=[programme.pk]), data)
    form = response.context["clauses"].forms[0]
    assert errors_of(form)[field] == [vietnamese(message)]
    assert not programme.amendments.exists()


def test_the_reporting_body(client, bodies, forged):
    programme = signed(list(bodies))
    clause = programme.clauses.get(number=1)
    client.force_login(user_in(bodies[0], R.OFFICIAL))
    response = client.post(
        reverse("agreements:progress_add", args=[clause.pk]),
        {"reported_on": "2024-03-01", "status": "on_track", "reporting_body": forged.pk},
    )
    message = "You report for your own body only, as the lead or a supporting body of this clause."
    assert errors_of(response.context["form"])["reporting_body"] == [vietnamese(message)]
    assert not clause.progress_reports.exists()


ORGANISER = "The organising body is your own body, and it must be a party to the programmes."


def test_the_meeting_organiser(client, forged):
    programme = signed_programme(
        period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
    )
    lead = programme.memberships.get(is_lead=True).body
    client.force_login(secretariat_of(lead))
    response = client.post(
        reverse("meetings:meeting_create"),
        {
            "kind": "quarterly_briefing",
            "title": "Giao ban quý I/2024",
            "programmes": [programme.pk],
            "organiser": forged.pk,
            "day": "09/04/2024",
            "start_time": "08:00",
            "end_time": "10:00",
            "place": "Hội trường",
        },
    )
    assert errors_of(response.context["form"])["organiser"] == [vietnamese(ORGANISER)]
    assert vietnamese(ORGANISER) in response.text  # the field is hidden: said above it


def test_the_planned_briefings_organiser(client, forged):
    programme = signed_programme()
    lead = programme.memberships.get(is_lead=True).body
    client.force_login(secretariat_of(lead))
    response = client.post(
        reverse("meetings:plan_briefings"),
        {
            "programme": programme.pk,
            "organiser": forged.pk,
            "rule": "nth_weekday",
            "n": "2",
            "weekday": "1",
            "day": "10",
            "start_time": "08:00",
            "end_time": "10:00",
            "place": "Phòng họp",
            "action": "preview",
        },
    )
    assert errors_of(response.context["form"])["organiser"] == [vietnamese(ORGANISER)]


def test_the_body_a_directive_is_addressed_to(client, forged):
    programme = signed_programme(
        period=(date(2024, 1, 1), date(2024, 12, 31)), signed_on=date(2024, 1, 5)
    )
    meeting = schedule(programme, starts_at=at(date(2024, 4, 9)))
    client.force_login(secretariat_of(programme.memberships.get(is_lead=True).body))
    response = client.post(
        reverse("meetings:directive_create", args=[meeting.pk]),
        {"text": "Rà soát đơn thư.", "addressed_body": forged.pk},
    )
    errors = errors_of(response.context["form"])["addressed_body"]
    assert errors and REQUIRED not in errors and not errors[0].startswith(GENERIC)
    assert "Rà soát đơn thư." in response.text


@pytest.mark.parametrize("scope", ["body", "unit", "programme"])
def test_what_a_report_covers(client, bodies, forged, scope):
    client.force_login(user_in(bodies[0], R.LEADER))
    far_programme = signed(list(district_bodies(forged.unit)))
    value = {"body": forged.pk, "unit": forged.unit_id, "programme": far_programme.pk}[scope]
    response = client.post(
        reverse("reports:create"),
        {"kind": "quarterly", "scope": scope, scope: value, "year": "2024", "quarter": "1"},
    )
    message = vietnamese("A report covers only what your body looks after.")
    assert errors_of(response.context["form"])[scope] == [message]
