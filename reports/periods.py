"""Quarters and years (the date line of a document: parties/documents.py)."""

from datetime import date, timedelta
from typing import NamedTuple

from django.utils.translation import gettext as _

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class Period(NamedTuple):
    start: date
    end: date


def quarter_of(day):
    return (day.month - 1) // 3 + 1


def quarter_period(year, quarter):
    if quarter not in ROMAN:
        raise ValueError(f"no quarter {quarter}")
    start = date(year, 3 * quarter - 2, 1)
    end = date(year, 12, 31) if quarter == 4 else date(year, 3 * quarter + 1, 1) - timedelta(days=1)
    return Period(start, end)


def year_period(year, last_year=None):
    return Period(date(year, 1, 1), date(last_year or year, 12, 31))


def previous_quarter(day):
    """The last quarter that ended before `day`."""
    quarter, year = quarter_of(day) - 1, day.year
    if quarter == 0:
        quarter, year = 4, year - 1
    return year, quarter


def is_whole_quarter(start, end):
    quarter = quarter_of(start)
    return quarter_period(start.year, quarter) == Period(start, end)


def is_whole_years(start, end):
    return (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)


def quarter_label(year, quarter):
    """ "quý III năm 2017" """
    return _("quarter %(quarter)s of %(year)s") % {"quarter": ROMAN[quarter], "year": year}


def period_label(start, end):
    """How the document names its period: a quarter, a year, or a span of years."""
    if is_whole_quarter(start, end):
        return quarter_label(start.year, quarter_of(start))
    if is_whole_years(start, end) and start.year == end.year:
        return _("the year %(year)s") % {"year": start.year}
    if start.year == end.year and (end.month, end.day) == (12, 31):
        if (start.month, start.day) == (7, 1):
            return _("the last six months of %(year)s") % {"year": start.year}
        return _("the rest of %(year)s") % {"year": start.year}
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 6, 30):
        return _("the first six months of %(year)s") % {"year": start.year}
    if start.year != end.year:
        return _("the period %(first)s – %(last)s") % {"first": start.year, "last": end.year}
    return _("%(start)s to %(end)s") % {
        "start": start.strftime("%d/%m/%Y"),
        "end": end.strftime("%d/%m/%Y"),
    }


def next_period(start, end):
    """The period that follows: the next quarter; the next year after a year or a span
    of whole years; after a period ending within a year (a review issued mid-year),
    the rest of that year."""
    if is_whole_quarter(start, end):
        year, quarter = start.year, quarter_of(start) + 1
        if quarter == 5:
            year, quarter = year + 1, 1
        return quarter_period(year, quarter)
    if (end.month, end.day) != (12, 31):
        return Period(end + timedelta(days=1), date(end.year, 12, 31))
    return year_period(end.year + 1)


def checkpoints(start, end):
    """The ends of the quarters (or, over several years, of the years) to chart progress."""
    if start.year == end.year:
        last = quarter_of(end)
        return [
            (quarter_label_short(start.year, q), quarter_period(start.year, q).end)
            for q in range(1, last + 1)
        ]
    return [(str(year), min(date(year, 12, 31), end)) for year in range(start.year, end.year + 1)]


def quarter_label_short(year, quarter):
    """ "Quý III/2017" """
    return _("Q%(quarter)s/%(year)s") % {"quarter": ROMAN[quarter], "year": year}
