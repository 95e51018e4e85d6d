"""Dataset spreadsheets as partnerships keep them, for the import's tests: title rows above the
header (merged across the table), section rows between the indicators, periods headed by text or
by Excel dates, figures with "%" and thousands commas, "<5", "*", "n/a" and "-", and the RAG and
direction-of-travel columns the import ignores, all written with openpyxl (or as CSV)."""

import csv
import datetime
import io

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill

QUARTERS = ["Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Q4 2024/25"]
HEADER = ["Ref", "Indicator", "Unit", "Good is", "Target", "Tolerance"]
AFTER = ["RAG", "DoT", "England", "Stat neighbours", "Region", "Commentary", "Corrective action"]
RAG_FILLS = {"R": "FF0000", "A": "FFC000", "G": "00B050"}


def indicator(ref, name, unit, good, target, tolerance, figures, *, rag="", dot="", england=None,
              neighbours=None, region=None, commentary=None, action=None):  # fmt: skip
    """An indicator's row of the scorecard below: its fields, a cell per period, then the
    ignored RAG and DoT, the comparators and the commentary."""
    return [ref, name, unit, good, target, tolerance, *figures, rag, dot, england, neighbours,
            region, commentary, action]  # fmt: skip


SECTION = object()  # a row: the next item is a section's name


def scorecard_rows(items, periods=QUARTERS):
    """The rows of a quarterly scorecard: two merged title rows, an "as at" line and a blank
    row above the header; `items` are indicator rows, or (SECTION, "Early help") for a section
    row (its name merged across the table). Returns (rows, merged ranges)."""
    header = [*HEADER, *periods, *AFTER]
    last = openpyxl.utils.get_column_letter(len(header))
    rows = [
        ["Anyshire Safeguarding Children Partnership"],
        ["LSCP Dataset: quarterly performance scorecard"],
        ["Data as at 30 June 2025. Figures are provisional until validated."],
        [],
        header,
    ]
    merged = [f"A1:{last}1", f"A2:{last}2"]
    for item in items:
        if isinstance(item, tuple) and item[0] is SECTION:
            rows.append([item[1]])
            merged.append(f"A{len(rows)}:{last}{len(rows)}")
        else:
            rows.append(list(item))
    return rows, merged


def xlsx(*sheets, merged=None, hidden=()):
    """A workbook of sheets, each (title, rows); `merged`: {title: ["A1:H1", ...]}. Header
    rows are bold, RAG cells filled in their colour, as a real scorecard is."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        rag_column = None
        for number, row in enumerate(rows, start=1):
            if "RAG" in row:
                rag_column = row.index("RAG") + 1
                for cell in sheet[number]:
                    cell.font = Font(bold=True)
            elif rag_column and len(row) >= rag_column and row[rag_column - 1] in RAG_FILLS:
                colour = RAG_FILLS[row[rag_column - 1]]
                sheet.cell(number, rag_column).fill = PatternFill("solid", fgColor=colour)
        for cells in (merged or {}).get(title, []):
            sheet.merge_cells(cells)
            sheet[cells.split(":")[0]].alignment = Alignment(horizontal="center")
        if title in hidden:
            sheet.sheet_state = "hidden"
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def scorecard_xlsx(items, periods=QUARTERS, title="Scorecard"):
    rows, merged = scorecard_rows(items, periods)
    return xlsx((title, rows), merged={title: merged})


def csv_file(rows, *, encoding="utf-8-sig"):
    """A CSV file as Excel saves one ("CSV UTF-8" has a byte-order mark)."""
    text = io.StringIO()
    csv.writer(text).writerows(["" if c is None else c for c in row] for row in rows)
    return text.getvalue().encode(encoding)


def months(first_year, first_month, count):
    """Excel date cells heading month columns: the 1st of each month."""
    cells = []
    for index in range(count):
        year, month = divmod(first_month - 1 + index, 12)
        cells.append(datetime.datetime(first_year + year, month + 1, 1))
    return cells


def quarters(count, first_year=2023):
    """Headings of `count` financial quarters from Q1 of the year starting in `first_year`."""
    return [f"Q{index % 4 + 1} {first_year + index // 4}/{(first_year + index // 4 + 1) % 100:02d}"
            for index in range(count)]  # fmt: skip


def large_scorecard(indicators=200, periods=12, *, first_year=2023, bump=0):
    """A scorecard of `indicators` rows and `periods` quarters, sectioned every 20 rows; `bump`
    changes every figure by that much (a file of corrected figures)."""
    headings = quarters(periods, first_year)
    items = []
    for number in range(1, indicators + 1):
        if number % 20 == 1:
            items.append((SECTION, f"Section {number // 20 + 1}"))
        figures = [f"{50 + (number + index) % 40 + bump}%" for index in range(periods)]
        items.append(
            indicator(
                f"DS{number:03d}",
                f"Indicator number {number}",
                "%",
                "Higher",
                "75%",
                5,
                figures,
                rag="G",
                dot="↑",
                england=70.5,
                neighbours="68%",
                region=71,
                commentary=f"Commentary on indicator {number}.",
            )  # fmt: skip
        )
    return scorecard_xlsx(items, headings)
