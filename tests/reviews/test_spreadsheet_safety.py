"""Downloads carry no live formula, and a hostile workbook is refused before it costs anything.

Issue 13, items 1-3: text that a spreadsheet would run (=, +, -, @, a tab or a carriage return
first) leaves every download behind an apostrophe and comes back through the import unchanged;
a workbook whose merged ranges, dimensions or cells reach far beyond any action plan is refused
in milliseconds and a few hundred kilobytes, while real trackers' merged cells still read."""

import datetime
import io
import time
import tracemalloc
import zipfile
from xml.sax.saxutils import escape, quoteattr

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from reviews.imports import Refused, tracker_import
from reviews.models import Action, Agency, Status
from spreadsheets import cells as spreadsheets
from spreadsheets import reading
from tests.factories import ActionFactory, AgencyFactory, ReviewFactory, ThemeFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","click")'
DDE = "=cmd|' /C calc'!A0"


def state():
    return (
        Action.objects.count(),
        Action.history.count(),
        Agency.objects.count(),
        list(Action.objects.order_by("pk").values()),
    )


def download(client, export):
    response = client.get(reverse("reviews:action-list"), {"_export": export})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


# The rule ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("+1+1", "'+1+1"),
        ("-2", "'-2"),
        ("@SUM(1)", "'@SUM(1)"),
        (DDE, "'" + DDE),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("'=1+1", "''=1+1"),  # already behind an apostrophe: one more, so it comes back as it was
        ("Brief every DSL", "Brief every DSL"),
        ("'Tis agreed", "'Tis agreed"),
        ("1 = 1", "1 = 1"),
        ("", ""),
        ("'", "'"),
    ],
)
def test_formula_like_text_is_written_behind_an_apostrophe_and_read_back_as_it_was(value, written):
    assert spreadsheets.neutralise(value) == written
    assert spreadsheets.restore(written) == value


@pytest.mark.parametrize("value", [-2, 1.5, 0, datetime.date(2030, 3, 31), None, True])
def test_numbers_and_dates_are_written_as_they_are(value):
    assert spreadsheets.neutralise(value) is value
    assert spreadsheets.xlsx_value(value) is value


def test_a_control_character_cannot_hide_a_formula_in_a_workbook():
    assert spreadsheets.xlsx_value("\x01=1+1") == "'=1+1"


# Item 1: the actions download -------------------------------------------------------------------


@pytest.fixture
def hostile_action(db):
    return ActionFactory(
        review=ReviewFactory(name="Frankie"),
        reference="-2",
        recommendation=HYPERLINK,
        description=DDE,
        lead_agency=AgencyFactory(name="Evil agency", short_name="@SUM(1)"),
        lead_officer_role="+1+1",
        status=Status.AMBER,
        target_date=datetime.date(2030, 3, 31),
        themes=[ThemeFactory(name="Information sharing")],
    )


def test_the_csv_download_writes_formula_like_text_behind_an_apostrophe(
    committee_client, hostile_action
):
    lines = download(committee_client, "csv").decode().split("\r\n")

    updated = timezone.localtime(hostile_action.updated_at).strftime("%Y-%m-%d %H:%M")
    # Before: Frankie,-2,"=HYPERLINK(""http://x"",""click"")",=cmd|' /C calc'!A0,@SUM(1),+1+1,...
    assert lines[1] == (
        'Frankie,\'-2,"\'=HYPERLINK(""http://x"",""click"")",\'=cmd|\' /C calc\'!A0,'
        f"'@SUM(1),'+1+1,Amber,2030-03-31,2030-03-31,No,Information sharing,{updated}"
    )


def test_the_xlsx_download_writes_formula_like_text_as_text_behind_an_apostrophe(
    committee_client, hostile_action
):
    sheet = load_workbook(io.BytesIO(download(committee_client, "xlsx"))).active

    cells = {cell.column_letter: cell for cell in sheet[2]}
    assert [(cells[c].value, cells[c].data_type) for c in "BCDEF"] == [
        ("'-2", "s"),
        ("'" + HYPERLINK, "s"),
        ("'" + DDE, "s"),
        ("'@SUM(1)", "s"),
        ("'+1+1", "s"),
    ]
    # dates stay dates
    assert (cells["H"].value, cells["H"].data_type) == (datetime.datetime(2030, 3, 31), "d")
    assert not [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_a_download_with_formula_like_text_imports_back_with_no_change(committee_client, export):
    frankie = ReviewFactory(name="-Frankie", slug="frankie")
    evil = AgencyFactory(name="=Evil agency", short_name="@Evil", slug="evil")
    plus = ThemeFactory(name="+Curiosity", slug="curiosity")
    ActionFactory(
        review=frankie, reference="=1+1", recommendation=HYPERLINK, description=DDE,
        lead_agency=evil, lead_officer_role="-Head of Service", themes=[plus],
    )  # fmt: skip
    ActionFactory(
        review=frankie, reference="@2", description="'=already behind an apostrophe",
        recommendation="'Tis agreed", lead_agency=evil, lead_officer_role="+Named nurse",
        themes=[plus],
    )  # fmt: skip
    data = download(committee_client, export)
    before = state()

    result = tracker_import(data=data, file_name=f"actions.{export}")

    assert result.ok, [str(e) for e in result.errors]
    assert result.counts == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}
    assert result.notices == []
    assert state() == before


# Item 2: the blank template ---------------------------------------------------------------------


def test_the_template_writes_agency_and_theme_names_as_text(manager_client):
    ReviewFactory(name="Frankie", slug="frankie")
    agency = AgencyFactory(name=HYPERLINK, short_name="@Evil")
    theme = ThemeFactory(name="=Curiosity")

    response = manager_client.get(reverse("admin:reviews_action_import_template"))

    book = load_workbook(io.BytesIO(response.content))  # formulas kept as formulas, if any
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert {cell.data_type for cell in cells if cell.value is not None} <= {"s", "n"}
    key = {cell.value: cell.data_type for cell in cells}
    assert key["'" + HYPERLINK] == "s"  # before: "f", a live formula
    assert key["'@Evil"] == "s"
    assert key["'=Curiosity"] == "s"
    # names copied from the key into the plan import as the agency and the theme they name
    plan = book["Action plan"]
    plan.append(["Frankie", "1", "Share early", "Brief staff", "'" + HYPERLINK, "Named Nurse",
                 "Amber", "Q3 2029/30", "", "", "'=Curiosity"])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    result = tracker_import(data=out.getvalue(), file_name="plan.xlsx")
    assert result.ok, [str(e) for e in result.errors]
    action = Action.objects.get()
    assert (action.lead_agency, list(action.themes.all())) == (agency, [theme])


# Item 3: oversized workbooks, written by hand -----------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
TRACKER = [["Frankie"], ["Ref", "Action", "Agency"], ["1", "Brief staff", "Council"]]


def row_xml(number, values, first_column=1):
    cells = "".join(
        f'<c r="{openpyxl.utils.get_column_letter(first_column + i)}{number}" t="inlineStr">'
        f"<is><t>{escape(value)}</t></is></c>"
        for i, value in enumerate(values)
        if value is not None
    )
    return f'<row r="{number}">{cells}</row>'


def worksheet(rows=TRACKER, merges=(), dimension="A1:C3", extra=""):
    """A worksheet's XML with exactly the <dimension> and <mergeCell> elements given."""
    data = "".join(row_xml(n, values) for n, values in enumerate(rows, start=1)) + extra
    merged = "".join(f"<mergeCell ref={quoteattr(ref)}/>" for ref in merges)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}">'
        + (f"<dimension ref={quoteattr(dimension)}/>" if dimension else "")
        + f"<sheetData>{data}</sheetData>"
        + (f'<mergeCells count="{len(merges)}">{merged}</mergeCells>' if merges else "")
        + "</worksheet>"
    )


def xlsx(*sheets, folder="worksheets"):
    """The bytes of a workbook zipped by hand: each sheet a (name, worksheet XML)."""
    names = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{n}" r:id="rId{n}"/>'
        for n, (name, _) in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="{RELATIONSHIPS}/worksheet" '
        f'Target="{folder}/sheet{n}.xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    members = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE}"><Relationship Id="rId1" '
            f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>{names}</sheets>'
            "</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PACKAGE}">{rels}</Relationships>',
    }
    for n, (_, xml) in enumerate(sheets, start=1):
        members[f"xl/{folder}/sheet{n}.xml"] = xml
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


def measured(read):
    """(what read() returned or the Refused it raised, seconds, peak bytes allocated)."""
    reading.read_file(xlsx(("Warm", worksheet())), "warm-up.xlsx")  # imports done beforehand
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = read()
    except Refused as refused:
        outcome = refused
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return outcome, seconds, peak


MB = 1024 * 1024
BOMBS = {
    "merging every cell": (
        worksheet(merges=["A3:XFD1048576"]),
        "sheet “Plan” has the merged range A3:XFD1048576, which reaches row 1,048,576 and column "
        "XFD, but an import needs no more than 40,000 rows and 200 columns (to column GR)",
    ),
    "merging a million cells": (
        worksheet(merges=["A3:CV10002"]),
        "sheet “Plan” has merged ranges covering more than 200,000 cells (A3:CV10002 alone covers "
        "1,000,000), more than an import needs",
    ),
    "claiming every cell": (
        worksheet(dimension="A1:XFD1048576"),
        "sheet “Plan” says its cells span A1:XFD1048576, which reaches row 1,048,576 and column "
        "XFD",
    ),
    "a cell in the last column": (
        worksheet(extra=row_xml(4, ["far"], first_column=16_384)),
        "sheet “Plan” has a cell at XFD4, which reaches row 4 and column XFD",
    ),
    "a row at the bottom": (
        worksheet(extra='<row r="1048576"/>'),
        "sheet “Plan” has a row numbered 1,048,576, but an import needs no more than 40,000 rows",
    ),
    "a million cells in use": (
        worksheet(
            extra="".join(f'<row r="{n}"><c r="GR{n}"><v>1</v></c></row>' for n in range(4, 5010))
        ),
        "sheet “Plan” has more than 1,000,000 cells in use (counting each row as far as its last "
        "cell), more than an import needs",
    ),
}


@pytest.mark.parametrize("bomb", BOMBS)
def test_a_workbook_far_larger_than_a_plan_is_refused_at_once_with_the_reason(bomb):
    sheet, reason = BOMBS[bomb]
    data = xlsx(("Plan", sheet))
    assert len(data) < 60_000  # a few kilobytes: the one that killed a worker was 4,958 bytes
    before = state()

    refused, seconds, peak = measured(lambda: tracker_import(data=data, file_name="bomb.xlsx"))

    assert isinstance(refused, Refused), refused
    assert str(refused).startswith(f"bomb.xlsx was not opened: {reason}")
    assert str(refused).endswith(
        "Delete (or unmerge) what lies beyond the table to import, or copy the table into a new "
        "workbook, and import that."
    )
    assert seconds < 0.5  # before: A3:CV10002 took 34 s here (51 s in production) and 374 MB
    assert peak < 2 * MB
    assert state() == before


def test_a_merge_far_beyond_the_data_fills_only_the_cells_the_sheet_has(monkeypatch):
    # Even past the merged-cell limit, reading costs what the data costs, not what the merge
    # covers: no cell object is made for each cell under it.
    monkeypatch.setattr(reading, "MAX_MERGED_CELLS", 10**12)
    monkeypatch.setattr(reading, "MAX_SHEET_ROWS", 10**7)
    monkeypatch.setattr(reading, "MAX_COLUMNS", 16_384)
    data = xlsx(("Plan", worksheet(merges=["B3:XFD1048576"])))

    sheets, seconds, peak = measured(lambda: reading.read_file(data, "plan.xlsx"))

    assert [sheet.rows for sheet in sheets] == [
        [
            (1, ["Frankie"]),
            (2, ["Ref", "Action", "Agency"]),
            (3, ["1", "Brief staff", "Brief staff"]),
        ]
    ]
    assert seconds < 0.5
    assert peak < 2 * MB


def test_openpyxl_read_only_mode_expands_no_merge_and_ignores_a_reset_dimension():
    """What reading.worksheet_rows relies on, so that a change in openpyxl shows here first."""
    data = xlsx(("Plan", worksheet(merges=["A3:XFD1048576"], dimension="A1:XFD1048576")))
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = book["Plan"]

    assert (sheet.max_row, sheet.max_column) == (1_048_576, 16_384)  # as the file claims
    sheet.reset_dimensions()
    rows = list(sheet.iter_rows(values_only=True))
    book.close()

    assert rows == [("Frankie",), ("Ref", "Action", "Agency"), ("1", "Brief staff", "Council")]


@pytest.mark.parametrize(
    ("sheet", "why"),
    [
        (worksheet().replace("<worksheet", '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet'), ""),
        (worksheet(merges=["A3:B"]), ""),
        (worksheet(extra='<row r="4"><c r="4A"><v>1</v></c></row>'), ""),
        (worksheet(extra='<row r="4.5"/>'), ""),
        (worksheet()[:-40], "ExpatError"),
    ],
    ids=["a DTD", "a broken merge", "a broken cell name", "a broken row number", "cut short"],
)
def test_a_damaged_worksheet_is_refused_as_unreadable(sheet, why):
    with pytest.raises(Refused, match=f"could not be read as an Excel workbook .*{why}"):
        tracker_import(data=xlsx(("Plan", sheet)), file_name="plan.xlsx")


def test_a_worksheet_kept_anywhere_in_the_file_is_measured():
    data = xlsx(("Plan", worksheet(merges=["A3:XFD1048576"])), folder="elsewhere/deeper")

    with pytest.raises(Refused, match="A3:XFD1048576"):
        reading.read_file(data, "plan.xlsx")


def test_too_many_sheets_are_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_SHEETS", 2)
    data = xlsx(*((f"Plan {n}", worksheet()) for n in range(3)))

    with pytest.raises(Refused, match="plan.xlsx has more than 2 sheets"):
        reading.read_file(data, "plan.xlsx")


# Real trackers' merged cells still read --------------------------------------------------------


@pytest.fixture
def partnership(db):
    ReviewFactory(name="Frankie", slug="frankie")
    AgencyFactory(name="Thurrock Council", short_name="Council")
    AgencyFactory(name="Essex Police", short_name="Police")
    ThemeFactory(name="Information sharing")


HEADER = ["Ref", "Recommendation", "Action", "Agency", "Owner", "Deadline", "RAG", "Themes"]


def plan_row(reference, recommendation, agency="Council", status="Amber", themes=True):
    row = [reference, recommendation, f"Action {reference}.", agency, "Head of Service",
           "31/03/2030", status]  # fmt: skip
    return row + ["Information sharing"] if themes else row


def test_a_tracker_with_merged_titles_and_recommendations_imports_as_before(partnership):
    book = Workbook()
    sheet = book.active
    sheet.title = "Frankie"
    for values in [
        ["Frankie: Child Safeguarding Practice Review"],
        ["Multi-agency action plan"],
        HEADER,
        plan_row("1.1", "Share concerns early."),
        plan_row("1.2", None, agency="Police", status="Red"),
        plan_row("1.3", None),
        plan_row("2.1", "Escalate disagreements.", agency="Police"),
        plan_row("2.2", None, status="Red"),
    ]:
        sheet.append(values)
    for merge in ("A1:H1", "A2:H2", "B4:B6", "B7:B8"):
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)

    result = tracker_import(data=out.getvalue(), file_name="tracker.xlsx")

    assert result.ok, [str(e) for e in result.errors]
    assert result.counts["new"] == 5
    assert dict(Action.objects.values_list("reference", "recommendation")) == {
        "1.1": "Share concerns early.",
        "1.2": "Share concerns early.",
        "1.3": "Share concerns early.",
        "2.1": "Escalate disagreements.",
        "2.2": "Escalate disagreements.",
    }


def test_merges_past_the_end_of_a_row_still_count_for_that_row(partnership):
    # The recommendation, the deadline, the status and the themes merged over a recommendation's
    # two actions; the second row's cells, as some programs write them, stop at the owner.
    rows = [HEADER, plan_row("1.1", "Share concerns early."), plan_row("1.2", None)[:5]]
    merges = ["H2:H3", "B2:B3", "F2:F3", "G2:G3"]
    sheet = worksheet(rows, merges=merges, dimension="A1:H3")

    result = tracker_import(data=xlsx(("Frankie", sheet)), file_name="tracker.xlsx")

    assert result.ok, [str(e) for e in result.errors]
    action = Action.objects.get(reference="1.2")
    assert (action.recommendation, action.target_date, action.status) == (
        "Share concerns early.", datetime.date(2030, 3, 31), Status.AMBER
    )  # fmt: skip
    assert list(action.themes.values_list("name", flat=True)) == ["Information sharing"]
