"""An indicator's rating for a figure, and its direction of travel since the figure before: worked
out here, in one place, never stored. The words are dataset.vocabulary's."""

from decimal import Decimal

from .vocabulary import Direction, Polarity, Rating

ZERO = Decimal(0)


def rate(*, polarity, value, target, target_high=None, tolerance=None):
    """The Rating of `value` against the target (for a range: `target` to `target_high`), with
    `tolerance` in the indicator's unit (None is 0).

    - higher is better: value ≥ target is green; ≥ target − tolerance amber; else red;
    - lower is better: value ≤ target is green; ≤ target + tolerance amber; else red;
    - within a range: inside [low, high] green; within tolerance of either bound amber; else red;
    - context only: "Context only"; no target, or no value: "Not rated".
    """
    if polarity == Polarity.CONTEXT:
        return Rating.CONTEXT
    if value is None or target is None:
        return Rating.NOT_RATED
    tolerance = tolerance or ZERO
    if polarity == Polarity.HIGHER:
        short = target - value
    elif polarity == Polarity.LOWER:
        short = value - target
    elif target_high is None:
        return Rating.NOT_RATED
    else:
        short = distance_from_range(value, target, target_high)
    if short <= 0:
        return Rating.GREEN
    if short <= tolerance:
        return Rating.AMBER
    return Rating.RED


def distance_from_range(value, low, high):
    """How far `value` is outside [low, high]: 0 inside."""
    if value < low:
        return low - value
    if value > high:
        return value - high
    return ZERO


def direction(*, polarity, value, previous, target=None, target_high=None):
    """How `value` moved since `previous`: a Direction, or None when either is missing.

    Higher is better: up is improving. Lower is better: down is improving. Within a range: a
    smaller distance from the range (0 inside) is improving. Context only: up or down."""
    if value is None or previous is None:
        return None
    if polarity == Polarity.RANGE and target is not None and target_high is not None:
        change = distance_from_range(previous, target, target_high) - distance_from_range(
            value, target, target_high
        )
    else:
        change = value - previous
        if polarity == Polarity.LOWER:
            change = -change
    if change == 0:
        return Direction.NO_CHANGE
    unbounded = polarity == Polarity.RANGE and (target is None or target_high is None)
    if polarity == Polarity.CONTEXT or unbounded:  # nothing to judge the move by
        return Direction.UP if change > 0 else Direction.DOWN
    return Direction.IMPROVING if change > 0 else Direction.WORSENING


def movement(value, previous):
    """Which way the figure itself moved: "up", "down" or "same" (the arrow), or None."""
    if value is None or previous is None:
        return None
    return "up" if value > previous else "down" if value < previous else "same"
