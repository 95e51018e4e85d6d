"""How the dataset's figures and targets are written on the pages, in the downloads and in the
published report."""

from decimal import Decimal

from .vocabulary import FEWER_THAN_5, SUPPRESSED, Polarity, Unit

SUFFIXES = {Unit.PERCENTAGE: "%", Unit.DAYS: " days", Unit.RATE: "", Unit.NUMBER: ""}


def plain(value):
    """A Decimal without needless zeros, with thousands separated: 85.30 → "85.3", 1234 →
    "1,234"."""
    if value is None or value == "":  # "": a template's missing value (no figure yet)
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def figure_text(value, unit, *, suppressed=False, published=False):
    """A figure in its unit: "85.3%", "38.7", "1.5 days", "1,234". `published` (the committee
    report, which is public): a count from 1 to 4 is "fewer than 5"."""
    if suppressed:
        return SUPPRESSED
    if value is None or value == "":
        return ""
    if published and unit == Unit.NUMBER and 1 <= value <= 4:
        return FEWER_THAN_5
    if unit == Unit.DAYS and value == 1:
        return "1 day"
    return f"{plain(value)}{SUFFIXES.get(unit, '')}"


def target_text(indicator):
    """The target as the committee reads it: "85%", "35–45" for a range, "" for none."""
    if indicator.polarity == Polarity.CONTEXT or indicator.target is None:
        return ""
    if indicator.polarity == Polarity.RANGE:
        low, high = plain(indicator.target), plain(indicator.target_high)
        return f"{low}–{high}{SUFFIXES.get(indicator.unit, '')}"
    return figure_text(indicator.target, indicator.unit)


def tolerance_text(indicator, *, words=False):
    """The tolerance in the indicator's unit: "2.5%" in a cell; with `words`, a percentage's is
    "2.5 percentage points", which cannot be read as a share of the target."""
    if indicator.polarity == Polarity.CONTEXT or indicator.target is None:
        return ""
    tolerance = indicator.tolerance or Decimal(0)
    if words and indicator.unit == Unit.PERCENTAGE:
        return f"{plain(tolerance)} percentage point{'' if tolerance == 1 else 's'}"
    return figure_text(tolerance, indicator.unit)
