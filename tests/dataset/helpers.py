"""Indicators and figures for the dataset's tests, made through the services (so with history)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from dataset import services
from dataset.models import Figure, Indicator
from dataset.periods import quarter


def recorded(days_ago):
    """A moment `days_ago` days before now."""
    return timezone.now() - datetime.timedelta(days=days_ago)


def make_indicator(reference, *, values=(), first=(2024, 3), at=None, themes=None, **fields):
    """An indicator with a figure for each of `values` in successive financial quarters from
    `first` (year, quarter); each figure recorded a day after the one before, ending now, unless
    `at` gives the moment of each."""
    fields.setdefault("name", f"Indicator {reference}")
    for name in ("target", "target_high", "tolerance"):
        if fields.get(name) is not None:
            fields[name] = Decimal(str(fields[name]))
    count = len(values)
    created_at = at[0] - datetime.timedelta(hours=1) if at else recorded(count + 1)
    indicator = services.indicator_save(
        Indicator(reference=reference, **fields), themes=themes, note="Added", at=created_at
    )
    year, number = first
    for index, value in enumerate(values):
        period = quarter((number - 1 + index) % 4 + 1, year + (number - 1 + index) // 4)
        figure = Figure(indicator=indicator, period_start=period.start, period_kind=period.kind)
        if value == "suppressed":
            figure.suppressed = True
        elif value is not None:
            figure.value = Decimal(str(value))
        services.figure_save(
            figure, note="Reported", at=at[index] if at else recorded(count - index)
        )
    return indicator
