"""The yearly report's read: every figure drawn from the records as they stood at the end of the
year (the last moment of its last day, 31 March for an April year), and the written parts as
they are now. A constant number of queries whatever the number of records (about forty)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from audits.selectors import audits_overview
from challenges.selectors import challenge_log
from dataset.formatting import figure_text
from dataset.rating import direction
from dataset.selectors import judged_by_direction, scorecard
from dataset.vocabulary import Direction
from figures.shown import published_count
from learning.selectors import programme
from priorities.selectors import priorities_report
from reviews.changes import changes_between
from reviews.models import OPEN_STATUSES, ReviewStage, Status, status_words
from reviews.selectors import action_totals, actions_at, reviews_at

from .models import SignOff, YearlyReport

NOT_YET_WRITTEN = "Not yet written"

# An indicator's figures read back from the latest: enough to reach a year before, monthly too.
PERIODS_READ = 13

STAGES = [
    ("started", "started_on", ReviewStage.IN_PROGRESS),
    ("published", "learning_published_on", ReviewStage.LEARNING_PUBLISHED),
    ("ratified", "ratified_on", ReviewStage.RATIFIED),
    ("closed", "closed_on", ReviewStage.CLOSED),
]


@dataclass(frozen=True)
class Year:
    """Twelve months from `start`, the first day of a month: "2025-26" runs from 1 April 2025 to
    31 March 2026 (the default, a financial year); any other month starts a twelve-month period
    such as "July 2025 to June 2026"."""

    start: date

    @property
    def end(self):
        return date(self.start.year + 1, self.start.month, 1) - timedelta(days=1)

    @property
    def before(self):
        """The day before the year: the figures a year before are as at its end."""
        return self.start - timedelta(days=1)

    @property
    def is_financial(self):
        return (self.start.month, self.start.day) == (4, 1)

    @property
    def label(self):
        if self.is_financial:
            return f"{self.start.year}-{(self.start.year + 1) % 100:02d}"
        return f"{self.start:%B %Y} to {self.end:%B %Y}"

    @property
    def query(self):
        """The address's query that shows this year: `year=2025-26`, or `from=2025-07`."""
        return f"year={self.label}" if self.is_financial else f"from={self.start:%Y-%m}"

    @property
    def slug(self):
        """For a file's name: "2025-26", or "2025-07-to-2026-06"."""
        return self.label if self.is_financial else f"{self.start:%Y-%m}-to-{self.end:%Y-%m}"

    def holds(self, day):
        return day is not None and self.start <= day <= self.end


@dataclass
class IndicatorMove:
    """An indicator's latest figure at the year's end against its figure a year earlier."""

    indicator_id: int
    reference: str
    name: str
    latest_period: str = ""
    latest: str = ""
    earlier_period: str = ""
    earlier: str = ""
    direction: str | None = None  # a Direction value, None when there is nothing to compare

    @property
    def direction_label(self):
        return Direction(self.direction).label if self.direction else "Not comparable"


def _written(text):
    return text.strip() or NOT_YET_WRITTEN


def _indicator_moves(year):
    """Each indicator as at the year's end: its latest figure in the year against the figure
    for the same period a year before (Q3 against Q3). Three queries."""
    moves = []
    for score in scorecard(as_at=year.end, periods=PERIODS_READ):
        indicator = score.indicator
        move = IndicatorMove(indicator.id, indicator.reference, indicator.name)
        moves.append(move)
        reported = [p for p in score.points if p.reported]
        latest = reported[-1] if reported else None
        if latest is None or latest.period.end < year.start:
            continue  # no figure for a period in the year
        move.latest_period = latest.period.label
        move.latest = figure_text(
            latest.value, indicator.unit, suppressed=latest.suppressed, published=True
        )
        a_year_before = latest.period_start.replace(year=latest.period_start.year - 1)
        earlier = next(
            (
                p
                for p in score.points
                if p.period_kind == latest.period_kind and p.period_start == a_year_before
            ),
            None,
        )
        if earlier is None or not earlier.reported:
            continue
        move.earlier_period = earlier.period.label
        move.earlier = figure_text(
            earlier.value, indicator.unit, suppressed=earlier.suppressed, published=True
        )
        moved = direction(
            polarity=indicator.polarity,
            value=latest.value,
            previous=earlier.value,
            target=indicator.target,
            target_high=indicator.target_high,
        )
        if moved is not None and (
            judged_by_direction(indicator) or moved in (Direction.UP, Direction.DOWN)
        ):
            move.direction = moved
    return moves


def yearly_report(year_start: date) -> dict:
    """Everything the yearly report holds for the twelve months from `year_start`."""
    year = Year(year_start)
    end = year.end

    # Reviews and their stages: each stage date within the year, as recorded at its end.
    reviews = list(reviews_at(end).order_by("started_on", "name"))
    stages = {
        key: [r for r in reviews if year.holds(getattr(r, attribute))]
        for key, attribute, _ in STAGES
    }
    stage_rows = [
        {"key": key, "label": stage.label, "reviews": stages[key], "date_field": attribute}
        for key, attribute, stage in STAGES
    ]

    # Actions: totals at each end of the year, and the moves to complete and embedded in it.
    totals = action_totals(as_at=end)
    totals_before = action_totals(as_at=year.before)
    changes = changes_between(since=year.before, until=end)
    actions = list(
        actions_at(end)
        .order_by("review__name", "reference", "id")
        .values(
            "id", "reference", "description", "status", "target_date", "review_id",
            "review__name", "lead_agency__name",
        )
    )  # fmt: skip
    completed_by_review = Counter(c.action.review_name for c in changes.completed)
    embedded_by_review = Counter(c.action.review_name for c in changes.embedded)
    actions_by_review = Counter(a["review__name"] for a in actions)
    names = sorted({*actions_by_review, *completed_by_review, *embedded_by_review} - {""})
    by_review = [
        {
            "name": name,
            "actions": actions_by_review[name],
            "completed": completed_by_review[name],
            "embedded": embedded_by_review[name],
        }
        for name in names
        if completed_by_review[name] or embedded_by_review[name]
    ]

    # Impact: the dataset's direction over the year.
    moves = _indicator_moves(year)
    directions = Counter(move.direction for move in moves)

    # Learning held in the year, and its three-month follow-up as recorded by the year's end.
    learning = programme(as_at=end, start=year.start, end=end)

    # Audits held in the year, their cases counted as a published paper counts them.
    audits = [a for a in audits_overview(as_at=end) if year.holds(a.audited_on)]
    for audit in audits:
        audit.cases_shown = published_count(audit.cases)

    # The delivery plan in force at the year's end, each priority with its roll-up then (the
    # priorities' own, as /priorities/?as_at= shows it), and the plan starting after it.
    plans = priorities_report(end)

    # Areas of little or no progress: exactly the rules' findings, nothing else.
    stalled_actions = [
        {
            **a,
            "status_words": status_words(Status(a["status"])),
            "red": a["status"] == Status.RED,
            "overdue": _overdue(a, end),
        }
        for a in actions
        if a["status"] == Status.RED or _overdue(a, end)
    ]
    stalled_actions.sort(key=lambda a: (not a["overdue"], a["target_date"] or end, a["id"]))
    little_progress = {
        "actions": stalled_actions,
        "indicators": [m for m in moves if m.direction == Direction.WORSENING],
        "priorities": [row for row in plans["plan"].priorities if row.roll_up.complete == 0]
        if plans["plan"]
        else [],
    }

    # Independent scrutiny: the challenges raised in the year, as they stood at its end.
    challenges = [row for row in challenge_log(as_at=end) if year.holds(row.raised_on)]
    challenges.sort(key=lambda row: (row.raised_on, row.pk))

    # The written parts, as they are now.
    report = YearlyReport.objects.filter(starts_on=year.start).first()
    sign_offs = (
        list(SignOff.objects.filter(report=report).select_related("agency")) if report else []
    )

    return {
        "year": year,
        "glance": {
            "reviews": stages,
            "actions": totals["action_count"],
            "completed": len(changes.completed),
            "embedded": len(changes.embedded),
            "overdue": totals["overdue"],
            "improving": directions[Direction.IMPROVING],
            "worsening": directions[Direction.WORSENING],
            "sessions": learning.totals["sessions"],
            "practitioners": learning.totals["practitioners"],
            "audits": len(audits),
            "cases": sum(a.cases for a in audits),
            "challenges": len(challenges),
        },
        # Counts of people and of cases, as the published paper says them (1 to 4 hidden).
        "shown": {
            "practitioners": published_count(learning.totals["practitioners"]),
            "booked": published_count(learning.totals["booked"]),
            "cases": published_count(sum(a.cases for a in audits)),
            "evaluation_responses": published_count(learning.totals["evaluation_responses"]),
            "follow_up_responses": published_count(learning.totals["follow_up_responses"]),
        },
        "follow_ups_not_due": sum(
            1
            for row in learning.rows
            if not row.follow_up_recorded and row.follow_up_due and row.follow_up_due > end
        ),
        "session_rows": [
            {"row": row, "attended": published_count(row.attended)} for row in learning.rows
        ],
        "stages": stage_rows,
        "totals": totals,
        "totals_before": totals_before,
        "status_rows": [
            {"status": s.value, "before": totals_before[s], "end": totals[s]} for s in Status
        ],
        "changes": changes,
        "by_review": by_review,
        "moves": moves,
        "directions": {
            "improving": directions[Direction.IMPROVING],
            "worsening": directions[Direction.WORSENING],
            "no_change": directions[Direction.NO_CHANGE],
            "not_comparable": sum(1 for m in moves if m.direction is None),
        },
        "learning": learning,
        "audits": audits,
        "plan": plans["plan"],
        "little_progress": little_progress,
        "challenges": challenges,
        "challenge_counts": {
            "answered": sum(1 for row in challenges if row.answered),
            "open": sum(1 for row in challenges if row.is_open),
            "closed": sum(1 for row in challenges if not row.is_open),
        },
        "upcoming": plans["upcoming"],
        "report": report,
        "assessment": _written(report.scrutineer_assessment if report else ""),
        "assessment_written": bool(report and report.scrutineer_assessment.strip()),
        "voice_of_children": _written(report.voice_of_children if report else ""),
        "voice_written": bool(report and report.voice_of_children.strip()),
        "sign_offs": sign_offs,
        "published_on": report.published_on if report else None,
        "sent_to_panel_on": report.sent_to_panel_on if report else None,
    }


def _overdue(action, day):
    return (
        action["status"] in OPEN_STATUSES
        and action["target_date"] is not None
        and action["target_date"] < day
    )
