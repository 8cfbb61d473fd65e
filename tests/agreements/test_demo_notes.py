"""The demo's own notes (what is illustrative, what an article leaves unnamed) stay in the
records: no page a demo account opens, and no demo PDF or Excel copy, prints them."""

import html
import io
import re
import unicodedata
from collections import deque
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from pypdf import PdfReader

from agreements.models import Programme, ProgrammeDocument
from meetings.models import Meeting
from parties.demo import USERS
from parties.models import Official
from reports.models import Report

pytestmark = pytest.mark.django_db
User = get_user_model()

# Words only a note uses: a page that shows one has printed a note.
MARKERS = ["minh họa", "dữ liệu mẫu", "không nêu", "(bài viết"]
START = [
    "home",
    "agreements:programme_list",
    "agreements:clause_list",
    "agreements:my_work",
    "meetings:calendar",
    "meetings:directive_list",
    "meetings:plan_briefings",
    "reports:list",
    "reports:dashboard",
    "reports:create",
    "agreements:programme_create",
    "meetings:meeting_create",
]
# Not pages of the product, or files read below, or links that change something.
SKIP = re.compile(r"^/(admin|logout|login|i18n|static|media|healthz|livez)/|/(pdf|xlsx)/$")
LINK = re.compile(r'href="(/[^"#]*)"')


def flat(text):
    return " ".join(unicodedata.normalize("NFC", html.unescape(text)).split())


def kept_note_fields():
    """Every `note` field documented as never printed (the demo's illustrative marks)."""
    with translation.override("en"):
        return [
            (model, field)
            for model in apps.get_models()
            for field in model._meta.get_fields()
            if field.name == "note" and "never printed" in str(getattr(field, "help_text", ""))
        ]


def note_fragments():
    """Each clause of every kept note, long enough to be the note's own words."""
    found = set()
    for model, field in kept_note_fields():
        for note in model.objects.exclude(**{field.name: ""}).values_list(field.name, flat=True):
            for part in re.split(r"[.;:()]\s", flat(note)):
                part = part.strip(" .;:,")
                if len(part) >= 30:
                    found.add(part)
    return found


# A note is kept, and edited, in its own form field, with a help text saying what it is
# for: there it is the record itself, not printed on a page.
OWN_FIELD = re.compile(
    r"<textarea[^>]*>.*?</textarea>|<(div|span) id=\"id_note_helptext\"[^>]*>.*?</\1>", re.S
)


def leaks(text, fragments):
    text = flat(OWN_FIELD.sub("", text))
    lowered = text.lower()
    return [m for m in MARKERS if m in lowered] + [f for f in fragments if f in text]


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())
    return note_fragments()


def walk(client, limit=400):
    """Every page reachable from the main ones by a link, once each: {url: text}."""
    queue = deque(reverse(name) for name in START)
    seen, pages = set(queue), {}
    while queue and len(pages) < limit:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        text = response.content.decode()
        pages[url] = text
        for link in LINK.findall(text):
            link = html.unescape(link)
            if link not in seen and not SKIP.search(link):
                seen.add(link)
                queue.append(link)
    return pages


def test_the_demo_records_keep_notes_to_check(demo):
    models = {model._meta.model_name for model, _field in kept_note_fields()}
    assert {"body", "official", "programme", "meeting", "directive", "report"} <= models
    assert len(demo) > 30
    # Every demo report says in its own note that its recipients ("Nơi nhận") are ours.
    notes = Report.objects.values_list("note", flat=True)
    assert notes and all("nơi nhận" in note.lower() for note in notes)
    assert not leaks("Trang không có ghi chú nào.", demo)


def test_no_page_a_demo_account_opens_prints_a_note(demo, client):
    """Every account's main pages (its own lists, work and dashboard); then every page the
    administrator, who sees every record, reaches by a link from them."""
    for username, *_rest in USERS:
        client.force_login(User.objects.get(username=username))
        pages = walk(client, limit=len(START))
        assert len(pages) >= len(START) - 4, username
        found = {url: leaks(text, demo) for url, text in pages.items()}
        assert {url: what for url, what in found.items() if what} == {}, username
    client.force_login(User.objects.get(username="quantri"))
    pages = walk(client)
    details = {url for url in pages if re.fullmatch(r"/(programmes|meetings|reports)/\d+/", url)}
    expected = Programme.objects.count() + Meeting.objects.count() + Report.objects.count()
    assert len(details) == expected  # the walk reached every record
    found = {url: leaks(text, demo) for url, text in pages.items()}
    assert {url: what for url, what in found.items() if what} == {}


def pdf_text(field_file):
    with field_file.open("rb") as handle:
        pdf = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in pdf.pages)


def test_no_demo_pdf_or_excel_copy_prints_a_note(demo):
    reports = list(Report.objects.all())
    assert reports
    for report in reports:
        text = pdf_text(report.pdf)
        assert "Thanh Trì" in text or "Hà Nội" in text or "Ngã Bảy" in text
        assert leaks(text, demo) == [], report.automatic_key
        # Its appendix too, a document of its own.
        appendix = pdf_text(report.appendix_pdf)
        assert "PHỤ LỤC" in appendix
        assert leaks(appendix, demo) == [], report.automatic_key
        with report.xlsx.open("rb") as handle:
            book = load_workbook(io.BytesIO(handle.read()))
        cells = " ".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
        assert leaks(cells, demo) == [], report.automatic_key
        with report.html.open("rb") as handle:
            assert leaks(handle.read().decode(), demo) == [], report.automatic_key


def test_no_demo_programme_document_prints_a_note_or_a_stand_in(demo):
    """The programmes' own documents; the Hà Nội Quy chế's, whose article gives no number,
    date or place, prints none: no "Số", no date line, no invented stand-in."""
    documents = list(ProgrammeDocument.objects.exclude(pdf=""))
    assert len(documents) >= Programme.objects.count()
    for document in documents:
        text = pdf_text(document.pdf)
        assert leaks(text, demo) == [], document.programme.title
    quy_che = Programme.objects.get(issuer__code="BTGTU", issuer__unit__name="Hà Nội")
    text = flat(pdf_text(ProgrammeDocument.objects.get(programme=quy_che, amendment=None).pdf))
    assert "QUY CHẾ" in text and "Hà Nội, ngày" not in text and "Số " not in text
    assert "QCPH" not in text and "2009" not in text.split("Ban Tuyên giáo các cấp")[0]
    # Nor who signed it: each party's block with no name, no "Lãnh đạo …" stand-in.
    assert "Lãnh đạo" not in text and "Người ký" not in text
    assert "Quy chế được thực hiện" in text  # it calls itself what it is


def test_no_demo_report_prints_a_signer_the_source_does_not_name(demo):
    """686's article does not say who signed it: its PDF names nobody, and no
    "Lãnh đạo …" record (a stand-in for an unnamed official) signs any report."""
    # The Hà Nội bodies' "Lãnh đạo …" records: the articles name nobody there.
    stand_ins = list(
        Official.objects.filter(
            full_name__startswith="Lãnh đạo", body__unit__name="Hà Nội"
        ).values_list("full_name", flat=True)
    )
    assert stand_ins
    for report in Report.objects.all():
        text = flat(pdf_text(report.pdf))
        assert "Lãnh đạo" not in text.split("Nơi nhận")[-1], report.automatic_key
        # Nor as a person anywhere else in it: chairing, attending, directing.
        for name in stand_ins:
            for field_file in (report.pdf, report.appendix_pdf):
                assert name not in flat(pdf_text(field_file)), (report.automatic_key, name)
    report = Report.objects.get(automatic_key="demo:hanoi-686")
    text = flat(pdf_text(report.pdf))
    closing = text.split("Nơi nhận")[-1]
    assert "TRƯỞNG BAN" not in closing and "T/M" not in closing and "K/T" not in closing
