"""The words of an action plan, written once: the BRAG statuses with their meanings, definitions
and rules (docs/architecture.md, "Vocabulary"), the words trackers use for each, and the headers
of a tracker's columns. The key on every page, the downloads, the import's template and the
importer all read them from here.

BRAG is the status of an action. The partnership dataset's indicator ratings ("Green – on
target"...) are other words and never come from here."""

from django.db import models


class Status(models.TextChoices):
    """BRAG status. Green means complete, not "on track"."""

    BLUE = "blue", "Blue"
    GREEN = "green", "Green"
    AMBER = "amber", "Amber"
    RED = "red", "Red"


# What each colour means, said with it wherever it is shown ("Green – complete, but not yet
# embedded"), so that colour never stands alone.
STATUS_MEANINGS = {
    Status.BLUE: "embedded",
    Status.GREEN: "complete, but not yet embedded",
    Status.AMBER: "started, not yet complete",
    Status.RED: "not started, or off track",
}
# The key's fuller sentence for each.
STATUS_DEFINITIONS = {
    Status.BLUE: "The change is part of everyday practice, with recorded evidence of embedding.",
    Status.GREEN: "The action is complete but not yet embedded in practice.",
    Status.AMBER: "Work has started but is not yet complete.",
    Status.RED: "Not started, or off track: it will miss its target date without intervention.",
}
# Each status's meaning as the tracker's key gives it: the meaning above, explained.
STATUS_KEY = {
    Status.BLUE: "embedded: the change is part of everyday practice",
    Status.GREEN: "complete, but not yet embedded",
    Status.AMBER: "started, not yet complete",
    Status.RED: "not started, or off track (will miss its target date without intervention)",
}
# What a status needs, as the tracker's key says it.
STATUS_RULES = {
    Status.BLUE: "needs recorded evidence of embedding (audit finding, data, practice change); "
    "never blue without it",
    Status.GREEN: "completion date recorded",
    Status.AMBER: "",
    Status.RED: "",
}
# The words trackers write for each status, which the import reads as it ("B", "Complete"...).
# Complete or achieved is green: blue needs the evidence of embedding. A tick (or "Yes") in an
# "Achieved" column is achieved.
STATUS_WORDS = {
    Status.BLUE: ["blue", "b", "embedded", "fully embedded"],
    Status.GREEN: [
        "green", "g", "complete", "completed", "achieved", "fully achieved", "met", "fully met",
        "done", "yes", "y", "✓", "✔", "☑", "tick",
    ],
    Status.AMBER: [
        "amber", "a", "started", "in progress", "on track", "on target", "some progress",
        "partially met", "partially achieved", "partly achieved", "partially complete",
        "underway", "progressing", "ongoing",
    ],
    Status.RED: [
        "red", "r", "not started", "off track", "overdue", "no progress", "not met",
        "not achieved", "not yet started", "delayed", "no", "n", "✗", "✘",
    ],
}  # fmt: skip


class ReviewStage(models.TextChoices):
    """Where a review is: the statutory stages before a review is held (after a serious child
    safeguarding incident), then the governance stages of its learning and action plan."""

    INCIDENT_KNOWN = "incident_known", "Incident known"
    NOTIFIED = "notified", "Notified to the Panel"
    RAPID_REVIEW_SENT = "rapid_review_sent", "Rapid review sent to the Panel"
    DECIDED = "decided", "Decision made"
    IN_PROGRESS = "in_progress", "In progress"
    LEARNING_PUBLISHED = "learning_published", "Learning published"
    RATIFIED = "ratified", "Ratified"
    CLOSED = "closed", "Closed"


# The stages before a review is held, which the national Child Safeguarding Practice Review
# Panel's deadlines run through.
STATUTORY_STAGES = (
    ReviewStage.INCIDENT_KNOWN,
    ReviewStage.NOTIFIED,
    ReviewStage.RAPID_REVIEW_SENT,
    ReviewStage.DECIDED,
)


class Decision(models.TextChoices):
    """What the safeguarding partners decided after the rapid review."""

    LOCAL_REVIEW = "local_review", "A local child safeguarding practice review"
    NO_FURTHER_REVIEW = "no_further_review", "No further review"
    OTHER = "other", "Another kind of review"


OPEN_STATUSES = (Status.RED, Status.AMBER)
DONE_STATUSES = (Status.GREEN, Status.BLUE)


def status_words(status):
    """'Blue – embedded': the colour's name with its meaning."""
    return f"{Status(status).label} – {STATUS_MEANINGS[status]}"


# The header of each column of a tracker, by the action's field: the downloads, the import's
# template and the import's messages use these words.
COLUMN_HEADERS = {
    "review": "Review",
    "reference": "Reference",
    "recommendation": "Recommendation",
    "description": "Action",
    "lead_agency": "Lead agency",
    "supporting_agencies": "Supporting agencies",
    "lead_officer_role": "Lead officer",
    "status": "Status",
    "target_date": "Target date",
    "original_target_date": "Original target date",
    "target_date_change_reason": "Reason for date change",
    "overdue": "Overdue",
    "progress_note": "Progress",
    "evidence": "Evidence",
    "themes": "Themes",
    "completed_on": "Date completed",
    "embedded_on": "Date embedded",
    "updated_at": "Last updated",
}


def headers(*fields):
    return [COLUMN_HEADERS[field] for field in fields]


# The download of actions (CSV and XLSX), in this order.
EXPORT_HEADERS = headers(
    "review", "reference", "recommendation", "description", "lead_agency", "lead_officer_role",
    "status", "target_date", "original_target_date", "overdue", "themes", "updated_at",
)  # fmt: skip
# The blank tracker the import page offers: the columns a partnership fills in.
TEMPLATE_HEADERS = headers(
    "review", "reference", "recommendation", "description", "lead_agency", "lead_officer_role",
    "status", "target_date", "progress_note", "evidence", "themes", "supporting_agencies",
    "completed_on",
)  # fmt: skip
