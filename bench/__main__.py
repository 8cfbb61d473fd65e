"""`make bench` (python -m bench): measure everything in one run, print one table.

python -m bench [--requests 30] [--pdf-limit 120] [--year 2025] [--skip pages,pdf,celery]
                [--markdown FILE]
"""

import argparse
import os
import platform
import sys
import time


def machine():
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            total_kb = int(meminfo.readline().split()[1])
        memory = f"{total_kb / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version") if connection.vendor == "postgresql" else None
        version = cursor.fetchone()[0] if connection.vendor == "postgresql" else connection.vendor
    load = os.getloadavg()
    return (
        f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), {memory} memory, "
        f"PostgreSQL {version}, Python {platform.python_version()}, "
        f"load average at start {load[0]:.1f}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--pdf-limit", type=float, default=120.0)
    parser.add_argument("--request-limit", type=float, default=30.0)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--skip", default="")
    parser.add_argument("--markdown", default="")
    parser.add_argument(
        "--pages",
        default="",
        help='only these pages, by label, comma-separated, or "|"-separated to name a label'
        ' that holds a comma ("clause list|programme list, search")',
    )
    args = parser.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    import logging

    from django.db import connection

    # Request and login log lines (and a cut-off page's traceback) would bury the table.
    logging.disable(logging.CRITICAL)

    from bench import pages, pdfs, subjects, table, workers
    from parties.models import AdministrativeUnit

    if connection.vendor != "postgresql":
        print("The benchmark measures PostgreSQL: set DATABASE_URL.", file=sys.stderr)
        return 2
    say = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    started = time.monotonic()
    head = {"machine": machine(), "counts": table.counts()}
    district = subjects.largest_district()
    province = AdministrativeUnit.objects.filter(level=1).order_by("pk").first()
    who = subjects.subjects(district)
    page_results = pdf_results = celery_results = None

    def table_so_far():
        text = table.render(
            head, who, page_results, pdf_results, celery_results,
            requests=args.requests, pdf_limit=args.pdf_limit, year=args.year,
            elapsed=time.monotonic() - started,
        )  # fmt: skip
        if args.markdown:  # written after each part, so a run cut short keeps what it had
            with open(args.markdown, "w", encoding="utf-8") as out:
                out.write(text)
        return text

    if "pages" not in skip:
        pages.limit_statements(args.request_limit)
        page_results = pages.measure(
            who,
            subjects.bench_superuser(),
            requests=args.requests,
            limit=args.request_limit,
            say=say,
            only=set(filter(None, args.pages.split("|" if "|" in args.pages else ","))),
        )
        table_so_far()
    if "pdf" not in skip:
        scopes = [
            (f"largest district ({district})", district.pk),
            (f"province ({province})", province.pk),
        ]
        pdf_results = pdfs.measure(scopes, year=args.year, limit=args.pdf_limit, say=say)
        table_so_far()
    if "celery" not in skip:
        celery_results = workers.measure(reports=args.reports, say=say)
    text = table_so_far()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
