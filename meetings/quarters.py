"""Quarters and working days: the calendar arithmetic behind quarterly briefings."""

from dataclasses import dataclass
from datetime import date, timedelta

from parties.dates import year_in_range

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

# Public holidays on fixed solar dates (Labour Code 2019, art. 112). Tết and
# the Hùng Kings' day follow the lunar calendar and are not computed here.
FIXED_HOLIDAYS = {(1, 1), (4, 30), (5, 1), (9, 2)}


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day):
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, text):
        """ "2024-2", "2024-Q2" or "2024Q2" → Quarter(2024, 2); ValueError otherwise."""
        cleaned = text.strip().upper().replace("Q", "-").replace("--", "-")
        year, _, number = cleaned.partition("-")
        quarter = cls(int(year), int(number))
        if not 1 <= quarter.number <= 4 or not year_in_range(quarter.year):
            raise ValueError(text)
        return quarter

    @property
    def first_day(self):
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self):
        return self.next().first_day - timedelta(days=1)

    def next(self):
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def previous(self):
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    def months(self):
        return [3 * self.number - 2 + i for i in range(3)]

    @property
    def label(self):
        """As Vietnamese documents write it: "I/2024"."""
        return f"{ROMAN[self.number]}/{self.year}"

    @property
    def param(self):
        return f"{self.year}-{self.number}"

    def __str__(self):
        return self.label


def quarters_between(first, last):
    """Every quarter that overlaps the days first..last, in order."""
    quarter, end = Quarter.of(first), Quarter.of(last)
    found = []
    while quarter <= end:
        found.append(quarter)
        quarter = quarter.next()
    return found


def is_working_day(day):
    return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS


def next_working_day(day):
    """`day` itself when it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def previous_working_day(day):
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def nth_weekday(year, month, weekday, n):
    """The n-th (1–4) `weekday` (0 = Monday) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
