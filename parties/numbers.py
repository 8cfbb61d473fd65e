"""Numbers as people read them, on a page and in a report: grouped in thousands the
language's way (vi 1.876, en 1,876), a figure without trailing zeros. Django groups only
where USE_THOUSAND_SEPARATOR is on, which would also group ids and years on every page."""

from decimal import Decimal

from django.utils.formats import number_format


def grouped(value):
    """1876 → "1.876" in Vietnamese; Decimal("2.50") → "2,5"; None or "" → ""."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    value = int(value) if value == value.to_integral_value() else value.normalize()
    return number_format(value, use_l10n=True, force_grouping=True)
