"""A directive's badge and meeting written by template tags (meetings/templatetags/
directive_tags.py) instead of a template included per row: every page that shows them
is the same, character for character, as with the templates they replace, in
Vietnamese and in English; and a directive table asks no query of its rows."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from meetings.directives import directive_create, directive_follow_up
from meetings.selectors import directive_list_for_programme
from tests.factories import BodyFactory, OfficialFactory, user_in
from tests.meetings.factories import schedule, secretariat_of, signed_programme

pytestmark = pytest.mark.django_db

# The two templates the tags replace, as they were.
OLD_STATUS = """{% load i18n %}{# Context: directive (annotated with `overdue` by the selectors). #}
{% if directive.overdue %}<span class="badge text-bg-danger"><i class="bi bi-exclamation-triangle-fill"></i> {% translate "Overdue" %}</span>
{% elif directive.status == "done" %}<span class="badge text-bg-success">{{ directive.get_status_display }}</span>
{% elif directive.status == "in_progress" %}<span class="badge text-bg-info">{{ directive.get_status_display }}</span>
{% else %}<span class="badge text-bg-light border">{{ directive.get_status_display }}</span>{% endif %}
"""  # noqa: E501
OLD_MEETING = """{% load i18n %}{% if visible %}<a href="{% url 'meetings:meeting_detail' directive.meeting_id %}">{{ directive.meeting.title }}</a>{% else %}{% blocktranslate with kind=directive.meeting.get_kind_display organiser=directive.meeting.organiser %}{{ kind }} organised by {{ organiser }}{% endblocktranslate %}{% endif %}
"""  # noqa: E501
STATUS = "meetings/includes/_old_directive_status.html"
MEETING = "meetings/includes/_old_directive_meeting.html"
# Where the templates that used them call the tags instead.
CALLS = {
    "meetings/includes/_directive_table.html": [
        ("{% directive_status directive %}", f'{{% include "{STATUS}" %}}'),
        (
            "{% directive_meeting directive True %}",
            f'{{% include "{MEETING}" with visible=True %}}',
        ),
        (
            "{% directive_meeting directive False %}",
            f'{{% include "{MEETING}" with visible=False %}}',
        ),
    ],
    "meetings/directive_detail.html": [
        ("{% directive_status directive %}", f'{{% include "{STATUS}" %}}'),
        (
            "{% directive_meeting directive meeting_visible %}",
            f'{{% include "{MEETING}" with visible=meeting_visible %}}',
        ),
    ],
}


def templates_as_before():
    """The project's templates, but those that call the tags including the old templates."""
    old = {STATUS: OLD_STATUS, MEETING: OLD_MEETING}
    for name, calls in CALLS.items():
        text = get_template(name).template.source
        for call, include in calls:
            assert call in text, (name, call)
            text = text.replace(call, include)
        old[name] = text
    engine = {**settings.TEMPLATES[0], "APP_DIRS": False}
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            ("django.template.loaders.locmem.Loader", old),
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    }
    return [engine]


@pytest.fixture
def world():
    """A programme's meetings (titles and a body's name a page must escape) with a
    directive of each follow-up state (overdue, none, open, in progress, done), given by
    an official or not, with a note or not, and one to a body that is no party and sees
    the meeting only as its kind and organiser."""
    today = timezone.localdate()
    programme = signed_programme()
    lead = programme.memberships.get(is_lead=True).body
    partner = programme.memberships.get(is_lead=False).body
    lead.name = 'Ban "Tuyên giáo" & <Dân vận>'
    lead.save()
    front = BodyFactory(unit=partner.unit, name="Ủy ban MTTQ huyện")
    OfficialFactory(body=front)
    chair = OfficialFactory(body=lead, full_name="Lê <Văn> Tám")
    first = schedule(programme, chair=chair, title='Giao ban "quý I" <2024> & kế hoạch')
    second = schedule(programme, chair=chair, kind="interim_review", title="Sơ kết 6 tháng")
    made = []
    for n, (meeting, deadline, status) in enumerate(
        [
            (first, today - timedelta(days=30), "open"),
            (first, None, "open"),
            (first, today + timedelta(days=30), "in_progress"),
            (second, today - timedelta(days=60), "done"),
            (second, today + timedelta(days=5), "open"),
        ]
    ):
        directive = directive_create(
            meeting=meeting,
            text=f"Việc số {n}: <rà soát> & báo cáo " + "rất dài " * (n * 10),
            addressed_body=partner,
            deadline=deadline,
            given_by=chair if n % 2 else None,
        )
        if status != "open":
            note = "Đã giao <phòng> & ban" if n > 2 else ""
            directive_follow_up(directive=directive, status=status, note=note, on=today)
        made.append(directive)
    made.append(
        directive_create(
            meeting=second, text="Phối hợp tuyên truyền.", addressed_body=front, deadline=today
        )
    )
    return {"programme": programme, "partner": partner, "front": front, "meetings": [first, second],
            "directives": made}  # fmt: skip


def pages(world):
    """(user, the addresses they open) for a party's secretariat and for the front."""
    directives = [reverse("meetings:directive_detail", args=[d.pk]) for d in world["directives"]]
    party = [
        reverse("meetings:directive_list"),
        reverse("meetings:directive_list") + "?status=overdue",
        reverse("meetings:directive_list") + "?status=done",
        reverse("meetings:meeting_detail", args=[world["meetings"][0].pk]),
        reverse("meetings:meeting_detail", args=[world["meetings"][1].pk]),
        reverse("agreements:programme_detail", args=[world["programme"].pk]),
        reverse("agreements:my_work"),
        *directives[:-1],
    ]
    front = [reverse("meetings:directive_list"), reverse("agreements:my_work"), directives[-1]]
    return [(secretariat_of(world["partner"]), party), (user_in(world["front"]), front)]


def read(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_pages_are_the_same_as_with_the_templates_included(client, world, language):
    client.cookies["django_language"] = language
    seen = []
    for user, paths in pages(world):
        client.force_login(user)
        now = [read(client, path) for path in paths]
        with override_settings(TEMPLATES=templates_as_before()):
            before = [read(client, path) for path in paths]
        for path, new, old in zip(paths, now, before, strict=True):
            assert new == old, path
        seen.append("\n".join(now))
    party, front = seen
    # Each state is shown, the escaping had work to do, the unseen meeting is not named.
    overdue, done = ("Quá hạn", "Hoàn thành") if language == "vi" else ("Overdue", "Done")
    for shown in (overdue, done, "text-bg-info", "text-bg-light", "&lt;2024&gt; &amp;"):
        assert shown in party
    organiser = "Ban &quot;Tuyên giáo&quot; &amp; &lt;Dân vận&gt;"
    assert organiser in front and "Sơ kết 6 tháng" not in front


def test_a_directive_table_asks_nothing_of_its_rows(world, django_assert_num_queries):
    """The rows are read with what they show (DIRECTIVE_ROW_FIELDS): their table then
    asks no query, whichever state and meeting each is in."""
    rows = list(directive_list_for_programme(programme=world["programme"]))
    assert len(rows) == 6
    table = get_template("meetings/includes/_directive_table.html")
    for visible in (None, {rows[0].meeting_id}, set()):  # every meeting seen, one, none
        context = {"directives": rows, "show_meeting": True, "visible_meeting_ids": visible}
        with django_assert_num_queries(0):
            html = table.render(context)
        assert html.count("<tr") == 7
    assert "Sơ kết 6 tháng" not in html  # the last, no meeting seen: none named
