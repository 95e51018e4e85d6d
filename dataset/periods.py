"""The periods a figure is for: financial quarters ("Q2 2025/26", July to September 2025), months
("Jun 2025") and financial years ("2025/26", April 2025 to March 2026).

A period is kept as its kind and its first day, so periods sort by date whatever their kind.
`parse_period` reads the ways a dataset's column headings write them.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from .vocabulary import PeriodKind

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True, order=True)
class Period:
    start: date
    kind: str = PeriodKind.QUARTER

    @property
    def label(self):
        year = self.start.year
        if self.kind == PeriodKind.MONTH:
            return f"{MONTH_NAMES[self.start.month - 1]} {year}"
        first = year if self.start.month >= 4 else year - 1
        financial = f"{first}/{(first + 1) % 100:02d}"
        if self.kind == PeriodKind.YEAR:
            return financial
        return f"Q{(self.start.month - 4) % 12 // 3 + 1} {financial}"

    def __str__(self):
        return self.label

    @property
    def end(self):
        """The period's last day."""
        months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.YEAR: 12}[self.kind]
        month = self.start.month - 1 + months
        following = date(self.start.year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)


def quarter(number, first_year):
    """Financial quarter `number` (1 to 4) of the year starting in April of `first_year`."""
    month = 3 * (number - 1) + 4
    return Period(date(first_year + (month > 12), (month - 1) % 12 + 1, 1), PeriodKind.QUARTER)


def financial_year(first_year):
    return Period(date(first_year, 4, 1), PeriodKind.YEAR)


def month(year, number):
    return Period(date(year, number, 1), PeriodKind.MONTH)


def period_of(kind, start):
    return Period(start, kind)


# "2024/25", "2024-25", "2024/2025", "2024 – 25", "FY 2024/25"
_YEARS = r"(?:fy\s*)?(\d{4})\s*[/\-–—]\s*(\d{2}|\d{4})"
# After a quarter's number the year may have two digits: "Q1 24/25" is no fraction.
_QUARTER_YEARS = r"(?:fy\s*)?(\d{4}|\d{2})\s*[/\-–—]\s*(\d{2}|\d{4})"
_Q = r"(?:q|qtr|quarter)\.?\s*"
_QUARTER = re.compile(rf"^{_Q}([1-4])\s*,?\s*{_QUARTER_YEARS}$|^{_YEARS}\s*,?\s*{_Q}([1-4])$")
_YEAR = re.compile(rf"^{_YEARS}$")
_MONTH = re.compile(r"^([a-z]+)\.?\s*[\-' ]?\s*(\d{4}|\d{2})$")
# "April-June 2025", "Apr – Jun 25", "Jan to Mar 2026": a financial quarter's three months.
_MONTHS = re.compile(r"^([a-z]+)\.?\s*(?:-|–|—|to)\s*([a-z]+)\.?\s*,?\s*(\d{4}|\d{2})$")
# Years a dataset can mean; anything else in a heading is not a period.
YEARS = range(1900, 2200)


def _first_year(first, second):
    first = int(first)
    second = int(second)
    if first < 100:  # "24/25"
        first += 2000
    # Two digits are the later year's last two: "1999/00" is 1999 to 2000.
    if second != (first + 1 if second >= 100 else (first + 1) % 100):
        raise ValueError("not one year after the other")
    return first


def parse_period(value):
    """The Period a heading or cell names, or None when it names none.

    Reads "Q2 2025/26", "2025/26 Q2", "Q2 2025-26", "2025/26", "FY 2025/26", "Jun 2025",
    "June 2025", "Jun-25", "Qtr 2 2025-26", "Quarter 2 2025/26", "Q2 25/26", "Jul-Sep 2025"
    and a date cell (Excel turns "Jun 2025" into 1 June 2025). A year pair written with two
    digits first ("25/26") is read only after a quarter's number: alone it is too like a
    fraction. Years outside YEARS name no period.
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return month(value.year, value.month) if value.day == 1 and value.year in YEARS else None
    text = " ".join(str(value or "").casefold().split())
    if not text:
        return None
    try:
        found = _read_period(text)
    except ValueError:
        return None
    return found if found is not None and found.start.year in YEARS else None


def _read_period(text):
    """parse_period's reading of a heading's words; ValueError or None for none."""
    if found := _QUARTER.match(text):
        number, first, second, first2, second2, number2 = found.groups()
        if number:
            return quarter(int(number), _first_year(first, second))
        return quarter(int(number2), _first_year(first2, second2))
    if found := _YEAR.match(text):
        return financial_year(_first_year(*found.groups()))
    if found := _MONTH.match(text):
        name, year = found.groups()
        if name not in MONTHS:
            return None
        return month(_full_year(year), MONTHS[name])
    if found := _MONTHS.match(text):
        first, last, year = found.groups()
        start, end = MONTHS.get(first), MONTHS.get(last)
        if start not in (1, 4, 7, 10) or end != start + 2:
            return None  # not a financial quarter's three months
        return Period(date(_full_year(year), start, 1), PeriodKind.QUARTER)
    return None


def _full_year(year):
    year = int(year)
    return year + 2000 if year < 100 else year
