"""The PDF itself, read back with pypdf: the official first page, every
Vietnamese letter, the embedded fonts, A4 with Decree 30 margins, page numbers."""

import io
import unicodedata
from datetime import date

import pytest
from fontTools.ttLib import TTFont
from openpyxl import load_workbook
from pypdf import PdfReader

from parties.models import Body
from reports.models import Report
from reports.periods import quarter_period
from reports.rendering import FONT_FAMILY
from reports.services import report_build, report_create
from tests.factories import BodyFactory, OfficialFactory
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db

A4 = (595.28, 841.89)  # points
MM = 72 / 25.4
TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
LETTERS = [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in TONES]
LETTERS = LETTERS + [letter.upper() for letter in LETTERS] + ["đ", "Đ"]
ALPHABET = " ".join(LETTERS)


@pytest.fixture
def district():
    return District()


@pytest.fixture
def programme(district):
    programme = signed_programme(
        [district.party, district.state],
        title=f"Chương trình phối hợp thử chữ: {ALPHABET}",
        start=date(2017, 1, 1),
        signed=date(2017, 3, 30),
    )
    for number in range(1, 11):
        clause_with(
            programme,
            number=number,
            lead=district.state if number % 2 else district.party,
            text=f"Nội dung phối hợp số {number}: tuyên truyền, phổ biến, giải quyết kiến nghị "
            "của cử tri và những vấn đề bức xúc của Nhân dân trên địa bàn huyện.",
            indicators=[("Hội nghị chuyên đề", "hội nghị", 4)],
            progress=[
                (date(2017, 9, 27), "on_track", [number % 3], "Đang thực hiện đúng kế hoạch.")
            ],
        )
    return programme


def build(programme, issuing_body, **fields):
    """The issued report of quarter III/2017 (a document, not a draft's preview)."""
    fields.setdefault("issued_on", date(2017, 10, 5))
    period = quarter_period(2017, 3)
    report = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=period.start,
        period_end=period.end,
        issuing_body=issuing_body,
        enqueue=False,
        **fields,
    )
    return report_build(report_id=report.pk)


def pdf_of(report):
    with report.pdf.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def text_of(page):
    return " ".join(unicodedata.normalize("NFC", page.extract_text()).split())


def fragments(page):
    """(x, y, text) of each piece of text set on the page, in points from bottom left.
    Chart labels, which pypdf reports in the SVG's own coordinates, are left out:
    they lack the page's CSS-pixel transform (0.75 pt per px, y flipped)."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip() and cm[3] < 0:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((x, y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


def at(page, text):
    return next((x, y) for x, y, t in fragments(page) if t.startswith(text))


def test_a_party_body_gets_the_partys_header(programme, district):
    report = build(programme, district.party, number=686, issued_on=date(2019, 6, 25))
    first = text_of(pdf_of(report).pages[0])
    for line in [
        "HUYỆN ỦY THANH TRÌ",
        "BAN TUYÊN GIÁO",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Số 686-BC/BTGHU",
        "Thanh Trì, ngày 25 tháng 6 năm 2019",
        "BÁO CÁO",
        "Sơ kết quý III năm 2017 thực hiện chương trình phối hợp thử chữ",
    ]:
        assert line in first, line
    assert "*" in first
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in first
    assert "Số:" not in first


def test_a_state_body_gets_the_header_of_decree_30(programme, district):
    report = build(programme, district.state, issued_on=date(2018, 1, 5))
    page = pdf_of(report).pages[0]
    first = text_of(page)
    for line in [
        "ỦY BAN NHÂN DÂN HUYỆN THANH TRÌ",  # the issuing body in full, never "UBND"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 01/BC-UBND",
        "Thanh Trì, ngày 05 tháng 01 năm 2018",
        "BÁO CÁO",
    ]:
        assert line in first, line
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in first
    assert "UBND HUYỆN" not in first
    assert "Ủy ban nhân dân huyện Thanh Trì báo cáo kết quả thực hiện" in first
    # Issuing body on the left, national title on the right, on the same band.
    issuer, national = at(page, "ỦY BAN NHÂN DÂN"), at(page, "CỘNG HÒA")
    assert issuer[0] < A4[0] / 2 < national[0] + 100
    assert abs(issuer[1] - national[1]) < 3
    # The number under the issuer, the date line under the motto, on one line.
    number, date_line = at(page, "Số: 01/BC-UBND"), at(page, "Thanh Trì, ngày")
    assert abs(number[1] - date_line[1]) < 3 and number[0] < date_line[0]


def test_a_department_is_headed_by_its_governing_body_short_and_itself_in_full(programme, district):
    """Decree 30/2020/NĐ-CP: the governing body may be shortened ("UBND"), the issuer not."""
    department = BodyFactory(
        unit=district.unit,
        kind=Body.Kind.DEPARTMENT,
        code="VHTT",
        name="Phòng VHTT huyện Thanh Trì",
        full_name="Phòng Văn hóa và Thông tin huyện Thanh Trì",
        parent=district.state,
    )
    OfficialFactory(body=department, full_name="Lê Văn Dũng", position="Trưởng phòng")
    first = text_of(pdf_of(build(programme, department)).pages[0])
    governing, issuer = first.index("UBND HUYỆN THANH TRÌ"), first.index("PHÒNG VĂN HÓA VÀ")
    assert governing < issuer
    assert "PHÒNG VHTT" not in first


def test_the_layout_follows_the_issuing_bodys_kind(programme, district):
    district.state.kind = district.state.Kind.PEOPLES_COUNCIL
    district.state.save()
    assert "CỘNG HÒA XÃ HỘI" in text_of(pdf_of(build(programme, district.state)).pages[0])
    district.state.kind = district.state.Kind.PARTY_COMMITTEE
    district.state.save()
    assert "ĐẢNG CỘNG SẢN" in text_of(pdf_of(build(programme, district.state)).pages[0])


def test_every_vietnamese_letter_comes_back_intact(programme, district):
    pdf = pdf_of(build(programme, district.party))
    text = " ".join(text_of(page) for page in pdf.pages)
    assert ALPHABET in text
    assert "Ban Tuyên giáo Huyện ủy Thanh Trì báo cáo kết quả thực hiện" in text
    assert "\ufffd" not in text


def test_its_fonts_are_the_shipped_liberation_serif_embedded(programme, district):
    pdf = pdf_of(build(programme, district.state))
    fonts = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    family = FONT_FAMILY.replace(" ", "-")
    for name, font in fonts.items():
        prefix, _, rest = name[1:].partition("+")
        assert len(prefix) == 6 and rest.startswith(family), name  # a subset of our font
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        data = descriptor["/FontFile2"].get_object().get_data()  # embedded TrueType
        names = TTFont(io.BytesIO(data))["name"]
        assert names.getDebugName(1) == "Liberation Serif"
        assert names.getDebugName(5).startswith("Version 2.1.5")
    styles = {name.partition("+")[2] for name in fonts}
    assert {family, f"{family}-Bold", f"{family}-Italic"} <= styles


def test_pages_are_a4_with_the_margins_of_decree_30(programme, district):
    pdf = pdf_of(build(programme, district.state))
    assert len(pdf.pages) >= 2
    for index, page in enumerate(pdf.pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width, 1), round(height, 1)) == (round(A4[0], 1), round(A4[1], 1))
        body = [(x, y) for x, y, _ in fragments(page) if y < height - 20 * MM]
        left = min(x for x, _ in body)
        assert left >= 30 * MM - 0.5  # nothing in the 30 mm left margin
        if index == 0:
            assert left == pytest.approx(30 * MM, abs=0.5)  # paragraphs start right at it
        assert max(y for _, y in body) <= height - 20 * MM  # top margin
        assert min(y for _, y in body) >= 20 * MM  # bottom margin


def test_pages_are_numbered_at_the_top_centre_from_page_two(programme, district):
    pdf = pdf_of(build(programme, district.state))
    height = A4[1]
    in_top_margin = [
        [(x, t) for x, y, t in fragments(page) if y > height - 20 * MM] for page in pdf.pages
    ]
    assert in_top_margin[0] == []
    for number, found in enumerate(in_top_margin[1:], start=2):
        [(x, text)] = found
        assert text == str(number)
        centre = (30 * MM + A4[0] - 15 * MM) / 2
        assert x == pytest.approx(centre, abs=10)


def test_the_excel_file_holds_the_same_figures(programme, district):
    report = build(programme, district.state)
    with report.xlsx.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    assert book.sheetnames[:3] == ["Tổng hợp", "Số liệu", "Nội dung phối hợp"]
    figures = list(book["Số liệu"].iter_rows(values_only=True))
    assert figures[0] == ("Chỉ tiêu", "Đơn vị tính", "Trong kỳ", "Lũy kế", "Kế hoạch")
    assert figures[1] == (
        "Hội nghị chuyên đề",
        "hội nghị",
        sum(n % 3 for n in range(1, 11)),
        10,
        40,
    )
    clauses = list(book["Nội dung phối hợp"].iter_rows(values_only=True))
    assert len(clauses) == 1 + 10
    summary = dict(book["Tổng hợp"].iter_rows(values_only=True))
    assert summary["Báo cáo"] == report.reference


def test_the_html_preview_loads_the_fonts_from_the_static_url(programme, district):
    report = build(programme, district.party)
    with report.html.open("rb") as handle:
        html = handle.read().decode()
    assert "/static/fonts/LiberationSerif-Regular.ttf" in html
    assert "file://" not in html
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in html


def test_an_issued_report_carries_its_key_set_at_the_render(programme, district, monkeypatch):
    """The verification key is written by WeasyPrint into the PDF's keywords, not by a
    second pass over the file; the copy stored verifies as the app's document."""
    from parties.models import IssuedDocument
    from parties.verification import verify_copy
    from reports import signing

    def no_second_pass(pdf_bytes, key):
        raise AssertionError("the key is set at the render")

    monkeypatch.setattr(signing, "with_key", no_second_pass)
    report = build(programme, district.state)
    record = IssuedDocument.objects.get(source=f"report:{report.pk}")
    keywords = pdf_of(report).metadata["/Keywords"]
    assert keywords == f"coordination-document:{record.key}"
    with report.pdf.open("rb") as handle:
        verdict = verify_copy(handle.read())
    assert verdict.record == record and verdict.unchanged


def test_a_pdf_signed_without_its_key_gets_it_in_a_second_pass(district):
    """sign_report_pdf on a PDF rendered without the key (keyed=False) still writes it."""
    from parties.documents import pdf_and_signature_places
    from parties.verification import document_key
    from reports.signing import report_record, sign_report_pdf
    from tests.factories import ReportFactory

    report = ReportFactory(issuing_body=district.state)
    pdf, places = pdf_and_signature_places("<p>Báo cáo</p>")
    assert document_key(sign_report_pdf(report, pdf, places)) == str(report_record(report).key)
