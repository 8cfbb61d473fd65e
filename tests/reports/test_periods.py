"""Quarters, years and the date line of an official document."""

from datetime import date

import pytest

from parties.documents import date_line
from reports.periods import (
    next_period,
    period_label,
    previous_quarter,
    quarter_period,
    year_period,
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2018, 1, 5), "Thanh Trì, ngày 05 tháng 01 năm 2018"),
        (date(2019, 6, 25), "Thanh Trì, ngày 25 tháng 6 năm 2019"),
        (date(2022, 2, 9), "Thanh Trì, ngày 09 tháng 02 năm 2022"),
        (date(2022, 12, 1), "Thanh Trì, ngày 01 tháng 12 năm 2022"),
        (date(2022, 10, 31), "Thanh Trì, ngày 31 tháng 10 năm 2022"),
    ],
)
def test_the_date_line_writes_a_zero_before_days_under_10_and_months_1_and_2(
    vietnamese, day, expected
):
    assert date_line("Thanh Trì", day) == expected


def test_quarters_and_years():
    assert quarter_period(2017, 3) == (date(2017, 7, 1), date(2017, 9, 30))
    assert quarter_period(2024, 1) == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter_period(2017, 4) == (date(2017, 10, 1), date(2017, 12, 31))
    assert year_period(2009, 2019) == (date(2009, 1, 1), date(2019, 12, 31))
    with pytest.raises(ValueError):
        quarter_period(2017, 5)


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2022, 7, 1), (2022, 2)), (date(2023, 1, 1), (2022, 4)), (date(2022, 12, 31), (2022, 3))],
)
def test_the_previous_quarter(today, expected):
    assert previous_quarter(today) == expected


def test_labels_and_the_period_that_follows(vietnamese):
    assert period_label(*quarter_period(2017, 3)) == "quý III năm 2017"
    assert period_label(*year_period(2017)) == "năm 2017"
    assert period_label(date(2009, 6, 1), date(2019, 6, 25)) == "giai đoạn 2009 - 2019"
    assert next_period(*quarter_period(2017, 4)) == quarter_period(2018, 1)
    assert next_period(*year_period(2017)) == year_period(2018)
