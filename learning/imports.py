"""Import a partnership's training log: one row per learning session (its date, title, format,
themes, reviews, places and evaluation), one column per agency with how many it booked and how
many came. Used by the `import_learning` command and the admin's "Import sessions spreadsheet"
page.

As the dataset import does (dataset/imports.py): the file is read by spreadsheets.reading; every
problem is found and listed at once, with its sheet, row and column; any problem means nothing is
written; every write goes through learning.services with the note "Imported from <file>"; and a
file imported again writes nothing, not even a history record. A session is matched on its title
and date; a blank cell leaves what is recorded alone, except an agency's, which says the agency
had no places (as 0 does).
"""

import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from dates.written import parse_date
from reviews.imports.reading import Column
from reviews.imports.service import Change, Findings, Names, Problem, import_note
from reviews.models import Agency, Review, Theme
from spreadsheets.reading import HEADER_SEARCH_ROWS, Refused, normalise, read_file, text

from . import services
from .models import LearningSession, SessionAgency
from .vocabulary import CONFIDENCE_HIGHEST, CONFIDENCE_LOWEST, Format

CREATED, UPDATED, UNCHANGED, ERROR = "created", "updated", "unchanged", "error"

# Columns ----------------------------------------------------------------------------------------

# field: (how the import names the column, the headings training logs give it, normalised)
COLUMNS = {
    "date": ("Date", ["date", "session date", "date delivered", "delivered", "date of session",
                      "delivery date", "date held"]),
    "title": ("Session", ["session", "title", "course", "session title", "course title",
                          "session name", "course name", "training", "training session"]),
    "format": ("Format", ["format", "delivery", "type", "delivery method", "delivery type",
                          "session type", "mode"]),
    "themes": ("Themes", ["theme", "themes", "learning theme", "learning themes"]),
    "reviews": ("Reviews", ["review", "reviews", "learning from", "learning from reviews",
                            "review name", "reviews learning from"]),
    "places_offered": ("Places", ["places", "places offered", "capacity", "places available",
                                  "no of places", "number of places"]),
    "evaluation_responses": ("Evaluations", ["evaluations", "evaluation responses",
                                             "evaluations returned", "evaluations received",
                                             "no of evaluations", "evaluation"]),
    "evaluation_good_or_better": ("Good or better", ["good or better", "rated good or better",
                                                     "good or better responses",
                                                     "evaluated good or better"]),
    "confidence_before": ("Confidence before", ["confidence before", "average confidence before",
                                                "confidence pre", "pre confidence"]),
    "confidence_after": ("Confidence after", ["confidence after", "average confidence after",
                                              "confidence post", "post confidence"]),
    "follow_up_responses": ("Follow-up responses", ["follow up responses", "follow up",
                                                    "follow ups", "follow up returns"]),
    "follow_up_changed_practice": ("Changed practice", ["changed practice", "change in practice",
                                                        "changed practice responses",
                                                        "reported change in practice"]),
    "follow_up_recorded_on": ("Follow-up date", ["follow up date", "follow up recorded",
                                                 "follow up recorded on", "date of follow up"]),
    "follow_up_examples": ("Examples", ["examples", "examples of changed practice",
                                        "changes in practice", "impact examples"]),
    "notes": ("Notes", ["notes", "note", "comments", "comment"]),
    "total": ("Total", ["total", "totals", "total attended", "total attendance",
                        "attendance total", "grand total", "all agencies"]),
}  # fmt: skip
HEADERS = {heading: name for name, (_, headings) in COLUMNS.items() for heading in headings}

FORMATS = {
    Format.IN_PERSON: ["in person", "face to face", "f2f", "classroom", "in room", "venue"],
    Format.ONLINE: ["online", "virtual", "teams", "ms teams", "microsoft teams", "zoom",
                    "webinar", "online live", "live online"],
    Format.E_LEARNING: ["e learning", "elearning", "online module", "e learning module",
                        "self directed", "online course"],
    Format.BRIEFING: ["briefing", "7 minute briefing", "seven minute briefing", "lunch and learn",
                      "lunch learn", "7 min briefing"],
}  # fmt: skip
FORMAT_WORDS = {
    normalise(word): value
    for value, words in FORMATS.items()
    for word in [*words, value.label, value.value]
}

# Under an agency's heading merged across columns, the row below may name each.
SUB_HEADINGS = {
    "booked": "booked", "places booked": "booked", "bookings": "booked", "b": "booked",
    "attended": "attended", "attendance": "attended", "a": "attended", "came": "attended",
    "dna": "not_attended", "did not attend": "not_attended", "not attended": "not_attended",
    "no show": "not_attended", "no shows": "not_attended",
}  # fmt: skip
TOTAL_WORD = re.compile(r"\btotals?\b")
TOTAL_ROW_WORDS = {"total", "totals", "grand total", "all sessions", "total attendance"}
PLACES = ("booked", "attended", "not_attended")
NO_VALUE = {"", "n a", "na", "none", "nil", "tbc", "not known"}


def header_field(cell):
    return HEADERS.get(normalise(re.sub(r"\(.*?\)", " ", text(cell))))


@dataclass
class Layout:
    """A sheet's columns as read from its header row (and the row under it, if it names the
    booked, attended and did-not-attend columns of the agencies above)."""

    sheet: str
    row: int
    columns: dict = field(default_factory=dict)  # field -> Column
    agencies: dict = field(default_factory=dict)  # Agency -> {"single" or a PLACE: Column}
    totals: dict = field(default_factory=dict)  # "single" or a PLACE -> Column
    sub_header: int = 0

    def column(self, name):
        return self.columns.get(name)


def sub_header(cells, above=()):
    """{0-based column: "booked", "attended" or "not_attended"} when a row names only those
    (besides the headings above it merged down over it); None for any other row."""
    above = list(above) + [None] * max(0, len(cells) - len(above))
    words = {
        index: normalise(text(cell))
        for index, cell in enumerate(cells)
        if text(cell) and cell != above[index]
    }
    if words and all(word in SUB_HEADINGS for word in words.values()):
        return {index: SUB_HEADINGS[word] for index, word in words.items()}
    return None


def find_layout(sheet, agencies, problems, cautions):
    """The sheet's Layout: its header is the first of its first HEADER_SEARCH_ROWS rows naming
    the date and the session columns. None if there is none."""
    for position, (number, cells) in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        if {"date", "title"} <= {header_field(cell) for cell in cells}:
            below = sheet.rows[position + 1] if position + 1 < len(sheet.rows) else (0, [])
            return read_layout(sheet.title, number, cells, below, agencies, problems, cautions)
    return None


def read_layout(sheet, number, cells, below, agencies, problems, cautions):
    layout = Layout(sheet, number)
    subs = sub_header(below[1], cells)
    if subs:
        layout.sub_header = below[0]
    for index, cell in enumerate(cells):
        if cell is None:
            continue
        heading = text(cell)
        column = Column(index, heading)
        name = header_field(cell)
        agency, kind = (None, "") if name else agency_heading(heading, agencies)
        if not kind:
            kind = subs.get(index, "single") if subs else "single"
        if subs and (name == "total" or agency is not None) and index in subs:
            column = Column(index, f"{heading} {below[1][index]}")
        if name == "total":
            if kind in layout.totals:
                problem(problems, layout, column, f"{layout.totals[kind]} is already a total.")
            layout.totals[kind] = column
        elif name in layout.columns:
            problem(
                problems,
                layout,
                column,
                f"{layout.columns[name]} is already read as {COLUMNS[name][0]}: rename or "
                "delete one of the two.",
            )
        elif name:
            layout.columns[name] = column
        elif agency is not None:
            places = layout.agencies.setdefault(agency, {})
            if kind in places or (places and (kind == "single") != ("single" in places)):
                first = next(iter(places.values()))
                problem(
                    problems,
                    layout,
                    column,
                    f"{first} is already {agency.name}'s: each agency has one column (or one "
                    "Booked, Attended and DNA column each, under its name).",
                )
            else:
                places[kind] = column
        else:
            cautions.append(
                Problem(
                    f"{column} is neither a column the import reads nor an agency's name, so it "
                    "was ignored. If it is an agency, add the heading to the agency's other "
                    "names in the admin and import again.",
                    sheet,
                    number,
                )
            )
    for agency, places in layout.agencies.items():
        if (
            places
            and "single" not in places
            and "attended" not in places
            and ("booked" not in places or "not_attended" not in places)
        ):
            first = next(iter(places.values()))
            problem(
                problems,
                layout,
                first,
                f"{agency.name} has no Attended column: give Attended (or Booked and DNA).",
            )
    return layout


def agency_heading(heading, agencies):
    """(the agency a heading names, and "" or which of its places the heading is: "Police",
    "Police (attended)", "ICB booked", "CSC - DNA"); (None, "") for no agency's heading."""
    agency = agencies.get(heading) or agencies.get(re.sub(r"\(.*?\)", " ", heading))
    if agency is not None:
        return agency, ""
    words = normalise(heading)
    for sub in sorted(SUB_HEADINGS, key=len, reverse=True):
        if len(sub) > 1 and words.endswith(f" {sub}"):
            agency = agencies.get(words.removesuffix(f" {sub}"))
            if agency is not None:
                return agency, SUB_HEADINGS[sub]
    return None, ""


def problem(problems, layout, column, message):
    problems.append(Problem(message, layout.sheet, layout.row, str(column)))


# Values -----------------------------------------------------------------------------------------

COUNT = re.compile(r"\d{1,6}")
BOOKED_ATTENDED = re.compile(r"(\d{1,6})\s*/\s*(\d{1,6})")
ATTENDED_OF_BOOKED = re.compile(r"(\d{1,6})\s*(?:of|out of)\s*(\d{1,6})", re.I)
PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*%")


def is_blank(value):
    return normalise(text(value)) in NO_VALUE


def read_count(value):
    """A whole number of people from a cell ("12", 12, 12.0); None for a blank; ValueError for
    anything else."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        if value < 0 or value != int(value):
            raise ValueError(value)
        return int(value)
    raw = text(value).replace(",", "")
    if not COUNT.fullmatch(raw):
        raise ValueError(value)
    return int(raw)


def read_places(value):
    """(booked, attended, not attended) from one agency cell: "10" (10 came, 10 booked),
    "12/10" (12 booked, 10 came), "10 of 12" (10 of the 12 booked came); None for a blank or
    0; ValueError for anything else."""
    if is_blank(value) or text(value) in ("0", "-", "–"):
        return None
    raw = text(value)
    if match := BOOKED_ATTENDED.fullmatch(raw):
        booked, attended = int(match[1]), int(match[2])
    elif match := ATTENDED_OF_BOOKED.fullmatch(raw):
        attended, booked = int(match[1]), int(match[2])
    else:
        attended = read_count(value)
        booked = attended
    if booked == 0 and attended == 0:
        return None
    return booked, attended, max(booked - attended, 0)


def read_confidence(value):
    if is_blank(value):
        return None
    try:
        number = Decimal(text(value))
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite() or not CONFIDENCE_LOWEST <= number <= CONFIDENCE_HIGHEST:
        raise ValueError(value)
    return number.quantize(Decimal("0.1"), ROUND_HALF_UP)


def good_or_better(value, responses):
    """The count of responses rating the session good or better, from a count or a percentage
    of `responses` ("83%" of 12 is 10, as 10 of 12 is 83% to the figures written); ValueError
    with the reason when it is neither."""
    raw = text(value)
    match = PERCENT.fullmatch(raw)
    if not match:
        try:
            return read_count(value)
        except ValueError:
            raise ValueError(
                f"“{raw}” is not a number of responses or a percentage (“10” or “83%”)."
            ) from None
    if responses is None:
        raise ValueError(
            f"“{raw}” is a percentage, but there is no number of evaluation responses for it "
            "to be a share of: give the Evaluations too, or the count."
        )
    percent = Decimal(match[1])
    places = -percent.as_tuple().exponent if "." in match[1] else 0
    step = Decimal(1).scaleb(-places)
    for count in range(responses + 1):
        share = (Decimal(count) * 100 / responses) if responses else Decimal(0)
        if share.quantize(step, ROUND_HALF_UP) == percent:
            return count
    exact = percent * responses / 100
    raise ValueError(
        f"{raw} of {responses} responses is {exact.normalize():f}, not a whole number of "
        "responses: give the count instead, or check the percentage."
    )


def read_day(value, what):
    """A date as written ("3rd March 2025", "03/03/2025", an Excel date); ValueError saying
    why for anything that is not one day."""
    try:
        day, warning = parse_date(value)
    except ValueError as error:  # its first sentence: the rest offers months and quarters
        said = str(error).split(" Use ", 1)[0]
        raise ValueError(f"{said} Write the {what} as a date, such as 3 March 2025.") from None
    raw = text(value)
    whole_day = not isinstance(value, str) or re.search(r"(?<!\d)\d{1,2}(?!\d)", raw)
    if day is None or warning or not whole_day:
        raise ValueError(
            f"“{raw}” is not one day: write the {what} as a date, such as 3 March 2025."
        )
    return day


def split_names(value):
    """The names in a cell of several: "A; B", "A, B" or one a line."""
    return [part.strip() for part in re.split(r"[;\n]", text(value)) if part.strip()]


# What an import found ---------------------------------------------------------------------------


@dataclass
class SessionResult:
    """One row of the file: a session, and what importing it does."""

    sheet: str
    row: int
    title: str
    date: object = None
    outcome: str = ""
    changes: list[Change] = field(default_factory=list)
    places_added: int = 0
    places_changed: int = 0
    places_removed: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def name(self):
        return f"{self.title} ({self.date:%-d %B %Y})" if self.date else self.title


@dataclass
class LearningImportResult(Findings):
    file_name: str
    dry_run: bool = False
    written: bool = False
    rows: list[SessionResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the file's or a sheet's
    cautions: list[Problem] = field(default_factory=list)  # the file's or a sheet's warnings
    notices: list[str] = field(default_factory=list)  # how the file was read

    @property
    def warnings(self):
        return self.cautions + super().warnings

    @property
    def counts(self):
        counts = dict.fromkeys((CREATED, UPDATED, UNCHANGED, ERROR), 0)
        for row in self.rows:
            counts[row.outcome] += 1
        for key in ("places_added", "places_changed", "places_removed"):
            counts[key] = sum(getattr(row, key) for row in self.rows)
        return counts

    @property
    def changes_anything(self):
        counts = self.counts
        return any(counts[key] for key in (CREATED, UPDATED))

    @property
    def rows_to_show(self):
        """The rows that change something or have a problem or a warning."""
        return [row for row in self.rows if row.outcome != UNCHANGED or row.warnings]

    @property
    def unchanged_sessions(self):
        return [row.name for row in self.rows if row.outcome == UNCHANGED]

    def summary(self):
        counts = self.counts
        if self.ok and not self.changes_anything:
            return f"No changes: every session in {self.file_name} matches what is recorded."
        return (
            f"{counts[CREATED]} sessions created, {counts[UPDATED]} updated, "
            f"{counts[UNCHANGED]} unchanged; agencies' places: {counts['places_added']} added, "
            f"{counts['places_changed']} changed, {counts['places_removed']} removed; "
            f"{counts_of(self.warnings, 'warning')}, {counts_of(self.errors, 'error')}."
        )


def counts_of(items, noun):
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


# Reading the rows -------------------------------------------------------------------------------


@dataclass
class Row:
    """A row as read: the session's fields it gives (a field absent is left as it is), its
    themes and reviews (None: left as they are) and each agency's places (None: none)."""

    result: SessionResult
    layout: Layout
    fields: dict = field(default_factory=dict)
    themes: list | None = None
    reviews: list | None = None
    places: dict = field(default_factory=dict)  # Agency -> (booked, attended, not attended)

    def error(self, name_or_column, message):
        self.result.errors.append(self.problem(name_or_column, message))

    def warn(self, name_or_column, message):
        self.result.warnings.append(self.problem(name_or_column, message))

    def problem(self, name_or_column, message):
        column = name_or_column
        if isinstance(name_or_column, str):
            column = self.layout.columns.get(name_or_column)
            if column is None and name_or_column in COLUMNS:
                column = f"{COLUMNS[name_or_column][0]} (no such column)"
        return Problem(message, self.result.sheet, self.result.row, str(column or ""))


def cell(cells, column):
    return cells[column.index] if column is not None and column.index < len(cells) else None


def is_section(cells):
    """A title, section or note row ("Quarter 1", "April 2025"): one text, in one cell or
    repeated across a merge."""
    return len({text(c) for c in cells if c is not None}) == 1


class Reader:
    def __init__(self, result):
        self.result = result
        self.agencies = Names(Agency.objects.all(), "names")
        self.themes = Names(Theme.objects.all(), "name", "slug")
        self.reviews = Names(Review.objects.all(), "name", "slug")
        self.today = timezone.localdate()

    def read(self, sheets):
        result, rows = self.result, []
        for sheet in sheets:
            where = f"Sheet “{sheet.title}”" if sheet.title else "The file"
            if sheet.hidden:
                result.notices.append(f"{where} is hidden, and was not read.")
                continue
            layout = find_layout(sheet, self.agencies, result.problems, result.cautions)
            if layout is None:
                if any(cells for _, cells in sheet.rows):
                    result.notices.append(
                        f"{where} has no header row with Date and Session columns in its first "
                        f"{HEADER_SEARCH_ROWS} rows, and was not read."
                    )
                continue
            self.describe(layout)
            rows += self.read_rows(sheet, layout)
        if not rows and not result.problems:
            raise Refused(
                f"No sessions were found in {result.file_name}: it needs a header row with Date "
                "and Session columns (and Format, Places, a column for each agency and so on), "
                "with a row for each session under it."
            )
        check_duplicates(rows)
        return rows

    def describe(self, layout):
        where = f"Sheet “{layout.sheet}”, row" if layout.sheet else "Row"
        names = ", ".join(agency.name for agency in layout.agencies) or "none"
        self.result.notices.append(
            f"{where} {layout.row} is the header. Agencies' columns: {names}."
        )
        if layout.sub_header:
            self.result.notices.append(
                f"{where} {layout.sub_header} names each agency's Booked, Attended and DNA columns."
            )
        if layout.totals:
            self.result.notices.append(
                "The Total column is checked against the agencies' sum, and not imported."
            )

    def read_rows(self, sheet, layout):
        rows, header, sheet_header = [], None, []
        uncalculated = {}
        for number, index in sheet.uncalculated:
            uncalculated.setdefault(number, []).append(index)
        where = f"Sheet “{layout.sheet}”, row" if layout.sheet else "Row"
        for number, cells in sheet.rows:
            if number <= max(layout.row, layout.sub_header):
                if number == layout.row:
                    header = [normalise(text(c)) for c in cells]
                    sheet_header = cells
                continue
            if not cells:
                continue
            shown = " ".join(f"“{text(c)}”" for c in dict.fromkeys(cells) if c is not None)
            if [normalise(text(c)) for c in cells] == header:
                continue  # the header again, as a long log printed in pages repeats it
            if layout.sub_header and sub_header(cells, sheet_header):
                continue  # its sub-header again
            first = normalise(next((text(c) for c in cells if c is not None), ""))
            day = cell(cells, layout.column("date"))
            # "Total", or a quarter's "Q1 total" with no date of its own.
            if first in TOTAL_ROW_WORDS or (
                TOTAL_WORD.search(first)
                and (is_blank(day) or TOTAL_WORD.search(normalise(text(day))))
            ):
                self.result.notices.append(
                    f"{where} {number} ({shown}) is a totals row: skipped, as the totals are "
                    "worked out from the sessions."
                )
                continue
            title = cell(cells, layout.column("title"))
            if is_section(cells) or (title is None and day is None):
                self.result.notices.append(
                    f"{where} {number} ({shown}) has no session in it: read as a heading or a "
                    "note, not a session."
                )
                continue
            row = self.read_row(layout, number, cells)
            for index in sorted(uncalculated.get(number, ())):
                row.warn(
                    Column(index, text(sheet_header[index]) if index < len(sheet_header) else ""),
                    "The cell holds a formula Excel has not worked out, so it was read as "
                    "blank: open the file in Excel, save it and import it again.",
                )
            if number in sheet.hidden_rows:
                row.warn("", "The row is hidden in the workbook: imported all the same.")
            rows.append(row)
        return rows

    def read_row(self, layout, number, cells):
        columns = layout.columns
        title = " ".join(text(cell(cells, columns["title"])).split())
        row = Row(SessionResult(layout.sheet, number, title), layout)
        if not title:
            row.error("title", "There is no session title: each session needs its title.")
        elif len(title) > LearningSession._meta.get_field("title").max_length:
            row.error("title", "The title is longer than 200 characters.")
        else:
            row.fields["title"] = title
        try:
            row.result.date = read_day(cell(cells, columns["date"]), "session's date")
        except ValueError as error:
            if cell(cells, columns["date"]) is None:
                row.error("date", "There is no date: each session needs the day it was held.")
            else:
                row.error("date", str(error))
        else:
            row.fields["date"] = row.result.date
        self.read_format(row, cells)
        row.themes = self.read_names(row, cells, "themes", self.themes, "theme")
        row.reviews = self.read_names(row, cells, "reviews", self.reviews, "review")
        for key in (
            "places_offered",
            "evaluation_responses",
            "follow_up_responses",
            "follow_up_changed_practice",
        ):
            value = cell(cells, columns.get(key))
            try:
                count = read_count(value)
            except ValueError:
                row.error(key, f"“{text(value)}” is not a whole number.")
            else:
                if count is not None:
                    row.fields[key] = count
        value = cell(cells, columns.get("evaluation_good_or_better"))
        if not is_blank(value):
            try:
                responses = row.fields.get("evaluation_responses")
                row.fields["evaluation_good_or_better"] = good_or_better(value, responses)
            except ValueError as error:
                row.error("evaluation_good_or_better", str(error))
        for key in ("confidence_before", "confidence_after"):
            value = cell(cells, columns.get(key))
            try:
                confidence = read_confidence(value)
            except ValueError:
                row.error(
                    key,
                    f"“{text(value)}” is not a confidence from {CONFIDENCE_LOWEST} to "
                    f"{CONFIDENCE_HIGHEST} (one decimal place, such as 3.4).",
                )
            else:
                if confidence is not None:
                    row.fields[key] = confidence
        value = cell(cells, columns.get("follow_up_recorded_on"))
        if not is_blank(value):
            try:
                row.fields["follow_up_recorded_on"] = read_day(value, "follow-up's date")
            except ValueError as error:
                row.error("follow_up_recorded_on", str(error))
        for key in ("follow_up_examples", "notes"):
            if value := text(cell(cells, columns.get(key))):
                row.fields[key] = value
        self.read_places(row, cells)
        return row

    def read_format(self, row, cells):
        value = cell(cells, row.layout.column("format"))
        if is_blank(value):
            return
        found = FORMAT_WORDS.get(normalise(re.sub(r"\(.*?\)", " ", text(value))))
        if found is None:
            row.error(
                "format",
                f"“{text(value)}” is not a format. Use one of: in person (or face to face), "
                "online (or virtual, Teams, Zoom), e-learning, briefing (or 7 minute briefing).",
            )
        else:
            row.fields["format"] = found

    def read_names(self, row, cells, key, names, noun):
        """The objects a cell of several names finds, each once; None for a blank cell or,
        with the row's error naming the unknown ones and the known ones, any unknown."""
        value = cell(cells, row.layout.column(key))
        if is_blank(value):
            return None
        found, unknown = [], []
        for part in split_names(value):
            obj = names.get(part)
            if obj is None and "," in part:
                each = [names.get(p) for p in part.split(",") if p.strip()]
                if all(each):
                    found += each
                    continue
            if obj is None:
                unknown.append(part)
            else:
                found.append(obj)
        if unknown:
            listed = ", ".join(f"“{u}”" for u in unknown)
            known = "; ".join(str(obj) for obj in names.objects) or "none yet"
            row.error(
                key,
                f"There is no {noun} called {listed}. Use one or more of: {known}, separated by "
                "semicolons.",
            )
            return None
        return list(dict.fromkeys(found))

    def read_places(self, row, cells):
        layout = row.layout
        for agency, columns in layout.agencies.items():
            if "single" in columns:
                column = columns["single"]
                value = cell(cells, column)
                try:
                    places = read_places(value)
                except ValueError:
                    row.error(
                        column,
                        f"“{text(value)}” is not the number who attended: write it (“10”), or "
                        "booked and attended (“12/10” or “10 of 12”), or leave it blank.",
                    )
                    continue
            else:
                places = self.sub_places(row, cells, columns)
                if places is False:
                    continue
                column = columns.get("attended") or next(iter(columns.values()))
            if places is not None and places[1] > places[0]:
                row.error(
                    column,
                    f"{places[1]} attended but {places[0]} booked: more came than booked. Write "
                    "booked first (“12/10”), or correct the figures.",
                )
                continue
            row.places[agency] = places
        attended = sum(p[1] for p in row.places.values() if p)
        if attended and row.result.date and row.result.date > self.today:
            row.error(
                "date",
                f"The session is on {row.result.date:%-d %B %Y}, in the future, but the file "
                f"says {attended} attended: check the date.",
            )
        self.check_totals(row, cells)

    def sub_places(self, row, cells, columns):
        """(booked, attended, not attended) from an agency's Booked, Attended and DNA columns;
        None for none; False (with the row's error) for a cell that is not a number."""
        counts = {}
        for kind, column in columns.items():
            value = cell(cells, column)
            try:
                counts[kind] = read_count(value)
            except ValueError:
                row.error(column, f"“{text(value)}” is not a whole number.")
                return False
        booked, attended, dna = (counts.get(kind) for kind in PLACES)
        if attended is None and booked is not None and dna is not None:
            attended = max(booked - dna, 0)
        if (
            dna is None
            and booked is not None
            and attended is not None
            and "not_attended" not in (columns)
        ):  # as "12/10" is read: those booked who did not come
            dna = max(booked - attended, 0)
        attended, dna = attended or 0, dna or 0
        if booked is None:
            booked = attended + dna
        if not (booked or attended or dna):
            return None
        if attended + dna > booked:
            row.error(
                columns.get("booked") or next(iter(columns.values())),
                f"{attended} attended and {dna} did not attend, more than the {booked} booked.",
            )
            return False
        return booked, attended, dna

    def check_totals(self, row, cells):
        for kind, column in row.layout.totals.items():
            value = cell(cells, column)
            try:
                total = read_count(value)
            except ValueError:
                row.warn(column, f"“{text(value)}” is not a number: the total was not checked.")
                continue
            if total is None:
                continue
            index = {"single": 1, "booked": 0, "attended": 1, "not_attended": 2}[kind]
            summed = sum(p[index] for p in row.places.values() if p)
            if summed != total:
                words = {0: "booked", 1: "attended", 2: "did not attend"}[index]
                row.warn(
                    column,
                    f"The total says {total} {words}, but the agencies' columns add up to "
                    f"{summed}: the agencies' figures are imported, not the total.",
                )


def check_duplicates(rows):
    seen = {}
    for row in rows:
        result = row.result
        if not result.title or not result.date:
            continue
        key = (normalise(result.title), result.date)
        if key in seen:
            first = seen[key].result
            where = f"row {first.row}" + (
                f" of sheet “{first.sheet}”" if first.sheet != result.sheet else ""
            )
            row.error(
                "title",
                f"{result.name} is already on {where}: each session is one row (a session "
                "is known by its title and date).",
            )
        else:
            seen[key] = row


# Importing --------------------------------------------------------------------------------------


def learning_import(
    *, data: bytes, file_name: str, user=None, dry_run=False, at=None, note=None
) -> LearningImportResult:
    """Read a sessions spreadsheet and bring its sessions and agencies' places in, each change
    through learning.services with the note "Imported from <file name>" (or `note`). With
    `dry_run`, or if anything is wrong, nothing is written and the result says what would have
    happened. Raises Refused for a file that cannot be read at all."""
    sheets = read_file(data, file_name)
    result = LearningImportResult(file_name=file_name, dry_run=dry_run)
    rows = Reader(result).read(sheets)
    writer = Writer(result, user=user, at=at, note=note or import_note(file_name))
    with transaction.atomic():
        writer.write(rows)
        if dry_run or not result.ok:
            transaction.set_rollback(True)
        else:
            result.written = True
    return result


# Where a model's error about a field is shown: that field's column.
FIELD_COLUMNS = {"slug": "title"}


class Writer:
    def __init__(self, result, *, user, at, note):
        self.result, self.user, self.at, self.note = result, user, at, note

    def write(self, rows):
        """Each row's session and places saved (in a preview too: the transaction is rolled
        back, so that every rule is checked as the services check it)."""
        titles = {normalise(row.result.title) for row in rows}
        known = {}
        sessions = LearningSession.objects.prefetch_related("themes", "reviews", "agencies")
        for session in sessions.filter(date__in={row.result.date for row in rows}):
            if normalise(session.title) in titles:
                known.setdefault((normalise(session.title), session.date), session)
        for row in rows:
            self.result.rows.append(row.result)
            if not row.result.errors:
                key = (normalise(row.result.title), row.result.date)
                self.save_row(row, known.get(key))
            if row.result.errors:
                row.result.outcome = ERROR

    def save_row(self, row, session):
        result = row.result
        created = session is None
        if created:
            session = LearningSession()
            existing = {}
        else:
            existing = {place.agency_id: place for place in session.agencies.all()}
        for name, value in row.fields.items():
            before = getattr(session, name)
            if same(before, value):
                continue
            setattr(session, name, value)
            if not created:
                result.changes.append(Change(label(name), shown(name, before), shown(name, value)))
        themes = self.links(row, session, "themes", row.themes, created)
        reviews = self.links(row, session, "reviews", row.reviews, created)
        session_changed = created or bool(result.changes)
        saved, deleted = self.places(row, existing)
        # The attendance as it will stand, which the session's responses are checked against.
        final = {pk: place.attended for pk, place in existing.items()}
        final.update({place.agency.pk: place.attended for place in saved})
        attended = sum(n for pk, n in final.items() if pk not in {p.agency_id for p in deleted})
        if not session_changed and not saved and not deleted:
            result.outcome = UNCHANGED
            return
        result.outcome = CREATED if created else UPDATED
        if created:
            result.changes.insert(0, Change("New session", "", describe(session)))
        try:
            if session_changed:
                services.session_save(
                    session,
                    themes=themes,
                    reviews=reviews,
                    user=self.user,
                    note=self.note,
                    at=self.at,
                    attended=attended,
                )
            if saved or deleted:
                services.session_agencies_save(
                    session, saved, deleted=deleted, user=self.user, note=self.note, at=self.at
                )
        except ValidationError as error:
            self.refused(row, error)
        except IntegrityError as error:
            row.error("", f"The database refused this row ({error}).")

    def links(self, row, session, name, wanted, created):
        """The themes or reviews to set, if the file gives them and they differ; else None."""
        if wanted is None:
            return None
        before = [] if created else list(getattr(session, name).all())
        if {obj.pk for obj in before} == {obj.pk for obj in wanted}:
            return None
        row.result.changes.append(
            Change(label(name), "; ".join(map(str, before)), "; ".join(map(str, wanted)))
        )
        return wanted

    def places(self, row, existing):
        """The agencies' rows to save (new or changed) and to delete, as the file gives them."""
        result, saved, deleted = row.result, [], []
        for agency, places in row.places.items():
            place = existing.get(agency.pk)
            if places is None:
                if place is not None:
                    deleted.append(place)
                    result.places_removed += 1
                    result.changes.append(Change(agency.name, places_text(place), "none"))
                continue
            booked, attended, dna = places
            if place is None:
                place = SessionAgency(agency=agency)
                result.places_added += 1
                result.changes.append(Change(agency.name, "", places_text(None, places)))
            elif (place.booked, place.attended, place.not_attended) == places:
                continue
            else:
                result.places_changed += 1
                result.changes.append(
                    Change(agency.name, places_text(place), places_text(None, places))
                )
                place = SessionAgency(
                    pk=place.pk, session_id=place.session_id, agency=agency
                )  # a fresh copy: the session's prefetched row stays as it was, to compare
            place.booked, place.attended, place.not_attended = booked, attended, dna
            saved.append(place)
        return saved, deleted

    def refused(self, row, error):
        errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        for name, messages in errors.items():
            name = "" if name == NON_FIELD_ERRORS else FIELD_COLUMNS.get(name, name)
            for message in messages:
                row.error(name, message)


def places_text(place, places=None):
    booked, attended, dna = places or (place.booked, place.attended, place.not_attended)
    words = f"{booked} booked, {attended} attended"
    return f"{words}, {dna} did not attend" if dna else words


def describe(session):
    parts = [f"{session.title}, {session.date:%-d %B %Y}", session.get_format_display()]
    if session.places_offered:
        parts.append(f"{session.places_offered} places")
    return "; ".join(parts)


def same(before, after):
    if before in (None, "") or after in (None, ""):
        return before in (None, "") and after in (None, "")
    return before == after


def label(name):
    if name in COLUMNS:
        return COLUMNS[name][0]
    return LearningSession._meta.get_field(name).verbose_name.capitalize()


def shown(name, value):
    if value is None:
        return ""
    if name == "format" and value in Format.values:
        return Format(value).label
    if hasattr(value, "strftime"):
        return f"{value:%-d %B %Y}"
    if isinstance(value, float) and math.isfinite(value):
        return f"{value:g}"
    return str(value)
