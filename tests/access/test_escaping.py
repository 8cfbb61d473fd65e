"""Text a user typed is printed as text on every page (issue 10.2, kept so).

Every text of the access world that a user types — names of bodies and officials,
a programme's title, basis and content, clauses, indicators and their units,
progress notes, amendments, the signing's place, meetings, minutes, directives,
follow-ups, a report's title and narrative — gets markup appended; every page of the permission
table, the progress form in its htmx modal and the report's files then show that
markup as text, never as markup. The Content-Security-Policy would still block a
slip (tests/config/test_content_security_policy.py); this keeps the slip out.
"""

import pytest
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.test import Client
from django.urls import reverse

from agreements.models import Amendment, Clause, Indicator, Programme, ProgressReport, Signing
from meetings.models import Directive, Meeting
from parties.models import Body, Official
from reports.models import Report
from reports.services import report_build
from tests.access.table import TABLE
from tests.access.world import SUPERUSER, Case, R, build_world

pytestmark = pytest.mark.django_db

# Short enough for every field (an indicator's unit holds 50 characters); it would
# also close an attribute it landed in.
MARKUP = '"><script>alert(1)</script>'
RAW = ('"><script>', "<script>alert")
TYPED = {
    Body: ["name", "full_name"],
    Official: ["full_name", "position"],
    Programme: ["title", "legal_basis", "content"],
    Signing: ["place"],
    Clause: ["text"],
    Indicator: ["name", "unit"],
    ProgressReport: ["note"],
    Amendment: ["title", "text"],
    Meeting: ["title", "place", "agenda", "minutes", "conclusions"],
    Directive: ["text", "follow_up_note"],
    Report: [
        "title",
        "strengths",
        "weaknesses_and_causes",
        "lessons",
        "proposals",
        "next_tasks",
        "signer_position",
    ],
}


def type_markup_everywhere():
    for model, names in TYPED.items():
        model.objects.update(**{name: Concat(F(name), Value(MARKUP)) for name in names})


def test_what_users_typed_is_never_markup_on_any_page():
    world = build_world(real_reports=True)
    type_markup_everywhere()
    report_build(report_id=world["report"].pk, rebuild=True)
    ids = {name: obj.pk for name, obj in world.objects.items()}
    pages = [
        reverse(row.name, args=row.args(world)) + row.query.format(**ids)
        for row in TABLE
        if row.method == "get"
    ]
    shown = 0
    for case in (SUPERUSER, Case(R.OFFICIAL, "own"), Case(R.SECRETARIAT, "partner")):
        client = Client()
        client.force_login(world.user(case))
        responses = [(url, client.get(url)) for url in pages]
        modal = reverse("agreements:progress_add", args=[world["clause"].pk])
        responses.append((modal, client.get(modal, headers={"HX-Request": "true"})))
        for url, response in responses:
            if response.streaming or "html" not in response.get("Content-Type", ""):
                continue
            text = response.content.decode()
            assert not any(raw in text for raw in RAW), (str(case), url)
            shown += "&lt;script&gt;alert(" in text
    assert shown > 50  # the markup did reach the pages, as text
