"""What every official document of the app shares, whichever app issues it: the
embedded fonts, the PDF writer that may read nothing but them, how a body's name
stands in a header.

Reports (reports/rendering.py) and programmes (agreements/documents/) both build
on it; it lives on the ground floor so that neither needs the other.
"""

import copy
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

# Liberation Serif 2.1.5 (SIL OFL, static/fonts/LICENSE): metric-compatible with
# Times New Roman, every Vietnamese glyph. Named apart from any system copy.
FONT_FAMILY = "Report Liberation Serif"
FONT_FILES = {
    ("normal", "normal"): "fonts/LiberationSerif-Regular.ttf",
    ("bold", "normal"): "fonts/LiberationSerif-Bold.ttf",
    ("normal", "italic"): "fonts/LiberationSerif-Italic.ttf",
    ("bold", "italic"): "fonts/LiberationSerif-BoldItalic.ttf",
}


def font_path(name):
    found = finders.find(name)
    if not found:
        raise ImproperlyConfigured(f"The report font {name} is missing from the static files.")
    return Path(found).resolve()


def font_faces(*, for_pdf):
    return [
        {
            "weight": weight,
            "style": style,
            "url": font_path(name).as_uri() if for_pdf else static(name),
        }
        for (weight, style), name in FONT_FILES.items()
    ]


def strip_suffix(name, suffix):
    if suffix and name.lower().endswith(" " + suffix.lower()):
        return name[: -len(suffix)].strip()
    return name


def _printing_only(*args, **kwargs):
    raise TypeError("A record named as on a past day is for printing only; it is not saved.")


def unit_named_on(unit, day):
    """A copy of `unit` bearing the name (and category) it bore on `day`."""
    dated = copy.copy(unit)
    record = unit.former_name_on(day)
    if record is not None:
        dated.name, dated.category = record.name, record.category
    dated.save = dated.delete = _printing_only
    return dated


def body_named_on(body, day):
    """A copy of `body` for a document dated `day`: its names, its unit's and its
    governing bodies' as they were that day, so that whatever prints it (the header,
    the signature blocks, the recipients) prints the names of the document's own date.
    The copy is for printing only: saving it is refused."""
    dated = copy.copy(body)
    record = body.former_name_on(day)
    if record is not None:
        dated.name, dated.full_name = record.name, record.full_name
    dated.unit = unit_named_on(body.unit, day)
    if body.parent_id:
        dated.parent = body_named_on(body.parent, day)
    dated.save = dated.delete = _printing_only
    return dated


def display_name(body):
    """The body's full name as a header prints it under its governing body: "Ban
    Tuyên giáo" under "Huyện ủy Thanh Trì", "Phòng Văn hóa và Thông tin" under "UBND
    huyện Thanh Trì" (the place is in the line above); the whole full name otherwise."""
    parent = body.parent
    name = body.full_name
    if not parent:
        return name
    for parent_name in (parent.full_name, parent.name):
        shorter = strip_suffix(name, parent_name)
        if shorter != name:
            return shorter
    place = body.unit.full_name
    if parent.name.lower().endswith(place.lower()):
        return strip_suffix(name, place)
    return name


class FontsOnlyFetcher(URLFetcher):
    """Lets WeasyPrint read the shipped font files and nothing else; any other
    URL stops the rendering instead of silently falling back."""

    def __init__(self):
        super().__init__(allowed_protocols={"file"}, timeout=5, fail_on_errors=True)
        self.allowed = {font_path(name).as_uri() for name in FONT_FILES.values()}

    def fetch(self, url, headers=None):
        if url not in self.allowed:
            raise ValueError(f"A document may not load {url}")
        return super().fetch(url, headers)


# A record that stands for an office, not a person: "Đại diện lãnh đạo UBND thành phố".
REPRESENTATIVE = "đại diện"


def named_for_office(name, position):
    """The record is named for an office, not a person: a representative ("Đại diện
    lãnh đạo …"), or a name that already says the position ("Lãnh đạo UBND thành phố Hà
    Nội", position "Lãnh đạo UBND Thành phố")."""
    name = name.casefold()
    return name.startswith(REPRESENTATIVE) or bool(position) and position.casefold() in name


def name_and_position(name, position):
    """ "Nguyễn Thị Kim Xuyên, Trưởng Ban Tuyên giáo Thành ủy"; a record named for its
    office once, by its name alone: the position would only repeat it."""
    if not position or named_for_office(name, position):
        return name
    return f"{name}, {position}"


def html_document(html):
    """The laid-out document: its pages know where each element with an id stands
    (`page.anchors`), which is where a visible digital signature goes."""
    return HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=FontsOnlyFetcher()
    ).render(font_config=FontConfiguration())


def html_to_pdf(html):
    return html_document(html).write_pdf()


def official_day(day):
    """Day and month as Decree 30/2020/NĐ-CP writes them: a zero before days
    under 10 and before months 1 and 2 ("ngày 05 tháng 01", "ngày 25 tháng 6")."""
    day_text = f"{day.day:02d}"
    month_text = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return day_text, month_text


BLANK = "\u00a0" * 5


def date_line(place, day):
    """ "Thanh Trì, ngày 05 tháng 01 năm 2018"; for a draft, which has no date until it
    is issued, the blanks an office leaves on paper ("ngày      tháng      năm      ")."""
    if day is None:
        return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
            "place": place,
            "day": BLANK,
            "month": BLANK,
            "year": BLANK,
        }
    day_text, month_text = official_day(day)
    return _("%(place)s, day %(day)s month %(month)s year %(year)s") % {
        "place": place,
        "day": day_text,
        "month": month_text,
        "year": day.year,
    }


PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels (1/96 in); PDF counts points (1/72 in)


def pdf_and_signature_places(html, keywords=None):
    """The PDF, and where each signature block stands on it: the elements with the
    id `signature-<body id>`, left to right, which is the order the bodies sign in.
    `keywords`, when given, the PDF's keywords in place of the HTML's."""
    from parties.signatures import SignaturePlace

    rendered = html_document(html)
    if keywords is not None:
        rendered.metadata.keywords = list(keywords)
    places = []
    for index, page in enumerate(rendered.pages):
        height = page.height
        for name, (x1, y1, x2, y2) in page.anchors.items():
            body_id = name.removeprefix("signature-")
            if body_id == name or not body_id.isdigit():
                continue
            box = (x1 * PX_TO_PT, (height - y2) * PX_TO_PT, x2 * PX_TO_PT, (height - y1) * PX_TO_PT)
            places.append(SignaturePlace(int(body_id), index, box))
    places.sort(key=lambda p: (p.page, p.box[0]))
    return rendered.write_pdf(), places
