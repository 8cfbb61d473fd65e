"""Filters for report figures, the reports block of the programme page, the dashboard's links."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from reports import links
from reports.parts import programme_reports as programme_reports_context

register = template.Library()


@register.filter
def amount(value):
    """A figure as people write it: 1.000 in Vietnamese, no trailing zeros."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    value = int(value) if value == value.to_integral_value() else value.normalize()
    return number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.inclusion_tag("reports/includes/_programme_reports.html", takes_context=True)
def programme_reports(context, programme):
    """{% programme_reports programme %}: the reports covering a programme (the part the
    programme page shows, reports/parts.py)."""
    return programme_reports_context(context["request"], programme)


# Links from the dashboard's figures to the lists behind them (reports/links.py).


@register.simple_tag
def programmes_in_force_url():
    return links.programmes_in_force()


@register.simple_tag
def clauses_url(status=None, lead=None):
    return links.clauses(status=status, lead=lead)


@register.simple_tag
def directives_url(status=None, body=None):
    return links.directives(status=status, body=body)


@register.simple_tag
def meetings_url():
    return links.meetings()
