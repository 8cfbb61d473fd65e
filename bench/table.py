"""The benchmark's one table (Markdown, so bench/RESULTS.md can keep it as printed),
with each figure checked against the issue's targets."""

from django.contrib.auth import get_user_model

from agreements.models import Clause, Programme, ProgressReport
from meetings.models import Directive, Meeting
from parties.models import Body

PAGE_MS, PAGE_QUERIES, PAGE_KB, DASHBOARD_MS = 150, 15, 300, 300
DISTRICT_PDF_S, PROVINCE_PDF_S, PDF_MB, PDF_PAGES, PDF_RATIO = 10, 30, 500, 40, 1.3
WORKER_RATIO = 1.7


def counts():
    models = [("programmes", Programme), ("clauses", Clause), ("progress reports", ProgressReport),
              ("meetings", Meeting), ("directives", Directive), ("bodies", Body),
              ("users", get_user_model())]  # fmt: skip
    return ", ".join(f"{model.objects.count():,} {label}" for label, model in models)


def _ms(seconds):
    return "—" if seconds is None else f"{seconds * 1000:,.0f}"


def _page_rows(who, results, requests):
    lines = [
        f"### Pages (median and p95 of {requests} warm requests, server time in ms; "
        "the admin changelist of the same model measured in the same rounds)",
        "",
        "| page | user | median | p95 | queries | HTML KB | status | admin median | admin p95 "
        "| admin queries | ours / admin | targets |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    pages = list(dict.fromkeys(page for page, _label in results))
    for page in pages:
        admin = results.get((page, "admin"))
        for subject in who:
            ours = results[(page, subject.label)]
            ratio = (
                f"{ours.median / admin.median:.2f}"
                if admin and admin.median and ours.median
                else "—"
            )
            missed = []
            if ours.median is None:
                missed.append(ours.note or "failed")
            else:
                limit = DASHBOARD_MS if page == "leaders' dashboard" else PAGE_MS
                if ours.median * 1000 > limit:
                    missed.append(f"> {limit} ms")
                if admin and admin.median and ours.median > admin.median:
                    missed.append("> admin")
                if ours.queries > PAGE_QUERIES:
                    missed.append(f"> {PAGE_QUERIES} queries")
                if ours.size > PAGE_KB * 1024:
                    missed.append(f"> {PAGE_KB} KB")
                if ours.status != 200:
                    missed.append(f"HTTP {ours.status}")
                if ours.note:
                    missed.append(ours.note)
            lines.append(
                f"| {page} | {subject.label} | {_ms(ours.median)} | {_ms(ours.p95)} "
                f"| {ours.queries} | {ours.size / 1024:,.0f} | {ours.status} "
                f"| {_ms(admin.median) if admin else '—'} | {_ms(admin.p95) if admin else '—'} "
                f"| {admin.queries if admin else '—'} | {ratio} "
                f"| {'met' if not missed else 'missed: ' + ', '.join(missed)} |"
            )
    return lines


def _step(run, limit):
    """(seconds, peak MB) of a step's run, as cells."""
    if run.timed_out:
        return f"> {limit:.0f}", f"{run.peak_mb or 0:,.0f}"
    if run.error:
        return "failed", "—"
    return f"{run.figures['total_s']:.1f}", f"{run.peak_mb:,.0f}"


def _megabytes(size):
    return "—" if size is None else f"{size / 2**20:,.1f}"


def _pdf_rows(results, limit, year):
    lines = [
        f"### Year-end summary ({year}), each step in its own process, limit {limit:.0f} s",
        "",
        "| scope | summary s | of which data s | PDF render s | peak MB | pages | HTML KB "
        "| WeasyPrint alone s | its peak MB | summary / WeasyPrint alone "
        "| appendix step s | its peak MB | its pages | Excel step s | its peak MB | Excel MB "
        "| targets |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for index, (label, runs) in enumerate(results.items()):
        built, bare, appendix, xlsx = runs["build"], runs["bare"], runs["appendix"], runs["xlsx"]
        f, b = built.figures, bare.figures
        appendix_s, appendix_mb = _step(appendix, limit)
        xlsx_s, xlsx_mb = _step(xlsx, limit)
        steps = (
            f"| {appendix_s} | {appendix_mb} | {appendix.figures.get('pages', '—')} "
            f"| {xlsx_s} | {xlsx_mb} | "
            + (
                f"{xlsx.figures['file_bytes'] / 2**20:,.1f}"
                if "file_bytes" in xlsx.figures
                else "—"
            )
        )
        missed = []
        for name, run in (("appendix", appendix), ("Excel", xlsx)):
            if run.timed_out or run.error:
                missed.append(f"{name} step {'over the limit' if run.timed_out else 'failed'}")
            elif run.peak_mb and run.peak_mb > PDF_MB:
                missed.append(f"{name} step > {PDF_MB} MB")
        if built.timed_out or built.error:
            what = "over the limit" if built.timed_out else repr(built.error[-200:])
            summary_s, _mb = _step(built, limit)
            lines.append(
                f"| {label} | {summary_s} | | "
                f"| {built.peak_mb or 0:,.0f} | | | | | {steps} "
                f"| missed: summary {what}{'; ' if missed else ''}{', '.join(missed)} |"
            )
            continue
        # The summary step as a worker runs it (data, HTML, PDF, its signature and the
        # HTML preview) against WeasyPrint alone on the summary's HTML.
        ratio = f["total_s"] / b["pdf_s"] if b.get("pdf_s") else None
        most = DISTRICT_PDF_S if index == 0 else PROVINCE_PDF_S
        if f["total_s"] > most:
            missed.append(f"> {most} s")
        if built.peak_mb and built.peak_mb > PDF_MB:
            missed.append(f"> {PDF_MB} MB")
        if f["pages"] > PDF_PAGES:
            missed.append(f"> {PDF_PAGES} pages")
        if ratio and ratio > PDF_RATIO:
            missed.append(f"> {PDF_RATIO} × WeasyPrint")
        bare_s = "> limit" if bare.timed_out else f"{b['pdf_s']:.1f}" if b else "—"
        lines.append(
            f"| {label} | {f['total_s']:.1f} | {f['data_s']:.1f} | {f['pdf_s']:.1f} "
            f"| {built.peak_mb:,.0f} | {f['pages']} | {f['html_bytes'] / 1024:,.0f} "
            f"| {bare_s} | {bare.peak_mb or 0:,.0f} | {f'{ratio:.2f}' if ratio else '—'} "
            f"{steps} | {'met' if not missed else 'missed: ' + ', '.join(missed)} |"
        )
    lines.append("")
    lines.append(
        "summary = what the report's worker step does before the report is ready: its "
        "data, HTML, PDF (signed, as the issued copy is) and HTML preview; the ratio "
        "compares all of it with WeasyPrint alone on the same HTML. The appendix PDF and "
        "the Excel copy are the steps that follow it, each a task of its own (time and "
        "peak of its own process)."
    )
    return lines


def _celery_rows(results):
    lines = [
        "### Celery: quarterly programme reports built by real workers",
        "",
        "| worker processes | reports done | failed | seconds | reports per minute "
        "| ratio to 1 | builds at once | CPU s of the workers | cores they had | load average "
        "| target |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    one = results.get(1, {}).get("per_minute")
    for processes, figures in results.items():
        rate = figures["per_minute"]
        ratio = rate / one if rate and one else None
        target = ""
        if processes == 2:
            target = "met" if ratio and ratio >= WORKER_RATIO else f"missed: < {WORKER_RATIO} ×"
        seconds = figures["seconds"]
        cpu = (
            f"| {figures.get('at_once') or 0:.2f} | {figures['cpu_s']:.1f} "
            f"| {figures['cores']:.2f} | {figures['load']:.1f} "
            if figures.get("cores") is not None
            else "| — | — | — | — "
        )
        lines.append(
            f"| {processes} | {figures['done']} | {figures['failed']} "
            f"| {seconds:.1f} | {rate:.1f} | {ratio:.2f} {cpu}| {target} |"
            if rate
            else f"| {processes} | {figures['done']} | {figures['failed']} | — | — | — {cpu}"
            "| missed |"
        )
    return lines


def render(head, who, pages, pdfs, celery, *, requests, pdf_limit, year, elapsed):
    lines = [
        "## Benchmark",
        "",
        f"Machine: {head['machine']}.",
        f"Data: {head['counts']}.",
        f"Run took {elapsed / 60:.1f} min.",
        "",
    ]
    if pages:
        lines += _page_rows(who, pages, requests) + [""]
    if pdfs:
        lines += _pdf_rows(pdfs, pdf_limit, year) + [""]
    if celery:
        lines += _celery_rows(celery) + [""]
    return "\n".join(lines)
