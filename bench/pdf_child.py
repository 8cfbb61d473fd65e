"""Run in a subprocess by bench/pdfs.py, so that its time and peak memory are its own:

    python -m bench.pdf_child build UNIT_ID YEAR HTML_OUT   the summary, as its worker step does
    python -m bench.pdf_child appendix UNIT_ID YEAR         the appendix PDF, its own step
    python -m bench.pdf_child xlsx UNIT_ID YEAR             the Excel copy, its own step
    python -m bench.pdf_child bare HTML_IN                  WeasyPrint alone on that HTML

Prints one JSON line. The report is made inside a transaction that is rolled back:
the benchmark leaves no report behind. Each step runs the code its worker runs
(reports/services.py: `report_render`, `appendix_render`, `report_workbook`), timed
from outside: the data gathering and the PDF renders are timed by wrapping the
functions the service calls, not by a copy of its code.
"""

import io
import json
import os
import resource
import sys
import tempfile
import time
from datetime import date


def _pages(pdf):
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def year_end_report(unit_id, year, *, issued=True):
    """The year-end summary of the unit, issued (signed, as an issued copy is). Issuing
    it here writes its narrative from its content, gathered once more: the appendix and
    Excel steps take a draft instead, so that their peak memory is their own."""
    from parties.models import AdministrativeUnit, Body
    from reports.models import Report
    from reports.services import report_create

    unit = AdministrativeUnit.objects.get(pk=unit_id)
    issuer = (
        Body.objects.filter(unit=unit, kind=Body.Kind.PEOPLES_COMMITTEE).first()
        or Body.objects.filter(unit=unit).order_by("pk").first()
    )
    return report_create(
        kind=Report.Kind.YEAR_END,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        issuing_body=issuer,
        unit=unit,
        issued_on=date(year + 1, 1, 10) if issued else None,
        enqueue=False,
    )


def timed(module, name, spent, keep=None):
    """Wrap module.name so that its calls add their seconds to spent[name]."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        mark = time.perf_counter()
        result = original(*args, **kwargs)
        spent[name] = spent.get(name, 0) + time.perf_counter() - mark
        if keep is not None:
            keep.append(args)
        return result

    setattr(module, name, wrapper)


def step(kind, unit_id, year, html_out=None):
    from django.db import transaction

    from reports import services

    figures, spent, calls = {}, {}, []
    timed(services, "report_content", spent)
    timed(services, "main_document_content", spent)  # the summary's own gathering
    timed(services, "html_to_pdf", spent, keep=calls)
    with transaction.atomic():
        report = year_end_report(unit_id, year, issued=kind == "build")
        report = services.report_start(report_id=report.pk, rebuild=True)
        spent.clear()  # issuing it above gathered its content too: not the step's time
        calls.clear()
        started = time.perf_counter()
        if kind == "build":
            files = services.report_render(report)
            figures["pages"] = _pages(files["pdf"])
        elif kind == "appendix":
            figures["pages"] = _pages(services.appendix_render(report))
        else:
            from django.conf import settings
            from django.utils import translation

            with tempfile.TemporaryFile() as out, translation.override(settings.LANGUAGE_CODE):
                services.report_workbook(report, out)
                figures["file_bytes"] = out.tell()
        figures["total_s"] = time.perf_counter() - started
        transaction.set_rollback(True)
    figures["data_s"] = spent.get("report_content", 0) + spent.get("main_document_content", 0)
    figures["pdf_s"] = spent.get("html_to_pdf", 0)
    if kind == "build":
        html = calls[0][0]  # the summary's own HTML, as the worker rendered it to PDF
        with open(html_out, "w", encoding="utf-8") as out:
            out.write(html)
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
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    if argv[0] == "bare":
        figures = bare(argv[1])
    else:
        figures = step(argv[0], int(argv[1]), int(argv[2]), *argv[3:])
    figures["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1:])
