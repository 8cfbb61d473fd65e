"""A report's content as a document: HTML from a Django template, then PDF.

The same template makes the PDF (fonts from the files shipped in
static/fonts, embedded by WeasyPrint) and the HTML preview (fonts from the
static URL). WeasyPrint may read nothing but those font files.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import ProgrammeParty
from parties.documents import (  # noqa: F401 (html_to_pdf: the services' entry point)
    FONT_FAMILY,
    date_line,
    display_name,
    font_faces,
    html_to_pdf,
    signing_title,
)
from parties.rules import membership_of
from reports.charts import status_by_body_chart, status_over_time_chart


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
