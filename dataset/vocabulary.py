"""The partnership dataset's words: units, which way is good, ratings and direction of travel.

These are not BRAG. An indicator's rating says how a figure compares with its target ("Green – on
target"); an action's BRAG status says how far the action has got (reviews/vocabulary.py). The two
sets of words never mix: each has its own tags and its own key.
"""

from django.db import models


class Unit(models.TextChoices):
    NUMBER = "number", "Number"
    PERCENTAGE = "percentage", "Percentage"
    RATE = "rate", "Rate per 10,000 children"
    DAYS = "days", "Days"


class Polarity(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    RANGE = "range", "Within a range"
    CONTEXT = "context", "Context only"


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", "Quarterly"
    MONTHLY = "monthly", "Monthly"
    YEARLY = "yearly", "Yearly"


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", "Financial quarter"
    MONTH = "month", "Month"
    YEAR = "year", "Financial year"


class Validation(models.TextChoices):
    PROVISIONAL = "provisional", "Provisional"
    VALIDATED = "validated", "Validated"


class Rating(models.TextChoices):
    """An indicator's rating for a period: worked out from its figure and target, never stored."""

    GREEN = "green", "Green – on target"
    AMBER = "amber", "Amber – near target"
    RED = "red", "Red – off target"
    CONTEXT = "context", "Context only"
    NOT_RATED = "not_rated", "Not rated"


RATING_MEANINGS = {
    Rating.GREEN: "the figure meets the target, or is inside the range",
    Rating.AMBER: "the figure misses the target, or is outside the range, by no more than the "
    "tolerance",
    Rating.RED: "the figure misses the target, or is outside the range, by more than the tolerance",
    Rating.CONTEXT: "a figure that shows demand or context; it has no target",
    Rating.NOT_RATED: "no target, or no figure for the period",
}

# The order ratings are listed and counted in: the reds first, as the committee reads them.
RATING_ORDER = [Rating.RED, Rating.AMBER, Rating.GREEN, Rating.CONTEXT, Rating.NOT_RATED]


class Direction(models.TextChoices):
    """How a figure moved since the period before. An indicator with a good direction says
    whether that was better or worse; a context-only one only which way it went."""

    IMPROVING = "improving", "Improving"
    WORSENING = "worsening", "Worsening"
    NO_CHANGE = "no_change", "No change"
    UP = "up", "Up"
    DOWN = "down", "Down"


# The arrow shows which way the figure moved; the word says whether that is good.
ARROWS = {"up": "↑", "down": "↓", "same": "→"}

# What the committee report says instead of a count from 1 to 4: the report is published.
FEWER_THAN_5 = "fewer than 5"
SUPPRESSED = "Suppressed (a small number)"

# The scorecard's download, in this order.
EXPORT_HEADERS = [
    "Reference",
    "Indicator",
    "Unit",
    "Good is",
    "Target",
    "Tolerance",
    "Latest period",
    "Latest value",
    "Rating",
    "Direction",
    "Previous period",
    "Previous value",
    "England",
    "Statistical neighbours",
    "Region",
    "Commentary",
]
