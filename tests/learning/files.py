"""Training logs as partnerships keep them, for the import's tests: title rows above the header
(merged across the table), section rows ("Quarter 1", "April 2025"), blank rows, a header
repeated part way down, an agency's heading merged over its Booked, Attended and DNA columns,
a Total column and a totals row, notes under the table, dates as people write them, all written
with openpyxl (or as CSV with Excel's byte-order mark)."""

import csv
import datetime
import io

import openpyxl
from openpyxl.styles import Alignment, Font

HEADER = ["Date delivered", "Course", "Delivery", "Theme(s)", "Learning from", "Capacity",
          "Evaluations", "% good or better", "Confidence before", "Confidence after"]  # fmt: skip


def xlsx(*sheets, merged=None, hidden_rows=None, hidden=()):
    """A workbook of sheets, each (title, rows); `merged`: {title: ["A1:H1", ...]};
    `hidden_rows`: {title: [row numbers]}. Header rows (those starting with a date heading) are
    bold, as a real log's are."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for number, row in enumerate(rows, start=1):
            if row and str(row[0]).lower().startswith(("date", "session date")):
                for c in sheet[number]:
                    c.font = Font(bold=True)
        for cells in (merged or {}).get(title, []):
            sheet.merge_cells(cells)
            sheet[cells.split(":")[0]].alignment = Alignment(horizontal="center")
        for number in (hidden_rows or {}).get(title, []):
            sheet.row_dimensions[number].hidden = True
        if title in hidden:
            sheet.sheet_state = "hidden"
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def training_log(sessions, agencies, *, header=HEADER, total=True, totals_row=True):
    """The rows of a year's training log and its merged ranges: two merged title rows and a
    blank row above the header, a column for each of `agencies` (as the log heads them) and a
    Total; `sessions` are rows (lists) or a section's name (a string, merged across the table);
    a totals row and a note under the table."""
    columns = [*header, *agencies, *(["Total"] if total else [])]
    last = openpyxl.utils.get_column_letter(len(columns))
    rows = [
        ["Anyshire Safeguarding Children Partnership"],
        ["Multi-agency training log 2024/25"],
        [],
        columns,
    ]
    merged = [f"A1:{last}1", f"A2:{last}2"]
    for item in sessions:
        if isinstance(item, str):
            rows.append([item])
            merged.append(f"A{len(rows)}:{last}{len(rows)}")
        else:
            rows.append(list(item))
    if totals_row:
        rows.append(["Total", None, None, None, None, 999])
    rows.append([])
    rows.append(["Notes: figures are attended unless written booked/attended. DNA: did not come."])
    return rows, merged


def log_xlsx(sessions, agencies, title="Training log", **options):
    rows, merged = training_log(sessions, agencies, **options)
    return xlsx((title, rows), merged={title: merged})


def sub_headed_xlsx(sessions, agencies, title="Attendance"):
    """A log whose agencies each have a heading merged over Booked | Attended | DNA columns in
    the row below (the session's own headings merged down over the two rows), and a Total
    likewise; `sessions` give each agency's three cells in turn."""
    first = ["Session date", "Session title", "Format", "Places offered"]
    header, below = list(first), [None] * len(first)
    for name in [*agencies, "Total"]:
        header += [name, None, None]
        below += ["Booked", "Attended", "DNA"]
    rows = [["Learning and development: attendance by agency"], [], header, below]
    merged = [f"A1:{openpyxl.utils.get_column_letter(len(header))}1"]
    for index in range(len(first)):
        letter = openpyxl.utils.get_column_letter(index + 1)
        merged.append(f"{letter}3:{letter}4")
    for index in range(len(agencies) + 1):
        start = len(first) + 3 * index + 1
        merged.append(
            f"{openpyxl.utils.get_column_letter(start)}3:"
            f"{openpyxl.utils.get_column_letter(start + 2)}3"
        )
    for item in sessions:
        rows.append([item] if isinstance(item, str) else list(item))
    return xlsx((title, rows), merged={title: merged})


def csv_file(rows, *, encoding="utf-8-sig"):
    """A CSV file as Excel saves one ("CSV UTF-8" has a byte-order mark)."""
    text = io.StringIO()
    csv.writer(text).writerows(["" if c is None else c for c in row] for row in rows)
    return text.getvalue().encode(encoding)


def day(year, month, date):
    """An Excel date cell."""
    return datetime.datetime(year, month, date)
