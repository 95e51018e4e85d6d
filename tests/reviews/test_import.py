"""Importing trackers: every file here is made by the test, as messy as the real ones."""

import csv
import datetime
import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from reviews.imports import Refused, tracker_import
from reviews.imports.reading import parse_date, parse_status
from reviews.management.commands import import_tracker
from reviews.models import Action, Agency, PendingImport, Status
from reviews.vocabulary import STATUS_WORDS
from spreadsheets import reading
from tests.factories import ActionFactory, AgencyFactory, ReviewFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def partnership(db):
    """Two reviews, the partners and the seed's themes: what a file's names are matched against."""
    return {
        "frankie": ReviewFactory(name="Frankie", slug="frankie"),
        "leo": ReviewFactory(name="Leo", slug="leo"),
        "council": AgencyFactory(name="Thurrock Council", short_name="Council", slug="council"),
        "police": AgencyFactory(name="Essex Police", short_name="Police", slug="police"),
        "icb": AgencyFactory(
            name="Mid and South Essex Integrated Care Board", short_name="ICB", slug="icb"
        ),
        "sharing": ThemeFactory(name="Information sharing", slug="information-sharing"),
        "curiosity": ThemeFactory(name="Professional curiosity", slug="professional-curiosity"),
        "thresholds": ThemeFactory(
            name="Thresholds and escalations", slug="thresholds-and-escalations"
        ),
    }


def workbook(*sheets, merges=()):
    """XLSX bytes: each sheet a (title, rows); merges are (sheet title, range)."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    for title, cells in merges:
        book[title].merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_file(rows, encoding="utf-8", bom=False):
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(encoding)


HEADER = ["Ref", "Recommendation", "Action", "Agency", "Owner", "Deadline", "RAG", "Themes"]


def row(reference, status="Amber", date="31/03/2030", agency="Council", evidence=None, **extra):
    cells = [
        reference,
        "Agencies should share information promptly.",
        f"Deliver briefing {reference} to practitioners.",
        agency,
        "Head of Service",
        date,
        status,
        "Information sharing",
    ]
    return cells + ([evidence] if evidence is not None else [])


def state():
    """What a refused import must leave exactly as it was."""
    return (
        Action.objects.count(),
        Action.history.count(),
        Agency.objects.count(),
        list(Action.objects.order_by("pk").values()),
    )


def run(data, name="tracker.xlsx", **options):
    return tracker_import(data=data, file_name=name, **options)


# Reading dates and words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.datetime(2026, 3, 31), D(2026, 3, 31)),
        (D(2026, 3, 31), D(2026, 3, 31)),
        (46112, D(2026, 3, 31)),  # Excel's serial number for the date
        ("31/03/2026", D(2026, 3, 31)),
        ("1/4/26", D(2026, 4, 1)),
        ("31.03.2026", D(2026, 3, 31)),
        ("2026-03-31", D(2026, 3, 31)),
        ("2026-03-31 00:00:00", D(2026, 3, 31)),
        ("31 March 2026", D(2026, 3, 31)),
        ("31st March 2026", D(2026, 3, 31)),
        ("1 Sept 2025", D(2025, 9, 1)),
        ("March 31, 2026", D(2026, 3, 31)),
        ("March 2026", D(2026, 3, 31)),
        ("Feb 2028", D(2028, 2, 29)),
        ("Jun-26", D(2026, 6, 30)),
        ("Q1 2025/26", D(2025, 6, 30)),
        ("Q2 2025/26", D(2025, 9, 30)),
        ("Q3 2025/26", D(2025, 12, 31)),
        ("q4 2025-26", D(2026, 3, 31)),
        ("Quarter 3 2025/2026", D(2025, 12, 31)),
        ("2025/26 Q3", D(2025, 12, 31)),
        ("2025/26", D(2026, 3, 31)),
        ("2025-2026", D(2026, 3, 31)),
        ("", None),
        (None, None),
    ],
)
def test_it_reads_the_dates_trackers_write(value, expected):
    assert parse_date(value) == (expected, None)


@pytest.mark.parametrize("value", ["Ongoing", "IMMEDIATE", "TBC", "tbc.", "To be confirmed"])
def test_words_for_no_date_give_no_date_with_a_warning(value):
    day, warning = parse_date(value)
    assert day is None
    assert "is not a date, so this action will have no target date" in warning


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2027/03/31", "is not a date that can be read"),
        ("31/02/2026", "is not a real date"),
        ("Q5 2025/26", "is not a date that can be read"),
        ("2025/27", "is not a real date"),
        ("31/13/2026", "is not a real date"),
        (12.5, "is not a date"),
    ],
)
def test_it_refuses_what_is_not_a_date(value, problem):
    with pytest.raises(ValueError, match=problem):
        parse_date(value)


@pytest.mark.parametrize(
    ("words", "status"),
    [
        *[(w, Status.BLUE) for w in ["Blue", "B", "embedded", "Blue – embedded", " BLUE "]],
        *[(w, Status.GREEN) for w in ["Green", "g", "Complete", "Completed"]],
        *[(w, Status.GREEN) for w in ["Green – complete, but not yet embedded"]],
        *[(w, Status.AMBER) for w in ["Amber", "A", "Started", "In progress", "On track"]],
        *[(w, Status.RED) for w in ["Red", "R", "Not started", "Off-track", "Overdue"]],
    ],
)
def test_it_reads_the_status_words(words, status):
    assert parse_status(words) == status


@pytest.mark.parametrize("words", ["Purple", "Maybe?", "RAG", "Blueish"])
def test_other_status_words_are_refused(words):
    with pytest.raises(ValueError, match=re.escape(f"“{words}” is not a status")):
        parse_status(words)


@pytest.mark.parametrize("words", ["", "  ", None])
def test_an_empty_status_is_refused(words):
    with pytest.raises(ValueError, match="The status is empty"):
        parse_status(words)


# A realistic workbook ---------------------------------------------------------------------------


def messy_workbook():
    """Two review sheets under title rows, with synonyms for every header, merged
    recommendations, every date form and status spelling; and a key sheet that is not a plan."""
    frankie = [
        ["Frankie: Child Safeguarding Practice Review"],
        ["Multi-agency action plan, updated for the March committee"],
        [],
        ["Rec No.", "Recommendation", "Action to be taken", "Who?", "Responsible officer",
         "By when?", "BRAG rating", "Progress update", "Evidence of impact", "Theme(s)",
         "Notes for the chair"],
        ["1.1", "Practitioners should share concerns early.", "Refresh the information sharing "
         "guidance.", "Thurrock Council", "Head of Safeguarding", datetime.datetime(2026, 3, 31),
         "Blue – embedded", "Guidance relaunched.", "Audit of 40 cases: guidance followed in 38.",
         "Information sharing", "discussed in June"],
        ["1.2", None, "Brief designated safeguarding leads.", "council", "Education Safeguarding "
         "Lead", "31/03/2026", "Green", "All briefings delivered.", None,
         "information sharing; professional curiosity"],
        ["1.3", None, "Add information sharing to the multi-agency training.", "ICB",
         "Designated Nurse", "31 March 2030", "In progress", "Course drafted.", None,
         "Information sharing"],
        [],
        ["2.1", "Partners should escalate disagreements.", "Publish the escalation policy.",
         "Essex Police", "Detective Inspector, Public Protection", "March 2030", "A",
         "Draft with legal.", None, "Thresholds and escalations"],
        ["2.2", None, "Audit use of the escalation policy.", "Police", "Detective Inspector",
         "Q3 2029/30", "Not started", None, None, "Thresholds and escalations"],
        ["2.3", None, "Report escalations to the partnership board.", "Council",
         "LSCP Business Manager", "2029/30", "R", None, None, "Thresholds and escalations"],
        ["2.4", None, "Agree a standing escalation item at team meetings.", "Council",
         "Head of Service", "Ongoing", "On track", None, None, "Professional curiosity"],
    ]  # fmt: skip
    leo = [
        ["LEO"],
        ["Ref", "Recommendation", "What?", "Agency", "Owner", "Deadline", "RAG", "Comments",
         "Success measures", "Themes", "Original target date", "Overdue", "Last updated"],
        ["L1", "Health visitors should record fathers.", "Change the record template.", "ICB",
         "Named Nurse", "Jun-30", "Started", "Template drafted.", None, "Professional curiosity",
         None, "No", "2026-01-01 10:00"],
    ]  # fmt: skip
    key = [["Key"], ["B", "Blue: embedded"], ["G", "Green: complete"]]
    return workbook(
        ("Frankie action plan", frankie),
        ("Leo", leo),
        ("Key", key),
        merges=[("Frankie action plan", "B5:B7"), ("Frankie action plan", "B9:B12")],
    )


def test_a_messy_workbook_is_read_as_its_author_meant(partnership, manager):
    result = run(messy_workbook(), "LSCP tracker v12 FINAL.xlsx", user=manager)

    assert result.ok, [str(e) for e in result.errors]
    assert result.written
    assert result.counts == {"new": 8, "updated": 0, "unchanged": 0, "error": 0}
    frankie = {a.reference: a for a in partnership["frankie"].actions.all()}
    assert sorted(frankie) == ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4"]
    # merged recommendation cells carried to every action they cover
    assert {frankie[r].recommendation for r in ("1.1", "1.2", "1.3")} == {
        "Practitioners should share concerns early."
    }
    assert frankie["2.4"].recommendation == "Partners should escalate disagreements."
    # every date form
    assert [frankie[r].target_date for r in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4")] == [
        D(2026, 3, 31), D(2026, 3, 31), D(2030, 3, 31), D(2030, 3, 31), D(2029, 12, 31),
        D(2030, 3, 31), None,
    ]  # fmt: skip
    assert [frankie[r].status for r in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4")] == [
        "blue", "green", "amber", "amber", "red", "red", "amber"
    ]  # fmt: skip
    assert frankie["1.1"].evidence == "Audit of 40 cases: guidance followed in 38."
    assert frankie["1.1"].lead_agency == partnership["council"]
    assert frankie["1.2"].lead_agency == partnership["council"]  # by name, any case
    assert frankie["2.2"].lead_agency == partnership["police"]  # by short name
    assert set(frankie["1.2"].themes.all()) == {partnership["sharing"], partnership["curiosity"]}
    leo = partnership["leo"].actions.get()
    assert (leo.reference, leo.target_date, leo.status) == ("L1", D(2030, 6, 30), "amber")
    assert leo.progress_note == "Template drafted."
    record = frankie["1.1"].history.get()
    assert record.history_user == manager
    assert record.history_change_reason == "Imported from LSCP tracker v12 FINAL.xlsx"
    # what was set aside is said
    warnings = [str(w) for w in result.warnings]
    assert warnings == [
        "Sheet “Frankie action plan”, row 12, column F (By when?): “Ongoing” is not a date, so "
        "this action will have no target date."
    ]
    notices = [str(n) for n in result.notices]
    assert (
        "Sheet “Frankie action plan”: column K (Notes for the chair) is no field of an action: "
        "its text is kept with each action." in notices
    )
    assert not any("Original target date" in n or "Overdue" in n for n in notices)
    assert any("Sheet “Key” was not read" in n for n in notices)


def test_importing_the_same_file_again_changes_nothing(partnership):
    data = messy_workbook()
    run(data)
    before = state()

    result = run(data)

    assert result.ok
    assert result.counts == {"new": 0, "updated": 0, "unchanged": 8, "error": 0}
    assert state() == before


def test_changed_rows_are_updated_with_the_import_note_and_the_rest_left_alone(partnership):
    rows = [["Frankie"], HEADER + ["Evidence"], row("1"), row("2"), row("3")]
    run(workbook(("Plan", rows)))
    first = Action.objects.get(reference="1")
    history = Action.history.count()
    rows[2] = row("1", status="Blue", date="30/06/2030", evidence="Audit found it in use.")

    result = run(workbook(("Plan", rows)), "tracker-april.xlsx")

    assert result.counts == {"new": 0, "updated": 1, "unchanged": 2, "error": 0}
    first.refresh_from_db()
    assert (first.status, first.target_date, first.original_target_date) == (
        "blue", D(2030, 6, 30), D(2030, 3, 31)
    )  # fmt: skip
    assert first.target_date_change_reason.startswith(
        "Target date changed by an import from tracker-april.xlsx"
    )
    assert Action.history.count() == history + 1
    assert first.history.latest().history_change_reason == "Imported from tracker-april.xlsx"
    changes = {c.label: (c.before, c.after) for c in result.rows[0].changes}
    assert changes["Status"] == ("Amber", "Blue")
    assert changes["Target date"] == ("31 Mar 2030", "30 Jun 2030")


# CSV -------------------------------------------------------------------------------------------


def test_a_utf8_csv_with_a_bom_and_a_review_column(partnership):
    rows = [
        ["Review", *HEADER],
        ["Frankie", *row("F1", status="g", date="Q4 2029/30")],
        ["leo", *row("L1", status="Started")],
    ]
    rows[1][3] = "Brief the team – “escalation” café"

    result = run(csv_file(rows, bom=True), "plan.csv")

    assert result.ok, [str(e) for e in result.errors]
    f1 = partnership["frankie"].actions.get()
    assert (f1.reference, f1.status, f1.target_date) == ("F1", "green", D(2030, 3, 31))
    assert f1.description == "Brief the team – “escalation” café"
    assert partnership["leo"].actions.get().reference == "L1"


def test_a_windows_1252_csv_under_a_title_row_for_a_chosen_review(partnership):
    rows = [["Action plan – owner: LSCP"], [], HEADER, row("1"), row("2", status="Not started")]
    rows[3][2] = "Train staff on “professional curiosity” – 2 sessions"
    data = csv_file(rows, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")

    result = run(data, "plan.csv", review=partnership["leo"])

    assert result.ok, [str(e) for e in result.errors]
    actions = {a.reference: a for a in partnership["leo"].actions.all()}
    assert actions["1"].description == "Train staff on “professional curiosity” – 2 sessions"
    assert actions["2"].status == "red"


# Refusals: each says what is wrong and leaves the database exactly as it was --------------------


def existing(partnership):
    return ActionFactory(
        review=partnership["frankie"], reference="1", lead_agency=partnership["council"]
    )


FAILURES = {
    "no action column": (
        lambda: workbook(("Frankie", [["Ref", "Agency", "RAG"], ["1", "Council", "Amber"]])),
        "Sheet “Frankie”, row 1: There is no Action column.",
    ),
    "bad status": (
        lambda: workbook(("Frankie", [HEADER, row("1", status="Purple"), row("2")])),
        "Sheet “Frankie”, row 2, column G (RAG): “Purple” is not a status.",
    ),
    "bad date": (
        lambda: workbook(("Frankie", [HEADER, row("2"), row("3", date="30/02/2027")])),
        "Sheet “Frankie”, row 3, column F (Deadline): “30/02/2027” is not a real date",
    ),
    "unknown agency": (
        lambda: workbook(("Frankie", [HEADER, row("1"), row("2", agency="Probation")])),
        "Sheet “Frankie”, row 3, column D (Agency): There is no agency called “Probation”. Use "
        "one of: Essex Police; Mid and South Essex Integrated Care Board; Thurrock Council",
    ),
    "duplicate reference": (
        lambda: workbook(("Frankie", [HEADER, row("7"), row("8"), row("7")])),
        "Sheet “Frankie”, row 4, column A (Ref): Frankie 7 is already on row 2",
    ),
    "blue without evidence": (
        lambda: workbook(
            ("Frankie", [HEADER + ["Evidence"], row("2"), row("1", "Blue", evidence="")])
        ),
        "Sheet “Frankie”, row 3, column I (Evidence): Record the evidence of embedding",
    ),
    "unknown review": (
        lambda: workbook(("Plan", [["Review", *HEADER], ["Alex", *row("1")]])),
        "Sheet “Plan”, row 2, column A (Review): There is no review called “Alex”",
    ),
    "sheet naming no review": (
        lambda: workbook(("Sheet1", [HEADER, row("1")])),
        "Sheet “Sheet1”: This sheet does not say which review its actions are for.",
    ),
    "empty file": (lambda: b"", "tracker.xlsx is empty."),
    "workbook with nothing in it": (lambda: workbook(("Frankie", [])), "has nothing in it"),
    "header and no actions": (lambda: workbook(("Frankie", [HEADER])), "no actions under it"),
    "no header row": (
        lambda: workbook(("Frankie", [["Our plan"], ["1", "Do things"]])),
        "No header row was found in tracker.xlsx",
    ),
    "pdf renamed .xlsx": (
        lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n",
        "tracker.xlsx is a PDF, not a spreadsheet.",
    ),
    "text renamed .xlsx": (
        lambda: b"Ref,Action\n1,Do it\n",
        "tracker.xlsx is not an Excel workbook, although its name ends .xlsx.",
    ),
    "zip that is not a workbook": (
        lambda: zip_of({"word/document.xml": b"<w/>"}),
        "tracker.xlsx is not an Excel workbook (it may be a Word document",
    ),
    "damaged workbook": (
        lambda: workbook(("Frankie", [HEADER, row("1")]))[:3000],
        "tracker.xlsx is damaged or not an Excel workbook",
    ),
    "old .xls": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "older Excel"),
    "oversized file": (
        lambda: b"PK\x03\x04" + bytes(10 * 1024 * 1024),
        "the largest file that can be imported is 10.0\xa0MB",
    ),
    "zip bomb": (
        lambda: zip_of({"xl/workbook.xml": b"<x/>", "xl/worksheets/sheet1.xml": bytes(101 << 20)}),
        "expands to more than 100.0\xa0MB when opened",
    ),
    "too many rows": (
        lambda: csv_file([HEADER] + [row(str(n)) for n in range(20_001)]),
        "has 20,002 rows: the most that can be imported at once is 20,000",
    ),
}  # fmt: skip


def zip_of(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "preview"])
@pytest.mark.parametrize("case", FAILURES)
def test_a_refused_file_says_why_and_writes_nothing(partnership, case, dry_run):
    make, message = FAILURES[case]
    existing(partnership)
    before = state()
    name = "tracker.csv" if case == "too many rows" else "tracker.xlsx"

    try:
        result = run(make(), name, dry_run=dry_run)
    except Refused as refused:
        problems = [str(refused)]
    else:
        assert not result.ok and not result.written
        problems = [str(e) for e in result.errors]

    assert any(message in p for p in problems), problems
    assert state() == before


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "preview"])
def test_every_problem_is_listed_at_once(partnership, dry_run):
    rows = [
        HEADER + ["Evidence"],
        row("1", status="Purple"),
        row("2", date="30/02/2027", agency="Probation"),
        row("3", status="Blue", evidence=""),
        row("", agency="Council"),
        row("5"),
    ]

    result = run(workbook(("Frankie", rows)), dry_run=dry_run)

    assert [str(e) for e in result.errors] == [
        "Sheet “Frankie”, row 2, column G (RAG): “Purple” is not a status. Use Blue (or "
        "Embedded), Green (or Complete, Achieved), Amber (or Started, In progress, On track, Some "
        "progress) or Red (or Not started, Off track, No progress).",
        "Sheet “Frankie”, row 3, column F (Deadline): “30/02/2027” is not a real date. "
        "Use a date such as 31/03/2026 or 31 March 2026, a month (March 2026), a quarter of the "
        "financial year (Q3 2025/26) or a financial year (2025/26).",
        "Sheet “Frankie”, row 3, column D (Agency): There is no agency called “Probation”. Use "
        "one of: Essex Police; Mid and South Essex Integrated Care Board; Thurrock Council; or "
        "add the agency in the admin first (or, if it is one of those by another name, add the "
        "name to its other names).",
        "Sheet “Frankie”, row 4, column I (Evidence): Record the evidence of embedding (an audit "
        "finding, data or a practice change) before marking the action blue.",
        "Sheet “Frankie”, row 5, column A (Ref): Give this action a reference, such as 1.1 or L4.",
    ]
    assert result.counts == {"new": 1, "updated": 0, "unchanged": 0, "error": 4}
    assert not Action.objects.exists()


def test_unknown_agencies_can_be_added(partnership):
    rows = [HEADER, row("1", agency="Probation Service"), row("2", agency="probation service")]

    result = run(workbook(("Frankie", rows)), create_agencies=True)

    assert result.ok
    assert result.created_agencies == ["Probation Service"]
    probation = Agency.objects.get(name="Probation Service")
    assert probation.led_actions.count() == 2


# The round trip --------------------------------------------------------------------------------


@pytest.mark.parametrize("export", ["xlsx", "csv"])
def test_the_actions_export_imports_back_with_no_change(committee_client, partnership, export):
    sharing, curiosity = partnership["sharing"], partnership["curiosity"]
    ActionFactory(review=partnership["frankie"], reference="1.1", themes=[sharing, curiosity])
    ActionFactory(
        review=partnership["frankie"], reference="1.2", status=Status.BLUE,
        evidence="Audit found it embedded.", lead_agency=partnership["police"],
        recommendation="Multi-line\nrecommendation  ",
    )  # fmt: skip
    ActionFactory(
        review=partnership["leo"], reference="L1", status=Status.RED, target_date=None,
        lead_agency=partnership["icb"], themes=[partnership["thresholds"]],
    )  # fmt: skip
    ActionFactory(
        review=partnership["leo"], reference="2", status=Status.GREEN,
        completed_on=D(2025, 1, 5), lead_agency=partnership["icb"],
    )  # fmt: skip
    response = committee_client.get(f"/actions/?_export={export}")
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    before = state()

    result = run(data, f"actions.{export}")

    assert result.ok, [str(e) for e in result.errors]
    assert result.counts == {"new": 0, "updated": 0, "unchanged": 4, "error": 0}
    assert result.notices == []
    assert state() == before


# The command -----------------------------------------------------------------------------------


def test_the_command_imports_and_shows_progress(partnership, tmp_path, monkeypatch):
    monkeypatch.setattr(import_tracker.Command, "progress_every", 10)
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_file([HEADER] + [row(str(n)) for n in range(25)]))
    out = io.StringIO()

    call_command("import_tracker", str(path), "--review", "leo", stdout=out)

    assert partnership["leo"].actions.count() == 25
    output = out.getvalue()
    assert "Checked 10 of 25 rows…\nChecked 20 of 25 rows…\nChecked 25 of 25 rows…" in output
    assert "Leo: 25 new, 0 updated, 0 unchanged, 0 with errors" in output
    assert "Imported plan.csv" in output


def test_the_command_dry_run_writes_nothing(partnership, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook(("Frankie", [HEADER, row("1"), row("2")])))
    before = state()
    out = io.StringIO()

    call_command("import_tracker", str(path), "--dry-run", stdout=out)

    assert "Frankie: 2 new" in out.getvalue()
    assert "Dry run: nothing was written" in out.getvalue()
    assert state() == before


def test_the_command_lists_every_error_and_fails(partnership, tmp_path):
    path = tmp_path / "plan.xlsx"
    rows = [HEADER, row("1", status="Purple"), row("2", agency="Probation")]
    path.write_bytes(workbook(("Frankie", rows)))
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nothing was imported: 2 problems"):
        call_command("import_tracker", str(path), stdout=io.StringIO(), stderr=err)

    assert "row 2, column G (RAG): “Purple” is not a status" in err.getvalue()
    assert "row 3, column D (Agency): There is no agency called “Probation”" in err.getvalue()
    assert not Action.objects.exists()


def test_the_command_adds_agencies_when_asked(partnership, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(workbook(("Frankie", [HEADER, row("1", agency="Probation")])))

    call_command("import_tracker", str(path), "--create-agencies", stdout=io.StringIO())

    assert Action.objects.get().lead_agency.name == "Probation"


def test_the_command_refuses_an_unreadable_file(partnership, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"%PDF-1.4 not a plan")

    with pytest.raises(CommandError, match="Nothing was imported. plan.xlsx is a PDF"):
        call_command("import_tracker", str(path))


# The admin page --------------------------------------------------------------------------------

IMPORT_URL = "/admin/reviews/action/import/"


@pytest.fixture(autouse=True)
def server_disk(tmp_path, monkeypatch):
    """The server's temporary directory, which an upload waiting for confirmation must not use
    (another server would not find it there)."""
    disk = tmp_path / "server-temp"
    disk.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(disk))
    return disk


def upload(client, data, name="tracker.xlsx", **fields):
    file = io.BytesIO(data)
    file.name = name
    return client.post(IMPORT_URL, {"file": file, **fields})


def test_the_import_page_previews_then_imports_on_confirmation(
    manager_client, manager, partnership, server_disk
):
    existing(partnership)
    changed = row("1", status="Green")
    data = workbook(("Frankie", [HEADER, changed, row("2"), row("3", date="TBC")]))

    preview = upload(manager_client, data)

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "What importing tracker.xlsx would do" in page
    assert '<th scope="row">Frankie</th><td>2</td><td>1</td>\n        <td>0</td><td>0</td>' in page
    assert "Status: Amber → Green" in page
    assert "“TBC” is not a date" in page
    assert Action.objects.count() == 1  # nothing written yet
    # Kept in the database for the confirmation, the uploader's only; nothing on this server.
    (kept,) = PendingImport.objects.all()
    assert (kept.user, kept.file_name, bytes(kept.data)) == (manager, "tracker.xlsx", data)
    assert not any(server_disk.iterdir())
    confirmation = preview.context["confirmation"]

    response = manager_client.post(IMPORT_URL, {"confirmation": confirmation})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:reviews_action_changelist")
    assert Action.objects.count() == 3
    first = Action.objects.get(reference="1")
    assert first.status == "green"
    record = first.history.latest()
    assert (record.history_user, record.history_change_reason) == (
        manager, "Imported from tracker.xlsx"
    )  # fmt: skip
    # the kept file is gone: the same confirmation cannot import twice
    assert not PendingImport.objects.exists()
    again = manager_client.post(IMPORT_URL, {"confirmation": confirmation})
    assert again.status_code == 400
    assert "This preview has expired or is not valid" in again.content.decode()


def test_the_preview_and_the_confirmation_carry_their_csrf_tokens(manager, partnership):
    """As a browser sends them: Django's test client skips the CSRF check unless told."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(manager)
    form = browser.get(IMPORT_URL)
    token = form.context["csrf_token"]
    file = io.BytesIO(workbook(("Frankie", [HEADER, row("1"), row("2")])))
    file.name = "tracker.xlsx"

    preview = browser.post(IMPORT_URL, {"file": file, "csrfmiddlewaretoken": str(token)})

    assert preview.status_code == 200
    page = preview.content.decode()
    # The token inside the confirmation's own form (the page has others, such as sign-out's).
    (confirm_form,) = [
        form for form in re.findall(r"<form.*?</form>", page, re.DOTALL) if "confirmation" in form
    ]
    confirm_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm_form)[1]
    confirmation = preview.context["confirmation"]
    response = browser.post(
        IMPORT_URL, {"confirmation": confirmation, "csrfmiddlewaretoken": confirm_token}
    )
    assert response.status_code == 302
    assert Action.objects.count() == 2


def test_the_preview_lists_the_problems_and_offers_no_confirmation(manager_client, partnership):
    data = workbook(("Frankie", [HEADER, row("1", status="Purple"), row("2")]))

    response = upload(manager_client, data)

    page = response.content.decode()
    assert "<title>Error: Import a tracker" in page
    assert "Nothing has been imported: 1 problem in tracker.xlsx" in page
    assert "Sheet “Frankie”, row 2, column G (RAG): “Purple” is not a status." in page
    assert response.context["confirmation"] is None
    assert not Action.objects.exists()


def test_the_import_page_refuses_a_file_that_is_not_a_spreadsheet(manager_client, partnership):
    response = upload(manager_client, b"%PDF-1.4", "minutes.pdf")

    assert response.status_code == 200
    assert "minutes.pdf is a PDF, not a spreadsheet." in response.content.decode()
    assert "Error: Import a tracker" in response.content.decode()


def test_the_import_page_asks_for_a_file(manager_client):
    response = manager_client.post(IMPORT_URL, {})

    assert response.status_code == 200
    assert "Choose the tracker file to import." in response.content.decode()


def test_confirming_checks_every_row_again(manager_client, partnership):
    data = workbook(("Frankie", [HEADER, row("1"), row("2", agency="Police")]))
    confirmation = upload(manager_client, data).context["confirmation"]
    partnership["police"].delete()  # the file's agency is no longer known

    response = manager_client.post(IMPORT_URL, {"confirmation": confirmation})

    assert response.status_code == 200
    assert "no longer imports as it did" in response.content.decode()
    assert "There is no agency called “Police”" in response.content.decode()
    assert not Action.objects.exists()


def test_a_forged_or_someone_elses_confirmation_is_refused(client, manager_client, partnership):
    data = workbook(("Frankie", [HEADER, row("1")]))
    confirmation = upload(manager_client, data).context["confirmation"]
    other = UserFactory(username="other-manager", group="Safeguarding managers", is_staff=True)
    client.force_login(other)

    for value in (confirmation, confirmation[:-2] + "xx", "nonsense"):
        response = client.post(IMPORT_URL, {"confirmation": value})
        assert response.status_code == 400

    assert not Action.objects.exists()


def test_an_upload_never_confirmed_is_deleted_after_a_day(manager_client, partnership):
    data = workbook(("Frankie", [HEADER, row("1")]))
    stale = upload(manager_client, data).context["confirmation"]
    PendingImport.objects.update(created_at=timezone.now() - datetime.timedelta(days=1, minutes=1))
    fresh = upload(manager_client, data).context["confirmation"]  # the next upload clears up

    assert PendingImport.objects.count() == 1
    assert manager_client.post(IMPORT_URL, {"confirmation": stale}).status_code == 400
    assert manager_client.post(IMPORT_URL, {"confirmation": fresh}).status_code == 302
    assert Action.objects.count() == 1


SECOND_SERVER = """
import django, sys
django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
from reviews.models import Action
client = Client()
client.force_login(get_user_model().objects.get(username=sys.argv[1]))
response = client.post("/admin/reviews/action/import/", {"confirmation": sys.argv[2]})
print(response.status_code, Action.objects.count())
"""


@pytest.mark.django_db(transaction=True)
def test_a_second_server_confirms_what_the_first_previewed(client, manager, partnership):
    """Another process, with a temporary directory of its own and the same database, as a
    second web server behind a load balancer would be."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("The test database is in memory; CI runs this on PostgreSQL")
    client.force_login(manager)
    confirmation = upload(client, workbook(("Frankie", [HEADER, row("1"), row("2")])))
    confirmation = confirmation.context["confirmation"]
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
        f"{database['PORT']}/{database['NAME']}"
    )
    other_disk = tempfile.mkdtemp(prefix="second-server-")
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "true",
        "TMPDIR": other_disk,
        "DJANGO_SETTINGS_MODULE": "safeguarding.settings",
        "ALLOWED_HOSTS": "testserver",
    }
    answer = subprocess.run(
        [sys.executable, "-c", SECOND_SERVER, manager.username, confirmation],
        env=environment, capture_output=True, text=True, timeout=120, cwd=settings.BASE_DIR,
    )  # fmt: skip
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.split()[-2:] == ["302", "2"]
    assert Action.objects.count() == 2
    assert not PendingImport.objects.exists()


def test_a_committee_member_cannot_import(client, partnership):
    member = UserFactory(username="staff-councillor", group="Committee members", is_staff=True)
    client.force_login(member)
    data = workbook(("Frankie", [HEADER, row("1")]))

    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, data).status_code == 403
    assert client.get(reverse("admin:reviews_action_import_template")).status_code == 403
    assert not Action.objects.exists()


def test_non_staff_are_sent_to_the_admin_sign_in(committee_client, partnership):
    response = upload(committee_client, workbook(("Frankie", [HEADER, row("1")])))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Action.objects.exists()


def test_the_import_page_links_the_template_and_the_changelist_links_the_page(manager_client):
    page = manager_client.get(IMPORT_URL).content.decode()
    assert reverse("admin:reviews_action_import_template") in page

    changelist = manager_client.get(reverse("admin:reviews_action_changelist"))
    assert f'href="{IMPORT_URL}"' in changelist.content.decode()


def test_the_blank_template_has_the_headers_and_the_status_key(manager_client, partnership):
    response = manager_client.get(reverse("admin:reviews_action_import_template"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="action-plan-template.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    headers = [c.value for c in book["Action plan"][1]]
    assert headers[:8] == [
        "Review", "Reference", "Recommendation", "Action", "Lead agency", "Lead officer",
        "Status", "Target date",
    ]  # fmt: skip
    key = [[c.value for c in r] for r in book["Key"].iter_rows(max_row=5)]
    assert key[1][:3] == [
        "Blue",
        "embedded: the change is part of everyday practice",
        "needs recorded evidence of embedding (audit finding, data, practice change); never blue "
        "without it",
    ]
    assert [r[0] for r in key[1:]] == ["Blue", "Green", "Amber", "Red"]
    assert key[2][3] == ", ".join(w.capitalize() for w in STATUS_WORDS[Status.GREEN])
    assert key[2][3].startswith("Green, G, Complete, Completed, Achieved")
    # filled in, it imports
    sheet = book["Action plan"]
    sheet.append(["Frankie", "1", "Share early", "Brief staff", "ICB", "Named Nurse", "Amber",
                  "Q3 2029/30", "", "", "Information sharing"])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    assert run(out.getvalue()).counts["new"] == 1


def test_the_zip_size_limit_is_checked_before_opening(partnership, monkeypatch):
    monkeypatch.setattr(reading, "MAX_UNZIPPED_BYTES", 1000)

    with pytest.raises(Refused, match="expands to more than 1000"):
        run(workbook(("Frankie", [HEADER, row("1")])))


# The moment and the note of an import, and the supporting agencies ------------------------------


def test_an_import_can_be_recorded_at_an_earlier_moment_with_its_own_note(partnership):
    agreed = timezone.make_aware(datetime.datetime(2024, 5, 1, 11, 0))
    user = UserFactory(username="importer")

    result = run(
        workbook(("Frankie", [HEADER, row("1", status="Red")])),
        user=user,
        at=agreed,
        note="Action agreed when the review's learning was ratified",
    )

    assert result.written and result.counts["new"] == 1
    action = Action.objects.get(reference="1")
    assert (action.created_at, action.updated_at) == (agreed, agreed)
    (record,) = action.history.all()
    assert record.history_date == agreed
    assert record.history_change_reason == "Action agreed when the review's learning was ratified"
    assert record.history_user == user

    # Importing again with changes: the update too is recorded at the moment given.
    later = agreed + datetime.timedelta(days=30)
    result = run(
        workbook(("Frankie", [HEADER, row("1", status="Amber")])), at=later, note="Work started"
    )

    assert result.counts["updated"] == 1
    action.refresh_from_db()
    assert (action.status, action.updated_at) == (Status.AMBER, later)
    latest = action.history.latest()
    assert (latest.history_date, latest.history_change_reason) == (later, "Work started")
    assert action.history.earliest().history_valid_until == later


def test_without_a_moment_or_note_an_import_is_recorded_now_as_imported_from_its_file(
    partnership,
):
    before = timezone.now()

    run(workbook(("Frankie", [HEADER, row("1")])), name="plan.xlsx")

    (record,) = Action.objects.get(reference="1").history.all()
    assert record.history_change_reason == "Imported from plan.xlsx"
    assert record.history_date >= before


SUPPORTING = [*HEADER, "Supporting agencies"]


@pytest.mark.parametrize("header", ["Supporting agencies", "Partners", "Supported by"])
def test_a_supporting_agencies_column_is_read(partnership, header):
    cells = [*HEADER, header]

    result = run(workbook(("Frankie", [cells, [*row("1"), "Police; ICB"], row("2")])))

    assert result.written, result.errors
    one, two = Action.objects.order_by("reference")
    assert set(one.supporting_agencies.all()) == {partnership["police"], partnership["icb"]}
    assert not two.supporting_agencies.exists()
    # The history records them with the action, from its first record.
    assert {a.agency for a in one.history.earliest().supporting_agencies.all()} == {
        partnership["police"],
        partnership["icb"],
    }


def test_supporting_agencies_are_found_by_name_short_name_or_slug_with_commas_too(partnership):
    file = workbook(
        ("Frankie", [SUPPORTING, [*row("1"), "Essex Police, icb"], [*row("2"), "Thurrock Council"]])
    )

    assert run(file).written

    one, two = Action.objects.order_by("reference")
    assert set(one.supporting_agencies.all()) == {partnership["police"], partnership["icb"]}
    assert list(two.supporting_agencies.all()) == [partnership["council"]]


def test_an_unknown_supporting_agency_is_an_error_naming_the_known_ones(partnership):
    before = state()

    result = run(workbook(("Frankie", [SUPPORTING, [*row("1"), "Police; Fire service"]])))

    assert not result.written
    (error,) = result.errors
    assert error.row == 2 and error.column == "column I (Supporting agencies)"
    assert "There is no agency called “Fire service”" in error.message
    assert "Essex Police" in error.message
    assert state() == before


def test_an_unknown_supporting_agency_is_added_when_asked(partnership):
    result = run(
        workbook(("Frankie", [SUPPORTING, [*row("1"), "Fire service"]])), create_agencies=True
    )

    assert result.written and result.created_agencies == ["Fire service"]
    action = Action.objects.get()
    assert [a.name for a in action.supporting_agencies.all()] == ["Fire service"]


def test_changed_supporting_agencies_are_previewed_then_updated(partnership):
    run(workbook(("Frankie", [SUPPORTING, [*row("1"), "Police"], [*row("2"), "ICB"]])))
    changed = workbook(
        ("Frankie", [SUPPORTING, [*row("1"), "Police; Council"], [*row("2"), "ICB"]])
    )

    preview = run(changed, dry_run=True)

    assert preview.counts == {"new": 0, "updated": 1, "unchanged": 1, "error": 0}
    (updated,) = preview.reviews[partnership["frankie"].pk].rows_to_show
    assert [(c.label, c.before, c.after) for c in updated.changes] == [
        ("Supporting agencies", "Essex Police", "Essex Police; Thurrock Council")
    ]
    one = Action.objects.get(reference="1")
    assert list(one.supporting_agencies.all()) == [
        partnership["police"]
    ]  # a preview writes nothing

    result = run(changed, name="changed.xlsx")

    assert result.counts["updated"] == 1
    assert set(one.supporting_agencies.all()) == {partnership["police"], partnership["council"]}
    assert one.history.latest().history_change_reason == "Imported from changed.xlsx"
    # The same file again changes nothing.
    assert run(changed).counts == {"new": 0, "updated": 0, "unchanged": 2, "error": 0}
