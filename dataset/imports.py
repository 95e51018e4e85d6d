"""Import the partnership dataset spreadsheet: one row per indicator (reference, name, unit,
which way is good, target, tolerance), one column per period, and the comparators and commentary
for the latest period. Used by the `import_dataset` command and the admin's "Import dataset
spreadsheet" page.

As the tracker import does (reviews/imports): the file is read by spreadsheets.reading; every
problem is found and listed at once, with its row and column; any problem means nothing is
written; every write goes through dataset.services with the note "Imported from <file>"; and a
file imported again writes nothing, not even a history record.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from reviews.imports.reading import Column
from reviews.imports.service import Change, Findings, Names, Problem, import_note
from reviews.models import Agency
from spreadsheets.reading import HEADER_SEARCH_ROWS, Refused, normalise, read_file, text

from . import services
from .formatting import figure_text, plain
from .models import FIGURE, Figure, Indicator
from .periods import parse_period
from .vocabulary import Frequency, PeriodKind, Polarity, Unit

CREATED, UPDATED, UNCHANGED, ERROR = "created", "updated", "unchanged", "error"

# Columns ----------------------------------------------------------------------------------------

# field: (how the import names the column, the headings datasets give it, normalised)
COLUMNS = {
    "reference": ("Ref", ["ref", "reference", "kpi ref", "no", "ref no", "kpi no",
                          "indicator ref", "indicator reference", "indicator no", "pi ref", "id"]),
    "name": ("Indicator", ["indicator", "measure", "kpi", "indicator name", "measure name",
                           "performance indicator", "kpi description", "indicator description"]),
    "unit": ("Unit", ["unit", "units", "unit of measure", "measure type", "format"]),
    "polarity": ("Good is", ["good is", "polarity", "good performance is", "good performance",
                             "is good", "better is", "good"]),
    "target": ("Target", ["target", "targets", "target value"]),
    "tolerance": ("Tolerance", ["tolerance", "tolerances", "tolerance value"]),
    "definition": ("Definition", ["definition", "indicator definition", "how it is counted"]),
    # Not "data source", which names a case system ("Mosaic") more often than an agency.
    "source_agency": ("Source", ["source", "agency", "source agency", "lead agency",
                                 "data owner agency"]),
    "england": ("England", ["england", "england average", "national", "national average"]),
    "statistical_neighbours": (
        "Statistical neighbours",
        ["statistical neighbours", "statistical neighbour", "stat neighbours", "stat neighbour",
         "sn", "sn average", "statistical neighbours average", "stat neighbours average"],
    ),
    "region": ("Region", ["region", "regional", "regional average", "region average"]),
    "commentary": ("Commentary", ["commentary", "comments", "comment", "narrative"]),
    "corrective_action": ("Corrective action", ["corrective action", "corrective actions",
                                                "remedial action", "actions to improve"]),
}  # fmt: skip
HEADERS = {heading: name for name, (_, headings) in COLUMNS.items() for heading in headings}
# A heading that starts so is that column whatever follows ("Target 2025/26").
HEADER_STARTS = {"target": "target", "tolerance": "tolerance", "commentary": "commentary"}
# Worked out from the figures, never read: the rating and the direction of travel.
DERIVED_STARTS = {"rag", "brag", "dot", "direction", "trend", "rating", "rated", "arrow"}
COMPARATORS = ("england", "statistical_neighbours", "region")

UNITS = {
    Unit.PERCENTAGE: ["percentage", "percent", "per cent", "pct", "%", "proportion"],
    Unit.NUMBER: ["number", "no", "count", "n", "#", "total", "numbers"],
    Unit.RATE: ["rate", "rate per 10000", "per 10000", "rate per 10000 children",
                "per 10000 children", "rate per 10k", "per 10k", "rate per 10k children"],
    Unit.DAYS: ["days", "day", "average days", "working days", "number of days", "avg days",
                "mean days", "average number of days"],
}  # fmt: skip
POLARITIES = {
    Polarity.HIGHER: ["higher", "high", "higher is better", "high is good", "higher is good",
                      "higher better", "bigger is better", "up", "increase", "↑", "maximise"],
    Polarity.LOWER: ["lower", "low", "lower is better", "low is good", "lower is good",
                     "lower better", "smaller is better", "down", "decrease", "↓", "minimise"],
    Polarity.RANGE: ["within range", "range", "within a range", "in range", "within",
                     "between", "within target range", "within the range"],
    Polarity.CONTEXT: ["context", "context only", "contextual", "none", "n a", "not applicable",
                       "no polarity"],
}  # fmt: skip


def words_of(value):
    """How a heading or word cell is compared: bracketed asides gone ("Target (%)"), normalised,
    a number's thousands joined ("10,000" is "10000")."""
    raw = re.sub(r"\(.*?\)", " ", text(value))
    return re.sub(r"(?<=\d) (?=\d{3}\b)", "", normalise(raw))


def vocabulary(choices):
    words = {}
    for value, synonyms in choices.items():
        for word in [*synonyms, value.label, value.value]:
            words[word if word in ("%", "#", "↑", "↓") else words_of(word)] = value
    return words


UNIT_WORDS = vocabulary(UNITS)
POLARITY_WORDS = vocabulary(POLARITIES)


def look_up(value, words):
    raw = text(value)
    return words.get(raw) or words.get(words_of(raw))


@dataclass
class Layout:
    """A sheet's columns as read from its header row."""

    sheet: str
    row: int  # the header row's number
    columns: dict  # field -> Column
    periods: list  # [(Period, Column)], in the sheet's order
    derived: list = field(default_factory=list)  # Columns ignored: ratings, directions
    unread: list = field(default_factory=list)  # Columns the import does not know
    sub_header: int = 0  # the row under the header naming its periods' columns, if any


def header_field(cell):
    words = words_of(cell)
    if words in HEADERS:
        return HEADERS[words]
    first = words.split(" ", 1)[0] if words else ""
    return HEADER_STARTS.get(first) if " " in words else None


def header_period(cell):
    """The period a column heading names: "Q1 2024/25", "Jun 2025", "2024/25" or a date cell
    (Excel turns "Jun 2025" into a date, and some datasets head a month by its last day)."""
    if hasattr(cell, "year") and hasattr(cell, "month"):
        return parse_period(cell) or parse_period(date(cell.year, cell.month, 1))
    return parse_period(re.sub(r"\(.*?\)", " ", text(cell)))


def find_layout(sheet, problems):
    """The sheet's Layout: its header is the first row of the first HEADER_SEARCH_ROWS naming
    the reference and the indicator columns. None if there is none."""
    for position, (number, cells) in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        fields = [header_field(cell) for cell in cells]
        if {"reference", "name"} <= set(fields):
            below = sheet.rows[position + 1] if position + 1 < len(sheet.rows) else (0, [])
            return read_layout(sheet.title, number, cells, problems, below=sub_header(*below))
    return None


# Under a period heading merged across columns, the row below may name each: the figure's
# column ("Actual") is read, the others ("RAG", "DoT", "Target") are not.
FIGURE_SUB_HEADINGS = {"actual", "actuals", "value", "figure", "result", "outturn",
                       "performance", "data"}  # fmt: skip


def sub_header(number, cells):
    """{0-based column: its words} when the row under the header only names the columns of the
    periods above it ("Actual", "RAG"); None for any other row."""
    words = {index: words_of(cell) for index, cell in enumerate(cells) if words_of(cell)}
    if not words or not any(w in FIGURE_SUB_HEADINGS for w in words.values()):
        return None
    known = FIGURE_SUB_HEADINGS | {"target", "tolerance", "commentary"}
    if all(w in known or w.split(" ", 1)[0] in DERIVED_STARTS for w in words.values()):
        return {"row": number, "words": words}
    return None


def read_layout(sheet, number, cells, problems, below=None):
    layout = Layout(sheet, number, {}, [])
    if below:
        layout.sub_header = below["row"]
    seen_periods = {}
    for index, cell in enumerate(cells):
        if cell is None:
            continue
        name = header_field(cell)
        period = None if name else header_period(cell)
        # A date heading is named as Excel shows it, a month, rather than as a date.
        heading = period.label if period and hasattr(cell, "month") else text(cell)
        column = Column(index, heading)
        sub = below["words"].get(index, "") if below and period else ""
        if sub and sub not in FIGURE_SUB_HEADINGS:  # "Q1 2025/26" over "RAG": not a figure
            column = Column(index, f"{heading} {sub.upper() if len(sub) <= 4 else sub}")
            derived = sub.split(" ", 1)[0] in DERIVED_STARTS
            (layout.derived if derived else layout.unread).append(column)
            continue
        if name in layout.columns:
            first = layout.columns[name]
            problems.append(
                Problem(
                    f"{first} is already read as {COLUMNS[name][0]}: rename or delete one of "
                    "the two.",
                    sheet,
                    number,
                    str(column),
                )
            )
        elif name:
            layout.columns[name] = column
        elif period in seen_periods:
            problems.append(
                Problem(
                    f"{seen_periods[period]} is already {period.label}: each period has one "
                    "column.",
                    sheet,
                    number,
                    str(column),
                )
            )
        elif period:
            seen_periods[period] = column
            layout.periods.append((period, column))
        elif words_of(cell).split(" ", 1)[0] in DERIVED_STARTS:
            layout.derived.append(column)
        else:
            layout.unread.append(column)
    if not layout.periods:
        problems.append(
            Problem(
                "The header row has no period columns: head each column of figures with its "
                "period, such as “Q1 2024/25”, “Jun 2025” or “2024/25”.",
                sheet,
                number,
            )
        )
    return layout


# Values -----------------------------------------------------------------------------------------

NUMBER = re.compile(r"([+\-−]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?")
NO_FIGURE = {"n a", "na", "none", "no target", "tbc", "tba", "not available", "no data",
             "not yet available", "awaiting data", "not known", "unknown", "not reported",
             "nr"}  # fmt: skip
SUPPRESSED_FIGURE = re.compile(r"\*+|<\s*\d+|c|x|supp|suppressed")
LIMIT = Decimal(10) ** (FIGURE["max_digits"] - FIGURE["decimal_places"])
CENT = Decimal("0.01")


@dataclass
class Written:
    """A number as a cell gives it."""

    value: Decimal
    percent: bool = False  # written with "%"

    @property
    def fraction(self):
        """A percentage that may have been written as a fraction (0.85 for 85%)."""
        return not self.percent and 0 < self.value < 1


class Suppressed:
    """A small number not published ("<5", "*")."""


SUPPRESSED = Suppressed()


def is_empty(value):
    """A cell with nothing in it at all."""
    return not text(value).strip()


def is_blank(value):
    """A cell that gives nothing: empty, "n/a", "-", "tbc" and the like."""
    words = normalise(text(value))
    return not words or words in NO_FIGURE


def read_number(value):
    """A Written number from a cell ("85", "85%", "1,234", 42.857), or ValueError."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
        percent = False
    else:
        raw = text(value).replace(" ", "").replace("\u00a0", "")
        percent = raw.endswith("%")
        match = NUMBER.fullmatch(raw.removesuffix("%"))
        if not match or not (match[2] or match[3]):
            raise ValueError(value)
        sign, whole, decimals = match.groups()
        number = Decimal(f"{'-' if sign else ''}{whole.replace(',', '') or 0}{decimals or ''}")
    if not number.is_finite() or abs(number) >= LIMIT:
        raise ValueError(value)
    return Written(number.quantize(CENT, ROUND_HALF_UP), percent)  # the figure's precision


def read_figure(value):
    """None (no figure), SUPPRESSED or a Written number; ValueError for anything else."""
    raw = text(value).strip().casefold()
    if SUPPRESSED_FIGURE.fullmatch(raw):
        return SUPPRESSED
    if is_blank(value):
        return None
    return read_number(value)


RANGE = re.compile(r"(.+?)\s*(?:-|–|—|to)\s*(.+)", re.I)
COMPARISON = re.compile(r"^(?:>=|<=|≥|≤|>|<|at least|no more than|under|over)\s*", re.I)


def read_target(value):
    """(low, high or None), each a Written number, from "85", "85%", "≥ 85%", "10-15",
    "10–15%" or "10 to 15"; None for a blank target; ValueError otherwise."""
    if is_blank(value):
        return None
    if not isinstance(value, str):
        return read_number(value), None
    raw = COMPARISON.sub("", text(value))
    try:
        return read_number(raw), None
    except ValueError:
        pass
    match = RANGE.fullmatch(raw)
    if not match:
        raise ValueError(value)
    low, high = read_number(match[1]), read_number(match[2])
    low.percent = low.percent or high.percent
    return low, high


# What an import found ---------------------------------------------------------------------------


@dataclass
class IndicatorResult:
    """One row of the file: an indicator, and what importing it does."""

    sheet: str
    row: int
    reference: str
    name: str = ""
    outcome: str = ""
    changes: list[Change] = field(default_factory=list)
    figures_added: int = 0
    figures_changed: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class DatasetImportResult(Findings):
    file_name: str
    dry_run: bool = False
    written: bool = False
    rows: list[IndicatorResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the file's or a sheet's
    notices: list[str] = field(default_factory=list)  # how the file was read
    ignored: list[str] = field(default_factory=list)  # the columns not read, and why

    @property
    def counts(self):
        counts = dict.fromkeys((CREATED, UPDATED, UNCHANGED, ERROR), 0)
        for row in self.rows:
            counts[row.outcome] += 1
        counts["figures_added"] = sum(row.figures_added for row in self.rows)
        counts["figures_changed"] = sum(row.figures_changed for row in self.rows)
        return counts

    @property
    def changes_anything(self):
        counts = self.counts
        return any(counts[key] for key in (CREATED, UPDATED, "figures_added", "figures_changed"))

    @property
    def rows_to_show(self):
        """The rows that change something or have a problem or a warning."""
        return [row for row in self.rows if row.outcome != UNCHANGED or row.warnings]

    @property
    def unchanged_references(self):
        return [row.reference for row in self.rows if row.outcome == UNCHANGED]

    def summary(self):
        """The import in one sentence."""
        counts = self.counts
        if self.ok and not self.changes_anything:
            return f"No changes: every indicator in {self.file_name} matches what is recorded."
        line = (
            f"{counts[CREATED]} created, {counts[UPDATED]} updated, {counts[UNCHANGED]} "
            f"unchanged indicators; {counts['figures_added']} figures added, "
            f"{counts['figures_changed']} changed; {counts_of(self.warnings, 'warning')}, "
            f"{counts_of(self.errors, 'error')}."
        )
        return line[:1].upper() + line[1:]


def counts_of(items, noun):
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


# Reading the rows -------------------------------------------------------------------------------


@dataclass
class Row:
    """A row as read: the fields it gives (a field absent is left as it is), its figures by
    period and what goes on the latest of them."""

    result: IndicatorResult
    layout: Layout
    fields: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)  # Period -> SUPPRESSED or Written
    latest: dict = field(default_factory=dict)  # england, ..., commentary -> value

    def error(self, name_or_column, message):
        self.result.errors.append(self.problem(name_or_column, message))

    def warn(self, name_or_column, message):
        self.result.warnings.append(self.problem(name_or_column, message))

    def problem(self, name_or_column, message):
        column = name_or_column
        if isinstance(name_or_column, str):
            column = self.layout.columns.get(name_or_column)
        return Problem(message, self.result.sheet, self.result.row, str(column or ""))


def is_section(cells):
    """A title, section or note row ("Early help", merged across the table): one text, in one
    cell or repeated by a merge."""
    values = {text(cell) for cell in cells if cell is not None}
    return len(values) == 1


def gives_data(layout, cells):
    """Whether a row has anything in a column the import reads besides the reference and name:
    a key or a note under the table ("Key:", "Green = on target") has not."""
    columns = [c for name, c in layout.columns.items() if name not in ("reference", "name")]
    columns += [column for _, column in layout.periods]
    return any(cell(cells, column) is not None for column in columns)


def read_rows(sheet, layout, agencies, notices):
    rows = []
    header = None
    for number, cells in sheet.rows:
        if number <= max(layout.row, layout.sub_header):
            if number == layout.row:
                header = [words_of(c) for c in cells]
            continue
        if not cells or is_section(cells):
            continue
        if [words_of(c) for c in cells] == header:
            continue  # the header again, as a long sheet printed in pages repeats it
        if not gives_data(layout, cells):
            where = f"Sheet “{layout.sheet}”, row" if layout.sheet else "Row"
            shown_cells = " ".join(f"“{text(c)}”" for c in cells if c is not None)
            notices.append(
                f"{where} {number} ({shown_cells}) has no unit, good is, target or figure: read "
                "as a note, not an indicator."
            )
            continue
        row = read_row(layout, number, cells, agencies)
        for period, column in layout.periods:
            if (number, column.index) in sheet.uncalculated:
                row.warn(
                    column,
                    f"The cell holds a formula Excel has not worked out, so there is no figure "
                    f"for {period.label}: open the file in Excel, save it and import it again.",
                )
        if number in sheet.hidden_rows:
            row.warn("", "The row is hidden in the workbook: imported all the same.")
        rows.append(row)
    return rows


def cell(cells, column):
    return cells[column.index] if column is not None and column.index < len(cells) else None


def read_row(layout, number, cells, agencies):
    columns = layout.columns
    reference = text(cell(cells, columns.get("reference")))
    name = " ".join(text(cell(cells, columns.get("name"))).split())
    row = Row(IndicatorResult(layout.sheet, number, reference, name), layout)
    if not reference:
        row.error("reference", "There is no reference: each indicator needs its own.")
    elif len(reference) > Indicator._meta.get_field("reference").max_length:
        row.error("reference", "The reference is longer than 30 characters.")
    if name:
        row.fields["name"] = name
    for key in ("definition",):
        if value := text(cell(cells, columns.get(key))):
            row.fields[key] = value
    read_words(row, cells, "unit", UNIT_WORDS, "a unit", "Number, Percentage (or %), Rate per "
               "10,000 children or Days")  # fmt: skip
    read_words(row, cells, "polarity", POLARITY_WORDS, "which way is good", "Higher, Lower, "
               "Within range or Context")  # fmt: skip
    # An empty Target or Tolerance cell leaves what is recorded alone, as every empty cell does;
    # "none", "n/a" or "-" says there is none (a tolerance of 0).
    if "target" in columns and not is_empty(value := cell(cells, columns["target"])):
        try:
            row.fields["target"] = read_target(value)
        except ValueError:
            row.error(
                "target",
                f"“{text(value)}” is not a target: write a number (“85” or “85%”), a range "
                "(“10–15”), or “none” for no target.",
            )
    if "tolerance" in columns and not is_empty(value := cell(cells, columns["tolerance"])):
        try:
            row.fields["tolerance"] = None if is_blank(value) else read_number(value).value
        except ValueError:
            row.error(
                "tolerance",
                f"“{text(value)}” is not a tolerance: write a number in the indicator’s unit, "
                "or “none” for 0.",
            )
    if "source_agency" in columns and (value := text(cell(cells, columns["source_agency"]))):
        agency = agencies.get(value)
        if agency is None:  # a system or a team, often: the figures still import
            known = "; ".join(str(a) for a in agencies.objects) or "none yet"
            row.warn(
                "source_agency",
                f"There is no agency called “{value}”, so the indicator’s source agency is left "
                f"as it is. The agencies are: {known}; add it in the admin and import again to "
                "link it.",
            )
        else:
            row.fields["source_agency"] = agency
    for period, column in layout.periods:
        value = cell(cells, column)
        try:
            figure = read_figure(value)
        except ValueError:
            row.error(
                column,
                f"“{text(value)}” is not a figure: write a number (“85”, “85%”, “1,234”), “<5” "
                "or “*” for a small number not published, or leave it blank.",
            )
        else:
            if figure is not None and period.end >= timezone.localdate():
                row.error(
                    column,
                    f"{period.label} ends on {period.end:%-d %B %Y}: its figures can be "
                    "imported once it has ended.",
                )
            elif figure is not None:
                row.figures[period] = figure
    for key in COMPARATORS:
        value = cell(cells, columns.get(key))
        if is_blank(value) or SUPPRESSED_FIGURE.fullmatch(text(value).casefold()):
            continue  # no comparator, or one not published
        try:
            row.latest[key] = read_number(value).value
        except ValueError:
            row.error(key, f"“{text(value)}” is not a number.")
    for key in ("commentary", "corrective_action"):
        if value := text(cell(cells, columns.get(key))):
            row.latest[key] = value
    given = ", ".join(COLUMNS[key][0] for key in row.latest)
    if row.latest and not row.figures:
        row.warn("", f"{given} not imported: the row has no figure for any period to go with.")
    elif row.latest and layout.periods:
        # They go with the row's latest figure: said when the file's latest period has none, as
        # a comment about a late figure would otherwise land on the period before.
        last = max((period for period, _ in layout.periods), key=lambda p: (p.end, p.start))
        latest = max(row.figures, key=lambda p: (p.end, p.start))
        if latest != last:
            row.warn(
                "",
                f"{given} put with {latest.label}, the latest period this row has a figure "
                f"for ({last.label} has none). If they are about {last.label}, import them "
                "with its figure.",
            )
    return row


def read_words(row, cells, key, words, what, choices):
    value = cell(cells, row.layout.columns.get(key))
    found = look_up(value, words)  # "%" first: is_blank would take it for punctuation
    if found is None and is_blank(value):
        return
    if found is None:
        row.error(key, f"“{text(value)}” is not {what}. Use one of: {choices}.")
    else:
        row.fields[key] = found


# Importing --------------------------------------------------------------------------------------


def dataset_import(
    *, data: bytes, file_name: str, user=None, dry_run=False, at=None, note=None
) -> DatasetImportResult:
    """Read a dataset spreadsheet and bring its indicators and figures in, each change through
    dataset.services with the note "Imported from <file name>" (or `note`), recorded as made now
    (or at `at`). With `dry_run`, or if anything is wrong, nothing is written and the result
    says what would have happened. Raises Refused for a file that cannot be read at all."""
    sheets = read_file(data, file_name)
    result = DatasetImportResult(file_name=file_name, dry_run=dry_run)
    importer = Importer(result, user=user, at=at, note=note or import_note(file_name))
    rows = importer.read(sheets)
    with transaction.atomic():
        importer.write(rows)
        if dry_run or not result.ok:
            transaction.set_rollback(True)
        else:
            result.written = True
    return result


class Importer:
    def __init__(self, result, *, user, at, note):
        self.result, self.user, self.at, self.note = result, user, at, note

    def read(self, sheets):
        result = self.result
        agencies = Names(Agency.objects.all(), "names")
        rows = []
        for sheet in sheets:
            where = f"Sheet “{sheet.title}”" if sheet.title else "The file"
            if sheet.hidden:
                result.notices.append(f"{where} is hidden, and was not read.")
                continue
            layout = find_layout(sheet, result.problems)
            if layout is None:
                if any(cells for _, cells in sheet.rows):
                    result.notices.append(
                        f"{where} has no header row with Ref and Indicator columns in its first "
                        f"{HEADER_SEARCH_ROWS} rows, and was not read."
                    )
                continue
            self.describe(layout)
            rows += read_rows(sheet, layout, agencies, result.notices)
        if not rows and not result.problems:
            raise Refused(
                f"No indicators were found in {result.file_name}: it needs a header row with "
                "Ref, Indicator, Unit, Good is, Target and Tolerance columns and a column for "
                "each period (“Q1 2024/25”), with a row for each indicator under it."
            )
        check_duplicates(rows)
        return rows

    def describe(self, layout):
        sheet = f"Sheet “{layout.sheet}”, " if layout.sheet else ""
        periods = [period for period, _ in layout.periods]
        if periods:
            where = f"{sheet}row" if sheet else "Row"
            self.result.notices.append(
                f"{where} {layout.row} is the header: {counts_of(periods, 'period')}, "
                f"{min(periods).label} to {max(periods).label}."
            )
        for column in layout.derived:
            self.result.ignored.append(
                f"{sheet}{column}: ignored, as ratings and directions of travel are worked out "
                "from the figures."
            )
        for column in layout.unread:
            self.result.ignored.append(f"{sheet}{column}: not a column the import reads.")

    def write(self, rows):
        """Each row's indicator saved (in a preview too: the transaction is rolled back), then
        every new or changed figure checked, and saved, at once."""
        references = {row.result.reference.casefold() for row in rows}
        known = {
            indicator.reference.casefold(): indicator
            for indicator in Indicator.objects.select_related("source_agency")
            if indicator.reference.casefold() in references
        }
        figures = {
            (figure.indicator_id, figure.period): figure
            for figure in Figure.objects.filter(indicator__in=known.values())
        }
        pending = []  # (row, column, figure) of each figure to save
        for row in rows:
            self.result.rows.append(row.result)
            if not row.result.errors:
                indicator = self.save_indicator(row, known.get(row.result.reference.casefold()))
                if indicator is not None:
                    pending += self.figures_of(row, indicator, figures)
        for index, error in services.figures_check([figure for _, _, figure in pending]):
            row, column, _ = pending[index]
            for message in error.messages:
                row.error(column, message)
        for row in rows:
            if row.result.errors:
                row.result.outcome = ERROR
        if self.result.ok and not self.result.dry_run:
            figures = [figure for _, _, figure in pending]
            services.figures_save(figures, user=self.user, note=self.note, at=self.at)

    def save_indicator(self, row, indicator):
        result, fields = row.result, dict(row.fields)
        created = indicator is None
        if created:
            indicator = Indicator(reference=result.reference, frequency=frequency(row.figures))
            if "name" not in fields:
                row.error("name", "A new indicator needs its name.")
            if "polarity" not in fields:
                row.error("polarity", "A new indicator needs to say which way is good.")
            if "unit" not in fields:
                fields["unit"] = guess_unit(row)
        result.name = result.name or indicator.name
        target = fields.pop("target", False)
        if target is not False:
            low, high = target or (None, None)
            fields["target"] = low.value if low else None
            fields["target_high"] = high.value if high else None
            values = [f.value for f in row.figures.values() if f is not SUPPRESSED]
            self.check_fraction(row, "target", low, fields.get("unit", indicator.unit), values)
        for name, value in fields.items():
            before = getattr(indicator, name)
            if same(name, before, value):
                continue
            setattr(indicator, name, value)
            if not created:
                result.changes.append(Change(label(name), shown(name, before), shown(name, value)))
        if row.result.errors:
            return None
        if not created and not result.changes:
            result.outcome = UNCHANGED
            return indicator
        result.outcome = CREATED if created else UPDATED
        saved = self.save(row, indicator, services.indicator_save)
        if saved and created:
            result.changes.append(
                Change("New indicator", "", f"{indicator.name} ({indicator.get_unit_display()})")
            )
        return saved

    def figures_of(self, row, indicator, figures):
        """The row's figures that are new or changed, with their columns, as they will be
        saved; what changes said in the row's result."""
        result, pending = row.result, []
        latest = max(row.figures, key=lambda p: (p.end, p.start), default=None)
        columns = dict(row.layout.periods)
        values = [f.value for f in row.figures.values() if f is not SUPPRESSED]
        expected = PERIOD_KINDS.get(indicator.frequency)
        for period, written in row.figures.items():
            column = columns[period]
            if expected and period.kind != expected:
                row.warn(
                    column,
                    f"{period.label} is a {PeriodKind(period.kind).label.lower()}, but "
                    f"{indicator.reference} is reported {indicator.get_frequency_display().lower()}"
                    ": check the heading (a date heading is read as its month).",
                )
            if written is not SUPPRESSED:
                self.check_fraction(row, column, written, indicator.unit, values)
            figure = figures.get((indicator.pk, period))
            new = figure is None
            if new:
                figure = Figure(indicator=indicator, period_kind=period.kind)
                figure.period_start = period.start
            wanted = {
                "value": None if written is SUPPRESSED else written.value,
                "suppressed": written is SUPPRESSED,
            }
            if period == latest:
                wanted |= row.latest
            changed = [n for n, value in wanted.items() if not same(n, getattr(figure, n), value)]
            if not changed:
                continue
            if new:
                result.figures_added += 1
                if result.outcome != CREATED:
                    after = figure_text(
                        wanted["value"], indicator.unit, suppressed=wanted["suppressed"]
                    )
                    result.changes.append(Change(f"{period.label} (new figure)", "", after))
            else:
                result.changes += figure_changes(period, figure, wanted, changed, indicator.unit)
                result.figures_changed += 1
            for name in changed:
                setattr(figure, name, wanted[name])
            if result.outcome == UNCHANGED:
                result.outcome = UPDATED
            pending.append((row, column, figure))
        if result.outcome == CREATED and row.figures:
            periods = sorted(row.figures)
            result.changes.append(
                Change("Figures", "", f"{len(periods)}, {periods[0].label} to {periods[-1].label}")
            )
        return pending

    def check_fraction(self, row, column, written, unit, others=()):
        """A percentage that looks like a fraction (0.85 among percentages over 1) is imported as
        written, with a warning: Excel keeps a cell formatted as 85% as 0.85."""
        if written is None or unit != Unit.PERCENTAGE or not written.fraction:
            return
        target = row.fields.get("target")
        bigger = [v for v in others if v > 1]
        if target and target[0].value > 1:
            bigger.append(target[0].value)
        if not bigger:
            return
        as_percent = plain(written.value * 100)
        row.warn(
            column,
            f"{plain(written.value)} looks like a fraction ({as_percent}%?) where the others are "
            f"percentages: imported as {plain(written.value)}%. If it is {as_percent}%, write "
            f"“{as_percent}%” or “{as_percent}” and import the file again.",
        )

    def save(self, row, obj, service):
        try:
            return service(obj, user=self.user, note=self.note, at=self.at)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            for name, messages in errors.items():
                name = "" if name == NON_FIELD_ERRORS else FIELD_COLUMNS.get(name, name)
                where = row.layout.columns.get(name) or ""
                if name and not where:
                    where = f"{label(name)} (no such column)"
                for message in messages:
                    row.error(where, message)
        except IntegrityError as error:
            row.error("", f"The database refused this row ({error}).")
        return None


def check_duplicates(rows):
    seen = {}
    for row in rows:
        reference = row.result.reference.casefold()
        if not reference:
            continue
        if reference in seen:
            first = seen[reference].result
            where = f"row {first.row}" + (
                f" of sheet “{first.sheet}”" if first.sheet != row.result.sheet else ""
            )
            row.error(
                "reference",
                f"{row.result.reference} is already on {where}: each indicator’s reference must "
                "be different.",
            )
        else:
            seen[reference] = row


PERIOD_KINDS = {
    Frequency.QUARTERLY: PeriodKind.QUARTER,
    Frequency.MONTHLY: PeriodKind.MONTH,
    Frequency.YEARLY: PeriodKind.YEAR,
}


def frequency(figures):
    kinds = {period.kind for period in figures}
    if kinds == {PeriodKind.MONTH}:
        return Frequency.MONTHLY
    if kinds == {PeriodKind.YEAR}:
        return Frequency.YEARLY
    return Frequency.QUARTERLY


def guess_unit(row):
    """A new indicator's unit when the file gives none: a percentage if its figures or target
    are written with "%", else a number; said in a warning."""
    written = [f for f in row.figures.values() if f is not SUPPRESSED]
    target = row.fields.get("target")
    if target:
        written.append(target[0])
    unit = Unit.PERCENTAGE if any(w.percent for w in written) else Unit.NUMBER
    row.warn("unit", f"No unit given: read as {Unit(unit).label.lower()}.")
    return unit


def figure_changes(period, figure, wanted, changed, unit):
    """What changes on a figure the dataset already has, as the preview lists it."""
    changes = []
    if {"value", "suppressed"} & set(changed):
        before = figure_text(figure.value, unit, suppressed=figure.suppressed)
        after = figure_text(wanted["value"], unit, suppressed=wanted["suppressed"])
        changes.append(Change(period.label, before, after))
    for name in changed:
        if name not in ("value", "suppressed"):
            before, after = shown(name, getattr(figure, name)), shown(name, wanted[name])
            changes.append(Change(f"{period.label} {label(name).lower()}", before, after))
    return changes


def same(name, before, after):
    if name == "tolerance":  # blank is 0
        return (before or 0) == (after or 0)
    if before in (None, "") or after in (None, ""):
        return before in (None, "") and after in (None, "")
    return before == after


# Where a model's error about a field is shown: that field's column.
FIELD_COLUMNS = {"target_high": "target", "slug": "reference", "frequency": "reference"}


def label(name):
    if name in COLUMNS:
        return COLUMNS[name][0]
    return {"target_high": "Target (upper bound)"}.get(name, name.replace("_", " ").capitalize())


def shown(name, value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    choices = {"unit": Unit, "polarity": Polarity}.get(name)
    if choices and value in choices.values:
        return choices(value).label
    return str(value)
