"""A report's content as a document: HTML from a Django template, then PDF.

The same template makes the PDF (fonts from the files shipped in
static/fonts, embedded by WeasyPrint) and the HTML preview (fonts from the
static URL). WeasyPrint may read nothing but those font files.
"""

import copy
import gc
from contextlib import contextmanager

from django.conf import settings
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import ClauseStatus, ProgrammeParty
from parties.documents import (  # noqa: F401 (html_to_pdf: the services' entry point)
    FONT_FAMILY,
    body_named_on,
    date_line,
    display_name,
    font_faces,
    html_to_pdf,
    strip_suffix,
)
from parties.models import Body
from parties.numbers import grouped
from reports.charts import status_by_body_chart, status_over_time_chart
from reports.narrative import default_narrative
from reports.selectors.lookups import AnyOf
from reports.selectors.records import StatusCount
from reports.signature import report_signer_block
from reports.wording import meetings_sentence, results_sentence

S = ClauseStatus


def names_day(report):
    """The day whose names the report prints: its date of issue; for a draft, today,
    the earliest day it can be issued (issuing dates it then, never earlier), so that
    its preview prints what issuing it would. Not the end of its period: a body that
    reports in 2026 on 2024 signs under its present name."""
    return report.issued_on or timezone.localdate()


def as_of_its_day(report):
    """A copy of `report` whose issuing body bears the names of the report's day (its
    governing body and unit too), for everything the document prints of it."""
    dated = copy.copy(report)
    dated.issuing_body = body_named_on(report.issuing_body, names_day(report))
    return dated


@contextmanager
def gathered_kept_aside():
    """Render with what is already in memory (a province's content: hundreds of thousands
    of objects) set aside from the garbage collector: WeasyPrint allocates millions of
    objects, and each full collection would walk the whole content again (the render
    took 1.4–1.7 × as long as WeasyPrint alone on the same HTML)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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


def storage_line(body):
    """Where the signed copy is kept: "Lưu: VT." (Decree 30: the clerical office), or in
    a Party document the office of the committee ("Lưu Văn phòng Huyện ủy.")."""
    if not body.is_party_body:
        return _("Archive: office")
    committee = body if body.kind == body.Kind.PARTY_COMMITTEE else body.parent
    if committee is not None and committee.kind == body.Kind.PARTY_COMMITTEE:
        where = committee.name
        place = committee.unit.name
        where = strip_suffix(where, place)
        return _("Archive: office of the %(committee)s") % {"committee": where}
    return _("Archive: office of the body")


def recipients(report, content, limit=8):
    """ "Nơi nhận": the recipients chosen at issue; on a draft, those the issue form
    proposes (the body above, to report to, and the other parties); then the archive."""
    body = report.issuing_body
    day = names_day(report)
    if report.pk and not report.is_draft:
        chosen = sorted(
            report.recipients.prefetch_related("former_names"),
            key=lambda b: (b.pk != body.parent_id, b.name),
        )
        names = [
            _("%(body)s (to report)") % {"body": b.full_name_on(day)}
            if b.pk == body.parent_id
            else b.full_name_on(day)
            for b in chosen
        ]
        return [*names, storage_line(body)]
    names = []
    if body.parent_id:
        names.append(_("%(body)s (to report)") % {"body": body.parent.full_name})
    # The first names only, from the database: a province's programmes have 40,000 parties.
    parties = (
        ProgrammeParty.objects.filter(AnyOf(F("programme_id"), [p.pk for p in content.programmes]))
        .exclude(body=body)
        .exclude(body_id=body.parent_id)
        .order_by("body__name", "body_id")
        .values_list("body_id", "body__name")
        .distinct()[: 2 * limit + 1]
    )
    # Each as named on the report's day (the former names of those few bodies only).
    named = Body.objects.prefetch_related("former_names").in_bulk([pk for pk, _n in parties])
    others = list(dict.fromkeys(named[pk].full_name_on(day) for pk, _name in parties))
    names += others[:limit]
    if len(others) > limit:
        names.append(_("The other parties"))
    names.append(storage_line(body))
    return names


def report_narrative(report, content):
    """The narrative sections as the document prints them: what a person wrote, or
    before anyone has, the text pre-filled from the content."""
    return report.narrative() or default_narrative(content)


# How much of each list the main document prints; the rest is in the appendix and the
# Excel copy, so that the report stays a few dozen pages whatever its scope.
LIMITS = {
    "programmes": 25,
    "rows": 25,
    "chart_bodies": 12,
    "totals": 30,
    "meetings": 12,
    "directives": 25,
    "concerns": 30,
    "tasks": 30,
}
COUNT_COLUMNS = [S.DONE, S.ON_TRACK, S.AT_RISK, S.OVERDUE, S.NOT_STARTED]


def cut(rows, limit):
    """(the first `limit` rows, how many are left out)."""
    rows = list(rows)
    return rows[:limit], max(0, len(rows) - limit)


def concerns_in(row):
    return row.counts.get(S.OVERDUE, 0) + row.counts.get(S.AT_RISK, 0)


def concern_first(rows):
    """Rows with the most clauses overdue or at risk first, the order kept otherwise."""
    return sorted(rows, key=lambda r: -concerns_in(r))


def count_rows(rows):
    for row in rows:
        row.cells = [(status, row.counts.get(status, 0)) for status in COUNT_COLUMNS]
    return rows


def chart_rows(rows, limit):
    """The bodies with most clauses, the others in one bar."""
    if len(rows) <= limit:
        return rows
    ranked = sorted(rows, key=lambda r: -r.total)
    shown, rest = ranked[: limit - 1], ranked[limit - 1 :]
    others = StatusCount(
        label=_("Other bodies (%(count)s)") % {"count": grouped(len(rest))}, counts={}
    )
    for row in rest:
        for status, number in row.counts.items():
            others.counts[status] = others.counts.get(status, 0) + number
    return sorted(shown, key=lambda r: r.label) + [others]


def programme_label(section):
    """ "number – title", or the title alone for a programme with no number."""
    return f"{section.reference} – {section.title}" if section.reference else section.title


def programme_rows(by_programme, limit):
    """(the table by programme's rows, how many are left out): past `limit` those with
    most concerns first (`concern_first`), ranked on their counts before any is
    labelled, so that only the sections printed are read (a province has 13,000)."""
    counts = by_programme.counts
    order = range(len(counts))
    if len(counts) > limit:
        order = sorted(order, key=lambda i: -concerns_in(counts[i]))
    kept, left_out = cut(order, limit)
    rows = [
        StatusCount(label=programme_label(by_programme.sections[i]), counts=counts[i].counts)
        for i in kept
    ]
    return rows, left_out


def report_context(report, content, *, for_pdf):
    report = as_of_its_day(report)
    family = f'"{FONT_FAMILY}", "Liberation Serif", "Times New Roman", serif'
    by_programme, programmes_cut = programme_rows(content.by_programme, LIMITS["rows"])
    by_body, bodies_cut = cut(concern_first(content.status_by_body), LIMITS["rows"])
    totals, totals_cut = cut(content.totals, LIMITS["totals"])
    meetings, meetings_cut = cut(content.meetings, LIMITS["meetings"])
    directives = content.directives
    if len(directives) > LIMITS["directives"]:
        directives = [d for d in directives if not d.carried_out]
    directives, directives_cut = cut(directives, LIMITS["directives"])
    directives_cut = len(content.directives) - len(directives)
    # Counted whole: at scale the content holds only the first lines (content.counted).
    concerns = content.concerns[: LIMITS["concerns"]]
    concerns_cut = max(0, content.concern_count - LIMITS["concerns"])
    tasks = content.next_tasks[: LIMITS["tasks"]]
    tasks_cut = max(0, content.next_task_count - LIMITS["tasks"])
    return {
        "report": report,
        "content": content,
        "letterhead": letterhead(report),
        "signer": report_signer_block(report),
        "recipients": recipients(report, content),
        "narrative": report_narrative(report, content),
        "results_sentence": results_sentence(content),
        "meetings_sentence": meetings_sentence(content),
        "programme_limit": LIMITS["programmes"],
        "status_columns": [(s, ClauseStatus(s).label) for s in COUNT_COLUMNS],
        "concern_statuses": [S.AT_RISK, S.OVERDUE],
        "by_programme": count_rows(by_programme) if len(content.programmes) > 1 else [],
        "programmes_cut": programmes_cut,
        "by_body": count_rows(by_body) if len(content.status_by_body) > 1 else [],
        "bodies_cut": bodies_cut,
        "totals": totals,
        "totals_cut": totals_cut,
        "meetings": meetings,
        "meetings_cut": meetings_cut,
        "directives": directives,
        "directives_cut": directives_cut,
        "concerns": concerns,
        "concerns_cut": concerns_cut,
        "tasks": tasks,
        "tasks_cut": tasks_cut,
        "fonts": font_faces(for_pdf=for_pdf),
        "font_family": FONT_FAMILY,
        "for_pdf": for_pdf,
        # Past the appendix's bound the clause-by-clause detail is in the Excel copy only.
        "detail_in_excel": content.clause_total > APPENDIX_CLAUSES,
        "compiled_at": timezone.now(),
        "chart_by_body": status_by_body_chart(
            chart_rows(content.status_by_body, LIMITS["chart_bodies"]),
            font_family=family,
            width=600,
        ),
        "chart_over_time": status_over_time_chart(
            content.status_over_time, font_family=family, width=600
        ),
    }


def report_html(report, content, *, for_pdf):
    return render_to_string(
        settings.REPORT_PDF_TEMPLATE, report_context(report, content, for_pdf=for_pdf)
    )


# Past this many clauses the appendix is no longer clause by clause (a province's year
# holds some hundred thousand, tens of thousands of pages no one prints): it gives the
# results by lead body and by programme, the clauses overdue or at risk in full, and
# leaves every clause and progress report to the Excel copy. Its lists are bounded too.
APPENDIX_CLAUSES = 300
APPENDIX_LIMITS = {"programmes": 100, "concerns": 100, "meetings": 50, "directives": 50}


def appendix_summary(content):
    """What the summary appendix lists, each list bounded (how many are left out)."""
    by_programme = concern_first(
        [
            StatusCount(label=programme_label(section), counts=counts.counts)
            for section, counts in content.by_programme
            if counts.total
        ]
    )
    by_programme, programmes_cut = cut(by_programme, APPENDIX_LIMITS["programmes"])
    # Overdue first, then at risk; the earliest deadline first within each.
    concerns = sorted(
        (c for c in content.clauses if c.is_concern),
        key=lambda c: (c.status != S.OVERDUE, c.due_date is None, c.due_date or c.pk),
    )
    concerns, concerns_cut = cut(concerns, APPENDIX_LIMITS["concerns"])
    meetings, meetings_cut = cut(content.meetings, APPENDIX_LIMITS["meetings"])
    directives, directives_cut = cut(
        (d for d in content.directives if not d.carried_out), APPENDIX_LIMITS["directives"]
    )
    return {
        "progress_count": len(content.progress),
        "by_body": count_rows(list(content.status_by_body)),
        "by_programme": count_rows(by_programme),
        "programmes_cut": programmes_cut,
        "concerns": concerns,
        "concerns_cut": concerns_cut,
        "meetings": meetings,
        "meetings_cut": meetings_cut,
        "directives": directives,
        "directives_cut": directives_cut,
    }


def appendix_html(report, content, *, for_pdf=True):
    """The appendix: every programme and clause, the progress, meetings and directives;
    for a scope past APPENDIX_CLAUSES clauses, their summaries (`appendix_summary`)."""
    if len(content.clauses) <= APPENDIX_CLAUSES:
        context = report_context(report, content, for_pdf=for_pdf)
        return render_to_string("reports/pdf/appendix.html", context)
    return render_to_string(
        "reports/pdf/appendix_summary.html", appendix_summary_context(report, content, for_pdf)
    )


def appendix_summary_context(report, content, for_pdf):
    """What the summary appendix prints, and nothing else: not the main document's
    charts, recipients and narrative (`report_context`), nor the content itself, so
    that a province's content can be let go before the PDF is rendered."""
    report = as_of_its_day(report)
    appendix = appendix_summary(content)
    appendix["clause_count"] = len(content.clauses)
    appendix["programme_count"] = len(content.programmes)
    return {
        "report": report,
        # What its templates read of the content (_metadata.html, _clause_table.html).
        "content": {
            "period_label": content.period_label,
            "scope_label": content.scope_label,
            "as_of": content.as_of,
        },
        "letterhead": letterhead(report),
        "appendix": appendix,
        "status_columns": [(s, ClauseStatus(s).label) for s in COUNT_COLUMNS],
        "concern_statuses": [S.AT_RISK, S.OVERDUE],
        "fonts": font_faces(for_pdf=for_pdf),
        "font_family": FONT_FAMILY,
        "for_pdf": for_pdf,
        "compiled_at": timezone.now(),
    }
