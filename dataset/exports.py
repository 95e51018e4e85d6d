"""The scorecard's CSV and XLSX downloads (their columns: vocabulary.EXPORT_HEADERS). A figure is
written as a number where it is one, so that a spreadsheet can sum and chart it; every text cell
goes through spreadsheets.cells, so that no download carries a live formula."""

import csv
import io

from django.http import HttpResponse

from spreadsheets.cells import csv_cells, xlsx_value

from .formatting import target_text, tolerance_text
from .vocabulary import SUPPRESSED, Direction, Polarity, Rating, Unit

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def number(value):
    """A Decimal as the plain number a spreadsheet reads: 85.30 → 85.3, 90.00 → 90; None → ""."""
    if value is None:
        return ""
    return int(value) if value == value.to_integral_value() else float(value)


def _value(point):
    if point is None:
        return ""
    if point.suppressed:
        return SUPPRESSED
    return number(point.value)


def rows(scores):
    for score in scores:
        indicator, latest, previous = score.indicator, score.latest, score.previous
        yield [
            indicator.reference,
            indicator.name,
            Unit(indicator.unit).label,
            Polarity(indicator.polarity).label,
            target_text(indicator),
            tolerance_text(indicator),
            latest.period.label if latest else "",
            _value(latest),
            Rating(score.rating).label,
            Direction(latest.direction).label if latest and latest.direction else "",
            previous.period.label if previous else "",
            _value(previous),
            number(latest.england) if latest else "",
            number(latest.statistical_neighbours) if latest else "",
            number(latest.region) if latest else "",
            latest.commentary if latest else "",
        ]


def csv_response(scores, headers, filename):
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(headers)
    for row in rows(scores):
        writer.writerow(csv_cells(row))
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(scores, headers, filename):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Scorecard"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows(scores):
        sheet.append([xlsx_value(value) for value in row])
    sheet.freeze_panes = "C2"
    output = io.BytesIO()
    book.save(output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


RESPONSES = {"csv": csv_response, "xlsx": xlsx_response}
