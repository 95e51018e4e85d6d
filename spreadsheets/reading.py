"""Reading a spreadsheet as people really keep it: an XLSX workbook's sheets (checked for size
before openpyxl opens them) or a CSV file, as rows of cell values. Knows nothing of what the rows
mean: the tracker import (reviews/imports) reads them as actions."""

import codecs
import csv
import datetime
import functools
import io
import posixpath
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePath
from xml.parsers import expat

from django.template.defaultfilters import filesizeformat

from .cells import restore

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# What an XLSX (a zip of XML) may expand to. Zip declares each member's size and Python's zipfile
# never inflates a member beyond it, so the declared total bounds the work openpyxl can be made
# to do: a small file that would expand to gigabytes (a "zip bomb") is refused before it is read.
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
HEADER_SEARCH_ROWS = 20
# What one sheet of a workbook may reach, measured before openpyxl opens it (see
# measure_worksheets): a small file can claim, merge or place cells across all of Excel's
# 1,048,576 rows and 16,384 columns, and reading that takes minutes and gigabytes. A tracker of
# MAX_ROWS actions with title, section and blank rows among them fits in twice as many rows. The
# template has 12 columns and the widest trackers some thirty (notes, an update column for each
# quarter), so 200 columns (to GR) leaves room to spare. MAX_CELLS counts the cells the rows
# reach, each as far as its last cell: 20,000 rows of 50 columns. Merged ranges carry a
# recommendation over its actions or a title or section row across the columns: MAX_MERGED_CELLS
# is every row of a 20,000-row tracker merged across ten columns.
MAX_SHEET_ROWS = 2 * MAX_ROWS
MAX_COLUMNS = 200
MAX_CELLS = 1_000_000
MAX_MERGED_CELLS = 200_000
MAX_SHEETS = 500  # a sheet for each review a partnership has ever had, many times over
XML_PIECE = 64 * 1024

ACCEPTED_FILES = "an Excel workbook (.xlsx) or a CSV file"


class Refused(Exception):
    """The file as a whole cannot be imported. The message says why, in plain words."""


@dataclass
class Sheet:
    title: str  # the sheet's name; "" for a CSV file
    rows: list  # (row number as the spreadsheet shows it, [cell values]), blank rows included
    hidden: bool = False
    # The solid fill colour of a cell that has one, as "RRGGBB": {(row number, 0-based column)}.
    # Some trackers give a status only so.
    fills: dict = field(default_factory=dict)
    # The cells a merge covers, other than its first: {(row number, 0-based column)}.
    merged: set = field(default_factory=set)
    # The numbers of the rows Excel hides (which the read-only reader does not say).
    hidden_rows: set = field(default_factory=set)
    # The cells holding a formula Excel never calculated, so read as empty: {(row, 0-based column)}.
    uncalculated: set = field(default_factory=set)


# Files ------------------------------------------------------------------------------------------


def read_file(data: bytes, name: str) -> list[Sheet]:
    """The sheets of an XLSX or CSV file, or Refused."""
    if not data:
        raise Refused(f"{name} is empty. Choose {ACCEPTED_FILES} with the table to import in it.")
    if len(data) > MAX_FILE_BYTES:
        raise Refused(
            f"{name} is {filesizeformat(len(data))}: the largest file that can be imported is "
            f"{filesizeformat(MAX_FILE_BYTES)}. Split it into smaller files, or delete the "
            "pictures and unused sheets in it."
        )
    suffix = PurePath(name).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        sheets = read_xlsx(data, name)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused(
            f"{name} is an older Excel workbook (.xls) or another Office file. Open it in Excel "
            "and save it as an Excel workbook (.xlsx), then import that."
        )
    elif data.startswith(b"%PDF"):
        raise Refused(f"{name} is a PDF, not a spreadsheet. Choose {ACCEPTED_FILES}.")
    elif suffix in (".xlsx", ".xlsm"):
        raise Refused(
            f"{name} is not an Excel workbook, although its name ends {suffix}. It may be "
            f"another kind of file renamed. Choose {ACCEPTED_FILES}."
        )
    else:
        sheets = read_csv(data, name)
    filled = sum(1 for sheet in sheets for _, cells in sheet.rows if cells)
    if not filled:
        raise Refused(f"{name} has nothing in it. Choose the file with the table to import in it.")
    if filled > MAX_ROWS:
        raise Refused(
            f"{name} has {filled:,} rows: the most that can be imported at once is {MAX_ROWS:,}. "
            "Split it into smaller files."
        )
    return sheets


def read_xlsx(data, name):
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Refused(
            f"{name} is damaged or not an Excel workbook. Choose {ACCEPTED_FILES}."
        ) from None
    if sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
        raise Refused(
            f"{name} expands to more than {filesizeformat(MAX_UNZIPPED_BYTES)} when opened, "
            "which is far more than an import needs, so it was not opened. Copy the table to "
            "import into a new workbook and import that."
        )
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise Refused(
            f"{name} is not an Excel workbook (it may be a Word document or another zip file). "
            f"Choose {ACCEPTED_FILES}."
        )
    measured = measure_worksheets(archive, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on features it does not read
            # Read-only: rows stream from the XML as plain values, and merged cells are not
            # expanded into a cell object each (the full reader does that, which a workbook
            # merging A3:XFD1048576 turns into gigabytes); the merges measured above are filled
            # in by worksheet_rows. data_only: a formula is read as the value Excel last
            # calculated. Macros are neither kept nor run.
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_vba=False, keep_links=False
            )
            try:
                theme = theme_colours(workbook.loaded_theme)
                sheets = []
                for worksheet in workbook.worksheets:
                    fills, merged = {}, set()
                    cover, hidden_rows, uncalculated = measured.get(
                        worksheet.title, ([], set(), set())
                    )
                    rows = worksheet_rows(worksheet, cover, fills, merged, theme)
                    uncalculated = empty_cells(rows, uncalculated)
                    hidden = worksheet.sheet_state != "visible"
                    sheet = Sheet(
                        worksheet.title, rows, hidden=hidden, fills=fills, merged=merged,
                        hidden_rows=hidden_rows, uncalculated=uncalculated,
                    )  # fmt: skip
                    sheets.append(sheet)
                return sheets
            finally:
                workbook.close()
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise unreadable(name, type(error).__name__) from error


def unreadable(name, why):
    return Refused(
        f"{name} could not be read as an Excel workbook ({why}). Open it in Excel, save it "
        "again as an Excel workbook (.xlsx), and import that."
    )


# The sheets' sizes ------------------------------------------------------------------------------

WORKSHEET_TYPE = "/relationships/worksheet"
COLUMN_LETTERS = re.compile(r"\$?([A-Za-z]{1,3})\$?")  # a cell's column, as openpyxl reads it
DIGITS = "0123456789"


def measure_worksheets(archive, name):
    """{sheet name: ([its merged ranges as (first column, first row, last column, last row)],
    {the numbers of its hidden rows}, {its cells with a formula})};
    Refused for a sheet that reaches further than an import can (MAX_SHEET_ROWS and the
    rest, above), naming the sheet and what is too large.

    Each worksheet's XML is read a piece at a time before openpyxl opens the file, keeping a few
    numbers, the merged ranges and the hidden rows: its <dimension>, every <row>, <c> (cell) and
    <mergeCell>."""
    try:
        return {
            title: measure_worksheet(archive, part, title, name)
            for part, title in worksheet_parts(archive, name).items()
        }
    except (expat.ExpatError, ValueError, zipfile.BadZipFile, OSError, RuntimeError) as error:
        raise unreadable(name, type(error).__name__) from error


def worksheet_parts(archive, name):
    """{part name in the zip: sheet name} of every worksheet the file's relationships point to.

    openpyxl finds the workbook through the file's manifest and its sheets through the
    workbook's relationships; following every relationship to a worksheet, wherever it is,
    measures at least what openpyxl will read."""
    names = set(archive.namelist())
    parts = {}
    for rels in sorted(n for n in names if n.endswith(".rels")):
        targets = worksheet_targets(archive, rels)
        parts.update({part: part for part in targets.values() if part not in parts})
        if len(parts) > MAX_SHEETS:
            raise Refused(
                f"{name} has more than {MAX_SHEETS} sheets, far more than an import needs, "
                "so it was not opened. Copy the table to import into a new workbook and import "
                "that."
            )
        # xl/_rels/workbook.xml.rels holds the relationships of xl/workbook.xml
        folder, file = posixpath.split(rels)
        workbook = posixpath.join(posixpath.dirname(folder), file.removesuffix(".rels"))
        if targets and workbook in names:
            parts.update(sheet_names(archive, workbook, targets))
    return {part: title for part, title in parts.items() if part in names}


def worksheet_targets(archive, rels):
    """{relationship id: part name} of the worksheets a .rels part points to."""
    folder = posixpath.dirname(posixpath.dirname(rels))
    targets = {}

    def relationship(tag, attrs):
        target, kind = attrs.get("Target", ""), attrs.get("Type", "")
        if local(tag) != "Relationship" or not kind.endswith(WORKSHEET_TYPE):
            return
        if attrs.get("TargetMode") == "External":
            return
        if len(targets) > MAX_SHEETS:
            return  # worksheet_parts refuses the file
        if target.startswith("/"):
            targets[attrs.get("Id")] = target[1:]
        else:
            targets[attrs.get("Id")] = posixpath.normpath(posixpath.join(folder, target))

    read_elements(archive, rels, relationship)
    return targets


def sheet_names(archive, workbook, targets):
    """{part name: sheet name} from a workbook's <sheet> elements."""
    names = {}

    def sheet(tag, attrs):
        ids = [value for key, value in attrs.items() if key.endswith(":id")]
        if local(tag) == "sheet" and ids and ids[0] in targets:
            names[targets[ids[0]]] = attrs.get("name") or targets[ids[0]]

    read_elements(archive, workbook, sheet)
    return names


def measure_worksheet(archive, part, title, name):
    merges, hidden, formulas = [], set(), set()
    row = column = width = cells = merged = 0

    def refuse(what):
        raise Refused(
            f"{name} was not opened: sheet “{title}” {what}. Delete (or unmerge) what lies "
            "beyond the table to import, or copy the table into a new workbook, and import that."
        )

    def reach(what, last_column, last_row):
        if last_column > MAX_COLUMNS or last_row > MAX_SHEET_ROWS:
            refuse(
                f"{what}, which reaches row {last_row:,} and column {letter(last_column)}, but "
                f"{needs()}"
            )

    def needs():
        return (
            f"an import needs no more than {MAX_SHEET_ROWS:,} rows and {MAX_COLUMNS} "
            f"columns (to column {letter(MAX_COLUMNS)})"
        )

    def element(tag, attrs):
        # Called for every element of the sheet, most of them cells and their values: the common
        # case is kept short.
        nonlocal row, column, width, cells, merged
        tag = tag[tag.find(":") + 1 :]
        if tag == "c":
            ref = attrs.get("r")
            column = column_number(ref.rstrip(DIGITS)) if ref else column + 1
            if column > width:
                width = column
                if column > MAX_COLUMNS:
                    reach(f"has a cell at {ref or letter(column)}", column, row)
                if cells + width > MAX_CELLS:
                    refuse(
                        f"has more than {MAX_CELLS:,} cells in use (counting each row as far as "
                        "its last cell), more than an import needs"
                    )
        elif tag == "f":
            formulas.add((row, column - 1))
        elif tag == "row":
            cells, width, column = cells + width, 0, 0
            row = row_number(attrs["r"]) if "r" in attrs else row + 1
            if row > MAX_SHEET_ROWS:
                refuse(f"has a row numbered {row:,}, but {needs()}")
            if attrs.get("hidden") in ("1", "true"):
                hidden.add(row)
        elif tag == "mergeCell":
            ref = attrs.get("ref", "")
            bounds = cell_range(ref)
            reach(f"has the merged range {ref}", bounds[2], bounds[3])
            area = (bounds[2] - bounds[0] + 1) * (bounds[3] - bounds[1] + 1)
            merged += area
            if merged > MAX_MERGED_CELLS:
                refuse(
                    f"has merged ranges covering more than {MAX_MERGED_CELLS:,} cells ({ref} "
                    f"alone covers {area:,}), more than an import needs"
                )
            merges.append(bounds)
        elif tag == "dimension":
            ref = attrs.get("ref", "")
            bounds = cell_range(ref)
            reach(f"says its cells span {ref}", bounds[2], bounds[3])

    read_elements(archive, part, element)
    return merges, hidden, formulas


def read_elements(archive, member, handler):
    """Call handler(tag, attributes) at the start of every element of the XML `member`, read a
    piece at a time: no tree is built, so memory stays small however long the XML. The tag is as
    written, with any namespace prefix ("x:row"). A document type declaration (which Excel
    never writes, and which can define entities that expand a few bytes into gigabytes) is
    refused."""
    parser = expat.ParserCreate()
    parser.StartElementHandler = handler

    def doctype(*args):
        raise ValueError("a document type declaration")

    parser.StartDoctypeDeclHandler = doctype
    with archive.open(member) as stream:
        while piece := stream.read(XML_PIECE):
            parser.Parse(piece, False)
    parser.Parse(b"", True)


def local(tag):
    """A tag without its namespace prefix."""
    return tag[tag.find(":") + 1 :]


@functools.lru_cache(maxsize=1024)
def column_number(letters):
    """1 for column A, 28 for AB (or $AB, or ab), or ValueError."""
    match = COLUMN_LETTERS.fullmatch(letters)
    if not match:
        raise ValueError(f"{letters} is not a column")
    column = 0
    for character in match[1].upper():
        column = column * 26 + ord(character) - ord("A") + 1
    return column


def coordinate(ref):
    """(column, row) of a cell's name ("B12": (2, 12)), or ValueError."""
    letters = ref.rstrip(DIGITS)
    if letters == ref:
        raise ValueError(f"{ref} is not a cell")
    return column_number(letters), int(ref[len(letters) :])


def cell_range(ref):
    """(first column, first row, last column, last row) of "A3:B7" (or of one cell, "A3")."""
    first, _, last = ref.partition(":")
    (column1, row1), (column2, row2) = coordinate(first), coordinate(last or first)
    return min(column1, column2), min(row1, row2), max(column1, column2), max(row1, row2)


def row_number(value):
    """A <row>'s number as openpyxl reads it ("12", or "12.0")."""
    try:
        return int(value)
    except ValueError:
        number = float(value)
        if not number.is_integer():
            raise ValueError(f"{value} is not a row number") from None
        return int(number)


def letter(column):
    from openpyxl.utils import get_column_letter

    return get_column_letter(column) if column <= 18_278 else f"number {column:,}"


def worksheet_rows(worksheet, merges, fills=None, merged=None, theme=()):
    """Every row's values, with a merged cell's value in every cell it covers (within the rows
    and columns the sheet has data in: a merge reaching beyond them adds nothing); and, into
    `fills`, each solid fill colour a cell has."""
    # The sheet's <dimension> is only a claim, which some programs get wrong and which the
    # read-only reader would pad every row to; what the sheet really holds was measured.
    worksheet.reset_dimensions()
    rows = []
    for number, cells in enumerate(worksheet.iter_rows(), start=1):
        rows.append([shown_value(cell) for cell in cells])
        if fills is None:
            continue
        for index, cell in enumerate(cells):
            colour = solid_colour(cell, theme)
            if colour:
                fills[(number, index)] = colour
    width = max(map(len, rows), default=0)
    for min_col, min_row, max_col, max_row in merges:
        if min_row > len(rows):
            continue
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col <= len(top) else None
        # What the covered cells hold is hidden under the merge: they show the first cell's value.
        for cells in rows[min_row - 1 : max_row]:
            end = min(max_col, width if value is not None else len(cells))
            if end > len(cells):
                cells.extend([None] * (end - len(cells)))
            cells[min_col - 1 : end] = [value] * max(0, end - min_col + 1)
        if merged is not None:
            merged.update(
                (number, index)
                for number in range(min_row, min(max_row, len(rows)) + 1)
                for index in range(min_col - 1, max_col)
                if (number, index) != (min_row, min_col - 1)
            )
        colour = fills.get((min_row, min_col - 1)) if fills is not None else None
        if colour:
            for number in range(min_row, min(max_row, len(rows)) + 1):
                for index in range(min_col - 1, max_col):
                    fills[(number, index)] = colour
    return [(number, tidy(cells)) for number, cells in enumerate(rows, start=1)]


def empty_cells(rows, cells):
    """Those of `cells` ((row number, 0-based column)) that hold nothing in `rows`: of formula
    cells, those Excel never worked out, which the file keeps with no value."""
    values = dict(rows)
    found = set()
    for number, column in cells:
        row = values.get(number) or []
        if column >= len(row) or row[column] is None:
            found.add((number, column))
    return found


def shown_value(cell):
    """A cell's value; a number formatted as a percentage as Excel shows it ("87.5%" for the
    0.875 stored), so that it is read as what the person typed and sees."""
    value = cell.value
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and "%" in (getattr(cell, "number_format", None) or ""):
        percent = round(Decimal(repr(value)) * 100, 8).normalize()
        return f"{percent:f}%"
    return value


def solid_colour(cell, theme=()):
    """A cell's solid fill as "RRGGBB", or None (no fill, or a pattern). A theme colour is
    looked up in the workbook's `theme` (theme_colours), with its tint; an indexed colour (a
    file saved from .xls) in Excel's own palette."""
    fill = getattr(cell, "fill", None)
    if fill is None or fill.fill_type != "solid":
        return None
    colour = fill.fgColor
    if colour.type == "theme" and isinstance(colour.theme, int) and colour.theme < len(theme):
        return tinted(theme[colour.theme], colour.tint or 0)
    if colour.type == "indexed" and isinstance(colour.indexed, int):
        from openpyxl.styles.colors import COLOR_INDEX

        if colour.indexed < len(COLOR_INDEX):
            return COLOR_INDEX[colour.indexed][-6:].upper()
        return None
    rgb = colour.rgb
    if not isinstance(rgb, str) or len(rgb) not in (6, 8):
        return None
    return rgb[-6:].upper()


# A theme's colours in the order cells number them: light 1, dark 1, light 2, dark 2, then the
# accents and links (the theme part lists dark 1 first: Excel swaps the first two pairs).
THEME_ORDER = ["lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4",
               "accent5", "accent6", "hlink", "folHlink"]  # fmt: skip


def theme_colours(theme_xml):
    """The workbook theme's colours as "RRGGBB", in THEME_ORDER; () if it has none."""
    if not theme_xml:
        return ()
    found = {}
    scheme = re.search(rb"<a:clrScheme\b.*?</a:clrScheme>", theme_xml, re.S)
    for name, body in re.findall(rb"<a:(\w+)>(.*?)</a:\1>", scheme[0] if scheme else b"", re.S):
        value = re.search(rb'(?:srgbClr val|lastClr)="([0-9A-Fa-f]{6})"', body)
        if value:
            found[name.decode()] = value[1].decode().upper()
    return tuple(found.get(name, "FFFFFF") for name in THEME_ORDER)


def tinted(rgb, tint):
    """A colour lightened (tint > 0) or darkened (tint < 0) as Excel does, in HLS."""
    import colorsys

    red, green, blue = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, saturation = colorsys.rgb_to_hls(red, green, blue)
    light = light * (1 + tint) if tint < 0 else light * (1 - tint) + tint
    red, green, blue = colorsys.hls_to_rgb(hue, light, saturation)
    return "".join(f"{round(c * 255):02X}" for c in (red, green, blue))


def tidy(cells):
    """The row as the import reads it: a download's neutralising apostrophe taken off (see
    spreadsheets.py), blank text as empty, no trailing empty cells: [] for a blank row."""
    cells = [restore(c) for c in cells]
    cells = [None if isinstance(c, str) and not c.strip() else c for c in cells]
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def read_csv(data, name):
    if data.startswith(codecs.BOM_UTF8):
        text = decode(data[len(codecs.BOM_UTF8) :], "utf-8", name)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = decode(data, "utf-16", name)  # Excel's "Unicode text"
    elif b"\x00" in data:
        raise Refused(f"{name} is not a spreadsheet. Choose {ACCEPTED_FILES}.")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Excel on Windows saves "CSV" (not "CSV UTF-8") in Windows-1252.
            text = data.decode("cp1252", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as error:
        raise Refused(f"{name} could not be read as a CSV file: {error}.") from None
    # A cell may hold line breaks, so a row number is the record's, as Excel numbers them.
    return [Sheet("", [(n, tidy(cells)) for n, cells in enumerate(records, start=1)])]


def decode(data, encoding, name):
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise Refused(
            f"{name} says it is {encoding.upper()} text but is not. Save it again from Excel as "
            "“CSV UTF-8”, or as an Excel workbook."
        ) from None


# Values ---------------------------------------------------------------------------------------


def text(value):
    """A cell as text: numbers without a needless ".0", line breaks as \\n, no outer spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def normalise(text):
    """Lower case, punctuation and extra spaces gone: how headers and names are compared."""
    text = re.sub(r"\(s\)", "s", str(text).casefold())  # "Theme(s)" is "Themes"
    return " ".join(re.sub(r"[\W_]+", " ", text).split())
