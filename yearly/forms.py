"""The yearly report's inputs: which year a page shows (`?year=2025-26`), and the independent
scrutineer's assessment."""

import re
from datetime import date, timedelta

from django import forms

from .selectors import Year

# "2025-26", "2025/26", "2025–26", "2025-2026", "2025/2026"
_YEAR = re.compile(r"^(\d{4})\s*[-/–—]\s*(\d{2}|\d{4})$")
EARLIEST_YEAR = 1900


def last_full_year(today: date) -> Year:
    """The last April-to-March year that ended before today."""
    first = today.year - 1 if today.month >= 4 else today.year - 2
    return Year(date(first, 4, 1))


# "2025-07", "2025-07-01", "07/2025": the month a twelve-month period starts (`?from=`).
_MONTH = re.compile(r"^(?:(\d{4})-(\d{1,2})(?:-01)?|(\d{1,2})/(\d{4}))$")


def parse_start(raw: str, *, today: date):
    """(Year, '') for `?from=2025-07`: the twelve months from the first of that month."""
    match = _MONTH.match(raw.strip())
    if not match:
        return None, (
            f"“{raw[:40]}” is not a month a twelve-month report can start in. Enter the month "
            "it starts, such as 2025-07 for July 2025 to June 2026."
        )
    year, month = (int(match[1]), int(match[2])) if match[1] else (int(match[4]), int(match[3]))
    if not 1 <= month <= 12:
        return None, f"“{raw[:40]}” has no such month: enter a month from 01 to 12."
    if year < EARLIEST_YEAR:
        return None, "The year is too early: the records have no history before 1900."
    return ended(Year(date(year, month, 1)), today=today)


def ended(year, *, today):
    """(year, '') once `year` has ended; (None, what is wrong) for one not ended yet."""
    if year.start > today:
        return None, f"The year {year.label} is in the future. Enter a year that has ended."
    if year.end >= today:
        return None, (
            f"The year {year.label} has not ended yet: its report can be produced from "
            f"{year.end + timedelta(days=1):%-d %B %Y} onwards, once its figures are in. "
            "Enter a year that has ended."
        )
    return year, ""


def parse_year(raw: str, *, today: date, start: str = ""):
    """(Year, '') for `?year=` (blank: the last full year), or for `?from=` (`start`: any
    twelve months); (None, what is wrong) otherwise. A year is shown once it has ended: its
    figures are as they stood at its end."""
    raw = (raw or "").strip()
    if not raw and (start or "").strip():
        return parse_start(start, today=today)
    if not raw:
        return last_full_year(today), ""
    match = _YEAR.match(raw)
    if not match:
        return None, (
            f"“{raw[:40]}” is not a year the report can show. Enter a year such as 2025-26 "
            "(April 2025 to March 2026)."
        )
    first, second = int(match[1]), match[2]
    following = int(second) if len(second) == 4 else (first + 1) % 100
    if int(second) != following or (len(second) == 4 and following != first + 1):
        return None, (
            f"“{raw[:40]}” is not twelve months: the second year must follow the first, as in "
            f"{first}-{(first + 1) % 100:02d}."
        )
    if first < EARLIEST_YEAR:
        return None, "The year is too early: the records have no history before 1900."
    return ended(Year(date(first, 4, 1)), today=today)


class AssessmentForm(forms.Form):
    """The independent scrutineer's assessment of how effective the arrangements were."""

    scrutineer_assessment = forms.CharField(
        label="Your assessment",
        help_text="How effective the safeguarding arrangements were in the year, as the "
        "independent scrutineer sees them. No names or case facts.",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
        error_messages={"required": "Enter your assessment."},
    )
    note = forms.CharField(
        label="Note for this change",
        help_text="Recorded in the history with your name.",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
