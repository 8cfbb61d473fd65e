"""Small helpers for the programme pages: status badges, progress against target."""

import functools
import html
from decimal import Decimal

from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from agreements.models import ClauseStatus
from agreements.parts import parts_at
from parties.numbers import grouped

register = template.Library()

STATUS_CLASSES = {
    ClauseStatus.NOT_STARTED: "text-bg-light border",
    ClauseStatus.ON_TRACK: "text-bg-primary",
    ClauseStatus.AT_RISK: "text-bg-warning",
    ClauseStatus.DONE: "text-bg-success",
    ClauseStatus.OVERDUE: "text-bg-danger",
    ClauseStatus.DROPPED: "text-bg-secondary",
    ClauseStatus.STALE: "text-bg-info",
}
STATUS_ICONS = {
    ClauseStatus.NOT_STARTED: "bi-circle",
    ClauseStatus.ON_TRACK: "bi-arrow-right-circle",
    ClauseStatus.AT_RISK: "bi-exclamation-triangle",
    ClauseStatus.DONE: "bi-check-circle",
    ClauseStatus.OVERDUE: "bi-alarm",
    ClauseStatus.DROPPED: "bi-slash-circle",
    ClauseStatus.STALE: "bi-hourglass-split",
}


@register.simple_tag
def clause_status(value):
    """A badge for a clause's status value ("overdue", "done" …). Written here, not from a
    template: a programme page shows one a progress report (~190), and rendering a
    template for each cost a fifth of the page."""
    status = ClauseStatus(value or ClauseStatus.NOT_STARTED)
    # The trailing newline is the one the badge's template ended with.
    return format_html(
        '<span class="badge {} clause-status" data-status="{}">'
        '<i class="bi {} me-1"></i>{}</span>\n',
        STATUS_CLASSES[status],
        status.value,
        STATUS_ICONS[status],
        status.label,
    )


def _escaped(value):
    """conditional_escape without its lazy wrapper, which was half of the rows' time."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


# A date or a badge is written the same each time in a language: the rows of ~160
# reports a page repeat a few hundred dates and seven badges.
@functools.lru_cache(maxsize=4096)
def _short_date(day, language):
    return _escaped(date_format(day, "SHORT_DATE_FORMAT"))


@functools.lru_cache(maxsize=64)
def _badge(status, language):
    return clause_status(status)  # in the active language, the cache's key


@register.simple_tag
def progress_report_rows(clause):
    """The <tr>s of a clause's progress reports (prefetched, with their values), written in
    one pass, with the whitespace the rows' template had (the page stays the same byte for
    byte): a programme page shows ~160 of them, and a template's ten nodes a row were a
    fifth of the page's time."""
    language, rows = get_language(), []
    for report in clause.progress_reports.all():
        figures = "".join(
            f'<div class="text-nowrap">{_escaped(value.indicator.name)}: '
            f"+{_escaped(grouped(value.value))}</div>"
            for value in report.values.all()
        )
        rows.append(
            "\n    <tr>\n"
            f'      <td class="text-nowrap">{_short_date(report.reported_on, language)}</td>\n'
            f"      <td>{_escaped(report.reporting_body)}</td>\n"
            f"      <td>{_badge(report.status, language)}</td>\n"
            f"      <td>{figures or '—'}</td>\n"
            f"      <td>{_escaped(report.note or '')}</td>\n"
            "    </tr>\n  "
        )
    return mark_safe("".join(rows))


@register.filter
def percent_of(achieved, target):
    """How far `achieved` is towards `target`, in whole percent capped at 100."""
    try:
        achieved, target = Decimal(achieved), Decimal(target)
    except (TypeError, ValueError, ArithmeticError):
        return 0
    if target <= 0:
        return 100 if achieved > 0 else 0
    return min(100, int(achieved * 100 / target))


@register.filter
def plain_number(value):
    """An indicator's figure: 12.50 → "12,5" in Vietnamese, 1020.00 → "1.020", grouped
    as the reports print it (parties/numbers.py)."""
    return grouped(value)


@register.simple_tag(takes_context=True)
def page_parts(context, place, obj):
    """{% page_parts "programme_page" programme %}: what the apps above show here
    (agreements/parts.py), each rendered from its own template and context."""
    request = context["request"]
    return mark_safe(
        "".join(
            get_template(part.template).render(part.context(request, obj), request)
            for part in parts_at(place)
        )
    )


@register.simple_tag
def select_options(field):
    """A bound field's <option>s written in one pass, as the clause list's selects wrote
    them with a loop and two filters per option (~220 options a page)."""
    chosen = str(field.value())
    return mark_safe(
        "".join(
            format_html(
                '<option value="{}"{}>{}</option>',
                value,
                mark_safe(" selected") if str(value) == chosen else "",
                label,
            )
            for value, label in getattr(field.field.widget, "choices", ())
        )
    )


STATUS_BADGES = {"signed": "text-bg-success", "closed": "text-bg-secondary"}


@register.simple_tag
def programme_status_badge(programme):
    """A programme's status as a badge; a signed one whose period is over says so rather
    than "in force", until its final review closes it."""
    if programme.period_over_unclosed(timezone.localdate()):
        return format_html(
            '<span class="badge text-bg-light border">{}</span>',
            _("Signed, period over, not yet closed"),
        )
    css = STATUS_BADGES.get(programme.status, "text-bg-warning")
    return format_html('<span class="badge {}">{}</span>', css, programme.get_status_display())
