"""Import a tracker: every row checked by the same rules as the admin, then all of it written, or
none of it. Used by the `import_tracker` command and the admin's "Import a tracker" page."""

import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from spreadsheets.reading import Refused, read_file, text

from .. import services
from ..models import Action, Agency, ImportLayout, Review, Status, Theme, status_words
from .reading import (
    COLUMNS,
    HEADER_SEARCH_ROWS,
    IGNORE,
    KEEP,
    Column,
    find_header,
    header_field,
    normalise,
    pale,
    parse_date,
    read_header_row,
    read_status,
    split_list,
    status_key,
    status_of_colour,
)

NEW, UPDATED, UNCHANGED, ERROR = "new", "updated", "unchanged", "error"
# A reference as trackers write one: 1, 1.2, 3a, L4, R10, (2), 4.
REFERENCE = re.compile(
    r"(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q)\s?\d)"
    r"\(?[A-Za-z]{0,3}\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?\)?\.?",
    re.I,
)
# A reference at the start of the text: "1. To ensure", "Recommendation 1: ...", "2.3 Review".
REFERENCE_IN_TEXT = re.compile(
    r"(?:(?:recommendation|rec|action|priority|objective)\s*"
    r"(?P<named>\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?)\s*[.:)\-–]?"
    r"|(?P<dotted>\d{1,3}(?:\.\d{1,3}){1,3}[a-z]?)\s*[.:)]?"
    r"|(?P<plain>\d{1,3}[a-z]?)\s*[.:)])"
    r"\s+(?P<rest>\S.*)",
    re.I | re.S,
)
KEY_LINE_PARTS = re.compile(r"(?:category\s*)?[1-9]\s*[-–:=.)]?\s+(?P<words>\D.*)", re.I)
TEXT_FIELDS = (
    "recommendation",
    "description",
    "lead_officer_role",
    "target_date_change_reason",
    "progress_note",
    "evidence",
)


@dataclass
class Problem:
    """Something wrong, said where it is: the sheet, the row as Excel numbers it, the column."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""

    def where(self):
        parts = [f"Sheet “{self.sheet}”" if self.sheet else ""]
        parts += [f"row {self.row}" if self.row else "", self.column]
        where = ", ".join(p for p in parts if p)
        return where[:1].upper() + where[1:]

    def __str__(self):
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class RowResult:
    sheet: str
    row: int
    reference: str
    description: str = ""
    outcome: str = ""
    changes: list[Change] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class ReviewResult:
    name: str
    rows: list[RowResult] = field(default_factory=list)

    def count(self, outcome):
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self):
        return {outcome: self.count(outcome) for outcome in (NEW, UPDATED, UNCHANGED, ERROR)}

    @property
    def rows_to_show(self):
        """The new, updated and refused rows: what a preview lists one by one."""
        return [row for row in self.rows if row.outcome != UNCHANGED]

    @property
    def unchanged_references(self):
        return [row.reference for row in self.rows if row.outcome == UNCHANGED]


class Findings:
    """An import's errors and warnings, from its `problems` (the file's or a sheet's) and its
    `rows`' own; it imports only when there is no error. Shared by every import's result."""

    @property
    def errors(self):
        return self.problems + [error for row in self.rows for error in row.errors]

    @property
    def warnings(self):
        return [warning for row in self.rows for warning in row.warnings]

    @property
    def ok(self):
        return not self.errors


@dataclass
class ImportResult(Findings):
    file_name: str
    dry_run: bool = False
    written: bool = False
    reviews: dict = field(default_factory=dict)  # review's pk (or name if unknown) -> ReviewResult
    problems: list[Problem] = field(default_factory=list)  # the file's or a sheet's, not a row's
    notices: list[Problem] = field(default_factory=list)  # columns ignored, sheets skipped...
    created_agencies: list[str] = field(default_factory=list)
    columns: dict = field(default_factory=dict)  # the column meanings chosen or remembered
    layout: list = field(default_factory=list)  # each sheet's columns as read: see read_sheet

    @property
    def rows(self):
        return [row for review in self.reviews.values() for row in review.rows]

    @property
    def counts(self):
        totals = dict.fromkeys((NEW, UPDATED, UNCHANGED, ERROR), 0)
        for review in self.reviews.values():
            for outcome, count in review.counts.items():
                totals[outcome] += count
        return totals


def import_note(file_name):
    return f"Imported from {file_name}"


@dataclass
class Choices:
    """What the manager chose where the import's reading stops: the meaning of a column (by its
    heading, as normalise() gives it: a field, or IGNORE), the status of rows that give none,
    and the lead agency of rows that name none. Kept with a pending import as data."""

    columns: dict = field(default_factory=dict)
    blank_status: str = Status.RED
    lead_agency: Agency | None = None

    def as_data(self):
        return {
            "columns": self.columns,
            "blank_status": str(self.blank_status),
            "lead_agency": self.lead_agency.pk if self.lead_agency else None,
        }

    @classmethod
    def from_data(cls, data):
        agency = Agency.objects.filter(pk=data.get("lead_agency")).first()
        return cls(
            columns=dict(data.get("columns", {})),
            blank_status=data.get("blank_status", Status.RED),
            lead_agency=agency,
        )


def column_meaning(words):
    """The field a manager means by a column's meaning ("action", "Lead agency", "target_date",
    "ignore"), or ValueError naming the meanings there are."""
    wanted = normalise(words)
    if wanted in ("ignore", "ignored", "none", "skip"):
        return IGNORE
    if wanted in ("keep", "kept", "other"):
        return KEEP
    for name, (label, _) in COLUMNS.items():
        if wanted in (normalise(label), normalise(name)):
            return name
    meanings = ", ".join(label.lower() for label, _ in COLUMNS.values())
    raise ValueError(
        f"“{words}” is not a meaning a column can have. Use one of: {meanings}, or ignore."
    )


def likely_header(rows):
    """The position of the row that most looks like a row of headings: the most short texts
    (three at least), the first of equals; None if none does."""
    best, most = None, 2
    for position, (_, cells) in enumerate(rows):
        texts = {normalise(c) for c in cells if isinstance(c, str) and 0 < len(c.strip()) <= 80}
        texts.discard("")
        if len(texts) > most:
            best, most = position, len(texts)
    return best


def is_key_line(words):
    """A line of a sheet's key of status numbers: "1 Fully achieved"."""
    match = KEY_LINE_PARTS.fullmatch(words.strip())
    if not match:
        return False
    try:
        read_status(match["words"])
    except ValueError:
        return False
    return True


def layout_key(header_cells):
    """The digest a layout is remembered by: its headings, in order."""
    headings = "|".join(normalise(c) for c in header_cells if isinstance(c, str))
    return hashlib.sha256(headings.encode()).hexdigest()


def tracker_import(
    *,
    data: bytes,
    file_name: str,
    user=None,
    review: Review | None = None,
    create_agencies: bool = False,
    dry_run: bool = False,
    progress=None,
    at=None,
    note: str | None = None,
    choices: Choices | None = None,
) -> ImportResult:
    """Read a tracker and bring its actions in: new ones added, changed ones updated, each through
    the write services with the note "Imported from <file name>" (or `note`), recorded as made now
    (or at the moment `at`). If any row breaks a rule, or with `dry_run`, nothing is written and
    the result says what would have happened.

    `review` is the review for sheets that do not name theirs. `choices` are the manager's (see
    Choices); the column meanings chosen for a layout are remembered when the import is written,
    and a later file of the same layout starts from them. `progress(done, total)` is called as
    the rows are checked. Raises Refused for a file that cannot be read at all."""
    sheets = read_file(data, file_name)
    result = ImportResult(file_name=file_name, dry_run=dry_run)
    with transaction.atomic():
        importer = Importer(
            result,
            user=user,
            review=review,
            create_agencies=create_agencies,
            at=at,
            note=note,
            choices=choices or Choices(),
        )
        importer.run(sheets, progress=progress)
        if dry_run or not result.ok:
            transaction.set_rollback(True)
        else:
            result.written = True
    if result.written:
        importer.remember_layouts()
    return result


@dataclass
class ParsedRow:
    sheet: str
    number: int
    columns: dict  # field -> Column
    values: dict  # field -> the parsed value (only for columns present and read without error)
    review: Review | None = None
    review_name: str = ""
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    written_reference: str = ""  # the reference as the file gives it
    from_text: bool = False  # the reference was found in the text ("1. To ensure...")
    numbered: bool = False  # the file gives no reference: numbered in order (see number_rows)


class Names:
    """Objects found by any of their names, compared as normalise() does. An attribute may be
    a method giving several names."""

    def __init__(self, objects, *attributes):
        self.objects = list(objects)
        self.by_name = {}
        for obj in self.objects:
            for attribute in attributes:
                value = getattr(obj, attribute)
                for name in value() if callable(value) else [value]:
                    self.by_name.setdefault(normalise(name), obj)

    def within(self, words):
        """(object, the name found) for the longest known name inside some words, as whole
        words ("NBT – Named Nurse" finds NBT), or (None, '')."""
        padded = f" {normalise(words)} "
        for name in sorted(self.by_name, key=len, reverse=True):
            if name and f" {name} " in padded:
                return self.by_name[name], name
        return None, ""

    def get(self, name):
        return self.by_name.get(normalise(name))

    def add(self, obj, *names):
        self.objects.append(obj)
        for name in names:
            self.by_name.setdefault(normalise(name), obj)


class Importer:
    def __init__(self, result, *, user, review, create_agencies, at=None, note=None, choices=None):
        self.result = result
        self.chosen, self.header_cells, self.merged = {}, [], set()
        self.choices = choices or Choices()
        self.layouts = {}  # layout key -> the column meanings chosen for it
        self.user = user
        self.review = review
        self.create_agencies = create_agencies
        self.at = at  # when the changes are recorded as made (None: now)
        self.note = note or import_note(result.file_name)
        self.reviews = Names(Review.objects.all(), "name", "slug")
        self.agencies = Names(Agency.objects.all(), "names")
        self.themes = Names(Theme.objects.all(), "name", "slug")

    # Reading the sheets -------------------------------------------------------------------------

    def run(self, sheets, *, progress=None):
        rows = []
        for sheet in sheets:
            rows += self.read_sheet(sheet, several=len(sheets) > 1)
        if not rows and not self.result.problems:
            found = [s for s in sheets if find_header(s.rows)]
            if not found:
                raise Refused(
                    f"No header row was found in {self.result.file_name}: the first "
                    f"{20} rows of {'each sheet' if len(sheets) > 1 else 'the file'} should "
                    "include a row of column names such as Reference, Action, Lead agency, "
                    "Lead officer, Target date and Status. Download the template to see them."
                )
            raise Refused(f"{self.result.file_name} has a header row but no actions under it.")
        self.number_rows(rows)
        self.check_duplicates(rows)
        existing = self.existing_actions(rows)
        for done, row in enumerate(rows, start=1):
            self.import_row(row, existing.get((row.review.pk, row.values.get("reference"))))
            if progress:
                progress(done, len(rows))

    def read_sheet(self, sheet, *, several):
        title = sheet.title
        if sheet.hidden:
            self.notice(f"Hidden sheet “{title}” was not read.")
            return []
        # Of several sheets, one with no row of known headings is not a plan (a key, notes).
        found = self.header(sheet.rows, guess=not several)
        if found is None:
            if several and any(cells for _, cells in sheet.rows):
                self.notice(
                    f"Sheet “{title}” was not read: no row of column names (such as Reference "
                    "and Action) in its first 20 rows."
                )
            return []
        position, columns, unknown, duplicates = found
        header_row = sheet.rows[position][0]
        self.find_reference_column(sheet.rows[position + 1 :], columns, duplicates, title)
        # Each column as read, for the preview's choices: its heading and what it is read as.
        read_as = {column.index: name for name, column in columns.items()}
        for index, heading in enumerate(sheet.rows[position][1]):
            if self.chosen.get(normalise(heading)) == IGNORE and text(heading):
                column = Column(index, text(heading))
                self.result.layout.append(
                    {"sheet": title, "letter": column.letter, "header": column.header,
                     "key": normalise(heading), "meaning": "ignore"}
                )  # fmt: skip
        for column in sorted([*columns.values(), *unknown, *duplicates], key=lambda c: c.index):
            meaning = KEEP if column in duplicates else read_as.get(column.index, KEEP)
            self.result.layout.append(
                {
                    "sheet": title,
                    "letter": column.letter,
                    "header": column.header,
                    "key": normalise(column.header),
                    "meaning": meaning,
                }
            )
        for column in unknown:
            self.notice(
                f"{column} is no field of an action: its text is kept with each action.", title
            )
        for column in duplicates:
            field_name = header_field(column.header, self.chosen)
            first = columns.get(field_name)
            if first is None:
                continue
            self.notice(
                f"{column} repeats {first}: only {first.letter} is read, the other kept with "
                "each action.",
                title,
            )
        if "description" not in columns:
            label, synonyms = COLUMNS["description"]
            seen = "; ".join(f"“{c.header}”" for c in unknown) or "none"
            self.result.problems.append(
                Problem(
                    f"There is no {label} column. Add one headed “{label}” (or "
                    f"{', '.join(f'“{s.capitalize()}”' for s in synonyms[1:4])}). Headings "
                    f"not understood in this row: {seen}.",
                    title,
                    header_row,
                )
            )
            return []
        # What the file says in columns that are no field is kept with each action.
        self.kept_columns = [
            c
            for c in [*unknown, *duplicates]
            if c.index != getattr(columns.get("reference"), "index", None)
        ]
        self.key = status_key(sheet.rows)
        self.fills = sheet.fills
        self.merged = sheet.merged
        titles = [text(c) for _, cells in sheet.rows[:position] for c in cells if c is not None]
        sheet_review = self.review or self.sheet_review(title, titles)
        if sheet_review is None and "review" not in columns:
            self.result.problems.append(
                Problem(
                    "This sheet does not say which review its actions are for. Name the sheet "
                    "after the review, put the review’s name in a title row, add a Review "
                    "column, or choose the review when importing. Known reviews: "
                    f"{self.known(self.reviews)}.",
                    title,
                )
            )
            return []
        rows = []
        unknown_reviews = {}
        self.section, self.numbered, previous = "", 0, None
        # "6 months" counts from the review's publication.
        self.published = sheet_review.learning_published_on if sheet_review else None
        for number, cells in sheet.rows[position + 1 :]:
            if not cells:
                continue
            skipped = self.not_an_action(cells, columns, number - sheet.rows[position][0])
            if skipped:
                self.notice(f"Row {number} was not read as an action: {skipped}.", title)
                previous = None  # a further action under a section is no longer objective's
                continue
            row = self.parse_row(title, number, cells, columns, previous)
            if row is None:
                continue
            previous = row
            self.choose_review(row, sheet_review, columns, unknown_reviews)
            if row.review is not None:
                rows.append(row)
        for name, numbers in unknown_reviews.items():
            self.result.problems.append(
                Problem(
                    f"There is no review called “{name}” (on {plural_rows(numbers)}). Add the "
                    f"review in the admin first, or correct the name. Known reviews: "
                    f"{self.known(self.reviews)}.",
                    title,
                    numbers[0],
                    str(columns["review"]),
                )
            )
        return rows

    def header(self, rows, *, guess=True):
        """The sheet's header row as find_header reads it, with the column meanings chosen for
        this file, or remembered from an earlier file of the same layout. With no row that
        find_header can read, the row that most looks like headings, every column of it not
        understood, so that the preview lists them for the manager to say what each holds; None
        for a sheet with no such row. The meanings are kept, to be remembered if the import is
        written."""
        candidates = rows[:HEADER_SEARCH_ROWS]
        keys = [layout_key(cells) for _, cells in candidates]
        remembered = dict(
            ImportLayout.objects.filter(headings__in=keys).values_list("headings", "columns")
        )
        found = find_header(rows, self.choices.columns)
        position = next((i for i, key in enumerate(keys) if key in remembered), None)
        if position is None:
            position = found[0] if found else likely_header(candidates) if guess else None
        if position is None:
            return None
        key = keys[position]
        chosen = {**remembered.get(key, {}), **self.choices.columns}
        self.layouts[key] = chosen
        self.chosen = chosen
        self.header_cells = [normalise(c) if isinstance(c, str) else "" for c in rows[position][1]]
        if remembered.get(key):
            self.notice(
                "The columns are read as chosen for an earlier file with the same headings: "
                "see how each column was read, and choose again if need be."
            )
        self.result.columns = {**chosen, **self.result.columns}
        found = find_header([rows[position]], chosen)
        if found is not None:
            return (position, *found[1:])
        return (position, *read_header_row(rows[position][1], chosen))

    def remember_layouts(self):
        for key, columns in self.layouts.items():
            if columns:
                ImportLayout.objects.update_or_create(
                    headings=key, defaults={"columns": columns, "updated_at": timezone.now()}
                )

    def sheet_review(self, title, titles):
        """The review a sheet's name, or else its title rows, name: the whole name, or the
        review's name as words within it."""
        if review := self.reviews.get(title):
            return review
        for candidates in ([title], titles):
            words = f" {' '.join(normalise(c) for c in candidates)} "
            found = {
                review
                for review in self.reviews.objects
                if f" {normalise(review.name)} " in words or f" {normalise(review.slug)} " in words
            }
            if len(found) == 1:
                return found.pop()
        return None

    def choose_review(self, row, sheet_review, columns, unknown_reviews):
        named = row.review_name
        if self.review is not None:
            if named and self.reviews.get(named) != self.review:
                row.errors.append(
                    Problem(
                        f"The Review column says “{named}”, but the import is for "
                        f"{self.review.name}.",
                        row.sheet,
                        row.number,
                        str(columns["review"]),
                    )
                )
            row.review = self.review
        elif named:
            row.review = self.reviews.get(named)
            if row.review is None:
                unknown_reviews.setdefault(named, []).append(row.number)
        elif sheet_review is not None:
            row.review = sheet_review
        else:
            self.result.problems.append(
                Problem(
                    "The Review column is empty: say which review this action is for.",
                    row.sheet,
                    row.number,
                    str(columns["review"]),
                )
            )

    def parse_row(self, sheet, number, cells, columns, previous=None):
        """The row's values, or None for a row with no reference and no action (a heading)."""

        def cell(name):
            column = columns.get(name)
            return cells[column.index] if column and column.index < len(cells) else None

        row = ParsedRow(sheet, number, columns, {})
        reference, description = text(cell("reference")), text(cell("description"))
        if not reference and not description:
            return None
        if not reference and "reference" not in columns:
            # "1. To ensure...", "Recommendation 1: ..." in the action or above it
            for name in ("description", "recommendation"):
                found = REFERENCE_IN_TEXT.match(text(cell(name)))
                if found:
                    reference = found["named"] or found["dotted"] or found["plain"]
                    if name == "description":
                        description = found["rest"].strip()
                    break
        continues = (
            not reference
            and "reference" not in columns
            and previous is not None
            and previous.from_text
            and not text(cell("recommendation"))
        )
        if continues:  # a further action under the numbered objective above
            reference = previous.written_reference
            row.from_text = True
        elif reference and "reference" not in columns:
            row.from_text = True
        if not reference and "reference" in columns:
            self.row_error(row, "reference", "Give this action a reference, such as 1.1 or L4.")
        elif not reference:  # a plan with no references: its actions numbered in order
            self.numbered += 1
            reference = str(self.numbered)
            row.numbered = True
        elif (
            previous is not None
            and reference == previous.written_reference
            and (
                continues
                or ("reference" in columns and (number, columns["reference"].index) in self.merged)
                or (  # one objective, "1. To ensure...", over several actions
                    "reference" not in columns
                    and text(cell("recommendation")) == previous.values.get("recommendation")
                )
            )
        ):
            # One number over two or more actions (a merged cell): each is told apart.
            if previous.values.get("reference") == reference:
                previous.values["reference"] = f"{reference}a"
            letter = chr(ord(previous.values.get("reference", "a")[-1]) + 1)
            row.written_reference, reference = reference, f"{reference}{letter}"
            self.warn(
                row, "reference", f"The reference repeats the row above: read as {reference}."
            )
        row.written_reference = row.written_reference or reference
        row.values["reference"] = reference
        row.review_name = text(cell("review"))
        for name in TEXT_FIELDS:
            if name in columns:
                row.values[name] = text(cell(name))
        row.values["description"] = description
        if continues and not row.values.get("recommendation"):
            row.values["recommendation"] = previous.values.get("recommendation", "")
        if self.section and not row.values.get("recommendation"):
            row.values["recommendation"] = self.section  # the section heading above the row
        kept = [
            f"{column.header}: {text(cells[column.index])}"
            for column in self.kept_columns
            if column.index < len(cells) and text(cells[column.index])
        ]
        row.values["tracker_columns"] = "\n".join(kept)
        colour = self.fills.get((number, columns["status"].index)) if "status" in columns else None
        by_colour = status_of_colour(colour) if colour else None
        if "status" in columns and not text(cell("status")) and by_colour:
            row.values["status"] = by_colour
            self.warn(
                row,
                "status",
                "The status is given only by the cell’s colour: read as "
                f"{status_words(by_colour)}.",
            )
        elif "status" in columns and not text(cell("status")) and colour and not pale(colour):
            self.row_error(
                row,
                "status",
                f"The status cell is coloured (#{colour}), but its colour is none of blue, green, "
                "amber and red. Write the status in the cell, or colour it one of those.",
            )
        elif "status" in columns and not text(cell("status")):
            words = status_words(self.choices.blank_status)
            self.warn(row, "status", f"No status given: a new action is read as {words}.")
        elif "status" in columns:
            try:
                row.values["status"], warning = read_status(cell("status"), self.key)
                if warning:
                    self.warn(row, "status", warning)
            except ValueError as error:
                self.row_error(row, "status", str(error))
        for name in ("target_date", "completed_on", "embedded_on"):
            if name not in columns:
                continue
            if name == "target_date":
                row.values["timescale_as_written"] = as_written(cell(name))
            try:
                day, warning = parse_date(cell(name), relative_to=self.published)
            except ValueError as error:
                self.row_error(row, name, str(error))
                continue
            if warning:
                row.warnings.append(Problem(warning, sheet, number, str(columns[name])))
            if day is not None or name == "target_date":
                row.values[name] = day  # a blank completed or embedded date changes nothing
        if "lead_agency" in columns:
            row.values["lead_agency"] = self.agency(row, text(cell("lead_agency")))
        if "themes" in columns:
            row.values["themes"] = self.theme_list(row, cell("themes"))
        if "supporting_agencies" in columns:
            row.values["supporting_agencies"] = self.agency_list(row, cell("supporting_agencies"))
        return row

    def not_an_action(self, cells, columns, below):
        """Why a row under the header is not an action ('' if it is one): the header again (its
        cells the header's own), a template's guidance (questions just under the header), a
        line of the sheet's key, or a section heading (merged across the table, or alone in its
        row outside the action's text), which the rows under it take as their recommendation.
        `below`: how many rows under the header this one is."""
        filled = [text(c) for c in cells if c is not None and text(c)]
        distinct = list(dict.fromkeys(filled))
        if below <= 2 and len(distinct) > 1 and all(value.endswith("?") for value in distinct):
            return "it is the template’s guidance (“" + Truncator(distinct[0]).chars(60) + "”)"
        if self.repeats_header(cells):
            return "it repeats the header row"
        if len(distinct) == 1 and self.key and is_key_line(distinct[0]):
            return f"it is part of the sheet’s key (“{distinct[0]}”)"
        if len(distinct) == 2 and self.key and is_key_line(" ".join(distinct)):
            return f"it is part of the sheet’s key (“{distinct[0]} {distinct[1]}”)"
        description = columns.get("description")
        in_text_only = (
            description is not None
            and len(filled) == 1
            and description.index < len(cells)
            and text(cells[description.index]) == filled[0]
        )
        if len(distinct) == 1 and len(columns) > 2 and not in_text_only:
            self.section = distinct[0]
            return (
                f"a section heading (“{Truncator(distinct[0]).chars(60)}”), taken as the "
                "recommendation of the actions under it"
            )
        return ""

    def repeats_header(self, cells):
        """Whether a row is the header row again: two of its cells or more are the header's own,
        in the same columns."""
        same = sum(
            1
            for cell, heading in zip(cells, self.header_cells, strict=False)
            if isinstance(cell, str) and heading and normalise(cell) == heading
        )
        return same >= 2

    def looks_like_action(self, cells):
        """Not a section heading, a repeated header or guidance, at a first look."""
        filled = [text(c) for c in cells if c is not None and text(c)]
        return (
            len(set(filled)) > 1
            and not self.repeats_header(cells)
            and not all(value.endswith("?") for value in filled)
        )

    def find_reference_column(self, rows, columns, duplicates, title):
        """With no column headed as a reference: a blank-headed column of numbers, or the first
        of two columns one merged heading covers ("Recommendation" over "1" and its text)."""
        if "reference" in columns:
            return
        filled = [cells for _, cells in rows if cells and self.looks_like_action(cells)][:40]

        def references(index):
            values = [text(c[index]) for c in filled if index < len(c) and text(c[index])]
            # Most of them: headings, guidance and sections among the rows are not yet told apart.
            like = sum(1 for v in values if REFERENCE.fullmatch(v))
            return like >= 2 and like * 2 > len(values)

        headed = {column.index for column in columns.values()}
        width = max((len(c) for c in filled), default=0)
        for index in range(width):
            merged = next((c for c in duplicates if c.index == index + 1), None)
            owner = next((f for f, c in columns.items() if c.index == index), None)
            blank = index not in headed and not any(d.index == index for d in duplicates)
            if not references(index):
                continue
            if blank:
                columns["reference"] = Column(index, "(no heading)")
            elif owner and merged and merged.header == columns[owner].header:
                columns["reference"] = columns[owner]
                columns[owner] = merged
                duplicates.remove(merged)
            else:
                continue
            self.notice(f"Column {columns['reference'].letter} read as the reference.", title)
            return

    def warn(self, row, name, message):
        row.warnings.append(Problem(message, row.sheet, row.number, self.column_name(row, name)))

    def agency(self, row, name):
        if not name and self.choices.lead_agency is not None:
            return self.choices.lead_agency
        if not name:
            self.row_error(row, "lead_agency", "Say which agency leads this action.")
            return None
        agency = self.agencies.get(name)
        if agency is None:  # a person column: "NBT – Named Nurse", "Police, ICB", "Head (Council)"
            agency = self.person_cell(row, name)
        if agency is None and self.create_agencies and not looks_like_role(name):
            agency = self.agency_create(name)
        if agency is None and self.choices.lead_agency is not None:
            # A role or a group ("Training subgroup"): the chosen agency leads, and the words
            # say who within it.
            agency = self.choices.lead_agency
            if not row.values.get("lead_officer_role"):
                row.values["lead_officer_role"] = name[:200]
            self.warn(
                row,
                "lead_agency",
                f"“{Truncator(name).chars(60)}” is not an agency: read as {agency.name}, with "
                "those words as its lead officer.",
            )
        if agency is None:
            self.row_error(
                row,
                "lead_agency",
                f"There is no agency called “{name}”. Use one of: {self.known(self.agencies)}; "
                "or add the agency in the admin first (or, if it is one of those by another "
                "name, add the name to its other names).",
            )
        return agency

    def person_cell(self, row, name):
        """The lead agency a person cell names, with the rest of it as the lead officer's role
        (if no column gives one) and any further agencies as supporting ones (if no column gives
        them), with a warning; None if it names no agency. Whole parts that are an agency's name
        come first; a name within a part ("NBT – Named Nurse") only when no part is one."""
        parts = [part.strip(" -–—:.") for part in PERSON_PARTS.split(name)]
        parts = [part for part in parts if part]
        found = [self.agencies.get(part) for part in parts]
        agencies = list(dict.fromkeys(a for a in found if a))
        roles = [part for part, agency in zip(parts, found, strict=True) if agency is None]
        if not agencies:
            for part in parts:
                agency, within = self.agencies.within(part)
                if agency is not None:
                    agencies = [agency]
                    roles = [role_in(p, within) if p == part else p for p in parts]
                    break
        if not agencies:
            return None
        role = "; ".join(r for r in roles if r)[:200]
        if role and not row.values.get("lead_officer_role"):
            row.values["lead_officer_role"] = role
        lead, others = agencies[0], agencies[1:]
        if others:
            if "supporting_agencies" not in row.columns:
                row.values["supporting_agencies"] = others
            self.warn(
                row,
                "lead_agency",
                f"Several agencies given: {lead.name} read as the lead, {names(others)} as "
                "supporting.",
            )
        return lead

    def agency_create(self, name):
        slug = base = slugify(name)[:70] or "agency"
        number = 1
        while Agency.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        agency = Agency(name=name[:200], short_name=name[:60], slug=slug)
        try:
            agency.full_clean()
        except ValidationError:
            return None
        agency.save()
        self.agencies.add(agency, name)
        self.result.created_agencies.append(name)
        return agency

    def agency_list(self, row, value):
        """The supporting agencies a cell names, as the lead agency is found (and, with
        create_agencies, added); None, with the row's error, if any is unknown."""
        create = self.agency_create if self.create_agencies else None
        return self.name_list(
            row, value, self.agencies, "supporting_agencies", "agency", create=create,
            advice="; or add the agency in the admin first",
        )  # fmt: skip

    def theme_list(self, row, value):
        """The themes a cell names; None, with the row's error, if any is unknown."""
        return self.name_list(row, value, self.themes, "themes", "theme")

    def name_list(self, row, value, names, field, noun, *, create=None, advice=""):
        """The objects a cell of several names ("A; B", "A, B" or one a line) finds in `names`,
        each once; None, with the row's error naming the unknown ones, if any is unknown."""
        found, unknown = [], []
        for part in split_list(value):
            obj = names.get(part)
            if obj is None and "," in part:
                each = [names.get(p) for p in part.split(",") if p.strip()]
                if all(each):
                    found += each
                    continue
            if obj is None and create is not None:
                obj = create(part)
            if obj is None:
                unknown.append(part)
            else:
                found.append(obj)
        if unknown:
            listed = ", ".join(f"“{u}”" for u in unknown)
            self.row_error(
                row,
                field,
                f"There is no {noun} called {listed}. Use one or more of: "
                f"{self.known(names)}, separated by semicolons{advice}.",
            )
            return None
        return list(dict.fromkeys(found))

    def known(self, names):
        return "; ".join(str(obj) for obj in names.objects) or "none yet"

    def row_error(self, row, name, message):
        column = row.columns.get(name)
        row.errors.append(Problem(message, row.sheet, row.number, self.column_name(row, name)))
        row.values.pop(name, None)
        return column

    def column_name(self, row, name):
        column = row.columns.get(name)
        if column is not None:
            return str(column)
        label = COLUMNS[name][0] if name in COLUMNS else name.replace("_", " ")
        return f"{label} (no such column)" if name in COLUMNS else label

    def notice(self, message, sheet=""):
        self.result.notices.append(Problem(message, sheet))

    # Checking and writing -----------------------------------------------------------------------

    def number_rows(self, rows):
        """References for the actions of a file that gives none: an action already imported
        keeps its reference, found by its text (a row added to next quarter's file does not
        shift the others); a new one takes the next number not used in its review."""
        numbered = [row for row in rows if row.numbered]
        if not numbered:
            return
        reviews = {row.review.pk for row in numbered}
        known = Action.objects.filter(review__in=reviews).values_list(
            "review_id", "reference", "description"
        )
        by_text = {(review, normalise(text_)): ref for review, ref, text_ in known}
        used = {(review, ref) for review, ref, _ in known}
        used |= {(row.review.pk, row.values["reference"]) for row in rows if not row.numbered}
        for row in numbered:
            found = by_text.pop((row.review.pk, normalise(row.values.get("description", ""))), None)
            if found:
                row.values["reference"] = found
                used.add((row.review.pk, found))
                row.numbered = False
        for row in numbered:
            if not row.numbered:
                continue
            number = 1
            while (row.review.pk, str(number)) in used:
                number += 1
            row.values["reference"] = str(number)
            used.add((row.review.pk, str(number)))
            self.warn(row, "reference", f"The file has no references: numbered {number}.")

    def check_duplicates(self, rows):
        seen = {}
        for row in rows:
            reference = row.values.get("reference")
            if not reference:
                continue
            key = (row.review.pk, reference)
            if key in seen:
                first = seen[key]
                where = f"row {first.number}" + (
                    f" of sheet “{first.sheet}”" if first.sheet != row.sheet else ""
                )
                self.row_error(
                    row,
                    "reference",
                    f"{row.review.name} {reference} is already on {where}: each action’s "
                    "reference must be different within its review.",
                )
            else:
                seen[key] = row

    def existing_actions(self, rows):
        reviews = {row.review.pk for row in rows}
        actions = (
            Action.objects.filter(review__in=reviews)
            .select_related("lead_agency")
            .prefetch_related("themes")
        )
        return {(action.review_id, action.reference): action for action in actions}

    def import_row(self, row, action):
        key = row.review.pk
        review_result = self.result.reviews.setdefault(key, ReviewResult(row.review.name))
        result = RowResult(
            row.sheet,
            row.number,
            row.values.get("reference", ""),
            description=row.values.get("description") or (action.description if action else ""),
            errors=row.errors,
            warnings=row.warnings,
        )
        review_result.rows.append(result)
        if not result.reference:
            result.outcome = ERROR
            return
        if action is None:
            result.outcome = NEW
            for name in ("lead_agency", "status", "target_date"):
                if row.values.get(name) is not None:
                    result.changes.append(
                        Change(COLUMNS[name][0], "", shown(name, row.values[name]))
                    )
            self.write(row, result, lambda: self.create(row))
        else:
            changes = self.changes(row, action, result)
            result.outcome = UPDATED if changes else UNCHANGED
            if changes:
                self.write(row, result, lambda: self.update(action, changes))
        if result.errors:
            result.outcome = ERROR

    def write(self, row, result, save):
        """Save (or, in a preview, check) by the admin's rules; their refusals become the row's
        errors. The write services save each action in a savepoint, so a refused one leaves
        nothing behind and the other rows can still be checked."""
        try:
            save()
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
            columns_in_error = {e.column for e in result.errors}
            for name, messages in errors.items():
                name = "" if name == NON_FIELD_ERRORS else name
                column = self.column_name(row, name) if name else ""
                if column and column in columns_in_error:
                    continue  # already said, about the value the file gave
                for message in messages:
                    result.errors.append(
                        Problem(friendly(name, message), row.sheet, row.number, column)
                    )
        except IntegrityError as error:
            result.errors.append(
                Problem(f"The database refused this row ({error}).", row.sheet, row.number)
            )

    def create(self, row):
        values = dict(row.values)
        themes = values.pop("themes", None) or []
        supporting_agencies = values.pop("supporting_agencies", None) or []
        fields = {
            "review": row.review,
            "reference": values.pop("reference"),
            "recommendation": values.pop("recommendation", ""),
            "description": values.pop("description", ""),
            "lead_agency": values.pop("lead_agency", None) or self.choices.lead_agency,
            "lead_officer_role": values.pop("lead_officer_role", ""),
            "status": values.pop("status", Status(self.choices.blank_status)),
            "target_date": values.pop("target_date", None),
            "progress_note": values.pop("progress_note", ""),
            "evidence": values.pop("evidence", ""),
            "completed_on": values.pop("completed_on", None),
            "embedded_on": values.pop("embedded_on", None),
            "timescale_as_written": values.pop("timescale_as_written", ""),
            "tracker_columns": values.pop("tracker_columns", ""),
        }
        if self.result.dry_run:
            services.action_check(Action(**fields), note=self.note)
        else:
            services.action_create(
                **fields,
                themes=themes,
                supporting_agencies=supporting_agencies,
                user=self.user,
                note=self.note,
                at=self.at,
            )

    def update(self, action, changes):
        if self.result.dry_run:  # a preview: checked by the same rules, without writing
            changes.pop("themes", None)
            changes.pop("supporting_agencies", None)
            for name, value in changes.items():
                setattr(action, name, value)
            services.action_check(action, note=self.note)
        else:
            services.action_update(
                action=action, user=self.user, note=self.note, at=self.at, **changes
            )

    def changes(self, row, action, result):
        """The fields the file changes, as keyword arguments for action_update; each also
        described in the result."""
        changes = {}
        for name, value in row.values.items():
            if name == "reference":
                continue
            if name in ("themes", "supporting_agencies"):
                before = list(getattr(action, name).all())
                if value is not None and {t.pk for t in value} != {t.pk for t in before}:
                    changes[name] = value
                    result.changes.append(Change(COLUMNS[name][0], names(before), names(value)))
                continue
            if name == "lead_agency" and value is None:
                continue
            current = getattr(action, name)
            if name in TEXT_FIELDS + ("description", "timescale_as_written", "tracker_columns"):
                same = text(current) == value
            else:
                same = current == value
            if not same:
                changes[name] = value
                result.changes.append(Change(label(name), shown(name, current), shown(name, value)))
        if "target_date" in changes and "target_date_change_reason" not in changes:
            reason = (
                f"Target date changed by an import from {self.result.file_name} on "
                f"{timezone.localtime():%-d %B %Y at %H:%M}"
            )
            if reason == action.target_date_change_reason.strip():
                reason += f":{timezone.localtime():%S}"
            changes["target_date_change_reason"] = reason
        return changes


# A cell that is one date written plainly: nothing more to keep than the date itself.
PLAIN_DAY = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2} [A-Za-z]+ \d{4}")


def as_written(value):
    """A timescale as the tracker wrote it, when it says more than one plain date ("By end of
    March 2008", "Quarterly", two dates): kept with the action; '' for a date and nothing else."""
    if not isinstance(value, str) or PLAIN_DAY.fullmatch(value.strip()):
        return ""
    return text(value)[:500]


# How a person cell separates its parts: lines, commas, semicolons, slashes, brackets, "and".
PERSON_PARTS = re.compile(r"[\n,;/()]|\s+(?:and|&)\s+|\s+[–—-]\s+", re.I)
ROLE_WORDS = re.compile(
    r"\b(nurse|officer|manager|head|lead|director|designated|named|chair|subgroup|group|"
    r"team|board|service manager|co-?ordinator|practitioner|doctor|gp|advisor|adviser|lado|"
    r"tbc|tba|all|agencies|partners|everyone|n/?a)\b",
    re.I,
)


def role_in(text_, agency_name):
    """The officer's role a person cell gives beside its agency: "NBT – Named Nurse" → "Named
    Nurse"."""
    words = re.sub(re.escape(agency_name), "", text_, count=1, flags=re.I)
    return re.sub(r"^[\s\-–—:/,()]+|[\s\-–—:/,()]+$", "", words)[:200]


def looks_like_role(name):
    """A person column's cell that names a role or a group, never an agency to create."""
    return bool(ROLE_WORDS.search(name)) or "\n" in name


def label(name):
    """What a change to a field is called in the preview."""
    if name in COLUMNS:
        return COLUMNS[name][0]
    return {"timescale_as_written": "Timescale as written", "tracker_columns": "Other columns"}[
        name
    ]


def friendly(name, message):
    """Django's words for an empty required field, in the import's terms."""
    if message in ("This field cannot be blank.", "This field cannot be null."):
        label = COLUMNS[name][0] if name in COLUMNS else name
        return f"{label} is empty: every action needs one."
    return message


def names(objects):
    return "; ".join(str(obj) for obj in objects)


def shown(name, value):
    if value is None or value == "":
        return "(none)"
    if isinstance(value, Agency):
        return value.short_name
    if hasattr(value, "strftime"):
        return value.strftime("%-d %b %Y")
    if name == "status":
        return Status(value).label
    return str(value)


def plural_rows(numbers):
    if len(numbers) == 1:
        return f"row {numbers[0]}"
    shown_numbers = ", ".join(str(n) for n in numbers[:5])
    return f"rows {shown_numbers}{' and more' if len(numbers) > 5 else ''}"
