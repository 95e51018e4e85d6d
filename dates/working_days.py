"""Working days in England: weekdays that are not bank holidays. The bank holidays come from the
maintained `holidays` library (England's calendar, with substitute days and one-off holidays
such as a coronation), never from a list typed in here, so that future years are right.

The statutory timeline of a review counts in working days: the national panel is told within 5
working days of the incident being known, and the rapid review sent within 15 working days of
that notification."""

from datetime import date, timedelta
from functools import lru_cache

import holidays

WEEKEND = (5, 6)  # Saturday, Sunday


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset:
    """England's bank holidays in `year` (a weekend's holiday is moved to its substitute day,
    which the library gives too)."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def holiday_name(day: date) -> str:
    """The bank holiday's name ("Easter Monday"), or '' for a day that is not one."""
    return holidays.country_holidays("GB", subdiv="ENG", years=day.year).get(day, "")


def is_working_day(day: date) -> bool:
    return day.weekday() not in WEEKEND and day not in bank_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The working day `count` working days after `day` (the day itself not counted, whether or
    not it is a working day): a notification due 5 working days after a Friday is due on the
    next Friday, or later when a bank holiday falls between."""
    if count < 0:
        raise ValueError("Count working days forwards: give a count of 0 or more.")
    current = day
    remaining = count
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_before(day: date, count: int) -> date:
    """The working day `count` working days before `day`: the day a deadline `count` working
    days after it was counted from, at the latest."""
    if count < 0:
        raise ValueError("Count working days backwards: give a count of 0 or more.")
    current = day
    remaining = count
    while remaining:
        current -= timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """How many working days after `start` up to and including `end` (negative when `end` is
    before `start`): how late a stage was recorded, or how long is left until it is due."""
    if end < start:
        return -working_days_between(end, start)
    count, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
