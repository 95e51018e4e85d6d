"""The statutory timeline of a review, against the national deadlines (Working Together to
Safeguard Children): after a serious child safeguarding incident the local authority notifies the
national Child Safeguarding Practice Review Panel within 5 working days of learning of it; the
partners send the Panel their rapid review within 15 working days of the notification; a local
child safeguarding practice review they decide to hold is published within 6 months of that
decision.

Every deadline is derived from the dates recorded, never stored, in working days of England
(`dates.working_days`) or calendar months. On a day, each deadline stands on time, late (by how
many working days or days), due (in how many) or overdue. A stage recorded after its deadline
keeps the reason for the delay, with the review's history."""

from dataclasses import dataclass
from datetime import date

from dates.working_days import add_working_days, working_days_between
from dates.written import months_after
from figures.shown import counted

from .vocabulary import STATUTORY_STAGES, Decision, ReviewStage

ON_TIME, LATE, DUE, OVERDUE = "on_time", "late", "due", "overdue"
# The kinds of review whose page shows the statutory stages even before any of their dates is
# recorded: the ones a serious incident starts.
STATUTORY_KINDS = ("cspr", "rapid")


@dataclass(frozen=True)
class Deadline:
    """A statutory deadline: the stage it is for, the date it counts from and how far."""

    name: str  # "notification"
    stage: ReviewStage  # the stage whose date must be reached by the deadline
    field: str  # that date
    after: str  # the date the deadline counts from
    reason_field: str  # the reason for a delay, when the stage was reached late
    rule: str  # the rule in words
    working_days: int = 0
    months: int = 0

    @property
    def unit(self):
        return "working day" if self.working_days else "day"

    def due(self, review):
        """The deadline's date for this review, or None when it has none (the date it counts
        from is not recorded, or the decision was not to hold a local review)."""
        start = getattr(review, self.after)
        if start is None:
            return None
        if self.months:
            if review.decision != Decision.LOCAL_REVIEW:
                return None
            return months_after(start, self.months)
        return add_working_days(start, self.working_days)

    def between(self, start, end):
        """How many of this deadline's units after `start` `end` is (negative when before)."""
        if self.working_days:
            return working_days_between(start, end)
        return (end - start).days

    def is_late(self, review):
        due, reached = self.due(review), getattr(review, self.field)
        return due is not None and reached is not None and reached > due


NOTIFICATION = Deadline(
    name="notification",
    stage=ReviewStage.NOTIFIED,
    field="notified_on",
    after="incident_known_on",
    reason_field="notification_delay_reason",
    rule="5 working days after the incident was known",
    working_days=5,
)
RAPID_REVIEW = Deadline(
    name="rapid review",
    stage=ReviewStage.RAPID_REVIEW_SENT,
    field="rapid_review_sent_on",
    after="notified_on",
    reason_field="rapid_review_delay_reason",
    rule="15 working days after the notification",
    working_days=15,
)
PUBLICATION = Deadline(
    name="publication",
    stage=ReviewStage.LEARNING_PUBLISHED,
    field="learning_published_on",
    after="decided_on",
    reason_field="publication_delay_reason",
    rule="6 months after the decision to hold a local review",
    months=6,
)
DEADLINES = (NOTIFICATION, RAPID_REVIEW, PUBLICATION)
DEADLINE_OF_STAGE = {deadline.stage: deadline for deadline in DEADLINES}


@dataclass(frozen=True)
class Standing:
    """Where one deadline of a review stands on a day."""

    deadline: Deadline
    due: date
    reached: date | None
    state: str  # ON_TIME, LATE, DUE or OVERDUE
    count: int  # working days or days late, or left until it is due
    reason: str  # why it was late, as recorded

    @property
    def late(self):
        return self.state in (LATE, OVERDUE)

    @property
    def words(self):
        """'On time', 'Late by 3 working days', 'Due in 2 working days', 'Due today',
        'Overdue by 4 days', 'Late: due 4 December 2026' (recorded on the weekend after)."""
        amount = counted(self.count, self.deadline.unit)
        if self.state == ON_TIME:
            return "On time"
        if self.state in (LATE, OVERDUE):
            late = "Late" if self.state == LATE else "Overdue"
            # After a deadline on a Friday, a weekend day is no working day late.
            return f"{late} by {amount}" if self.count else f"{late}: due {self.due:%-d %B %Y}"
        return "Due today" if self.count == 0 else f"Due in {amount}"

    @property
    def words_in_sentence(self):
        """The words after a comma: 'late by 3 working days', 'overdue: due 4 December 2026'."""
        return f"{self.words[0].lower()}{self.words[1:]}"

    @property
    def what(self):
        """'Notification', 'Rapid review', 'Publication'."""
        return self.deadline.name.capitalize()


def standing(deadline, review, today):
    """Where `deadline` stands for `review` on `today`, or None when it has no deadline."""
    due = deadline.due(review)
    if due is None:
        return None
    reached = getattr(review, deadline.field)
    if reached is not None:
        state = LATE if reached > due else ON_TIME
        late = max(deadline.between(due, reached), 0)
        return Standing(deadline, due, reached, state, late, getattr(review, deadline.reason_field))
    if today <= due:
        return Standing(deadline, due, None, DUE, deadline.between(today, due), "")
    return Standing(deadline, due, None, OVERDUE, deadline.between(due, today), "")


def standings(review, today):
    """Each of the review's deadlines that it has, where it stands on `today`."""
    return [one for deadline in DEADLINES if (one := standing(deadline, review, today))]


def next_due(review, today):
    """The deadline the review has to meet next (the earliest not yet reached), or None."""
    waiting = [one for one in standings(review, today) if one.reached is None]
    return min(waiting, key=lambda one: one.due, default=None)


def late_standings(review, today):
    """The review's deadlines missed: reached late, or overdue and not yet reached."""
    return [one for one in standings(review, today) if one.late]


def in_early_stages(review, today):
    """A review before its decision, or one with a statutory deadline still to meet (a local
    review's publication): not one whose decision was no further review, or another kind."""
    before_decision = review.stage in STATUTORY_STAGES and review.stage != ReviewStage.DECIDED
    return before_decision or next_due(review, today) is not None


def shows_statutory_stages(review):
    return review.kind in STATUTORY_KINDS or any(
        getattr(review, field) for field in STATUTORY_DATE_FIELDS
    )


STATUTORY_DATE_FIELDS = ("incident_known_on", "notified_on", "rapid_review_sent_on", "decided_on")


def delay_errors(review):
    """The errors of the delay reasons (by field): a reason is needed for a stage recorded after
    its deadline, and only then."""
    errors = {}
    for deadline in DEADLINES:
        reason = getattr(review, deadline.reason_field).strip()
        due = deadline.due(review)
        reached = getattr(review, deadline.field)
        if deadline.is_late(review) and not reason:
            count = deadline.between(due, reached)
            late = f"was {counted(count, deadline.unit)} late" if count else "is recorded after it"
            errors[deadline.reason_field] = (
                f"Enter the reason for the delay: the {deadline.name} was due by "
                f"{due:%-d %B %Y} ({deadline.rule}) and {late}."
            )
        elif reason and not deadline.is_late(review):
            if reached is None:
                why = f"until the {deadline.name} is recorded"
            elif due is None:
                why = f"the {deadline.name} has no deadline to miss"
            else:
                why = f"the {deadline.name} was due by {due:%-d %B %Y}, so it was on time"
            errors[deadline.reason_field] = f"Leave the reason for a delay blank: {why}."
    return errors


@dataclass(frozen=True)
class Step:
    """One stage on a review's timeline: the date it was reached, and its deadline if it has one."""

    stage: ReviewStage
    reached_on: date | None
    current: bool
    passed: bool  # a stage before the review's current one
    standing: Standing | None

    @property
    def label(self):
        return self.stage.label


def steps(review, today, stage_fields):
    """The review's whole timeline: each stage (the statutory ones where the review shows them)
    with the date it was reached and where its deadline stands."""
    by_stage = {one.deadline.stage: one for one in standings(review, today)}
    shown = [
        stage
        for stage in stage_fields
        if stage not in STATUTORY_STAGES or shows_statutory_stages(review)
    ]
    order = list(stage_fields)
    current = order.index(review.stage) if review.stage in order else len(order)
    return [
        Step(
            stage,
            getattr(review, stage_fields[stage]),
            stage == review.stage,
            order.index(stage) < current,
            by_stage.get(stage),
        )
        for stage in shown
    ]


def financial_year(day):
    """The first and last days of the April-to-March year `day` is in."""
    first = date(day.year if day.month >= 4 else day.year - 1, 4, 1)
    return first, date(first.year + 1, 3, 31)


@dataclass(frozen=True)
class YearFigure:
    deadline: Deadline
    on_time: int
    late: int

    @property
    def total(self):
        return self.on_time + self.late


def year_figures(reviews, first, last):
    """For each deadline, how many of the reviews reached its stage from `first` to `last`, on
    time and late."""
    figures = []
    for deadline in DEADLINES:
        on_time = late = 0
        for review in reviews:
            reached = getattr(review, deadline.field)
            if reached is None or not first <= reached <= last or deadline.due(review) is None:
                continue
            if deadline.is_late(review):
                late += 1
            else:
                on_time += 1
        figures.append(YearFigure(deadline, on_time, late))
    return figures
