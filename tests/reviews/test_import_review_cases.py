"""Rows and cells a review of the import found read wrongly: each is read as its author meant."""

import io

import pytest
from openpyxl import Workbook

from reviews.imports import tracker_import
from reviews.imports.service import Choices
from reviews.models import Action
from tests.factories import AgencyFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leo(db):
    AgencyFactory(name="Essex Police", short_name="Police", slug="police")
    return ReviewFactory(name="Leo", slug="leo")


def book(rows, merges=()):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Leo"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def coloured(colour):
    """A plan whose one action's status is only the fill colour of its RAG cell."""
    from openpyxl.styles import PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Leo"
    sheet.append(["Ref", "Action", "Lead agency", "RAG"])
    sheet.append(["1", "Audit the referrals.", "Police", None])
    sheet["D2"].fill = PatternFill("solid", fgColor=colour)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_quarterly_update_columns_are_read_once_and_kept(leo):
    rows = [
        ["Reference", "Action", "Lead agency", "Target date", "Status", "Update June 2025",
         "Update Sept 2025"],
        ["L1", "Train staff.", "Police", "31/03/2027", "Amber", "Planned.", "Under way."],
    ]  # fmt: skip
    result = tracker_import(data=book(rows), file_name="plan.xlsx")
    assert result.ok, [str(e) for e in result.errors]
    action = Action.objects.get(reference="L1")
    assert action.progress_note == "Planned."
    assert action.tracker_columns == "Update Sept 2025: Under way."


def test_an_action_whose_words_look_like_headings_is_still_an_action(leo):
    rows = [
        ["Reference", "Action", "Lead agency", "Target date", "Status", "Progress"],
        ["L2", "Train staff.", "Police", "31/03/2026", "Completed", "Update given to the board"],
        ["", "Train every new starter on the threshold document.", "", "", "", ""],
    ]
    result = tracker_import(data=book(rows), file_name="plan.xlsx")
    assert [r.reference for r in result.rows if r.reference] == ["L2"]  # read, not skipped
    assert not any("repeats the header row" in str(n) for n in result.notices)
    # The row with only its text is an action with no reference: an error, never a heading.
    assert any("Give this action a reference" in str(e) for e in result.errors)
    assert not any("section heading" in str(n) for n in result.notices)


def test_a_number_at_the_start_of_the_text_is_the_text(leo):
    rows = [
        ["Action", "Lead agency", "Target date"],
        ["12 month audit of referrals.", "Police", "March 2027"],
        ["2 multi-agency audits a year.", "Police", "March 2027"],
    ]
    result = tracker_import(data=book(rows), file_name="plan.xlsx")
    assert result.ok, [str(e) for e in result.errors]
    texts = sorted(Action.objects.values_list("description", flat=True))
    assert texts == ["12 month audit of referrals.", "2 multi-agency audits a year."]


def test_a_copied_row_is_a_duplicate_not_two_new_actions(leo):
    rows = [
        ["Reference", "Action", "Lead agency", "Target date"],
        ["L3", "Audit the referrals.", "Police", "March 2027"],
        ["L3", "Audit the referrals again.", "Police", "March 2027"],
    ]
    result = tracker_import(data=book(rows), file_name="plan.xlsx")
    assert not result.ok
    assert any("L3 is already on row 2" in str(e) for e in result.errors)
    merged = tracker_import(data=book(rows, merges=["A2:A3"]), file_name="merged.xlsx")
    assert merged.ok, [str(e) for e in merged.errors]
    assert sorted(Action.objects.values_list("reference", flat=True)) == ["L3a", "L3b"]


def test_timescales_in_a_blank_headed_column_are_not_references(leo):
    rows = [
        ["Action", "Lead agency", None],
        ["Audit the referrals.", "Police", "Q4"],
        ["Brief the teams.", "Police", "Dec 21"],
    ]
    result = tracker_import(data=book(rows), file_name="plan.xlsx")
    assert not any("read as the reference" in str(n) for n in result.notices)


def test_a_plan_with_no_agency_column_takes_the_chosen_lead_agency(leo):
    from reviews.models import Agency

    police = Agency.objects.get(slug="police")
    rows = [["Ref", "Action", "Target date"], ["1", "Audit the referrals.", "March 2027"]]
    result = tracker_import(
        data=book(rows), file_name="plan.xlsx", choices=Choices(lead_agency=police)
    )
    assert result.ok, [str(e) for e in result.errors]
    assert Action.objects.get(reference="1").lead_agency == police


def test_a_new_section_ends_the_objective_above(leo):
    rows = [
        ["Objectives", "Action", "Lead agency", "Target date"],
        ["PRIORITY 1"],
        ["1. To ensure early help", "Publish the strategy.", "Police", "March 2027"],
        ["PRIORITY 2 Neglect"],
        ["", "Roll out the neglect toolkit.", "Police", "March 2027"],
    ]
    result = tracker_import(data=book(rows), file_name="plan.xlsx")
    toolkit = next(r for r in result.rows if r.description == "Roll out the neglect toolkit.")
    assert toolkit.reference != "1b"


@pytest.mark.parametrize(
    ("cell", "lead", "supporting", "role"),
    [
        ("ICB and Police", "ICB", ["Police"], ""),
        ("Police, ICB", "Police", ["ICB"], ""),
        ("CCG/NBT", "ICB", ["NBT"], ""),
        (
            "Head of Education Safeguarding (Council)",
            "Council",
            [],
            "Head of Education Safeguarding",
        ),
        ("NBT – Named Nurse", "NBT", [], "Named Nurse"),
    ],
)
def test_a_person_cell_gives_its_agencies_and_the_role(leo, cell, lead, supporting, role):
    AgencyFactory(name="Integrated Care Board", short_name="ICB", slug="icb", other_names="CCG")
    AgencyFactory(name="North Bristol NHS Trust", short_name="NBT", slug="nbt")
    AgencyFactory(name="Thurrock Council", short_name="Council", slug="council")
    AgencyFactory(name="Schools and education", short_name="Education", slug="education")
    rows = [["Ref", "Action", "Who", "By when"], ["1", "Audit the referrals.", cell, "March 2027"]]

    result = tracker_import(data=book(rows), file_name="plan.xlsx")

    assert result.ok, [str(e) for e in result.errors]
    action = Action.objects.get(reference="1")
    assert action.lead_agency.short_name == lead
    assert sorted(a.short_name for a in action.supporting_agencies.all()) == supporting
    assert action.lead_officer_role == role


@pytest.mark.parametrize("cell", ["LADO", "TBC", "All agencies"])
def test_create_agencies_never_makes_one_of_a_role_or_a_word(leo, cell):
    from reviews.models import Agency

    rows = [["Ref", "Action", "Who"], ["1", "Audit the referrals.", cell]]
    tracker_import(data=book(rows), file_name="plan.xlsx", create_agencies=True)
    assert not Agency.objects.filter(name=cell).exists()


def test_a_plan_without_references_keeps_them_when_a_row_is_added(leo):
    first = [
        ["Action", "Lead agency", "Target date"],
        ["Publish the strategy.", "Police", "March 2027"],
        ["Train the teams.", "Police", "March 2027"],
    ]
    tracker_import(data=book(first), file_name="q1.xlsx")
    before = dict(Action.objects.values_list("description", "reference"))
    assert sorted(before.values()) == ["1", "2"]

    added = [first[0], ["Audit the referrals.", "Police", "March 2027"], *first[1:]]
    result = tracker_import(data=book(added), file_name="q2.xlsx")

    assert result.ok, [str(e) for e in result.errors]
    assert result.counts["new"] == 1 and result.counts["updated"] == 0
    after = dict(Action.objects.values_list("description", "reference"))
    assert after == before | {"Audit the referrals.": "3"}


@pytest.mark.parametrize(
    ("colour", "status"),
    [("C6EFCE", "green"), ("FFC7CE", "red"), ("FFEB9C", "amber"), ("FFFFFF", "red")],
    ids=["Excel's Good", "Excel's Bad", "Excel's Neutral", "white: none"],
)
def test_excels_own_cell_styles_give_their_status(leo, colour, status):

    result = tracker_import(data=coloured(colour), file_name="plan.xlsx")

    assert result.ok, [str(e) for e in result.errors]
    assert Action.objects.get(reference="1").status == status


def test_a_status_coloured_in_an_unknown_colour_is_an_error(leo):
    from openpyxl.styles import PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Leo"
    sheet.append(["Ref", "Action", "Lead agency", "RAG"])
    sheet.append(["1", "Audit the referrals.", "Police", None])
    sheet["D2"].fill = PatternFill("solid", fgColor="7030A0")  # purple
    out = io.BytesIO()
    workbook.save(out)

    result = tracker_import(data=out.getvalue(), file_name="plan.xlsx")

    assert not result.ok
    assert "is coloured (#7030A0)" in str(result.errors[0])
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("colour", "status"),
    [
        ({"theme": 6, "tint": 0.0}, "green"),  # accent 3 of the workbook's theme: green
        ({"theme": 9, "tint": 0.4}, "amber"),  # accent 6, lighter: orange
        ({"theme": 5, "tint": -0.25}, "red"),  # accent 2, darker: red
        ({"indexed": 10}, "red"),  # Excel's old palette: red
    ],
    ids=["theme green", "theme orange, tinted", "theme red, shaded", "indexed red"],
)
def test_theme_and_palette_colours_give_their_status(leo, colour, status):
    from openpyxl.styles.colors import Color

    result = tracker_import(data=coloured(Color(**colour)), file_name="plan.xlsx")

    assert result.ok, [str(e) for e in result.errors]
    assert Action.objects.get(reference="1").status == status
