"""Every read of the partnership dataset: the scorecard (one row per indicator, with its latest
figure, rating and direction), one indicator with all its figures, and its history. Each as at a
day, from the live tables for today and from the history for an earlier day, in a constant
number of queries however many indicators and figures there are."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from as_at.history import end_of_day, is_today, records_at
from reviews.models import Agency, Theme

from .formatting import plain
from .models import Figure, Indicator
from .periods import Period
from .rating import direction, movement, rate
from .vocabulary import RATING_ORDER, Direction, Polarity, Rating

# The figures a scorecard row shows in its small trend chart.
TREND_PERIODS = 8

FIGURE_FIELDS = [
    "indicator_id",
    "period_kind",
    "period_start",
    "value",
    "suppressed",
    "england",
    "statistical_neighbours",
    "region",
    "commentary",
    "corrective_action",
    "validation",
]


@dataclass
class Point:
    """One figure of an indicator, with its rating and its movement since the figure before."""

    indicator_id: int
    period_kind: str
    period_start: object
    value: object
    suppressed: bool
    england: object
    statistical_neighbours: object
    region: object
    commentary: str
    corrective_action: str
    validation: str
    rating: str = Rating.NOT_RATED
    direction: str | None = None
    movement: str | None = None
    previous: "Point | None" = None

    @property
    def period(self):
        return Period(self.period_start, self.period_kind)

    @property
    def reported(self):
        return self.value is not None or self.suppressed

    @property
    def gap(self):
        """A red figure with no commentary: a gap in the data's quality."""
        return self.rating == Rating.RED and not self.commentary.strip()


@dataclass
class Score:
    """A scorecard row: an indicator (live, or its history record for a past day) and its
    figures, oldest first."""

    indicator: object
    agency: str
    themes: list
    points: list = field(default_factory=list)

    @property
    def latest(self):
        return self.points[-1] if self.points else None

    @property
    def previous(self):
        return self.latest.previous if self.latest else None

    @property
    def rating(self):
        return self.latest.rating if self.latest else Rating.NOT_RATED

    @property
    def trend(self):
        return self.points[-TREND_PERIODS:]

    @property
    def gap(self):
        return bool(self.latest and self.latest.gap)


def indicators_at(as_at):
    """The indicators as they stood at the end of `as_at` (the live table for today)."""
    if is_today(as_at):
        return Indicator.objects.all()
    return records_at(Indicator, end_of_day(as_at))


def figures_at(as_at):
    if is_today(as_at):
        return Figure.objects.all()
    return records_at(Figure, end_of_day(as_at))


def _theme_links(indicators, as_at, *, names=True):
    """(indicator id, theme name) pairs of `indicators` as at the day (theme ids, with
    `names=False`)."""
    theme = "theme__name" if names else "theme_id"
    if is_today(as_at):
        links = Indicator.themes.through.objects.filter(indicator__in=indicators.values("pk"))
        return links.values_list("indicator_id", theme)
    links = indicators.model.themes.model.objects.filter(history__in=indicators.values("pk"))
    return links.values_list("history__id", theme)


def rated(points, indicator):
    """Each point's rating, and its direction and movement against the point before."""
    before = None
    for point in points:
        point.rating = rate(
            polarity=indicator.polarity,
            value=point.value,
            target=indicator.target,
            target_high=indicator.target_high,
            tolerance=indicator.tolerance,
        )
        if before is not None:
            point.previous = before
            point.direction = direction(
                polarity=indicator.polarity,
                value=point.value,
                previous=before.value,
                target=indicator.target,
                target_high=indicator.target_high,
            )
            point.movement = movement(point.value, before.value)
        before = point
    return points


def scorecard(*, as_at, theme=None, agency=None, rating=None, periods=TREND_PERIODS):
    """The scorecard as at a day: a Score per indicator (by reference), with its last `periods`
    figures and the one before them. Filtered by theme, source agency and rating (the rating of
    the latest figure). Three queries: the indicators, their themes, their figures."""
    indicators = indicators_at(as_at)
    if agency is not None:
        indicators = indicators.filter(source_agency_id=agency.pk)
    if theme is not None:
        with_theme = _theme_links(indicators, as_at, names=False).filter(theme_id=theme.pk)
        column = "indicator_id" if is_today(as_at) else "history_id"
        indicators = indicators.filter(pk__in=with_theme.values(column))
    rows = list(indicators.select_related("source_agency").order_by("reference"))
    themes = {}
    for indicator_id, name in _theme_links(indicators, as_at):
        themes.setdefault(indicator_id, []).append(name)
    scores = {
        row.id: Score(
            indicator=row,
            agency=row.source_agency.name if row.source_agency else "",
            themes=sorted(themes.get(row.id, [])),
        )
        for row in rows
    }
    figures = (
        figures_at(as_at)
        .filter(indicator_id__in=indicators.values("id"))
        .annotate(
            recent=Window(
                RowNumber(), partition_by=[F("indicator_id")], order_by=F("period_start").desc()
            )
        )
        .filter(recent__lte=periods + 1)  # one more: the direction of the first shown
        .values(*FIGURE_FIELDS)
        .order_by("indicator_id", "period_start")
    )
    for values in figures:
        score = scores.get(values["indicator_id"])
        if score is not None:
            score.points.append(Point(**values))
    result = []
    for score in scores.values():
        rated(score.points, score.indicator)
        score.points = score.points[-periods:]
        if rating is None or score.rating == rating:
            result.append(score)
    return result


def rating_counts(scores):
    """How many indicators have each rating, in RATING_ORDER: [(rating, count)]."""
    counts = Counter(score.rating for score in scores)
    return [(Rating(value), counts.get(value, 0)) for value in RATING_ORDER]


@dataclass
class Progress:
    """Is practice improving? How the indicators judged by which way is good (all but context
    only) moved since the period before, by their latest figures."""

    improving: int = 0
    worsening: int = 0
    no_change: int = 0

    @property
    def judged(self):
        return self.improving + self.worsening + self.no_change


def judged_by_direction(indicator):
    """Whether a move of the indicator is better or worse, not only up or down."""
    if indicator.polarity == Polarity.RANGE:
        return indicator.target is not None and indicator.target_high is not None
    return indicator.polarity != Polarity.CONTEXT


def progress(scores):
    counts = Counter(
        score.latest.direction
        for score in scores
        if score.latest and judged_by_direction(score.indicator)
    )
    return Progress(
        improving=counts[Direction.IMPROVING],
        worsening=counts[Direction.WORSENING],
        no_change=counts[Direction.NO_CHANGE],
    )


def indicator_at(*, as_at, slug):
    """The indicator with this slug as it stood at the end of the day, or None."""
    return indicators_at(as_at).select_related("source_agency").filter(slug=slug).first()


def indicator_points(*, indicator, as_at):
    """Every figure of the indicator as at the day, oldest first, rated."""
    figures = figures_at(as_at).filter(indicator_id=indicator.id)
    points = [Point(**values) for values in figures.values(*FIGURE_FIELDS).order_by("period_start")]
    return rated(points, indicator)


def indicator_themes(*, indicator, as_at):
    if is_today(as_at):
        return list(indicator.themes.order_by("name").values_list("name", flat=True))
    ids = indicator.themes.values_list("theme_id", flat=True)  # the record's own links
    return list(
        Theme.objects.filter(pk__in=list(ids)).order_by("name").values_list("name", flat=True)
    )


HISTORY_FIELDS = {
    Indicator: [
        "reference", "name", "definition", "unit", "polarity", "target", "target_high",
        "tolerance", "frequency", "source_agency", "owner_role",
    ],
    Figure: [
        "value", "suppressed", "numerator", "denominator", "england", "statistical_neighbours",
        "region", "commentary", "corrective_action", "validation",
    ],
}  # fmt: skip


def indicator_history(*, indicator_id, until):
    """The indicator's and its figures' recorded changes up to `until`, newest first: each with
    who, when, the note and what changed since the record before. Three queries."""
    agencies = dict(Agency.objects.values_list("id", "name"))
    entries = []
    sources = [
        (Indicator, Indicator.history.filter(id=indicator_id)),
        (Figure, Figure.history.filter(indicator_id=indicator_id)),
    ]
    for model, records in sources:
        records = list(
            records.filter(history_date__lte=until)
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        before = {}
        for record in records:
            older = before.get(record.id)
            before[record.id] = record
            changes = []
            for name in HISTORY_FIELDS[model]:
                new = getattr(record, f"{name}_id" if name == "source_agency" else name)
                old = (
                    getattr(older, f"{name}_id" if name == "source_agency" else name)
                    if older
                    else None
                )
                if older is not None and old == new:
                    continue
                if older is None and new in (None, "", False):
                    continue
                field_ = model._meta.get_field(name)
                if name == "source_agency":
                    old, new = agencies.get(old, ""), agencies.get(new, "")
                elif isinstance(new, Decimal) or isinstance(old, Decimal):
                    old, new = plain(old), plain(new)
                elif isinstance(new, bool):
                    old, new = ("Yes" if old else "No"), ("Yes" if new else "No")
                elif field_.choices:
                    labels = dict(field_.choices)
                    old, new = labels.get(old, old or ""), labels.get(new, new)
                changes.append({"field": field_.verbose_name, "old": old, "new": new})
            user = record.history_user
            subject = (
                "Indicator"
                if model is Indicator
                else f"Figure for {Period(record.period_start, record.period_kind).label}"
            )
            entries.append(
                {
                    "subject": subject,
                    "created": record.history_type == "+",
                    "deleted": record.history_type == "-",
                    "when": record.history_date,
                    "who": (user.get_full_name() or user.username) if user else "",
                    "note": record.history_change_reason or "",
                    "changes": changes,
                }
            )
    entries.sort(key=lambda entry: entry["when"], reverse=True)
    return entries


def dataset_summary(*, as_at):
    """The dashboard's and the report's view of the dataset: the scorecard, its counts by
    rating, and its red indicators."""
    scores = scorecard(as_at=as_at)
    return {
        "scores": scores,
        "rating_counts": rating_counts(scores),
        "progress": progress(scores),
        "reds": [score for score in scores if score.rating == Rating.RED],
        "gaps": [score for score in scores if score.gap],
        "has_range": any(s.indicator.polarity == Polarity.RANGE for s in scores),
    }


def agency_name(indicator):
    return indicator.source_agency.name if indicator.source_agency_id else ""
