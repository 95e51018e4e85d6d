"""The programme's CSV and XLSX downloads: one row per session with its figures. Counts and rates
are written as numbers, so that a spreadsheet can sum and chart them; every text cell goes
through spreadsheets.cells, so that no download carries a live formula."""

import csv
import io

from django.http import HttpResponse

from spreadsheets.cells import csv_cells, xlsx_value

from .tables import format_label

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

EXPORT_HEADERS = [
    "Date",
    "Session",
    "Format",
    "Themes",
    "Reviews",
    "Places offered",
    "Booked",
    "Attended",
    "Did not attend",
    "Attendance rate",
    "Fill rate",
    "Evaluation responses",
    "Good or better",
    "Confidence before",
    "Confidence after",
    "Follow-up due",
    "Follow-up recorded",
    "Follow-up responses",
    "Changed practice",
    "Overdue",
]


def _blank(value):
    return "" if value is None else value


def _number(value):
    """A Decimal (a confidence of 3.50) as the plain number a spreadsheet reads; None → ""."""
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def _rate(rate):
    """A rate as a fraction rounded to four places (0.8333), blank when there is no divisor."""
    return "" if rate is None else round(rate, 4)


def rows(session_rows):
    for row in session_rows:
        session = row.session
        yield [
            session.date,
            session.title,
            format_label(session.format),
            ", ".join(row.themes),
            ", ".join(name for name, _slug in row.reviews),
            _blank(session.places_offered),
            row.booked,
            row.attended,
            row.not_attended,
            _rate(row.attendance_rate),
            _rate(row.fill_rate),
            _blank(session.evaluation_responses),
            _blank(session.evaluation_good_or_better),
            _number(session.confidence_before),
            _number(session.confidence_after),
            row.follow_up_due,
            row.follow_up_recorded or "",
            _blank(session.follow_up_responses) if row.follow_up_recorded else "",
            _blank(session.follow_up_changed_practice) if row.follow_up_recorded else "",
            "Yes" if row.follow_up_overdue else "No",
        ]


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(session_rows, filename):
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(EXPORT_HEADERS)
    for row in rows(session_rows):
        writer.writerow(csv_cells(row))
    return _attachment(
        HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8"), filename
    )


def xlsx_response(session_rows, filename):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Learning programme"
    sheet.append(EXPORT_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(session_rows):
        sheet.append([xlsx_value(value) for value in row])
    for row_cells in sheet.iter_rows(min_row=2):
        for index in (0, 15, 16):  # the dates
            row_cells[index].number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "C2"
    output = io.BytesIO()
    book.save(output)
    return _attachment(HttpResponse(output.getvalue(), content_type=XLSX_TYPE), filename)


RESPONSES = {"csv": csv_response, "xlsx": xlsx_response}
