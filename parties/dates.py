"""The dates the product accepts, said in one place: from 1945 (the founding of the
Democratic Republic of Vietnam, before any body here existed) to the end of 2100.

Every date typed into a form and every period of a programme or a report stays
within them, so that a typing slip (0001, 9999) is refused at its field and
never makes a list of years or quarters tens of thousands long.
"""

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

EARLIEST = date(1945, 1, 1)
LATEST = date(2100, 12, 31)

OUT_OF_RANGE = _("Enter a date between 01/01/1945 and 31/12/2100.")
YEAR_OUT_OF_RANGE = _("Enter a year between 1945 and 2100.")


def date_bounds():
    """Validators for a date field, of a form or of a model."""
    return [
        MinValueValidator(EARLIEST, message=OUT_OF_RANGE),
        MaxValueValidator(LATEST, message=OUT_OF_RANGE),
    ]


def year_in_range(year):
    return EARLIEST.year <= year <= LATEST.year


def month_in_range(year, month):
    """A month whose neighbours (the calendar's previous and next) are in range too."""
    return (EARLIEST.year, EARLIEST.month) < (year, month) < (LATEST.year, LATEST.month)
