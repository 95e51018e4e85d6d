"""What changed between two committee meetings: the read side of the committee's report.

Everything comes from the history that the write services record (one entry per change). The
period runs from the end of the earlier meeting's day (excluded) to the end of the later
meeting's day (included), in the site's time zone. A change is found by comparing each history
record in the period with the record just before it for the same object, which may lie before
the period. Deletion records ('-') are ignored.

The queries are the same four whatever the amount of history: the action records in the period,
the action records just before it, and the same pair for reviews.
"""

from dataclasses import dataclass
from datetime import date, datetime

from as_at.history import end_of_day, in_period_q

from .models import (
    DONE_STATUSES,
    OPEN_STATUSES,
    Action,
    Review,
    ReviewStage,
    Status,
)


@dataclass(frozen=True)
class ActionRef:
    """The action a change belongs to, as its record read at the time of the change."""

    id: int
    review_name: str
    reference: str
    description: str


@dataclass(frozen=True)
class StatusChange:
    """One change of an action's status. Also the item of `completed` and `embedded`."""

    action: ActionRef
    from_status: Status
    to_status: Status
    when: datetime
    who: str
    note: str


@dataclass(frozen=True)
class Slip:
    """A target date moved to a later date, with the reason given for moving it."""

    action: ActionRef
    old_date: date
    new_date: date
    reason: str
    when: datetime
    who: str


@dataclass(frozen=True)
class NewAction:
    """An action added in the period, with its status at the end of the period."""

    action: ActionRef
    status: Status
    when: datetime
    who: str


@dataclass(frozen=True)
class StageChange:
    """A review moved from one governance stage to another; the stages are their labels."""

    review_id: int
    review_name: str
    from_stage: str
    to_stage: str
    when: datetime
    who: str
    note: str


@dataclass(frozen=True)
class Changes:
    """The changes between two meeting days. Every list is in date order (oldest first); each
    change is listed, so an action changed twice in the period appears twice.

    `completed` (red or amber to green or blue) and `embedded` (any status to blue) are the
    matching items of `status_changes`. An action added in the period appears in `new_actions`
    only: its first record is not a change of status, even if it was added already done.
    """

    since: date
    until: date
    status_changes: list[StatusChange]
    slipped: list[Slip]
    completed: list[StatusChange]
    embedded: list[StatusChange]
    new_actions: list[NewAction]
    stage_changes: list[StageChange]


def changes_between(*, since: date, until: date) -> Changes:
    """What changed after the end of `since` and up to the end of `until`."""
    start, end = end_of_day(since), end_of_day(until)
    action_records = _records_with_baseline(Action, start, end, related=["review", "history_user"])
    review_records = _records_with_baseline(Review, start, end, related=["history_user"])

    status_changes, slipped, created = [], [], []
    for previous, record in action_records:
        action = ActionRef(
            id=record.id,
            # The review is gone only if the action was deleted and then its review.
            review_name=record.review.name if record.review else "",
            reference=record.reference,
            description=record.description,
        )
        if record.history_type == "+":
            created.append((action, record))
        if previous is None:
            continue
        if record.status != previous.status:
            status_changes.append(
                StatusChange(
                    action=action,
                    from_status=Status(previous.status),
                    to_status=Status(record.status),
                    when=record.history_date,
                    who=_who(record),
                    note=record.history_change_reason or "",
                )
            )
        if (
            previous.target_date
            and record.target_date
            and record.target_date > previous.target_date
        ):
            slipped.append(
                Slip(
                    action=action,
                    old_date=previous.target_date,
                    new_date=record.target_date,
                    reason=record.target_date_change_reason,
                    when=record.history_date,
                    who=_who(record),
                )
            )

    # A new action's status at the end of the period is the one its last record shows.
    status_at_end = {record.id: record.status for _, record in action_records}
    new_actions = [
        NewAction(
            action=action,
            status=Status(status_at_end[action.id]),
            when=record.history_date,
            who=_who(record),
        )
        for action, record in created
    ]

    stage_changes = [
        StageChange(
            review_id=record.id,
            review_name=record.name,
            from_stage=_stage_label(previous.stage),
            to_stage=_stage_label(record.stage),
            when=record.history_date,
            who=_who(record),
            note=record.history_change_reason or "",
        )
        for previous, record in review_records
        if previous is not None and previous.stage != record.stage
    ]

    return Changes(
        since=since,
        until=until,
        status_changes=status_changes,
        slipped=slipped,
        completed=[
            c
            for c in status_changes
            if c.from_status in OPEN_STATUSES and c.to_status in DONE_STATUSES
        ],
        embedded=[c for c in status_changes if c.to_status == Status.BLUE],
        new_actions=new_actions,
        stage_changes=stage_changes,
    )


def _records_with_baseline(model, start, end, *, related):
    """Each history record of `model` in (start, end], oldest first, paired with the record just
    before it for the same object (None if there is none). Two queries."""
    history = model.history.exclude(history_type="-")
    in_period = history.filter(history_date__gt=start, history_date__lte=end)
    records = list(in_period.select_related(*related).order_by("history_date", "history_id"))
    # For each object changed in the period, its record at the start.
    baseline = history.filter(in_period_q(start), id__in=in_period.values("id"))

    previous = {record.id: record for record in baseline}
    pairs = []
    for record in records:
        pairs.append((previous.get(record.id), record))
        previous[record.id] = record
    return pairs


def _who(record):
    user = record.history_user
    if user is None:
        return "the system"
    return user.get_full_name() or user.get_username()


def _stage_label(stage):
    return ReviewStage(stage).label if stage in ReviewStage.values else stage
