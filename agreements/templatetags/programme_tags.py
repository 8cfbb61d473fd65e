"""Small helpers for the programme pages: status badges, progress against target."""

from decimal import Decimal

from django import template
from django.template.loader import get_template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
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


@register.inclusion_tag("agreements/includes/_clause_status.html")
def clause_status(value):
    """A badge for a clause's status value ("overdue", "done" …)."""
    status = ClauseStatus(value or ClauseStatus.NOT_STARTED)
    return {
        "label": status.label,
        "css": STATUS_CLASSES[status],
        "icon": STATUS_ICONS[status],
        "value": status.value,
    }


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
