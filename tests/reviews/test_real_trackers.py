"""Trackers as partnerships keep them, rebuilt from the forms of published action plans (a serious
case review plan, a board business plan): title rows, a heading merged over the reference and the
text, the template's guidance row, section headings merged across the table, the header repeated
under each section, a number merged over two actions, a person column holding a role and an
agency, timescales as people write them, statuses in the partnership's words or numbers explained
by a key. Each is imported as a manager would, and what the file says is checked in the database.
No names of children, families or case facts: the plans' wording is invented."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from reviews.imports import tracker_import
from reviews.imports.service import Choices
from reviews.models import Action, ImportLayout, Status
from tests.factories import AgencyFactory, ReviewFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def csv_bytes(rows):
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def partners(db):
    return {
        "frankie": ReviewFactory(name="Frankie", slug="frankie"),
        "board": ReviewFactory(name="Business plan", slug="business-plan"),
        "icb": AgencyFactory(
            name="Integrated Care Board",
            short_name="ICB",
            slug="icb",
            other_names="CCG\nClinical Commissioning Group",
        ),
        "nbt": AgencyFactory(name="North Bristol NHS Trust", short_name="NBT", slug="nbt"),
        "police": AgencyFactory(
            name="Avon and Somerset Police", short_name="Police", slug="police"
        ),
        "unit": AgencyFactory(
            name="Safeguarding partnership business unit", short_name="Partnership", slug="unit"
        ),
    }


RECOMMENDATION_1 = "Health partners should check that referrals record the child's own words."
RECOMMENDATION_3 = "Police and partners should share information about missing episodes."


def serious_case_review_plan():
    """An SCR action plan as a board published it: seven columns, the reference and the
    recommendation under one merged heading, guidance under the headings, two sections."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    header = [
        "Recommendation", None, "Specific Actions", "Lead", "Timescale", "RAG rating",
        "Progress presented to Committee Dec 2017",
    ]  # fmt: skip
    rows = [
        ["Serious Case Review Frankie: multi-agency action plan"] + [None] * 6,
        [None] * 7,
        header,
        ["What is the over-arching recommendation?", None, "What will be done?", "Who?",
         "By when?", "What is the current status?", "What has been done?"],
        ["10.1 Health"] + [None] * 6,
        ["1", RECOMMENDATION_1, "Audit twenty referrals for the child's voice.", "CCG",
         "By 31/12/2016", "Achieved", "Audit completed and reported to the board."],
        ["2", RECOMMENDATION_1, "Train named nurses on recording the child's voice.",
         "NBT – Named Nurse", "Jan 08", "Some progress", ""],
        header,
        ["10.2 Police"] + [None] * 6,
        ["3", RECOMMENDATION_3, "Review the missing-from-home protocol.", "Police",
         "Strategy agreed and in place by April 2012", "G/A", "Draft protocol written."],
        [None, None, "Brief every response officer on the protocol.", "Police", "Spring 2015",
         "No progress", ""],
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    for cells in ["A1:G1", "A3:B3", "A5:G5", "A9:G9", "A10:A11", "B10:B11", "A8:B8"]:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_serious_case_review_plan_imports_as_the_file_says_it(partners):
    result = tracker_import(data=serious_case_review_plan(), file_name="frankie-scr-plan.xlsx")

    assert result.ok, [str(e) for e in result.errors]
    actions = {a.reference: a for a in Action.objects.filter(review=partners["frankie"])}
    assert sorted(actions) == ["1", "2", "3a", "3b"]
    assert {r: a.status for r, a in actions.items()} == {
        "1": Status.GREEN,  # achieved: complete, and blue needs the evidence of embedding
        "2": Status.AMBER,
        "3a": Status.AMBER,  # "G/A": the lower, with a warning
        "3b": Status.RED,
    }
    assert {r: a.target_date for r, a in actions.items()} == {
        "1": D(2016, 12, 31),
        "2": D(2008, 1, 31),
        "3a": D(2012, 4, 30),
        "3b": D(2015, 5, 31),
    }
    assert {r: a.lead_agency.short_name for r, a in actions.items()} == {
        "1": "ICB", "2": "NBT", "3a": "Police", "3b": "Police",
    }  # fmt: skip
    assert actions["2"].lead_officer_role == "Named Nurse"
    assert actions["1"].recommendation == RECOMMENDATION_1
    assert actions["3b"].recommendation == RECOMMENDATION_3  # the merged cell covers both
    assert actions["1"].progress_note == "Audit completed and reported to the board."
    # What the file says is kept: the timescale as written.
    assert actions["1"].timescale_as_written == "By 31/12/2016"
    assert actions["3a"].timescale_as_written == "Strategy agreed and in place by April 2012"
    # The rows that are not actions are named, each once.
    skipped = [str(n) for n in result.notices if "not read as an action" in str(n)]
    assert len(skipped) == 4, skipped  # guidance, two sections, the header again
    assert any("guidance" in s for s in skipped)
    assert any("“10.1 Health”" in s for s in skipped)
    assert any("repeats the header row" in s for s in skipped)
    warnings = [str(w) for w in result.warnings]
    assert any("“G/A” gives two statuses: read as Amber" in w for w in warnings)
    assert any("repeats the row above: read as 3b" in w for w in warnings)


def business_plan_csv():
    """A board business plan kept as CSV: no reference column (the number is in the text),
    sections as rows of their own, a person column holding a group, progress as numbers 1-4
    explained by a key under the table, timescales that are no date."""
    rows = [
        ["LSCB Business Plan 2018-19"],
        [],
        ["Objectives", "How will the LSCB do this?", "Who", "Timescale/ Target",
         "Assessment of progress Categories 1 - 4", "Notes"],
        ["PRIORITY 1a Early Help and Prevention"],
        ["1. To ensure early help reaches families sooner", "Publish the early help strategy.",
         "Partnership", "Q4 18/19", "1", "Signed off in March."],
        ["", "Run awareness sessions across the year.", "Training subgroup", "Quarterly",
         "3", ""],
        ["2. To hear the voice of the child",
         "Survey practitioners on recording the child's voice.", "ICB", "6 months", "4",
         "Survey drafted."],
        [],
        ["Key"],
        ["1 Fully achieved"],
        ["2 Partially achieved"],
        ["3 Some progress"],
        ["4 Not started"],
    ]  # fmt: skip
    return csv_bytes(rows)


def test_a_business_plan_imports_with_the_choices_the_preview_asks_for(partners):
    choices = Choices(lead_agency=partners["unit"])

    result = tracker_import(
        data=business_plan_csv(),
        file_name="business-plan.csv",
        review=partners["board"],
        choices=choices,
    )

    assert result.ok, [str(e) for e in result.errors]
    actions = {a.reference: a for a in Action.objects.filter(review=partners["board"])}
    assert sorted(actions) == ["1a", "1b", "2"]  # a further action under objective 1
    statuses = {r: a.status for r, a in actions.items()}
    assert sorted(statuses.values()) == sorted([Status.GREEN, Status.AMBER, Status.RED])
    by_text = {a.description: a for a in actions.values()}
    awareness = by_text["Run awareness sessions across the year."]
    assert awareness.lead_agency == partners["unit"]  # "Training subgroup" is no agency
    assert awareness.lead_officer_role == "Training subgroup"
    assert awareness.target_date is None and awareness.timescale_as_written == "Quarterly"
    strategy = by_text["Publish the early help strategy."]
    assert strategy.target_date == D(2019, 3, 31)
    assert strategy.recommendation.startswith("1. To ensure early help")
    assert strategy.tracker_columns == "Notes: Signed off in March."
    skipped = [str(n) for n in result.notices if "not read as an action" in str(n)]
    assert any("PRIORITY 1a Early Help and Prevention" in s for s in skipped)
    assert sum("key" in s for s in skipped) >= 4


def test_the_command_takes_the_same_choices_and_the_layout_is_remembered(partners, tmp_path):
    path = tmp_path / "business-plan.csv"
    path.write_bytes(business_plan_csv())

    call_command(
        "import_tracker", str(path), "--review", "business-plan", "--lead-agency", "unit",
        "--column", "Notes=ignore", stdout=io.StringIO(),
    )  # fmt: skip

    strategy = Action.objects.get(description="Publish the early help strategy.")
    assert strategy.tracker_columns == ""  # the manager chose to ignore the Notes
    assert ImportLayout.objects.count() == 1
    records = Action.history.count()
    # Next quarter's file of the same layout: no choice about the columns is needed again.
    again = tracker_import(
        data=business_plan_csv(),
        file_name="business-plan-q2.csv",
        review=partners["board"],
        choices=Choices(lead_agency=partners["unit"]),
    )
    assert again.ok and again.counts["unchanged"] == 3
    assert again.counts["new"] == 0 and again.counts["updated"] == 0
    assert Action.history.count() == records


def test_a_refused_plan_leaves_the_database_unchanged(partners):
    before = Action.objects.count(), Action.history.count()
    # No lead agency chosen: "Training subgroup" names no agency, so nothing is imported.
    result = tracker_import(
        data=business_plan_csv(), file_name="business-plan.csv", review=partners["board"]
    )
    assert not result.ok
    assert any("Training subgroup" in str(e) for e in result.errors)
    assert (Action.objects.count(), Action.history.count()) == before


def peer_review_plan_with_colours():
    """A peer review plan whose status column is only coloured in, as two of the five plans that
    carry a status keep it; no agency column; a two-line person cell."""
    from openpyxl.styles import PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "Frankie"
    sheet.append(["Ref", "Proposals", "Lead", "Key milestones", "Progress indicator"])
    colours = {"R1": "00B050", "R2": "FFC000", "R3": "FF0000", "R4": "FFFFFF"}
    for reference, colour in colours.items():
        sheet.append(
            [reference, f"Proposal {reference}", "Designated Nurse\nICB", "Monthly review", None]
        )
        sheet.cell(row=sheet.max_row, column=5).fill = PatternFill("solid", fgColor=colour)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_status_given_only_by_colour_is_read_from_the_fill(partners):
    result = tracker_import(data=peer_review_plan_with_colours(), file_name="peer-review.xlsx")

    assert result.ok, [str(e) for e in result.errors]
    actions = {a.reference: a for a in Action.objects.filter(review=partners["frankie"])}
    assert {r: a.status for r, a in actions.items()} == {
        "R1": Status.GREEN,
        "R2": Status.AMBER,
        "R3": Status.RED,
        "R4": Status.RED,  # white is no status: the status chosen for rows with none
    }
    assert actions["R1"].lead_agency == partners["icb"]  # found on the person cell's 2nd line
    assert actions["R1"].lead_officer_role == "Designated Nurse"
    assert actions["R1"].evidence == "Monthly review"  # key milestones, as the plan measures it
    warnings = [str(w) for w in result.warnings]
    assert sum("only by the cell’s colour" in w for w in warnings) == 3


def ofsted_improvement_plan():
    """An improvement plan with none of a tracker's headings: the import cannot tell which
    column holds the action until the manager says."""
    rows = [
        ["Ofsted improvement plan 2019"],
        ["Area", "Our response", "Owner agency", "Target", "Assessment"],
        ["Leadership", "Appoint an independent scrutineer.", "Partnership", "March 2020", "Met"],
        ["Training", "Evaluate the training offer.", "Partnership", "Summer 2020", "Not met"],
    ]
    return csv_bytes(rows)


CHOSEN = {
    "Our response": "action",
    "Area": "recommendation",
    "Owner agency": "lead agency",
    "Assessment": "status",
}


def imported(review):
    return sorted(
        (a.reference, a.description, a.recommendation, a.lead_agency.slug, a.status, a.target_date)
        for a in Action.objects.filter(review=review)
    )


def test_a_plan_with_unknown_headings_lists_them_and_the_page_and_command_choose_alike(
    partners, manager_client, tmp_path
):
    from django.db import transaction
    from django.urls import reverse

    # Without choices: the headings seen are named, and nothing is imported.
    first = tracker_import(
        data=ofsted_improvement_plan(), file_name="ofsted.csv", review=partners["board"]
    )
    assert not first.ok
    problem = str(first.errors[0])
    assert "There is no Action column" in problem and "“Our response”" in problem
    assert [c["header"] for c in first.layout] == [
        "Area", "Our response", "Owner agency", "Target", "Assessment",
    ]  # fmt: skip

    # The command, with the choices.
    path = tmp_path / "ofsted.csv"
    path.write_bytes(ofsted_improvement_plan())
    with transaction.atomic():
        call_command(
            "import_tracker", str(path), "--review", "business-plan",
            *[f"--column={heading}={meaning}" for heading, meaning in CHOSEN.items()],
            stdout=io.StringIO(),
        )  # fmt: skip
        by_command = imported(partners["board"])
        transaction.set_rollback(True)
    ImportLayout.objects.all().delete()
    assert len(by_command) == 2

    # The page: upload, then the same choices on the preview, then confirm.
    url = reverse("admin:reviews_action_import")
    upload = io.BytesIO(ofsted_improvement_plan())
    upload.name = "ofsted.csv"
    preview = manager_client.post(url, {"file": upload, "review": partners["board"].pk})
    context = preview.context
    layout = context["result"].layout
    answers = {"rechoose": context["choices_note"], "columns": len(layout), "blank_status": "red"}
    meaning_of = {"action": "description", "recommendation": "recommendation"}
    meaning_of |= {"lead agency": "lead_agency", "status": "status"}
    for index, column in enumerate(layout):
        answers[f"heading-{index}"] = column["key"]
        wanted = CHOSEN.get(column["header"])
        answers[f"column-{index}"] = meaning_of[wanted] if wanted else column["meaning"]
    again = manager_client.post(url, answers)
    assert again.context["result"].ok, [str(e) for e in again.context["result"].errors]
    done = manager_client.post(url, {"confirmation": again.context["confirmation"]})
    assert done.status_code == 302
    assert imported(partners["board"]) == by_command
    statuses = {row[1]: row[4] for row in by_command}
    assert statuses == {
        "Appoint an independent scrutineer.": Status.GREEN,
        "Evaluate the training offer.": Status.RED,
    }


def test_a_person_cell_naming_several_agencies_gives_the_lead_and_the_supporting(partners):
    rows = [
        ["Ref", "Action", "Who", "By when"],
        ["1", "Agree a joint missing-episodes protocol.", "Police\nICB\nNBT", "March 2027"],
    ]
    result = tracker_import(data=csv_bytes(rows), file_name="plan.csv", review=partners["frankie"])

    assert result.ok, [str(e) for e in result.errors]
    action = Action.objects.get(review=partners["frankie"], reference="1")
    assert action.lead_agency == partners["police"]
    assert set(action.supporting_agencies.all()) == {partners["icb"], partners["nbt"]}
    assert any("read as the lead" in str(w) for w in result.warnings)
