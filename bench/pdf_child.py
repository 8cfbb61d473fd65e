"""Run in a subprocess by bench/pdfs.py, so that its time and peak memory are its own:

    python -m bench.pdf_child build UNIT_ID YEAR HTML_OUT   a year-end summary, as a worker does
    python -m bench.pdf_child bare HTML_IN                  WeasyPrint alone on that HTML

Prints one JSON line. The report is built inside a transaction that is rolled
back: the benchmark leaves no report behind.
"""

import io
import json
import resource
import sys
import time
from datetime import date


def _pages(pdf):
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def build(unit_id, year, html_out):
    from django.conf import settings
    from django.db import transaction
    from django.utils import translation

    from parties.models import AdministrativeUnit, Body
    from reports.models import Report
    from reports.rendering import appendix_html, gathered_kept_aside, html_to_pdf, report_html
    from reports.selectors.content import report_content
    from reports.services import report_create
    from reports.spreadsheet import report_workbook

    unit = AdministrativeUnit.objects.get(pk=unit_id)
    issuer = (
        Body.objects.filter(unit=unit, kind=Body.Kind.PEOPLES_COMMITTEE).first()
        or Body.objects.filter(unit=unit).order_by("pk").first()
    )
    figures = {}
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        report = report_create(
            kind=Report.Kind.YEAR_END,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            issuing_body=issuer,
            unit=unit,
            issued_on=date(year + 1, 1, 10),
            enqueue=False,
        )
        started = time.perf_counter()
        content = report_content(report)
        figures["data_s"] = time.perf_counter() - started
        with gathered_kept_aside():  # as report_render does
            mark = time.perf_counter()
            html = report_html(report, content, for_pdf=True)
            figures["html_s"] = time.perf_counter() - mark
            mark = time.perf_counter()
            pdf = html_to_pdf(html)
            figures["pdf_s"] = time.perf_counter() - mark
            mark = time.perf_counter()
            appendix = html_to_pdf(appendix_html(report, content, for_pdf=True))
            figures["appendix_s"] = time.perf_counter() - mark
            figures["appendix_pages"] = _pages(appendix)
            mark = time.perf_counter()
            report_html(report, content, for_pdf=False)
            workbook = report_workbook(report, content)
            figures["xlsx_bytes"] = len(workbook)
            figures["preview_xlsx_s"] = time.perf_counter() - mark
        figures["total_s"] = time.perf_counter() - started
        transaction.set_rollback(True)
    with open(html_out, "w", encoding="utf-8") as out:
        out.write(html)
    figures["pages"] = _pages(pdf)
    figures["html_bytes"] = len(html.encode())
    return figures


def bare(html_in):
    from reports.rendering import html_to_pdf

    with open(html_in, encoding="utf-8") as source:
        html = source.read()
    started = time.perf_counter()
    pdf = html_to_pdf(html)
    return {"pdf_s": time.perf_counter() - started, "pages": _pages(pdf)}


def main(argv):
    import django

    django.setup()
    building = argv[0] == "build"
    figures = build(int(argv[1]), int(argv[2]), argv[3]) if building else bare(argv[1])
    figures["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
