"""A report's content as a document: HTML from a Django template, then PDF.

The same template makes the PDF (fonts from the files shipped in
static/fonts, embedded by WeasyPrint) and the HTML preview (fonts from the
static URL). WeasyPrint may read nothing but those font files.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from agreements.models import ProgrammeParty
from parties.rules import membership_of
from reports.charts import status_by_body_chart, status_over_time_chart
from reports.periods import date_line

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


def display_name(body):
    """The body's full name as a header prints it under its governing body:
    "Ban Tuyên giáo" under "Huyện ủy Thanh Trì", the whole full name otherwise."""
    parent = body.parent
    name = body.full_name
    if parent:
        for parent_name in (parent.full_name, parent.name):
            if parent_name and name.lower().endswith(" " + parent_name.lower()):
                return name[: -len(parent_name)].strip()
    return name


def letterhead(report):
    body = report.issuing_body
    if body.is_party_body:
        reference = _("No. %(reference)s") % {"reference": report.reference}
    else:
        reference = _("No.: %(reference)s") % {"reference": report.reference}
    # Decree 30/2020/NĐ-CP: the issuing body in full; its governing body may shorten
    # the usual phrases ("UBND", "HĐND"), which is what its short name does.
    return {
        "is_party": body.is_party_body,
        "governing": body.parent.name if body.parent_id else "",
        "issuer": display_name(body),
        "reference": reference,
        "date_line": date_line(report.place_name, report.issued_on),
    }


OFFICE_WORDS = ("Trưởng", "Phó", "Chủ tịch", "Chủ nhiệm", "Giám đốc", "Bí thư", "Chánh")


def signing_title(position, body_name):
    """The office someone signs in, out of a position listing several:
    "UVTV, Trưởng ban Tuyên giáo Huyện ủy" signs as "Trưởng ban Tuyên giáo Huyện ủy",
    "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện" for the UBND as "Chủ tịch UBND huyện"."""
    body_words = set(body_name.lower().split())

    def score(part):
        shared = len(body_words & set(part.lower().split()))
        return shared + (1 if part.startswith(OFFICE_WORDS) else 0)

    parts = [part.strip() for part in position.split(",") if part.strip()]
    return max(parts, key=score) if parts else position


def signer(report):
    """The requesting leader, when they hold an official record of the issuing body."""
    membership = membership_of(report.requested_by) if report.requested_by_id else None
    official = membership.official if membership else None
    if official and official.body_id == report.issuing_body_id:
        return {
            "title": signing_title(official.position, report.issuing_body.name),
            "name": official.full_name,
        }
    return None


def recipients(report, content, limit=8):
    names = []
    if report.issuing_body.parent_id:
        names.append(_("%(body)s (to report)") % {"body": report.issuing_body.parent.full_name})
    parties = (
        ProgrammeParty.objects.filter(programme_id__in=[p.pk for p in content.programmes])
        .exclude(body=report.issuing_body)
        .select_related("body")
        .order_by("body__name")
    )
    for name in dict.fromkeys(party.body.full_name for party in parties):
        if len(names) < limit:
            names.append(name)
    names.append(_("Archive: office"))
    return names


def report_context(report, content, *, for_pdf):
    family = f'"{FONT_FAMILY}", "Liberation Serif", "Times New Roman", serif'
    return {
        "report": report,
        "content": content,
        "letterhead": letterhead(report),
        "signer": signer(report),
        "recipients": recipients(report, content),
        "fonts": font_faces(for_pdf=for_pdf),
        "font_family": FONT_FAMILY,
        "for_pdf": for_pdf,
        "compiled_at": timezone.now(),
        "chart_by_body": status_by_body_chart(
            content.status_by_body, font_family=family, width=600
        ),
        "chart_over_time": status_over_time_chart(
            content.status_over_time, font_family=family, width=600
        ),
    }


def report_html(report, content, *, for_pdf):
    return render_to_string(
        settings.REPORT_PDF_TEMPLATE, report_context(report, content, for_pdf=for_pdf)
    )


class FontsOnlyFetcher(URLFetcher):
    """Lets WeasyPrint read the shipped font files and nothing else; any other
    URL stops the rendering instead of silently falling back."""

    def __init__(self):
        super().__init__(allowed_protocols={"file"}, timeout=5, fail_on_errors=True)
        self.allowed = {font_path(name).as_uri() for name in FONT_FILES.values()}

    def fetch(self, url, headers=None):
        if url not in self.allowed:
            raise ValueError(f"A report may not load {url}")
        return super().fetch(url, headers)


def html_to_pdf(html):
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=FontsOnlyFetcher())
    return document.write_pdf(font_config=FontConfiguration())
