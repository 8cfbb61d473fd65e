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


def _pdf_rows(results, limit, year):
    lines = [
        f"### Year-end summary PDF ({year}), each in its own process, limit {limit:.0f} s",
        "",
        "| scope | build s | of which data s | PDF render s | appendix s (pages) "
        "| preview + Excel s | peak MB | pages | HTML KB "
        "| WeasyPrint alone s | its peak MB | build / WeasyPrint alone | targets |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for index, (label, (built, bare)) in enumerate(results.items()):
        f, b = built.figures, bare.figures
        if built.timed_out:
            lines.append(f"| {label} | > {limit:.0f} | | | | | {built.peak_mb or 0:,.0f} "
                         "| | | | | | missed: over the limit |")  # fmt: skip
            continue
        if built.error:
            lines.append(f"| {label} | failed | | | | | | | | | | | {built.error[-200:]!r} |")
            continue
        pdf_path = f["data_s"] + f["html_s"] + f["pdf_s"]
        ratio = pdf_path / b["pdf_s"] if b.get("pdf_s") else None
        most = DISTRICT_PDF_S if index == 0 else PROVINCE_PDF_S
        missed = []
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
            f"| {f.get('appendix_s', 0):.1f} ({f.get('appendix_pages', '—')}) "
            f"| {f.get('preview_xlsx_s', 0):.1f} | {built.peak_mb:,.0f} | {f['pages']} "
            f"| {f['html_bytes'] / 1024:,.0f} | {bare_s} "
            f"| {bare.peak_mb or 0:,.0f} | {f'{ratio:.2f}' if ratio else '—'} "
            f"| {'met' if not missed else 'missed: ' + ', '.join(missed)} |"
        )
    lines.append("")
    lines.append(
        "build = data + HTML + PDF + the appendix PDF + the HTML preview and Excel copy, "
        "as a worker does; "
        "the ratio compares data + HTML + PDF with WeasyPrint alone on the same HTML."
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
