"""Reading a tracker's rows: the header row under the title rows, the columns trackers use, and
the status words and dates they write. The files themselves are read by spreadsheets.reading."""

import colorsys
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
# The headings of the action plans partnerships publish (serious case review plans, board business
# plans, an Ofsted improvement plan, peer review plans), beyond the tracker's own words.
PLANS_HEADERS = {
    "reference": ["rec", "recommendation no", "recommendation number", "ref number"],
    "recommendation": [
        "ofsted area for improvement",
        "area for improvement",
        "detail of comment",
        "scope of recommendation",
        "objective",
        "objectives",
        "finding",
        "learning point",
    ],
    "description": [
        "specific actions",
        "specific action",
        "what will it do",
        "what will we do",
        "how will the lscb do this",
        "how will the lscp do this",
        "how will the partnership do this",
        "proposals",
        "proposal",
        "action s",
        "actions required",
        "agency response to recommendations",
        "agency response",
    ],
    "lead_agency": [
        "lead agency s",
        "responsible",
        "by whom",
        "lead person",
        "lead agency officer",
    ],
    "target_date": [
        "timescale target",
        "target timescale",
        "target completion date",
        "completion date target",
        "give expected new achievement date",
        "expected completion date",
    ],
    "status": [
        "r a g",
        "b r a g",
        "rag rating",
        "progress indicator",
        "assessment of progress categories 1 4",
        "assessment of progress",
        "achieved tick",
        "achieved",
        "rag status",
    ],
    "progress_note": ["progress made", "update on progress", "latest update"],
    "evidence": [
        "output outcome measurement",
        "outcome measurement",
        "measure of success",
        "measures of success",
        "how will we know",
        "date of completion and outcome",
        "key milestones",
    ],
}
for field, headers in PLANS_HEADERS.items():
    COLUMNS[field][1].extend(h for h in headers if h not in COLUMNS[field][1])
# Headings that begin with these words: "Progress presented to Committee Dec 2017".
HEADER_STARTS = {
    "progress": "progress_note",
    "update": "progress_note",
    "timescale": "target_date",
    "rag": "status",
    "brag": "status",
}
HEADERS = {normalise(h): field for field, (_, headers) in COLUMNS.items() for h in headers}


IGNORE = ""  # what a manager chooses for a column the import should not read
KEEP = "keep"  # a column that is no field: its text kept with each action


def header_field(cell, chosen=None):
    """The field a header cell names, or None: the manager's choice for its heading (`chosen`:
    heading as normalise() gives it -> field, or IGNORE), else what trackers call it."""
    if not isinstance(cell, str):
        return None
    words = normalise(cell)
    if chosen and words in chosen:
        return None if chosen[words] in (IGNORE, KEEP) else chosen[words]
    if words in HEADERS:
        return HEADERS[words]
    first = words.split(" ", 1)[0] if words else ""
    return HEADER_STARTS.get(first) if len(words.split()) > 1 else None


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


def find_header(rows, chosen=None):
    """(position in rows, {field: Column}, [unknown Columns], [duplicate Columns]) of the first
    row in the first 20 that names the reference or action column and one more we know; None if
    there is none. Columns the manager chose to ignore (`chosen`) are in none of them."""
    for position, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        known = [header_field(c, chosen) for c in cells]
        if sum(1 for f in known if f) < 2 or not set(known) & set(REQUIRED):
            continue
        return (position, *read_header_row(cells, chosen))
    return None


def read_header_row(cells, chosen=None):
    """({field: Column}, [unknown Columns], [duplicate Columns]) of a row of headings."""
    columns, unknown, duplicates = {}, [], []
    for index, cell in enumerate(cells):
        if cell is None or (isinstance(cell, str) and not normalise(cell)):
            continue
        column = Column(index, str(cell).strip())
        if chosen and chosen.get(normalise(cell)) == IGNORE:
            continue
        field = header_field(cell, chosen)
        if field is None:
            if normalise(cell) not in DERIVED:
                unknown.append(column)
        elif field in columns:
            duplicates.append(column)
        else:
            columns[field] = column
    return columns, unknown, duplicates


# Values -----------------------------------------------------------------------------------------


STATUSES = {word: status for status, words in STATUS_WORDS.items() for word in words}
COLOURS = {status.value: status for status in Status}


# From the least done to the most: a cell with two colours ("G/A") is read as the lower.
ORDER = [Status.RED, Status.AMBER, Status.GREEN, Status.BLUE]
KEY_ROW = re.compile(r"(?:category\s*)?([1-9])\s*[-–:=.)]?\s+(\D.*)", re.I)


def read_status(value, key=None):
    """(status, warning or None) for what a status cell says: the tracker's words ("Blue –
    embedded", "B", "Achieved", a tick), a number the sheet's own key explains (`key`: {1:
    status}), or two colours at once ("G/A"), read as the lower with a warning. ValueError for
    anything else, an empty cell included."""
    raw = text(value)
    if raw.strip() in STATUSES:  # a tick or a cross, which normalise() would take away
        return STATUSES[raw.strip()], None
    words = normalise(raw)
    if not words:
        raise ValueError("The status is empty. Give Blue, Green, Amber or Red.")
    if words in STATUSES:
        return STATUSES[words], None
    if words.isdigit() and key:
        if int(words) in key:
            return key[int(words)], None
        raise ValueError(
            f"“{raw}” is not in the sheet’s key, which explains "
            f"{', '.join(str(n) for n in sorted(key))}."
        )
    if words.isdigit():
        raise ValueError(
            f"“{raw}” is a number, and the sheet has no key saying what its numbers mean (such "
            "as a row “1 Fully achieved”). Use Blue, Green, Amber or Red instead."
        )
    parts = [STATUSES.get(part) or COLOURS.get(part) for part in words.split()]
    if len(parts) == 2 and all(parts) and parts[0] != parts[1]:
        lower = min(parts, key=ORDER.index)
        return lower, (
            f"“{raw}” gives two statuses: read as {lower.label}, the lower. Correct it in the "
            "admin if the action is further on."
        )
    first = words.split(" ", 1)[0]
    if first in COLOURS:  # "Green – complete, but not yet embedded", as the service says it
        return COLOURS[first], None
    raise ValueError(
        f"“{raw}” is not a status. Use Blue (or Embedded), Green (or Complete, Achieved), Amber "
        "(or Started, In progress, On track, Some progress) or Red (or Not started, Off track, "
        "No progress)."
    )


def hsv(rgb):
    """ "RRGGBB" as hue, saturation and value, each from 0 to 1."""
    return colorsys.rgb_to_hsv(*(int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4)))


def pale(rgb):
    """White, near-white or light grey: a cell coloured in that way says no status."""
    _, saturation, value = hsv(rgb)
    return saturation < 0.12 and value > 0.8


def status_of_colour(rgb):
    """The status a cell's fill colour ("RRGGBB") shows: the nearest of blue, green, amber and
    red by hue; None for white, grey, black or a colour far from all four (purple, pink)."""
    hue, saturation, value = hsv(rgb)
    if saturation < 0.12 or value < 0.35:
        return None
    degrees = hue * 360
    if degrees < 15 or degrees >= 340:
        return Status.RED
    if degrees < 65:
        return Status.AMBER  # orange, amber and yellow
    if degrees < 170:
        return Status.GREEN
    if degrees < 255:
        return Status.BLUE
    return None


def parse_status(value):
    """The status a cell's words mean, or ValueError (see read_status)."""
    return read_status(value)[0]


def status_key(rows):
    """{number: status} from a sheet's own key of its status numbers: rows such as "1 Fully
    achieved" or "1" beside "Fully achieved" (a key above the table or below it)."""
    key = {}
    for _, cells in rows:
        filled = [text(c) for c in cells if c is not None and text(c)]
        if len(dict.fromkeys(filled)) == 1:
            match = KEY_ROW.fullmatch(filled[0])
            number, words = (match[1], match[2]) if match else (None, None)
        elif len(dict.fromkeys(filled)) == 2 and filled[0].isdigit() and len(filled[0]) == 1:
            number, words = filled[0], filled[1]
        else:
            continue
        try:
            key[int(number)] = read_status(words)[0]
        except (ValueError, TypeError):
            continue
    return key


def split_list(value):
    """The names in a cell of several: "A; B", "A, B" or one a line."""
    return [part.strip() for part in re.split(r"[;\n]", text(value)) if part.strip()]
