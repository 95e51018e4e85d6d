"""The blank tracker to download from the import page: the headers the import reads, and a key.

Its text goes through neutralise(), as every download's does: an agency or a theme whose name
starts with "=" is written as text, never as a formula."""

import io

from spreadsheets.cells import neutralise

from ..models import Agency, Theme
from ..vocabulary import (
    STATUS_KEY,
    STATUS_RULES,
    STATUS_WORDS,
    TEMPLATE_HEADERS,
    Status,
)

HEADERS = TEMPLATE_HEADERS
WIDTHS = [16, 11, 40, 50, 16, 24, 10, 13, 40, 40, 30, 30, 14]

NOTES = [
    "One row per action. Reference is unique within its review (for example 1.1 or L4).",
    "Review: the review's name. Or leave the column out and name the sheet after the review.",
    "Lead agency, Supporting agencies and Themes: a name or short name from the lists below. "
    "Several: separate them with semicolons. Themes are optional.",
    "Target date: 31/03/2026, 31 March 2026, March 2026 (end of the month), Q3 2025/26 (end of "
    "that quarter of the financial year; Q1 is April to June) or 2025/26 (31 March 2026). "
    "Ongoing, Immediate or TBC: no target date.",
    "Green means complete, not “on track”. Blue needs the evidence of embedding.",
    "Importing a file again updates the actions whose cells changed and leaves the rest alone.",
]


def tracker_template() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    plan = workbook.active
    plan.title = "Action plan"
    plan.append(HEADERS)
    for cell in plan[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(WIDTHS, start=1):
        plan.column_dimensions[get_column_letter(index)].width = width
    plan.freeze_panes = "A2"
    status_column = get_column_letter(HEADERS.index("Status") + 1)
    choice = DataValidation(
        type="list",
        formula1='"' + ",".join(s.label for s in Status) + '"',
        allow_blank=True,
        errorStyle="warning",
        error="Use Blue, Green, Amber or Red.",
    )
    plan.add_data_validation(choice)
    choice.add(f"{status_column}2:{status_column}5000")

    key = workbook.create_sheet("Key")

    def add(cells):
        key.append([neutralise(cell) for cell in cells])

    add(["Status (BRAG)", "Meaning", "Rule", "Words the import reads as this status"])
    for status in Status:
        words = ", ".join(w.capitalize() for w in STATUS_WORDS[status])
        add([status.label, STATUS_KEY[status], STATUS_RULES[status], words])
    add([])
    for note in NOTES:
        add([note])
    add([])
    add(["Agency names", "Short names"])
    for agency in Agency.objects.order_by("name"):
        add([agency.name, agency.short_name])
    add([])
    add(["Theme names"])
    for theme in Theme.objects.order_by("name"):
        add([theme.name])
    for row in key.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in key[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", (28, 40, 50, 40), strict=True):
        key.column_dimensions[letter].width = width

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
