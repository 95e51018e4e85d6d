"""Dates as people write them, read one way wherever a person gives one: the "as at" box, the
progress form's target date and a tracker's cells. One parser, one set of messages.

A month means the end of that month; a quarter, the end of that quarter of the financial year
(Q1 is April to June); a financial year, its 31 March. "Ongoing", "Immediate" and "TBC" mean no
date (with a warning to say so)."""

import calendar
import datetime
import re

from spreadsheets.reading import normalise, text

NO_DATE_WORDS = {"ongoing", "immediate", "immediately", "tbc", "tba", "to be confirmed", "n a"}
MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
DATE_FORMS = (
    "a date such as 31/03/2026 or 31 March 2026, a month (March 2026), a quarter of the "
    "financial year (Q3 2025/26) or a financial year (2025/26)"
)

DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ \-]([a-z]+)[ \-,]+(\d{4})")
MONTH_DAY_YEAR = re.compile(r"([a-z]+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")
MONTH_YEAR = re.compile(r"([a-z]+)[ \-,]+(\d{4}|\d{2})")
FINANCIAL_YEAR = r"(\d{4})\s*[/\-]\s*(\d{2}|\d{4})"
QUARTER = re.compile(rf"(?:q|quarter\s*)([1-4])\s*(?:of\s*)?{FINANCIAL_YEAR}")
QUARTER_AFTER = re.compile(rf"{FINANCIAL_YEAR}\s*(?:q|quarter\s*)([1-4])")
YEAR = re.compile(FINANCIAL_YEAR)


def parse_date(value):
    """(date or None, warning or None) for a date as a person wrote it (text, or a spreadsheet
    cell's date or number), or ValueError saying what is wrong in words."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20_000 <= value <= 80_000:  # a date Excel kept as a plain number (1954 to 2119)
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date(), None
        raise ValueError(f"“{text(value)}” is not a date. Use {DATE_FORMS}.")
    raw = text(value)
    words = " ".join(raw.casefold().split())
    if not words:
        return None, None
    raw = shown(raw)
    if normalise(words) in NO_DATE_WORDS:
        return None, f"“{raw}” is not a date, so this action will have no target date."
    try:
        day = match_date(words)
    except (ValueError, OverflowError):
        raise ValueError(f"“{raw}” is not a real date. Use {DATE_FORMS}.") from None
    if day is None:
        raise ValueError(f"“{raw}” is not a date that can be read. Use {DATE_FORMS}.")
    return day, None


def parse_day(value):
    """One day a person typed (the "as at" box, a form's date box): the date `parse_date` reads,
    None for nothing typed, and ValueError for a word that means no date ("Ongoing"), as for
    anything else that is not a date."""
    day, warning = parse_date(value)
    if warning:
        raise ValueError(f"“{shown(text(value))}” is not a date. Use {DATE_FORMS}.")
    return day


def shown(raw):
    """What a person typed, as a message repeats it: a long answer cut short."""
    return raw if len(raw) <= 40 else raw[:39] + "…"


def match_date(words):
    if m := DAY_FIRST.fullmatch(words):
        day, month, year = (int(g) for g in m.groups())
        return datetime.date(full_year(year), month, day)
    if m := ISO.fullmatch(words):
        return datetime.date(*(int(g) for g in m.groups()))
    if (m := DAY_MONTH_YEAR.fullmatch(words)) and m[2] in MONTHS:
        return datetime.date(int(m[3]), MONTHS[m[2]], int(m[1]))
    if (m := MONTH_DAY_YEAR.fullmatch(words)) and m[1] in MONTHS:
        return datetime.date(int(m[3]), MONTHS[m[1]], int(m[2]))
    if (m := MONTH_YEAR.fullmatch(words)) and m[1] in MONTHS:
        if len(m[2]) == 2 and "-" not in words:
            return None  # "March 26" could be a day without a year
        return month_end(full_year(int(m[2])), MONTHS[m[1]])
    if (m := QUARTER.fullmatch(words)) or (m := QUARTER_AFTER.fullmatch(words)):
        quarter, start, end = (m[1], m[2], m[3]) if m.re is QUARTER else (m[3], m[1], m[2])
        first = financial_year_start(start, end)
        # Q1 ends in June of the first year, Q2 September, Q3 December, Q4 March of the next.
        month = int(quarter) * 3 + 3
        return month_end(first + (month > 12), (month - 1) % 12 + 1)
    if m := YEAR.fullmatch(words):
        return datetime.date(financial_year_start(m[1], m[2]) + 1, 3, 31)
    return None


def full_year(year):
    return 2000 + year if year < 100 else year


def financial_year_start(start, end):
    """The first calendar year of "2025/26" (or "2025/2026"); ValueError for "2025/27"."""
    first, second = int(start), int(end)
    if second != (first + 1) % (100 if len(end) == 2 else 10_000):
        raise ValueError("not one financial year")
    return first


def month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])
