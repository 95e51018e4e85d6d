"""Importing the partnership dataset spreadsheet: the layouts partnerships keep, every error at
once with nothing written, warnings, a re-import that writes nothing, a new quarter, the command
and the admin's upload, preview and confirmation."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from as_at.history import records_at
from dataset.admin_import import PERMISSIONS
from dataset.imports import dataset_import
from dataset.models import DatasetUpload, Figure, Indicator
from dataset.periods import financial_year, month, quarter
from dataset.rating import rate
from dataset.vocabulary import Rating
from safeguarding.body_limit import IMPORT_PAGES, limit_for
from spreadsheets.reading import Refused
from tests.factories import AgencyFactory, UserFactory

from .files import (
    HEADER,
    QUARTERS,
    SECTION,
    csv_file,
    indicator,
    large_scorecard,
    months,
    scorecard_rows,
    scorecard_xlsx,
    xlsx,
)
from .helpers import make_indicator

pytestmark = pytest.mark.django_db

Q1, Q2, Q3, Q4 = (quarter(number, 2024) for number in (1, 2, 3, 4))


def run(data, name="dataset.xlsx", **options):
    return dataset_import(data=data, file_name=name, **options)


def history_counts():
    return Indicator.history.count(), Figure.history.count()


def figures_of(reference):
    return {
        figure.period: figure for figure in Figure.objects.filter(indicator__reference=reference)
    }


# The partnership's own scorecard: title rows and sections merged across the table, figures with
# "%", "<5", "*", "n/a" and "-", a RAG column (filled in colour) and a DoT column.
MESSY = [
    (SECTION, "Early help"),
    indicator("EH1", "Re-referrals within 12 months", "%", "Lower", "22%", "2%",
              ["24.5%", "23%", "n/a", "21.8%"], rag="G", dot="↑", england=21.6, neighbours="22.9%",
              region="23.4", commentary="Back within target after the MASH review.",
              action="Keep the weekly audit of repeat referrals."),
    indicator("EH2", "Contacts received", "Number", "Context only", None, None,
              ["1,234", "1,310", "1,187", "1,402"], dot="↑"),
    (SECTION, "Child protection"),
    indicator("CP1", "Children on child protection plans per 10,000", "Rate per 10,000", "Range",
              "35–45", 3, [48.2, 47.1, "-", 46], rag="A", dot="↓", england=41.5),
    indicator("CP2", "Second or subsequent plans", "%", "Low", "<20%", None,
              ["<5", "*", 18, 25], rag="R", dot="↓", commentary="Above target: three large "
              "sibling groups.", action="Audit of plans ended in the last year."),
    indicator("CP3", "Visits within 10 working days", "Percentage", "High", "85", "5",
              ["82%", "86%", "88%", "90%"], rag="G"),
]  # fmt: skip


@pytest.fixture
def messy():
    return scorecard_xlsx(MESSY)


def test_a_messy_scorecard_is_read_as_its_author_meant(messy):
    result = run(messy)

    assert result.ok, result.errors
    assert result.counts["created"] == 5
    assert result.counts["figures_added"] == 18
    rereferrals = Indicator.objects.get(reference="EH1")
    assert (rereferrals.name, rereferrals.unit, rereferrals.polarity) == (
        "Re-referrals within 12 months", "percentage", "lower"
    )  # fmt: skip
    assert (rereferrals.target, rereferrals.target_high, rereferrals.tolerance) == (
        Decimal("22"), None, Decimal("2")
    )  # fmt: skip
    figures = figures_of("EH1")
    assert sorted(figures) == [Q1, Q2, Q4]  # "n/a" is no figure
    assert [figures[p].value for p in (Q1, Q2, Q4)] == [Decimal("24.5"), 23, Decimal("21.8")]
    # The comparators and the commentary are the latest period's.
    latest = figures[Q4]
    assert (latest.england, latest.statistical_neighbours, latest.region) == (
        Decimal("21.6"), Decimal("22.9"), Decimal("23.4")
    )  # fmt: skip
    assert latest.commentary == "Back within target after the MASH review."
    assert latest.corrective_action == "Keep the weekly audit of repeat referrals."
    assert figures[Q1].england is None and figures[Q1].commentary == ""
    assert [f.value for f in figures_of("EH2").values()] == [1234, 1310, 1187, 1402]
    plans = Indicator.objects.get(reference="CP1")
    assert (plans.polarity, plans.unit, plans.target, plans.target_high) == (
        "range",
        "rate",
        35,
        45,
    )
    assert sorted(figures_of("CP1")) == [Q1, Q2, Q4]  # "-" is no figure
    assert figures_of("CP1")[Q4].england == Decimal("41.5")
    assert Indicator.objects.get(reference="EH2").target is None
    second = Indicator.objects.get(reference="CP2")
    assert (second.target, second.tolerance) == (20, None)  # "<20%"; a blank tolerance is 0
    figure = figures_of("CP2")[Q3]
    assert rate(polarity=second.polarity, value=figure.value + 3, target=second.target,
                tolerance=second.tolerance) == Rating.RED  # fmt: skip


def test_small_numbers_are_kept_suppressed_without_a_value(messy):
    run(messy)

    figures = figures_of("CP2")
    assert [(figures[p].suppressed, figures[p].value) for p in (Q1, Q2, Q3, Q4)] == [
        (True, None), (True, None), (False, 18), (False, 25)
    ]  # fmt: skip


def test_the_ratings_and_directions_in_the_file_are_ignored_and_said_so(messy):
    result = run(messy)

    assert any("column K (RAG): ignored" in line for line in result.ignored)
    assert any("column L (DoT): ignored" in line for line in result.ignored)
    assert "Sheet “Scorecard”, row 5 is the header: 4 periods, Q1 2024/25 to Q4 2024/25." in (
        result.notices
    )


def test_each_change_is_recorded_as_imported_from_the_file(messy):
    manager = UserFactory(username="importer")

    run(messy, "Dataset Q4.xlsx", user=manager)

    records = [*Indicator.history.all(), *Figure.history.all()]
    assert len(records) == 5 + 18
    assert {(r.history_change_reason, r.history_user) for r in records} == {
        ("Imported from Dataset Q4.xlsx", manager)
    }


# Layouts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headings",
    [
        ["Ref", "Indicator", "Unit", "Good is", "Target", "Tolerance"],
        ["Reference", "Measure", "Units", "Polarity", "Target (%)", "Tolerance"],
        ["KPI ref", "KPI", "Unit", "Good performance is", "Target 2024/25", "Tolerance"],
        ["No.", "Measure", "Unit", "Good is\n(Higher/Lower)", "Target", "Tolerance"],
    ],
)
def test_the_headings_datasets_use_are_read(headings):
    data = csv_file([[*headings, *QUARTERS], ["DS1", "Visits on time", "%", "Higher", "85%", "",
                                              "80", "82", "84", "86"]])  # fmt: skip

    result = run(data, "dataset.csv")

    assert result.ok, result.errors
    visits = Indicator.objects.get(reference="DS1")
    assert (visits.name, visits.polarity, visits.target) == ("Visits on time", "higher", 85)
    assert len(figures_of("DS1")) == 4


@pytest.mark.parametrize(
    "written, polarity, target, target_high",
    [
        (("85", "Higher"), "higher", 85, None),
        (("85%", "High"), "higher", 85, None),
        (("≥ 85%", "Higher is better"), "higher", 85, None),
        (("10-15", "Within range"), "range", 10, 15),
        (("10–15%", "Range"), "range", 10, 15),
        (("10 to 15", "Within a range"), "range", 10, 15),
        (("12.5", "Low"), "lower", Decimal("12.5"), None),
        (("", "Context"), "context", None, None),
        (("n/a", "Context only"), "context", None, None),
    ],
)
def test_targets_and_which_way_is_good_as_people_write_them(written, polarity, target, target_high):
    target_cell, good = written
    data = csv_file([[*HEADER, "Q1 2024/25"], ["DS1", "A measure", "%", good, target_cell, 1, 12]])

    result = run(data, "dataset.csv")

    assert result.ok, result.errors
    measure = Indicator.objects.get()
    assert (measure.polarity, measure.target, measure.target_high) == (
        polarity, target, target_high
    )  # fmt: skip


def test_month_columns_headed_by_excel_dates():
    header = [*HEADER, *months(2025, 4, 3), "Commentary"]
    rows = [["Monthly return"], header,
            ["M1", "Missing episodes with a return interview in 72 hours", "%", "Higher", 80, 5,
             0.5, "71%", "79%", "Improving since the new provider started."]]  # fmt: skip
    # The first figure is 0.5: a percentage written as a fraction, among ones over 1.

    result = run(xlsx(("Monthly", rows)))

    assert result.ok, result.errors
    figures = figures_of("M1")
    assert sorted(figures) == [month(2025, 4), month(2025, 5), month(2025, 6)]
    assert figures[month(2025, 6)].commentary == "Improving since the new provider started."
    assert Indicator.objects.get().frequency == "monthly"
    (warning,) = result.warnings
    assert str(warning).startswith("Sheet “Monthly”, row 3, column G (Apr 2025): 0.5 looks like a")
    assert "imported as 0.5%" in warning.message
    assert figures[month(2025, 4)].value == Decimal("0.5")  # as written, not silently changed


def test_a_month_column_headed_by_its_last_day_and_financial_years():
    header = [*HEADER, "2023/24", "2024/25", datetime.datetime(2025, 6, 30)]
    rows = [header, ["Y1", "Initial health assessments in 20 days", "%", "Higher", 90, 10,
                     "61%", "66%", "70%"]]  # fmt: skip

    run(xlsx(("Years", rows)))

    assert sorted(figures_of("Y1")) == [financial_year(2023), financial_year(2024), month(2025, 6)]


def test_a_sheet_without_a_header_and_a_hidden_sheet_are_passed_over_and_said_so():
    rows, merged = scorecard_rows(MESSY[1:2])
    data = xlsx(
        ("Notes", [["How to fill in the dataset"], ["Ask the LSCP business unit."]]),
        ("Scorecard", rows),
        ("Old", rows),
        merged={"Scorecard": merged},
        hidden=("Old",),
    )

    result = run(data)

    assert result.ok, result.errors
    assert Indicator.objects.count() == 1
    assert any(line.startswith("Sheet “Notes” has no header row") for line in result.notices)
    assert "Sheet “Old” is hidden, and was not read." in result.notices


def test_a_repeated_header_and_a_key_under_the_table_are_not_indicators():
    header = [*HEADER, *QUARTERS]
    rows = [header, ["A1", "First", "%", "Higher", 80, 5, 70, 72, 74, 76], header,
            ["A2", "Second", "%", "Higher", 80, 5, 81, 82, 83, 84], [],
            ["Key:", "Green = on target"]]  # fmt: skip

    result = run(csv_file(rows), "dataset.csv")

    assert result.ok, result.errors
    assert list(Indicator.objects.values_list("reference", flat=True)) == ["A1", "A2"]
    assert any("Row 6 (“Key:” “Green = on target”)" in line for line in result.notices)


def test_a_new_indicator_without_a_unit_is_read_from_its_figures_with_a_warning():
    data = csv_file(
        [["Ref", "Indicator", "Good is", "Q1 2024/25"], ["U1", "Visits", "Higher", "80%"]]
    )

    result = run(data, "dataset.csv")

    assert Indicator.objects.get().unit == "percentage"
    assert [w.message for w in result.warnings] == ["No unit given: read as percentage."]


def test_the_source_agency_is_found_by_any_of_its_names():
    police = AgencyFactory(name="Anyshire Police", short_name="Police")
    header = [*HEADER, "Source", "Q1 2024/25"]
    data = csv_file([header, ["S1", "Missing episodes", "Number", "Context", "", "", "police", 4]])

    run(data, "dataset.csv")

    assert Indicator.objects.get().source_agency == police


# Errors ----------------------------------------------------------------------------------------

BROKEN = [
    indicator("E1", "Unknown unit", "Percentish", "Higher", 80, 5, [70, 71, 72, 73]),
    indicator("E2", "Unknown polarity", "%", "Sideways", 80, 5, [70, 71, 72, 73]),
    indicator("E3", "Bad target", "%", "Higher", "about 80", 5, [70, 71, 72, 73]),
    indicator("E4", "Not a number", "%", "Higher", 80, 5, [70, "seventy", 72, 73]),
    indicator("E1", "Duplicate reference", "%", "Higher", 80, 5, [70, 71, 72, 73]),
    indicator("E5", "Range for higher", "%", "Higher", "10-15", 5, [70, 71, 72, 73]),
    indicator("E6", "Fine on its own", "%", "Higher", 80, 5, [70, 71, 72, 73]),
]


@pytest.mark.parametrize("dry_run", [False, True])
def test_every_error_is_listed_at_once_with_its_row_and_column_and_nothing_is_written(dry_run):
    make_indicator("K1", values=[50])
    before = history_counts()

    result = run(scorecard_xlsx(BROKEN), dry_run=dry_run)

    assert not result.ok
    assert [str(e) for e in result.errors] == [
        "Sheet “Scorecard”, row 6, column C (Unit): “Percentish” is not a unit. Use one of: "
        "Number, Percentage (or %), Rate per 10,000 children or Days.",
        "Sheet “Scorecard”, row 7, column D (Good is): “Sideways” is not which way is good. Use "
        "one of: Higher, Lower, Within range or Context.",
        "Sheet “Scorecard”, row 8, column E (Target): “about 80” is not a target: write a number "
        "(“85” or “85%”), a range (“10–15”), or “none” for no target.",
        "Sheet “Scorecard”, row 9, column H (Q2 2024/25): “seventy” is not a figure: write a "
        "number (“85”, “85%”, “1,234”), “<5” or “*” for a small number not published, or leave "
        "it blank.",
        "Sheet “Scorecard”, row 10, column A (Ref): E1 is already on row 6: each indicator’s "
        "reference must be different.",
        "Sheet “Scorecard”, row 11, column E (Target): Only an indicator within a range has an "
        "upper bound.",
    ]
    assert result.counts["error"] == 6
    assert list(Indicator.objects.values_list("reference", flat=True)) == ["K1"]
    assert history_counts() == before


def test_a_new_indicator_needs_a_name_and_which_way_is_good():
    data = csv_file([[*HEADER, "Q1 2024/25"], ["N1", "", "%", "", 80, 5, 70]])

    result = run(data, "dataset.csv")

    assert [str(e) for e in result.errors] == [
        "Row 2, column B (Indicator): A new indicator needs its name.",
        "Row 2, column D (Good is): A new indicator needs to say which way is good.",
    ]
    assert not Indicator.objects.exists()


def test_an_unknown_agency_is_a_warning_naming_the_known_ones_and_the_figures_import():
    AgencyFactory(name="Anyshire Police", short_name="Police")
    header = [*HEADER, "Agency", "Q1 2024/25"]
    data = csv_file([header, ["S1", "Missing", "Number", "Context", "", "", "Fire service", 4]])

    result = run(data, "dataset.csv")

    assert result.ok and not result.errors
    assert [str(w) for w in result.warnings] == [
        "Row 2, column G (Agency): There is no agency called “Fire service”, so the indicator’s "
        "source agency is left as it is. The agencies are: Anyshire Police; add it in the admin "
        "and import again to link it."
    ]
    indicator = Indicator.objects.get()
    assert indicator.source_agency is None and indicator.figures.get().value == 4


def test_a_data_source_column_naming_a_case_system_is_not_read_as_the_agency():
    header = [*HEADER, "Data source", "Q1 2024/25"]
    data = csv_file([header, ["S1", "Missing", "Number", "Context", "", "", "Mosaic", 4]])

    result = run(data, "dataset.csv")

    assert result.ok
    assert not any("Mosaic" in str(w) for w in result.warnings)
    assert Indicator.objects.get().source_agency is None


def test_two_columns_for_one_period_are_an_error():
    data = csv_file(
        [[*HEADER, "Q1 2024/25", "Q1 2024-25"], ["D1", "Two", "%", "Higher", 1, 1, 2, 3]]
    )

    (error,) = run(data, "dataset.csv").errors

    assert str(error) == (
        "Row 1, column H (Q1 2024-25): column G (Q1 2024/25) is already Q1 2024/25: each period "
        "has one column."
    )
    assert not Indicator.objects.exists()


@pytest.mark.parametrize(
    "data, name, problem",
    [
        (b"%PDF-1.4", "minutes.pdf", "minutes.pdf is a PDF, not a spreadsheet."),
        (csv_file([["Anything"], ["else"]]), "notes.csv", "No indicators were found in notes.csv"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_saying_why(data, name, problem):
    with pytest.raises(Refused, match=problem):
        run(data, name)


CELLS = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=["Cc", "Cs"]), max_size=12),
    st.sampled_from(["<5", "*", "n/a", "-", "85%", "1,234", "10–15%", "0.85", "#DIV/0!", "−3"]),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime.datetime(1900, 1, 1)),
)


@hypothesis_settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(cells=st.lists(CELLS, min_size=10, max_size=10))
def test_whatever_a_row_holds_it_is_imported_or_refused_with_errors_never_a_crash(cells):
    header = [*HEADER, *QUARTERS]
    data = xlsx(("Scorecard", [header, ["R1", "Measure", *cells[2:]]]))

    try:
        result = run(data, dry_run=True)
    except Refused as refused:  # a row with nothing but its reference and name is a note
        assert str(refused).startswith("No indicators were found")
    else:
        assert result.ok or result.errors
    assert not Indicator.objects.exists()


# Importing again -------------------------------------------------------------------------------


def test_importing_the_same_file_again_writes_nothing_at_all(messy):
    run(messy)
    before = history_counts()

    result = run(messy)

    assert result.ok
    assert history_counts() == before
    assert result.counts["unchanged"] == 5
    assert not result.changes_anything
    assert result.summary() == (
        "No changes: every indicator in dataset.xlsx matches what is recorded."
    )


def test_a_new_quarter_is_added_to_the_indicators_already_known():
    make_indicator("DS1", name="Visits", unit="percentage", polarity="higher", target=85,
                   tolerance=5, values=[80, 82, 84], first=(2024, 1))  # fmt: skip
    make_indicator("DS2", name="Plans", unit="rate", polarity="range", target=35, target_high=45,
                   tolerance=3, values=[48, 47, 46], first=(2024, 1))  # fmt: skip
    indicator_records = Indicator.history.count()
    rows = [[*HEADER, *QUARTERS, "Commentary"],
            ["DS1", "Visits", "%", "Higher", "85%", 5, 80, 82, 84, "86%", "On target."],
            ["DS2", "Plans", "Rate", "Within range", "35-45", 3, 48, 47, 46, 44, ""]]  # fmt: skip

    result = run(csv_file(rows), "Q4.csv")

    assert result.ok, result.errors
    assert (result.counts["updated"], result.counts["figures_added"]) == (2, 2)
    assert result.counts["figures_changed"] == 0
    assert Indicator.history.count() == indicator_records  # the indicators themselves unchanged
    new = Figure.objects.get(indicator__reference="DS1", period_start=Q4.start)
    assert (new.value, new.commentary) == (86, "On target.")
    assert new.history.get().history_change_reason == "Imported from Q4.csv"
    assert Figure.history.filter(history_change_reason="Imported from Q4.csv").count() == 2
    (change,) = result.rows[0].changes
    assert (change.label, change.after) == ("Q4 2024/25 (new figure)", "86%")


def test_only_what_changed_is_updated_and_previewed():
    make_indicator("DS1", name="Visits", unit="percentage", polarity="higher", target=85,
                   tolerance=5, values=[80, 82, 84, 86], first=(2024, 1))  # fmt: skip
    rows = [[*HEADER, *QUARTERS, "England"],
            ["DS1", "Visits", "%", "Higher", "90%", 5, 80, 82, 85, 86, "81%"]]  # fmt: skip
    figure_records = Figure.history.count()

    result = run(csv_file(rows), "corrected.csv")

    assert result.ok, result.errors
    assert [(c.label, c.before, c.after) for c in result.rows[0].changes] == [
        ("Target", "85", "90"),
        ("Q3 2024/25", "84%", "85%"),
        ("Q4 2024/25 england", "", "81"),
    ]
    assert Indicator.objects.get().target == 90
    assert Indicator.history.latest().history_change_reason == "Imported from corrected.csv"
    assert Figure.history.count() == figure_records + 2
    assert figures_of("DS1")[Q4].england == 81


def test_an_empty_target_or_tolerance_leaves_it_alone_and_none_says_there_is_none():
    make_indicator("DS1", name="Visits", unit="percentage", polarity="higher", target=85,
                   tolerance=5, values=[80], first=(2024, 1))  # fmt: skip
    make_indicator("DS2", name="Plans", unit="rate", polarity="range", target=35,
                   target_high=45, tolerance=3, values=[40], first=(2024, 1))  # fmt: skip
    rows = [[*HEADER, "Q1 2024/25"],
            ["DS1", "Visits", "%", "Higher", "", "", 80],
            ["DS2", "Plans", "Rate per 10,000", "Within range", "none", "n/a", 40]]  # fmt: skip

    result = run(csv_file(rows), "dataset.csv")

    assert result.ok, result.errors
    visits, plans = Indicator.objects.order_by("reference")
    assert (visits.target, visits.tolerance) == (85, 5)
    assert result.rows[0].outcome == "unchanged"
    assert (plans.target, plans.target_high, plans.tolerance) == (None, None, None)


def test_blank_cells_leave_what_is_recorded_alone():
    make_indicator("DS1", name="Visits", unit="percentage", polarity="higher", target=85,
                   tolerance=5, values=[80, 82], first=(2024, 1))  # fmt: skip
    before = history_counts()
    rows = [["Ref", "Indicator", "Unit", "Good is", "Q1 2024/25", "Q2 2024/25", "Q3 2024/25"],
            ["DS1", "", "", "", 80, "", "tbc"]]  # fmt: skip

    result = run(csv_file(rows), "dataset.csv")

    assert result.ok, result.errors
    assert history_counts() == before
    assert len(figures_of("DS1")) == 2


def test_figures_changed_in_bulk_keep_one_record_in_force_at_every_moment():
    make_indicator("DS1", name="Visits", unit="percentage", polarity="higher", target=85,
                   tolerance=5, values=[80, 82], first=(2024, 1))  # fmt: skip
    before = timezone.now()
    rows = [[*HEADER, "Q1 2024/25", "Q2 2024/25"], ["DS1", "Visits", "%", "Higher", 85, 5, 81, 83]]

    run(csv_file(rows), "corrected.csv")

    assert sorted(records_at(Figure, before).values_list("value", flat=True)) == [80, 82]
    assert sorted(records_at(Figure, timezone.now()).values_list("value", flat=True)) == [81, 83]


# The command -----------------------------------------------------------------------------------


def test_the_command_dry_run_says_what_would_change_and_writes_nothing(tmp_path, messy):
    path = tmp_path / "dataset.xlsx"
    path.write_bytes(messy)
    out = io.StringIO()

    call_command("import_dataset", str(path), "--dry-run", stdout=out)

    output = out.getvalue()
    assert "Indicators: 5 created, 0 updated, 0 unchanged, 0 with errors." in output
    assert "Figures: 18 added, 0 changed." in output
    assert "Warnings: 0. Errors: 0." in output
    assert "Dry run: nothing was written" in output
    assert not Indicator.objects.exists()


def test_the_command_imports_then_finds_no_changes(tmp_path, messy):
    path = tmp_path / "dataset.xlsx"
    path.write_bytes(messy)
    UserFactory(username="lscp-manager")

    call_command("import_dataset", str(path), "--user", "lscp-manager", stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_dataset", str(path), stdout=out)

    assert Indicator.objects.count() == 5
    assert Indicator.history.first().history_user.username == "lscp-manager"
    assert "No changes: every indicator in dataset.xlsx matches what is recorded." in out.getvalue()


def test_the_command_lists_every_error_and_fails(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(scorecard_xlsx(BROKEN))
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="Nothing was imported: 6 errors to fix first"):
        call_command("import_dataset", str(path), stdout=out, stderr=err)

    assert err.getvalue().count("Error: ") == 6
    assert "Error: Sheet “Scorecard”, row 6, column C (Unit): “Percentish” is not a unit." in (
        err.getvalue()
    )
    assert not Indicator.objects.exists()


def test_the_command_fails_on_a_missing_or_unreadable_file(tmp_path):
    with pytest.raises(CommandError, match="There is no file"):
        call_command("import_dataset", str(tmp_path / "none.xlsx"))
    path = tmp_path / "minutes.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match="Nothing was imported. minutes.pdf is a PDF"):
        call_command("import_dataset", str(path))


# The admin page --------------------------------------------------------------------------------

IMPORT_URL = "/admin/dataset/indicator/import/"


def upload(client, data, name="dataset.xlsx"):
    file = io.BytesIO(data)
    file.name = name
    return client.post(IMPORT_URL, {"file": file})


def test_the_page_previews_then_imports_on_confirmation(manager_client, manager, messy):
    make_indicator("EH1", name="Re-referrals within 12 months", unit="percentage",
                   polarity="lower", target=20, tolerance=2, values=[24.5],
                   first=(2024, 1))  # fmt: skip

    preview = upload(manager_client, messy)

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "What importing dataset.xlsx would do" in page
    assert '<th scope="row">Indicators</th><td>4</td><td>1</td>' in page
    assert "Target: 20 → 22" in page
    assert "Sheet “Scorecard”, column K (RAG): ignored" in page
    assert Indicator.objects.count() == 1  # nothing written yet
    (kept,) = DatasetUpload.objects.all()
    assert (kept.user, kept.file_name, bytes(kept.data)) == (manager, "dataset.xlsx", messy)
    confirmation = preview.context["confirmation"]

    response = manager_client.post(IMPORT_URL, {"confirmation": confirmation})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:dataset_indicator_changelist")
    assert Indicator.objects.count() == 5
    assert Figure.objects.count() == 18
    record = Indicator.objects.get(reference="EH1").history.latest()
    assert (record.history_user, record.history_change_reason, record.target) == (
        manager, "Imported from dataset.xlsx", 22
    )  # fmt: skip
    figure = Figure.objects.get(indicator__reference="CP2", period_start=Q4.start).history.get()
    assert (figure.history_user, figure.history_change_reason) == (
        manager,
        "Imported from dataset.xlsx",
    )
    assert not DatasetUpload.objects.exists()  # used once
    again = manager_client.post(IMPORT_URL, {"confirmation": confirmation})
    assert again.status_code == 400
    assert "This preview has expired or is not valid" in again.content.decode()


def test_the_preview_and_the_confirmation_carry_their_csrf_tokens(manager, messy):
    """As a browser sends them: Django's test client skips the CSRF check unless told."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(manager)
    token = browser.get(IMPORT_URL).context["csrf_token"]
    file = io.BytesIO(messy)
    file.name = "dataset.xlsx"

    preview = browser.post(IMPORT_URL, {"file": file, "csrfmiddlewaretoken": str(token)})

    (form,) = [f for f in re.findall(r"<form.*?</form>", preview.content.decode(), re.DOTALL)
               if 'name="confirmation"' in f]  # fmt: skip
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|confirmation)" value="([^"]+)"', form))
    response = browser.post(IMPORT_URL, fields)
    assert response.status_code == 302
    assert Indicator.objects.count() == 5


def test_the_preview_lists_the_problems_with_their_rows_and_offers_no_confirmation(manager_client):
    response = upload(manager_client, scorecard_xlsx(BROKEN))

    page = response.content.decode()
    assert "<title>Error: Import dataset spreadsheet" in page
    assert "Nothing has been imported: 6 problems in dataset.xlsx" in page
    assert "Sheet “Scorecard”, row 9, column H (Q2 2024/25): “seventy” is not a figure" in page
    assert response.context["confirmation"] is None
    assert not DatasetUpload.objects.exists()
    assert not Indicator.objects.exists()


def test_the_same_file_again_has_nothing_to_confirm(manager_client, messy):
    run(messy)

    response = upload(manager_client, messy)

    assert "No changes: every indicator and figure in the file matches" in response.content.decode()
    assert response.context["confirmation"] is None


def test_the_preview_shows_warnings_and_a_refused_file_says_why(manager_client):
    data = csv_file(
        [[*HEADER, "Q1 2024/25", "Q2 2024/25"], ["P1", "Visits", "%", "Higher", 85, 5, 0.82, 86]]
    )

    page = upload(manager_client, data, "dataset.csv").content.decode()

    assert "Warning: Column G (Q1 2024/25): 0.82 looks like a fraction (82%?)" in page
    refused = upload(manager_client, b"%PDF-1.4", "minutes.pdf").content.decode()
    assert "minutes.pdf is a PDF, not a spreadsheet." in refused
    assert "<title>Error: Import dataset spreadsheet" in refused


def test_a_forged_or_someone_elses_confirmation_is_refused(client, manager_client, messy):
    confirmation = upload(manager_client, messy).context["confirmation"]
    other = UserFactory(username="other-manager", group="Safeguarding managers", is_staff=True)
    client.force_login(other)

    for value in (confirmation, confirmation[:-2] + "xx", "nonsense"):
        assert client.post(IMPORT_URL, {"confirmation": value}).status_code == 400

    assert not Indicator.objects.exists()


def test_the_changelist_offers_the_import_to_managers_only(manager_client, client):
    page = manager_client.get(reverse("admin:dataset_indicator_changelist")).content.decode()
    assert f'<a href="{IMPORT_URL}">Import dataset spreadsheet</a>' in page

    member = UserFactory(username="staff-councillor", group="Committee members", is_staff=True)
    client.force_login(member)
    page = client.get(reverse("admin:dataset_indicator_changelist")).content.decode()
    assert "Import dataset spreadsheet" not in page


def test_a_committee_member_cannot_import(client, messy):
    member = UserFactory(username="staff-councillor", group="Committee members", is_staff=True)
    client.force_login(member)

    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, messy).status_code == 403
    assert not Indicator.objects.exists()
    assert not DatasetUpload.objects.exists()


def test_someone_not_staff_is_sent_to_the_admin_sign_in(committee_client, messy):
    response = upload(committee_client, messy)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Indicator.objects.exists()


def test_a_large_file_may_be_sent_by_a_manager_only(manager_client, client):
    """The import takes files over the site's 1 MB limit on requests, for those who may import."""
    body = large_scorecard(20, 4) + b"\0" * (2 * 1024 * 1024)  # past 1 MB: a damaged workbook

    response = upload(manager_client, body)

    assert response.status_code == 200  # read, and refused for what it is, not for its size
    member = UserFactory(username="staff-councillor", group="Committee members", is_staff=True)
    client.force_login(member)
    assert upload(client, body).status_code == 413
    assert IMPORT_PAGES["admin:dataset_indicator_import"] == PERMISSIONS


def test_the_server_door_takes_a_file_for_the_dataset_import_from_a_signed_in_request(settings):
    cookie = (b"cookie", f"{settings.SESSION_COOKIE_NAME}=anything".encode())
    scope = {"type": "http", "path": IMPORT_URL, "headers": [cookie]}

    assert limit_for(scope) == settings.IMPORT_BODY_LIMIT
    assert limit_for({**scope, "headers": []}) == settings.REQUEST_BODY_LIMIT
    assert limit_for({**scope, "path": "/admin/dataset/figure/add/"}) == settings.REQUEST_BODY_LIMIT


# Size ------------------------------------------------------------------------------------------


def test_two_hundred_indicators_of_twelve_quarters_in_few_queries(django_assert_max_num_queries):
    data = large_scorecard(200, 12)
    # Per indicator: its save and history (indicator_save); the 2,400 figures and their history
    # in bulk, a few statements for each batch (SQLite's limit on a statement's parameters makes
    # its batches some 50 rows; PostgreSQL's are 500), never a query per figure.
    with django_assert_max_num_queries(200 * 8 + 120):
        result = run(data)

    assert result.ok, result.errors[:3]
    assert (Indicator.objects.count(), Figure.objects.count()) == (200, 2400)
    with django_assert_max_num_queries(10):
        again = run(data)
    assert not again.changes_anything
    with django_assert_max_num_queries(120):
        corrected = run(large_scorecard(200, 12, bump=1))
    assert corrected.counts["figures_changed"] == 2400


def test_cells_excel_formats_as_percentages_are_read_as_they_are_shown():
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([*HEADER, "Q1 2024/25", "Q2 2024/25", "England"])
    sheet.append(["P1", "Visits", "Percentage", "Higher", 0.9, 0.05, 0.875, 0.8412, 0.86])
    sheet.append(["P2", "Repeat plans", "%", "Lower", "18%", 2, 0.175, 0.2, None])
    for row in sheet.iter_rows(min_row=2):
        for cell in row[4:]:
            if isinstance(cell.value, float) and not (row[0].value == "P2" and cell.column == 6):
                cell.number_format = "0.0%"
    data = io.BytesIO()
    workbook.save(data)

    result = run(data.getvalue())

    assert result.ok, result.errors
    assert not result.warnings
    visits = Indicator.objects.get(reference="P1")
    assert (visits.target, visits.tolerance) == (90, 5)
    assert [f.value for f in visits.figures.order_by("period_start")] == [
        Decimal("87.5"), Decimal("84.12"),
    ]  # fmt: skip
    assert visits.figures.order_by("period_start").last().england == 86
    plans = Indicator.objects.get(reference="P2")
    assert [f.value for f in plans.figures.order_by("period_start")] == [Decimal("17.5"), 20]


def quarter_of(day):
    """The financial quarter `day` is in."""
    return quarter((day.month - 4) % 12 // 3 + 1, day.year if day.month >= 4 else day.year - 1)


def test_a_figure_for_a_period_not_yet_ended_is_an_error_and_an_empty_column_for_it_is_not():
    today = timezone.localdate()
    now = quarter_of(today)
    rows = [[*HEADER, "Q1 2024/25", now.label],
            ["F1", "Visits", "%", "Higher", "90%", 5, 80, ""],
            ["F2", "Plans", "%", "Higher", "90%", 5, 81, "85%"]]  # fmt: skip

    result = run(csv_file(rows), "dataset.csv")

    assert [str(e) for e in result.errors] == [
        f"Row 3, column H ({now.label}): {now.label} ends on {now.end:%-d %B %Y}: its figures "
        "can be imported once it has ended."
    ]
    assert not Indicator.objects.exists()
    del rows[2]
    assert run(csv_file(rows), "dataset.csv").ok


def test_quarters_headed_as_partnerships_head_them_are_read():
    rows = [["Ref", "Indicator", "Unit", "Good is", "Qtr 1 2024-25", "Q2 24/25",
             "Oct-Dec 2024", "Quarter 4 2024/25"],
            ["H1", "Visits", "%", "Higher", 80, 81, 82, 83]]  # fmt: skip

    result = run(csv_file(rows), "dataset.csv")

    assert result.ok, result.errors
    assert sorted(figures_of("H1")) == [Q1, Q2, Q3, Q4]


def test_commentary_for_a_row_whose_latest_period_is_blank_goes_with_its_latest_figure_said_so():
    rows = [[*HEADER, "Q1 2024/25", "Q2 2024/25", "Commentary"],
            ["L1", "Visits", "%", "Higher", "90%", 5, 80, "", "Q2 data delayed."]]  # fmt: skip

    result = run(csv_file(rows), "dataset.csv")

    assert result.ok
    assert [str(w) for w in result.warnings] == [
        "Row 2: Commentary put with Q1 2024/25, the latest period this row has a figure for "
        "(Q2 2024/25 has none). If they are about Q2 2024/25, import them with its figure."
    ]
    assert figures_of("L1")[Q1].commentary == "Q2 data delayed."


def test_a_month_for_a_quarterly_indicator_is_imported_with_a_warning_about_its_heading():
    make_indicator("M1", name="Visits", unit="percentage", polarity="higher", target=90,
                   values=[80], first=(2024, 1))  # fmt: skip
    rows = [["Ref", "Indicator", datetime.date(2024, 9, 30)], ["M1", "Visits", 82]]

    result = run(xlsx(("Scorecard", rows)))

    assert result.ok
    assert [str(w) for w in result.warnings] == [
        "Sheet “Scorecard”, row 2, column C (Sep 2024): Sep 2024 is a month, but M1 is "
        "reported quarterly: check the heading (a date heading is read as its month)."
    ]


def test_a_hidden_row_is_imported_with_a_warning():
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Scorecard"
    sheet.append([*HEADER, "Q1 2024/25"])
    sheet.append(["R1", "Visits", "%", "Higher", "90%", 5, 80])
    sheet.append(["R2", "Old measure", "%", "Higher", "90%", 5, 70])
    sheet.row_dimensions[3].hidden = True
    data = io.BytesIO()
    workbook.save(data)

    result = run(data.getvalue())

    assert result.ok
    assert [str(w) for w in result.warnings] == [
        "Sheet “Scorecard”, row 3: The row is hidden in the workbook: imported all the same."
    ]
    assert Indicator.objects.count() == 2


def test_a_formula_excel_never_worked_out_is_said_rather_than_read_as_no_figure():
    import openpyxl

    workbook = openpyxl.Workbook()  # openpyxl writes formulas without their values, as some
    sheet = workbook.active  # programs that make workbooks do
    sheet.title = "Scorecard"
    sheet.append([*HEADER, "Q1 2024/25", "Q2 2024/25"])
    sheet.append(["U1", "Visits", "%", "Higher", "90%", 5, 80, "=G2+1"])
    data = io.BytesIO()
    workbook.save(data)

    result = run(data.getvalue())

    assert result.ok
    assert [str(w) for w in result.warnings] == [
        "Sheet “Scorecard”, row 2, column H (Q2 2024/25): The cell holds a formula Excel has not "
        "worked out, so there is no figure for Q2 2024/25: open the file in Excel, save it and "
        "import it again."
    ]
    assert sorted(figures_of("U1")) == [Q1]


def test_a_period_merged_over_its_actual_and_rag_columns_reads_the_actual():
    rows = [
        ["Ref", "Indicator", "Unit", "Good is", "Target", "Q1 2024/25", None, "Q2 2024/25", None],
        [None, None, None, None, None, "Actual", "RAG", "Actual", "RAG"],
        ["A1", "Visits", "%", "Higher", "90%", "81%", "R", "92%", "G"],
    ]
    data = xlsx(("Scorecard", rows), merged={"Scorecard": ["F1:G1", "H1:I1"]})

    result = run(data)

    assert result.ok, [str(e) for e in result.errors]
    assert [f.value for f in Figure.objects.order_by("period_start")] == [81, 92]
    assert result.ignored == [
        f"Sheet “Scorecard”, column {letter} ({quarter} RAG): ignored, as ratings and directions "
        "of travel are worked out from the figures."
        for letter, quarter in (("G", "Q1 2024/25"), ("I", "Q2 2024/25"))
    ]
    assert Indicator.objects.get().target == 90  # the row under the header is no indicator
