"""The CSV and XLSX downloads of actions (their columns: reviews/vocabulary.py), streamed in
constant memory.

Rows are read with a database cursor a chunk at a time and written as they come: the CSV straight
to the response, the XLSX through openpyxl's write-only workbook into a temporary file. Each
action's themes are read first in one query (action id → names), so the number of queries stays
the same however many rows there are. Every text cell goes through spreadsheets/cells.py, so that no
download carries a live formula (docs/architecture.md, "Requests").
"""

import csv
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from spreadsheets.cells import csv_cells, xlsx_value

from .models import Action, Theme
from .vocabulary import EXPORT_HEADERS

HEADERS = EXPORT_HEADERS
CHUNK = 2000
COLUMNS = [
    "review__name",
    "reference",
    "recommendation",
    "description",
    "lead_agency__short_name",
    "lead_officer_role",
    "status",
    "target_date",
    "original_target_date",
    "updated_at",
]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def theme_names(actions):
    """Each action's (or history record's) themes, as "A; B" in name order, keyed by its id."""
    names = dict(Theme.objects.values_list("id", "name"))
    if actions.model is Action:
        links = Action.themes.through.objects.filter(action__in=actions.values("pk"))
        pairs = links.values_list("action_id", "theme_id")
    else:
        links = actions.model.themes.model.objects.filter(history__in=actions.values("pk"))
        pairs = links.values_list("history_id", "theme_id")
    by_action = {}
    for key, theme in pairs.iterator(CHUNK):
        by_action.setdefault(key, []).append(names.get(theme, ""))
    return {key: "; ".join(sorted(themes)) for key, themes in by_action.items()}


def rows(actions):
    """The export's rows for `actions` (annotated with the flags; see selectors), in order."""
    themes = theme_names(actions)
    # Only the columns written: the database sorts and sends narrower rows.
    actions = actions.prefetch_related(None).only(*COLUMNS)
    for action in actions.iterator(CHUNK):
        yield [
            action.review.name,
            action.reference,
            action.recommendation,
            action.description,
            action.lead_agency.short_name,
            action.lead_officer_role,
            action.get_status_display(),
            action.target_date,
            action.original_target_date,
            "Yes" if action.is_overdue else "No",
            themes.get(action.pk, ""),
            timezone.localtime(action.updated_at).strftime("%Y-%m-%d %H:%M"),
        ]


class _Line:
    """A file-like object that hands back what csv.writer writes."""

    def write(self, text):
        return text


def csv_response(actions, filename):
    writer = csv.writer(_Line())

    def lines():
        yield writer.writerow(HEADERS)
        for row in rows(actions):
            yield writer.writerow(csv_cells(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(actions, filename):
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actions")
    bold = Font(bold=True)
    header = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows(actions):
        sheet.append([xlsx_value(value) for value in row])
    # The workbook is written to disk as it grows; the response streams the file from there.
    output = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    book.save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


RESPONSES = {"csv": csv_response, "xlsx": xlsx_response}
