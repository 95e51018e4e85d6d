"""Every read of the challenge log, as at any day: the log itself (open first, longest waiting
first), the open challenges for the committee report, one challenge's history, and the version
a form carries. Each in a constant number of queries whatever the log's size."""

from dataclasses import dataclass
from datetime import date

from as_at.history import end_of_day, is_today, records_at
from reviews.models import Agency

from .models import Challenge, ChallengeStatus

# The fields of a challenge a history entry says changed, with the words it uses.
HISTORY_FIELDS = {
    "raised_on": "Date raised",
    "question": "Question",
    "agency": "Agency asked",
    "group": "Group asked",
    "response": "Response",
    "responded_on": "Date of the response",
    "status": "Status",
    "closing_note": "Closing note",
    "closed_on": "Date closed",
}
TEXT_FIELDS = {"question", "response", "closing_note"}


@dataclass(frozen=True)
class ChallengeRow:
    """A challenge as it stood on `as_at`, with how long it waited for its response."""

    pk: int
    raised_on: date
    question: str
    asked: str
    agency_slug: str
    response: str
    responded_on: date | None
    status: str
    closing_note: str
    closed_on: date | None
    waited_days: int
    answered: bool

    @property
    def is_open(self):
        return self.status == ChallengeStatus.OPEN

    @property
    def status_label(self):
        return ChallengeStatus(self.status).label

    @property
    def waited(self):
        """'Waiting 132 days' or 'Answered after 12 days'."""
        days = f"{self.waited_days} day{'' if self.waited_days == 1 else 's'}"
        return f"Answered after {days}" if self.answered else f"Waiting {days}"


def challenges_at(as_at):
    """Every challenge as recorded at the end of `as_at` (the live table for today), with its
    agency, in one query. History records have the live table's field names."""
    today = is_today(as_at)
    rows = Challenge.objects.all() if today else records_at(Challenge, end_of_day(as_at))
    return rows.select_related("agency")


def row_of(challenge, as_at) -> ChallengeRow:
    """A challenge (or its history record) as a row of the log as at `as_at`."""
    answered = challenge.responded_on is not None and challenge.responded_on <= as_at
    end = challenge.responded_on if answered else as_at
    return ChallengeRow(
        pk=challenge.id,
        raised_on=challenge.raised_on,
        question=challenge.question,
        asked=challenge.agency.name if challenge.agency_id else challenge.group,
        agency_slug=challenge.agency.slug if challenge.agency_id else "",
        response=challenge.response,
        responded_on=challenge.responded_on,
        status=challenge.status,
        closing_note=challenge.closing_note,
        closed_on=challenge.closed_on,
        waited_days=max((end - challenge.raised_on).days, 0),
        answered=answered,
    )


def log_order(row):
    """Open before closed; of the open, those still waiting first, longest waiting first; of
    the closed, the most recently closed first."""
    if row.is_open:
        return (0, row.answered, -row.waited_days, row.raised_on, row.pk)
    return (1, 0, -(row.closed_on or row.raised_on).toordinal(), row.raised_on, row.pk)


def challenge_log(*, as_at, status=None, agency=None) -> list[ChallengeRow]:
    """The log as at a day, filtered by status ("open" or "closed") and by the agency asked (an
    Agency), in the log's order. One query."""
    rows = challenges_at(as_at)
    if status:
        rows = rows.filter(status=status)
    if agency is not None:
        rows = rows.filter(agency_id=agency.pk)
    return sorted((row_of(challenge, as_at) for challenge in rows), key=log_order)


def open_challenges(as_at) -> list[ChallengeRow]:
    """The challenges open at the end of `as_at`, those still waiting for a response first,
    longest waiting first: for the committee report. One query."""
    return challenge_log(as_at=as_at, status=ChallengeStatus.OPEN)


def log_counts(rows):
    """How many of the rows are open (and of those, still waiting) and closed."""
    open_rows = [row for row in rows if row.is_open]
    return {
        "open": len(open_rows),
        "waiting": sum(not row.answered for row in open_rows),
        "closed": len(rows) - len(open_rows),
    }


def agencies_asked():
    """The agencies any challenge has been put to, for the log's filter. One query."""
    return Agency.objects.filter(challenges__isnull=False).distinct().order_by("name")


def challenge_detail(pk, as_at):
    """One challenge as a row as at `as_at` (today's, live), or Challenge.DoesNotExist."""
    return row_of(Challenge.objects.select_related("agency").get(pk=pk), as_at)


def version_of(challenge):
    """What a form carries to show the state of the challenge it was opened on: the id of its
    latest history record."""
    latest = challenge.history.order_by("-history_id").values_list("history_id", flat=True)
    return str(latest.first() or "")


def changes_since(challenge, version):
    """The history records written after the one a form was opened on, oldest first."""
    records = challenge.history.select_related("history_user").order_by("history_id")
    try:
        return list(records.filter(history_id__gt=int(version)))
    except (TypeError, ValueError):  # not a version this service gave out
        return list(records.reverse()[:1])


def challenge_history(challenge):
    """One challenge's history, newest first: each record with who made it and what changed
    (field, old, new) against the record before. Two queries."""
    records = list(
        challenge.history.select_related("history_user", "agency").order_by("history_id")
    )
    entries = []
    previous = None
    for record in records:
        changes = []
        if previous is not None:
            for field, words in HISTORY_FIELDS.items():
                old, new = shown(previous, field), shown(record, field)
                if old != new:
                    changes.append(
                        {"field": words, "old": old, "new": new, "text": field in TEXT_FIELDS}
                    )
        user = record.history_user
        entries.append(
            {
                "record": record,
                "created": previous is None,
                "changes": changes,
                "by": (user.get_full_name() or user.username) if user else "the system",
                "asked": shown(record, "agency") or record.group,
            }
        )
        previous = record
    return entries[::-1]


def shown(record, field):
    value = getattr(record, field)
    if field == "agency":
        return value.name if value is not None else ""
    if field == "status":
        return ChallengeStatus(value).label
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return value or ""
