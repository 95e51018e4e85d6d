"""Figures as the pages, reports and downloads say them, written once for every app."""

from decimal import ROUND_HALF_UP, Decimal

NO_DIVISOR = "–"


def counted(count, noun, plural=None):
    """'1 action', '3 actions', '2 working days'."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def percent(rate, nothing=NO_DIVISOR):
    """A rate (0.83) as a whole percent ("83%"), halves rounded up; `nothing` for None (no
    divisor: nothing booked, no cases graded), never "0%" for nothing."""
    if rate is None:
        return nothing
    whole = (Decimal(str(rate)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{whole}%"


def change_in_points(change):
    """A change in a share (0.25 - 0.5 = -0.25) in percentage points: "up 25 points"."""
    if change is None:
        return NO_DIVISOR
    points = (Decimal(str(change)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    if points == 0:
        return "no change"
    unit = "point" if abs(points) == 1 else "points"
    return f"{'up' if points > 0 else 'down'} {abs(points)} percentage {unit}"


# What a published paper says instead of a count from 1 to 4 (as the dataset's figures do).
FEWER_THAN_5 = "fewer than 5"


def published_count(n):
    """A count as a published report says it: "fewer than 5" for 1 to 4, so that a small number
    of children, cases or people cannot be told apart; "0" and 5 or more as they are, with
    thousands separated."""
    if n is None:
        return NO_DIVISOR
    if 1 <= n <= 4:
        return FEWER_THAN_5
    return f"{n:,}"
