"""Reading a tracker's rows: the header row under the title rows, the columns trackers use, and
the status words and dates they write. The files themselves are read by spreadsheets.reading."""

import calendar
import datetime
import re
from dataclasses import dataclass

from spreadsheets.reading import HEADER_SEARCH_ROWS, text

from ..models import Status

# Columns ----------------------------------------------------------------------------------------


def normalise(text):
    """Lower case, punctuation and extra spaces gone: how headers and names are compared."""
    text = re.sub(r"\(s\)", "s", str(text).casefold())  # "Theme(s)" is "Themes"
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


# field: (the label used in messages, the headers trackers use for it)
COLUMNS = {
    "review": ("Review", ["review", "review name", "case", "review pseudonym"]),
    "reference": (
        "Reference",
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
        "Recommendation",
        ["recommendation", "recommendations", "recommendation text", "learning"],
    ),
    "description": (
        "Action",
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
        "Lead agency",
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
    "lead_officer_role": (
        "Lead officer",
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
        "Target date",
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
        "Reason for date change",
        [
            "reason for date change",
            "reason for change",
            "date change reason",
            "reason for change of date",
        ],
    ),  # fmt: skip
    "status": (
        "Status",
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
        "Progress",
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
        "Evidence",
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
    "themes": ("Themes", ["themes", "theme", "learning themes", "learning theme"]),
    "completed_on": (
        "Date completed",
        ["date completed", "completed on", "completion date", "completed", "date complete"],
    ),
    "embedded_on": ("Date embedded", ["date embedded", "embedded on"]),
}
HEADERS = {normalise(h): field for field, (_, headers) in COLUMNS.items() for h in headers}
# Columns of the service's own export that are worked out from the others: read past quietly.
DERIVED = {"original target date", "overdue", "last updated"}
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


STATUS_WORDS = {
    Status.BLUE: ["blue", "b", "embedded"],
    Status.GREEN: ["green", "g", "complete", "completed"],
    Status.AMBER: ["amber", "a", "started", "in progress", "on track"],
    Status.RED: ["red", "r", "not started", "off track", "overdue"],
}
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
    if first in COLOURS:  # "Green – complete, not yet embedded", as the service labels them
        return COLOURS[first]
    raise ValueError(
        f"“{text(value)}” is not a status. Use Blue (or Embedded), Green (or Complete), Amber "
        "(or Started, In progress, On track) or Red (or Not started, Off track, Overdue)."
    )


NO_DATE_WORDS = {"ongoing", "immediate", "immediately", "tbc", "tba", "to be confirmed", "n a"}
MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
DATE_FORMS = (
    "a date such as 31/03/2026 or 31 March 2026, a month (March 2026), a quarter of the "
    "financial year (Q3 2025/26) or a financial year (2025/26)"
)

DAY_FIRST = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})")
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?[ \-]([a-z]+)[ \-,]+(\d{4})")
MONTH_DAY_YEAR = re.compile(r"([a-z]+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")
MONTH_YEAR = re.compile(r"([a-z]+)[ \-,]+(\d{4}|\d{2})")
FINANCIAL_YEAR = r"(\d{4})\s*[/\-]\s*(\d{2}|\d{4})"
QUARTER = re.compile(rf"(?:q|quarter\s*)([1-4])\s*(?:of\s*)?{FINANCIAL_YEAR}")
QUARTER_AFTER = re.compile(rf"{FINANCIAL_YEAR}\s*(?:q|quarter\s*)([1-4])")
YEAR = re.compile(FINANCIAL_YEAR)


def parse_date(value):
    """(date or None, warning or None) for a cell of dates as trackers write them, or ValueError.

    A month means the end of that month; a quarter, the end of that quarter of the financial year
    (Q1 is April to June); a financial year, its 31 March. "Ongoing", "Immediate" and "TBC" mean no
    date, with a warning."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20_000 <= value <= 80_000:  # a date Excel kept as a plain number (1954 to 2119)
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date(), None
        raise ValueError(f"“{text(value)}” is not a date. Use {DATE_FORMS}.")
    raw = text(value)
    words = " ".join(raw.casefold().split())
    if not words:
        return None, None
    if normalise(words) in NO_DATE_WORDS:
        return None, f"“{raw}” is not a date, so this action will have no target date."
    try:
        day = match_date(words)
    except (ValueError, OverflowError):
        raise ValueError(f"“{raw}” is not a real date. Use {DATE_FORMS}.") from None
    if day is None:
        raise ValueError(f"“{raw}” is not a date that can be read. Use {DATE_FORMS}.")
    return day, None


def match_date(words):
    if m := DAY_FIRST.fullmatch(words):
        day, month, year = (int(g) for g in m.groups())
        return datetime.date(full_year(year), month, day)
    if m := ISO.fullmatch(words):
        return datetime.date(*(int(g) for g in m.groups()))
    if (m := DAY_MONTH_YEAR.fullmatch(words)) and m[2] in MONTHS:
        return datetime.date(int(m[3]), MONTHS[m[2]], int(m[1]))
    if (m := MONTH_DAY_YEAR.fullmatch(words)) and m[1] in MONTHS:
        return datetime.date(int(m[3]), MONTHS[m[1]], int(m[2]))
    if (m := MONTH_YEAR.fullmatch(words)) and m[1] in MONTHS:
        if len(m[2]) == 2 and "-" not in words:
            return None  # "March 26" could be a day without a year
        return month_end(full_year(int(m[2])), MONTHS[m[1]])
    if (m := QUARTER.fullmatch(words)) or (m := QUARTER_AFTER.fullmatch(words)):
        quarter, start, end = (m[1], m[2], m[3]) if m.re is QUARTER else (m[3], m[1], m[2])
        first = financial_year_start(start, end)
        # Q1 ends in June of the first year, Q2 September, Q3 December, Q4 March of the next.
        month = int(quarter) * 3 + 3
        return month_end(first + (month > 12), (month - 1) % 12 + 1)
    if m := YEAR.fullmatch(words):
        return datetime.date(financial_year_start(m[1], m[2]) + 1, 3, 31)
    return None


def full_year(year):
    return 2000 + year if year < 100 else year


def financial_year_start(start, end):
    """The first calendar year of "2025/26" (or "2025/2026"); ValueError for "2025/27"."""
    first, second = int(start), int(end)
    if second != (first + 1) % (100 if len(end) == 2 else 10_000):
        raise ValueError("not one financial year")
    return first


def month_end(year, month):
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def split_list(value):
    """The names in a cell of several: "A; B", "A, B" or one a line."""
    return [part.strip() for part in re.split(r"[;\n]", text(value)) if part.strip()]
