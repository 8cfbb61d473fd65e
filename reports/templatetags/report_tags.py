"""Filters for report figures, the reports block of the programme page, the dashboard's links."""

from django import template
from django.utils.translation import gettext as _

from parties.numbers import grouped
from reports import links
from reports.parts import programme_reports as programme_reports_context

register = template.Library()


@register.filter
def amount(value):
    """A figure as people write it: 1.000 in Vietnamese, no trailing zeros."""
    return grouped(value)


# A count (clauses, programmes, progress reports): 1.876, never 1876.
register.filter("grouped", grouped)


@register.filter
def indicator_text(indicator):
    """ "Hội nghị chuyên đề: đạt 3/4 hội nghị (75%), trong kỳ 1" — and, for nothing done
    yet, "chưa thực hiện (kế hoạch 1 hội nghị)" rather than "0/1"."""
    name, unit = indicator.name, indicator.unit
    if not indicator.to_date:
        return _("%(name)s: not yet carried out (target %(target)s %(unit)s)") % {
            "name": name,
            "target": amount(indicator.target),
            "unit": unit,
        }
    text = _("%(name)s: %(done)s/%(target)s %(unit)s") % {
        "name": name,
        "done": amount(indicator.to_date),
        "target": amount(indicator.target),
        "unit": unit,
    }
    if indicator.percent is not None:
        text += f" ({indicator.percent}%)"
    if indicator.in_period and indicator.in_period != indicator.to_date:
        text += _(", %(amount)s in the period") % {"amount": amount(indicator.in_period)}
    return text


@register.filter
def paragraphs(text):
    """A narrative text's paragraphs (split at blank lines), each on one line."""
    text = str(text or "").replace("\r\n", "\n")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


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
