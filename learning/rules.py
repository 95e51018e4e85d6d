"""The learning programme's derived figures, worked out when read and never stored: attendance
and fill rates, the follow-up's due date and whether it is overdue as at a day."""

import calendar
import datetime

from django.db.models import Q

from .vocabulary import FOLLOW_UP_MONTHS


def rate(part, whole):
    """part ÷ whole, or None when there is no whole to divide by (none booked, no places)."""
    if part is None or not whole:
        return None
    return part / whole


def attendance_rate(attended, booked):
    """Attended ÷ booked; None when none were booked."""
    return rate(attended, booked)


def fill_rate(booked, places_offered):
    """Booked ÷ places offered; None when no places are given (e-learning, say)."""
    return rate(booked, places_offered)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months later (or earlier), on the month's last day when
    it is shorter: 30 November + 3 months is 28 February, or the 29th in a leap year."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def follow_up_due(session_date: datetime.date | None) -> datetime.date | None:
    """The day the three-month follow-up is due."""
    return None if session_date is None else add_months(session_date, FOLLOW_UP_MONTHS)


def follow_up_overdue(session_date, recorded_on, day: datetime.date) -> bool:
    """Overdue as at `day`: due before that day, and no follow-up recorded by then."""
    due = follow_up_due(session_date)
    if due is None or due >= day:
        return False
    return recorded_on is None or recorded_on > day


def earliest_not_due_before(day: datetime.date) -> datetime.date:
    """The earliest session date whose follow-up is due on or after `day`. Due dates never go
    backwards as session dates go forwards, so a session's follow-up is due before `day` exactly
    when the session is before this date: the same rule in SQL (`follow_up_overdue_q`)."""
    candidate = add_months(day, -FOLLOW_UP_MONTHS) - datetime.timedelta(days=3)
    while add_months(candidate, FOLLOW_UP_MONTHS) < day:
        candidate += datetime.timedelta(days=1)
    return candidate


def follow_up_overdue_q(day: datetime.date, prefix="") -> Q:
    """Sessions (reached through `prefix`) whose follow-up is overdue as at `day`, for SQL."""
    return Q(**{f"{prefix}date__lt": earliest_not_due_before(day)}) & (
        Q(**{f"{prefix}follow_up_recorded_on__isnull": True})
        | Q(**{f"{prefix}follow_up_recorded_on__gt": day})
    )
