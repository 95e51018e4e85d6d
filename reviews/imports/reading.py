"""Reading a tracker's rows: the header row under the title rows, the columns trackers use, and
the status words and dates they write. The files themselves are read by spreadsheets.reading."""

import re
from dataclasses import dataclass

from dates.written import parse_date  # noqa: F401  (the import reads its dates so)
from spreadsheets.reading import HEADER_SEARCH_ROWS, normalise, text

from ..vocabulary import COLUMN_HEADERS, STATUS_WORDS, Status

# Columns ----------------------------------------------------------------------------------------


# field: (the header the service gives the column (reviews/vocabulary.py), the headers trackers
# use for it)
COLUMNS = {
    "review": (COLUMN_HEADERS["review"], ["review", "review name", "case", "review pseudonym"]),
    "reference": (
        COLUMN_HEADERS["reference"],
        [
            "reference",
            "ref",
            "ref no",
            "rec no",
            "no",
            "number",
            "action no",
            "action number",
            "action ref",
            "action reference",
            "reference number",
        ],
    ),  # fmt: skip
    "recommendation": (
        COLUMN_HEADERS["recommendation"],
        ["recommendation", "recommendations", "recommendation text", "learning"],
    ),
    "description": (
        COLUMN_HEADERS["description"],
        [
            "action",
            "actions",
            "action to be taken",
            "actions to be taken",
            "what will be done",
            "what",
            "description",
            "action required",
            "action description",
        ],
    ),  # fmt: skip
    "lead_agency": (
        COLUMN_HEADERS["lead_agency"],
        [
            "lead agency",
            "agency",
            "responsibility",
            "who",
            "lead",
            "responsible agency",
            "lead organisation",
            "organisation",
        ],
    ),  # fmt: skip
    "supporting_agencies": (
        COLUMN_HEADERS["supporting_agencies"],
        [
            "supporting agencies",
            "supporting agency",
            "partners",
            "partner agencies",
            "supported by",
            "other agencies",
        ],
    ),  # fmt: skip
    "lead_officer_role": (
        COLUMN_HEADERS["lead_officer_role"],
        [
            "lead officer",
            "responsible officer",
            "owner",
            "lead officer role",
            "action owner",
            "officer",
        ],
    ),  # fmt: skip
    "target_date": (
        COLUMN_HEADERS["target_date"],
        [
            "target date",
            "timescale",
            "timescales",
            "by when",
            "when",
            "due date",
            "deadline",
            "target",
            "due by",
            "completion target",
        ],
    ),  # fmt: skip
    "target_date_change_reason": (
        COLUMN_HEADERS["target_date_change_reason"],
        [
            "reason for date change",
            "reason for change",
            "date change reason",
            "reason for change of date",
        ],
    ),  # fmt: skip
    "status": (
        COLUMN_HEADERS["status"],
        [
            "status",
            "brag",
            "rag",
            "brag rating",
            "rag rating",
            "current status",
            "brag status",
            "rag status",
        ],
    ),  # fmt: skip
    "progress_note": (
        COLUMN_HEADERS["progress_note"],
        [
            "progress",
            "progress update",
            "update",
            "updates",
            "comments",
            "comment",
            "progress note",
            "progress to date",
        ],
    ),  # fmt: skip
    "evidence": (
        COLUMN_HEADERS["evidence"],
        [
            "evidence",
            "evidence of impact",
            "success measures",
            "success measure",
            "outcome",
            "outcomes",
            "evidence of embedding",
            "impact",
        ],
    ),  # fmt: skip
    "themes": (COLUMN_HEADERS["themes"], ["themes", "theme", "learning themes", "learning theme"]),
    "completed_on": (
        COLUMN_HEADERS["completed_on"],
        ["date completed", "completed on", "completion date", "completed", "date complete"],
    ),
    "embedded_on": (COLUMN_HEADERS["embedded_on"], ["date embedded", "embedded on"]),
}
HEADERS = {normalise(h): field for field, (_, headers) in COLUMNS.items() for h in headers}
# Columns of the service's own export that are worked out from the others: read past quietly.
DERIVED = {
    normalise(COLUMN_HEADERS[field]) for field in ("original_target_date", "overdue", "updated_at")
}
REQUIRED = ("reference", "description")


@dataclass
class Column:
    index: int  # 0-based
    header: str  # as the file has it

    @property
    def letter(self):
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index + 1)

    def __str__(self):
        return f"column {self.letter} ({self.header})"


def find_header(rows):
    """(position in rows, {field: Column}, [unknown Columns], [duplicate Columns]) of the first
    row in the first 20 that names the reference or action column and one more we know; None if
    there is none."""
    for position, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        known = [HEADERS.get(normalise(c)) if isinstance(c, str) else None for c in cells]
        if sum(1 for f in known if f) < 2 or not set(known) & set(REQUIRED):
            continue
        columns, unknown, duplicates = {}, [], []
        for index, (cell, field) in enumerate(zip(cells, known, strict=True)):
            if cell is None or (isinstance(cell, str) and not normalise(cell)):
                continue
            column = Column(index, str(cell).strip())
            if field is None:
                if normalise(cell) not in DERIVED:
                    unknown.append(column)
            elif field in columns:
                duplicates.append(column)
            else:
                columns[field] = column
        return position, columns, unknown, duplicates
    return None


# Values -----------------------------------------------------------------------------------------


STATUSES = {word: status for status, words in STATUS_WORDS.items() for word in words}
COLOURS = {status.value: status for status in Status}


def parse_status(value):
    """The status a cell's words mean ("Blue – embedded" and "B" alike), or ValueError."""
    words = normalise(text(value))
    if not words:
        raise ValueError("The status is empty. Give Blue, Green, Amber or Red.")
    if words in STATUSES:
        return STATUSES[words]
    first = words.split(" ", 1)[0] if words else ""
    if first in COLOURS:  # "Green – complete, but not yet embedded", as the service says it
        return COLOURS[first]
    raise ValueError(
        f"“{text(value)}” is not a status. Use Blue (or Embedded), Green (or Complete), Amber "
        "(or Started, In progress, On track) or Red (or Not started, Off track, Overdue)."
    )


def split_list(value):
    """The names in a cell of several: "A; B", "A, B" or one a line."""
    return [part.strip() for part in re.split(r"[;\n]", text(value)) if part.strip()]
