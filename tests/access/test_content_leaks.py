"""What a user may not see is never named to them, nor counted.

Beside the world of tests/access/world.py, the district's UBND and its Court sign a
programme of their own — with a clause, an indicator, progress, an amendment, a
meeting with minutes, a directive, a scan and reports on it, its unit and the Court — and draft
another; every text of it carries the word SECRET. The Ban Tuyên giáo of the
district (each role), a body of another province and an account of no body see
none of it. For each of them every page of the site — the rows of the permission
table, each list with its searches and filters, the calendar and its files, the
report pages and downloads, and each page of the secret objects themselves — must
never name it; and every page they could open before it existed must read the same
after, so that nothing of it is counted either.
"""

import io
import re
from datetime import date, datetime

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from agreements.models import Programme, Topic
from agreements.services import amendment_create, programme_attach_scan, progress_report_create
from meetings.directives import directive_create
from meetings.services import meeting_record, meeting_schedule
from reports.models import Report
from reports.services import report_build, report_create
from tests.access.table import TABLE
from tests.access.world import NO_BODY, VN, Case, R, build_world
from tests.agreements.factories import draft, signed
from tests.agreements.pdf import tiny_pdf

pytestmark = pytest.mark.django_db

SECRET = "QX7SECRET"
# Whose pages must read the same before and after the secret exists (each role that
# changes what a page offers); and who else must find it named nowhere.
COUNTING = [Case(R.OFFICIAL, "own"), Case(R.SECRETARIAT, "own"), Case(R.LEADER, "own")]
NAMING = [Case(R.LEADER, "elsewhere"), NO_BODY]


def named(text):
    return SECRET.lower() in text.lower()


def words(response):
    """What a person reads in a response: the page, the file's text, the workbook's cells."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind == "application/pdf":
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return body.decode("utf-8", "replace")


# What differs between two downloads of the same page: the form token; a calendar
# file's time of making and its own identifier (each meeting keeps its own).
VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r"^DTSTAMP:.*$", re.M),
    re.compile(r"^UID:.*$", re.M),
]


def same_for_a_reader(text):
    for pattern in VOLATILE:
        text = pattern.sub("", text)
    return text


def table_pages(world):
    """Every GET of the permission table, on the world's own objects."""
    ids = {name: obj.pk for name, obj in world.objects.items()}
    return [
        (row.label, reverse(row.name, args=row.args(world)) + row.query.format(**ids))
        for row in TABLE
        if row.method == "get" and row.name not in ("healthz", "livez")
    ]


def filtered_pages(world):
    """The lists with the searches and filters that would find the secret."""
    b = world.bodies
    unit = b["own"].unit
    return [
        # (searched for by its other words: a search box shows back what was typed)
        ("search", "/programmes/?q=Tòa án"),
        ("search, without marks", "/programmes/?q=toa an"),
        ("search, abbreviated", "/programmes/?q=TAND"),
        ("programmes of the court", f"/programmes/?body={b['neighbour'].pk}"),
        ("programmes of the unit", f"/programmes/?unit={unit.pk}&status=signed"),
        ("programmes of a year", "/programmes/?year=2031&status=draft"),
        ("clauses of the court", f"/clauses/?body={b['neighbour'].pk}"),
        ("clauses led by the UBND", f"/clauses/?lead={b['partner'].pk}&status=on_track"),
        ("bodies found for the clause list", "/clauses/bodies/?find=tòa án"),
        ("bodies found, without marks", "/clauses/bodies/?find=toa"),
        ("the court chosen in the pickers", f"/clauses/bodies/?body={b['neighbour'].pk}"),
        ("the month of the meeting", "/meetings/?month=2024-05"),
        ("its quarter", "/meetings/?quarter=2024-2"),
        ("the court's meetings", f"/meetings/?body={b['neighbour'].pk}&quarter=2024-2"),
        ("the court's calendar file", f"/meetings/calendar.ics?body={b['neighbour'].pk}"),
        ("directives to the court", f"/meetings/directives/?body={b['neighbour'].pk}"),
        ("open directives", "/meetings/directives/?status=open"),
        ("quarterly reports", "/reports/?kind=quarterly"),
        ("year-end reports", "/reports/?kind=year_end"),
        ("a report on the court", f"/reports/new/?body={b['neighbour'].pk}"),
        ("a report on the district", f"/reports/new/?unit={unit.pk}&kind=year_end"),
    ]


def secret_pages(secret):
    """The secret's own pages: each a 404 (or a refusal) that names nothing."""
    programme, clause, meeting = secret["programme"], secret["clause"], secret["meeting"]
    pages = [
        ("the secret programme", reverse("agreements:programme_detail", args=[programme.pk])),
        ("its history", reverse("agreements:programme_history", args=[programme.pk])),
        ("its scan", reverse("agreements:programme_scan_download", args=[programme.pk])),
        ("its amendment form", reverse("agreements:amendment_add", args=[programme.pk])),
        ("the secret draft", reverse("agreements:programme_detail", args=[secret["draft"].pk])),
        ("its edit form", reverse("agreements:programme_edit", args=[secret["draft"].pk])),
        ("its clause", reverse("agreements:clause_detail", args=[clause.pk])),
        ("its progress form", reverse("agreements:progress_add", args=[clause.pk])),
        ("its meeting", reverse("meetings:meeting_detail", args=[meeting.pk])),
        ("its meeting's file", reverse("meetings:meeting_ics", args=[meeting.pk])),
        ("its meeting's minutes", reverse("meetings:meeting_record", args=[meeting.pk])),
        ("its directive", reverse("meetings:directive_detail", args=[secret["directive"].pk])),
        ("a meeting for it", reverse("meetings:meeting_create") + f"?programme={programme.pk}"),
        ("its briefings", reverse("meetings:plan_briefings") + f"?programme={programme.pk}"),
    ]
    for report in secret["reports"]:
        for name in ("detail", "status", "preview", "pdf", "appendix", "xlsx"):
            pages.append((f"{report.title} ({name})", reverse(f"reports:{name}", args=[report.pk])))
    return pages


def secret_filters(secret):
    """Lists asked to filter by the secret: they show what the user sees, naming nothing."""
    programme = secret["programme"].pk
    return [
        ("a report on it", reverse("reports:create") + f"?programme={programme}"),
        ("its clauses in the list", reverse("agreements:clause_list") + f"?programme={programme}"),
        ("its meetings", reverse("meetings:calendar") + f"?programme={programme}"),
        ("its meetings' file", reverse("meetings:calendar_ics") + f"?programme={programme}"),
        ("its directives", reverse("meetings:directive_list") + f"?programme={programme}"),
    ]


def add_the_secret(world):
    """The UBND and the Court's own programme, and everything that hangs off it."""
    partner, court, above = (world.bodies[p] for p in ("partner", "neighbour", "above"))
    programme = signed(
        [partner, court],
        number=7,
        symbol=f"CTrPH-{SECRET}",  # its reference names it too
        title=f"Chương trình {SECRET} của UBND và Tòa án",
    )
    programme.topics.add(Topic.objects.exclude(programmes__isnull=False).first())
    programme_attach_scan(programme=programme, upload=tiny_pdf())
    clause = programme.clauses.get(number=1)
    clause.text = f"Xét xử lưu động {SECRET}"
    clause.save()
    indicator = clause.indicators.get()
    indicator.name, indicator.unit = f"Phiên tòa {SECRET}", f"phiên {SECRET}"
    indicator.save()
    progress_report_create(
        clause=clause,
        reported_on=date(2024, 5, 2),
        reporting_body=partner,
        status="on_track",
        values={indicator: 3},
        note=f"Ghi chú {SECRET}",
    )
    amendment_create(
        programme=programme,
        date=date(2024, 5, 3),
        title=f"Phụ lục {SECRET}",
        text=f"Bổ sung {SECRET}",
        clause_changes=[
            {"text": f"Nội dung bổ sung {SECRET}", "lead_body": court, "supporting_bodies": []}
        ],
    )
    chair = partner.officials.first()
    meeting = meeting_schedule(
        kind="quarterly_briefing",
        title=f"Giao ban {SECRET}",
        programmes=[programme],
        organiser=partner,
        starts_at=datetime(2024, 5, 6, 8, tzinfo=VN),
        ends_at=datetime(2024, 5, 6, 10, tzinfo=VN),
        place=f"Hội trường {SECRET}",
        chair=chair,
        invitees=[chair],
        agenda=f"Chương trình họp {SECRET}",
    )
    meeting_record(meeting=meeting, minutes=f"Biên bản {SECRET}", conclusions=f"Kết luận {SECRET}")
    directive = directive_create(
        meeting=meeting, text=f"Chỉ đạo {SECRET}", addressed_body=court, deadline=date(2024, 6, 1)
    )
    secret_draft = draft(
        [court, partner],
        number=8,
        title=f"Dự thảo {SECRET}",
        symbol=f"CTrPH-{SECRET}",
        year=2031,
        period_start=date(2031, 1, 1),
        period_end=date(2031, 12, 31),
    )
    reports = [
        report(programme=programme, issuer=partner, kind=Report.Kind.QUARTERLY, quarter=2),
        report(unit=court.unit, issuer=above),
        report(body=court, issuer=court),
    ]
    return {
        "programme": programme,
        "draft": secret_draft,
        "clause": clause,
        "meeting": meeting,
        "directive": directive,
        "reports": reports,
    }


def report(*, issuer, kind=Report.Kind.YEAR_END, quarter=None, **scope):
    start, end = (
        (date(2024, 3 * quarter - 2, 1), date(2024, 3 * quarter, 30 if quarter == 2 else 31))
        if quarter
        else (date(2024, 1, 1), date(2024, 12, 31))
    )
    made = report_create(
        kind=kind, period_start=start, period_end=end, issuing_body=issuer, enqueue=False, **scope
    )
    return report_build(report_id=made.pk)


def read_everything(world, pages, viewers):
    """{(viewer, label): (status, words)} for every viewer and page."""
    seen = {}
    for case in viewers:
        client = Client()
        client.force_login(world.user(case))
        for label, url in pages:
            response = client.get(url)
            seen[(str(case), label)] = (response.status_code, words(response))
    return seen


def same(pair):
    status, text = pair
    return status, same_for_a_reader(text)


def test_nothing_of_a_programme_the_user_may_not_see_is_named_or_counted():
    world = build_world(real_reports=True)
    pages = table_pages(world) + filtered_pages(world)
    before = read_everything(world, pages, COUNTING)

    secret = add_the_secret(world)
    assert Programme.objects.filter(title__contains=SECRET).count() == 2

    after = read_everything(world, pages, COUNTING + NAMING)
    named_in = [key for key, (_status, text) in after.items() if named(text)]
    assert named_in == [], "pages naming what their reader may not see"
    changed = [key for key in before if same(after[key]) != same(before[key])]
    assert changed == [], "pages that changed when something their reader may not see appeared"

    for key, (_status, text) in read_everything(
        world, secret_filters(secret), COUNTING + NAMING
    ).items():
        assert not named(text), key
    for key, (status, text) in read_everything(
        world, secret_pages(secret), COUNTING + NAMING
    ).items():
        assert not named(text), key
        assert status in (403, 404), key

    # What the viewers' own reports say once the secret exists: made now.
    own = world.bodies["own"]
    own_reports = [
        report(body=own, issuer=own),
        report(programme=world["signed"], issuer=own, kind=Report.Kind.QUARTERLY, quarter=2),
    ]
    files = [
        (f"own report {made.pk} ({name})", reverse(f"reports:{name}", args=[made.pk]))
        for made in own_reports
        for name in ("preview", "pdf", "appendix", "xlsx")
    ]
    for key, (status, text) in read_everything(world, files, [Case(R.LEADER, "own")]).items():
        assert status == 200 and not named(text), key


def test_what_reaches_a_body_from_a_meeting_it_may_not_see_names_nothing():
    """Two ways the secret touches the own body: a directive addressed to it at the
    secret's meeting (it must carry it out), and a joint briefing of its own programme
    and the secret one (it attends). Neither names the secret programme or meeting."""
    world = build_world(real_reports=True)
    secret = add_the_secret(world)
    own, partner = world.bodies["own"], world.bodies["partner"]
    directive_create(
        meeting=secret["meeting"], text="Gửi số liệu tuyên truyền về Tòa án.", addressed_body=own
    )
    joint = meeting_schedule(
        kind="quarterly_briefing",
        title="Giao ban liên tịch quý II",
        programmes=[world["signed"], secret["programme"]],
        organiser=partner,
        starts_at=datetime(2024, 5, 20, 8, tzinfo=VN),
        ends_at=datetime(2024, 5, 20, 10, tzinfo=VN),
        place="Hội trường UBND",
        chair=partner.officials.first(),
        invitees=[partner.officials.first()],
    )
    meeting_record(meeting=joint, minutes="Biên bản.", conclusions="Kết luận.")
    directive_create(
        meeting=joint,
        text="Việc của chương trình kia.",
        addressed_body=partner,
        programme=secret["programme"],
    )
    made = report(programme=world["signed"], issuer=own, kind=Report.Kind.QUARTERLY, quarter=2)
    pages = table_pages(world) + [
        ("the joint briefing", reverse("meetings:meeting_detail", args=[joint.pk])),
        ("its file", reverse("meetings:meeting_ics", args=[joint.pk])),
        ("its directive form", reverse("meetings:directive_create", args=[joint.pk])),
        ("May", "/meetings/?month=2024-05"),
        *[
            (f"the directive {d.pk}", reverse("meetings:directive_detail", args=[d.pk]))
            for d in own.directives.all()
        ],
        *[
            (f"the report ({name})", reverse(f"reports:{name}", args=[made.pk]))
            for name in ("preview", "pdf", "appendix", "xlsx")
        ],
    ]
    read = read_everything(
        world, pages, [Case(R.OFFICIAL, "own"), Case(R.SECRETARIAT, "own"), Case(R.LEADER, "own")]
    )
    assert [key for key, (_status, text) in read.items() if named(text)] == []
    assert "Gửi số liệu tuyên truyền" in read[("official at own", "my work")][1]
    assert "Giao ban liên tịch quý II" in read[("leader at own", "the joint briefing")][1]


def test_the_secret_is_there_for_who_may_see_it():
    """The test's own check: the partner and the province above do read the secret."""
    world = build_world()
    secret = add_the_secret(world)
    for place in ("partner", "above"):
        client = Client()
        client.force_login(world.user(Case(R.LEADER, place)))
        page = client.get(reverse("agreements:programme_detail", args=[secret["programme"].pk]))
        assert named(page.text), place
        assert named(client.get(f"/programmes/?q={SECRET}").text), place
