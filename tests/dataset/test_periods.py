"""The periods figures are for (dataset.periods): their labels, last days and order, and every way
a dataset's column headings write them."""

from datetime import date, datetime

import pytest

from dataset.periods import Period, financial_year, month, parse_period, period_of, quarter
from dataset.vocabulary import PeriodKind


@pytest.mark.parametrize(
    "number, first_year, start, end, label",
    [
        (1, 2025, date(2025, 4, 1), date(2025, 6, 30), "Q1 2025/26"),
        (2, 2025, date(2025, 7, 1), date(2025, 9, 30), "Q2 2025/26"),
        (3, 2025, date(2025, 10, 1), date(2025, 12, 31), "Q3 2025/26"),
        (4, 2025, date(2026, 1, 1), date(2026, 3, 31), "Q4 2025/26"),  # the later year's
        (4, 2023, date(2024, 1, 1), date(2024, 3, 31), "Q4 2023/24"),
        (1, 1999, date(1999, 4, 1), date(1999, 6, 30), "Q1 1999/00"),
        (4, 2099, date(2100, 1, 1), date(2100, 3, 31), "Q4 2099/00"),
    ],
)
def test_a_financial_quarter(number, first_year, start, end, label):
    period = quarter(number, first_year)
    assert (period.start, period.end, period.kind) == (start, end, PeriodKind.QUARTER)
    assert period.label == str(period) == label


@pytest.mark.parametrize(
    "first_year, end, label",
    [
        (2025, date(2026, 3, 31), "2025/26"),
        (2009, date(2010, 3, 31), "2009/10"),
        (1999, date(2000, 3, 31), "1999/00"),
    ],
)
def test_a_financial_year_runs_from_april_to_march(first_year, end, label):
    period = financial_year(first_year)
    assert (period.start, period.end, period.label) == (date(first_year, 4, 1), end, label)


@pytest.mark.parametrize(
    "year, number, end, label",
    [
        (2025, 6, date(2025, 6, 30), "Jun 2025"),
        (2025, 1, date(2025, 1, 31), "Jan 2025"),
        (2025, 12, date(2025, 12, 31), "Dec 2025"),
        (2024, 2, date(2024, 2, 29), "Feb 2024"),  # a leap year
        (2025, 2, date(2025, 2, 28), "Feb 2025"),
        (2025, 9, date(2025, 9, 30), "Sep 2025"),
    ],
)
def test_a_month(year, number, end, label):
    period = month(year, number)
    assert (period.start, period.end, period.label) == (date(year, number, 1), end, label)


def test_a_period_from_a_figures_kind_and_start_is_the_same_period():
    # A figure read from the database has its kind as a plain string.
    assert period_of("quarter", date(2025, 7, 1)) == quarter(2, 2025)
    assert {quarter(2, 2025): "found"}[Period(date(2025, 7, 1), "quarter")] == "found"
    assert period_of("month", date(2025, 7, 1)) != quarter(2, 2025)


def test_periods_sort_by_their_first_day_whatever_their_kind():
    periods = [
        quarter(1, 2025),
        month(2025, 3),
        financial_year(2024),
        quarter(4, 2024),
        month(2025, 5),
        quarter(3, 2024),
    ]
    assert [period.label for period in sorted(periods)] == [
        "2024/25", "Q3 2024/25", "Q4 2024/25", "Mar 2025", "Q1 2025/26", "May 2025",
    ]  # fmt: skip
    assert quarter(4, 2024) < quarter(1, 2025) < quarter(2, 2025)
    assert month(2025, 12) < month(2026, 1)


QUARTER_HEADINGS = [
    "Q1 2024/25",
    "q1 2024/25",
    "Q1 2024-25",
    "Q1 2024–25",  # an en dash
    "Q1 2024 / 25",
    "Q1 2024/2025",
    "Q1, 2024/25",
    "Q1 FY 2024/25",
    "Q1 FY2024/25",
    "Q12024/25",
    "2024/25 Q1",
    "2024-25 q1",
    "  Q1   2024/25  ",
    "Q1\n2024/25",  # a heading wrapped in its cell
    "Q1 24/25",  # after a quarter's number two digits are no fraction
    "Q1 24-25",
    "Qtr 1 2024-25",
    "Qtr. 1 2024/25",
    "Quarter 1 2024/25",
    "quarter 1, 2024/25",
    "2024/25 Quarter 1",
    "April-June 2024",
    "Apr - Jun 2024",
    "Apr–Jun 24",
    "April to June 2024",
]


@pytest.mark.parametrize("heading", QUARTER_HEADINGS)
def test_it_reads_a_quarters_heading(heading):
    assert parse_period(heading) == quarter(1, 2024)


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("Q2 2025/26", quarter(2, 2025)),
        ("Q3 2025/26", quarter(3, 2025)),
        ("Q4 2025/26", quarter(4, 2025)),  # January to March 2026
        ("Q4 1999/00", quarter(4, 1999)),
        ("Q4 2099/00", quarter(4, 2099)),
        ("Jul-Sep 2025", quarter(2, 2025)),
        ("Oct - Dec 2025", quarter(3, 2025)),
        ("January to March 2026", quarter(4, 2025)),
    ],
)
def test_it_reads_each_quarter(heading, expected):
    assert parse_period(heading) == expected


@pytest.mark.parametrize(
    "heading",
    ["2024/25", "2024-25", "2024–25", "2024/2025", "2024 - 25", "FY 2024/25", "fy2024-25"],
)
def test_it_reads_a_financial_years_heading(heading):
    assert parse_period(heading) == financial_year(2024)


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("Jun 2025", month(2025, 6)),
        ("jun 2025", month(2025, 6)),
        ("JUNE 2025", month(2025, 6)),
        ("June  2025", month(2025, 6)),
        ("Jun-25", month(2025, 6)),
        ("Jun 25", month(2025, 6)),
        ("Jun'25", month(2025, 6)),
        ("Jun25", month(2025, 6)),
        ("Jun. 2025", month(2025, 6)),
        ("Sept 2025", month(2025, 9)),
        ("Sep 2025", month(2025, 9)),
        ("September 2025", month(2025, 9)),
        ("May 2025", month(2025, 5)),
        ("Jan 2026", month(2026, 1)),
        ("December 2024", month(2024, 12)),
    ],
)
def test_it_reads_a_months_heading(heading, expected):
    assert parse_period(heading) == expected


@pytest.mark.parametrize(
    "cell",
    [date(2025, 6, 1), datetime(2025, 6, 1), datetime(2025, 6, 1, 0, 0, 0)],
    ids=["date", "datetime", "midnight"],
)
def test_it_reads_a_date_cell_excel_made_of_a_month(cell):
    # Excel turns a heading typed "Jun 2025" into 1 June 2025.
    assert parse_period(cell) == month(2025, 6)


@pytest.mark.parametrize(
    "heading",
    [
        None,
        "",
        "   ",
        "Ref",
        "Indicator",
        "Commentary",
        "England",
        "Target",
        "85%",
        "2025",
        "25/26",  # too like a fraction
        "Nov-Jan 2025",  # three months, but not a financial quarter's
        "Apr-May 2025",
        "Feb-Apr 2025",
        "Dec 9999",  # no year a dataset means
        "Q1 9998/99",
        date(9999, 12, 1),
        "Q1 2024",  # a calendar or a financial year's? Not said
        "Q5 2024/25",
        "Q0 2024/25",
        "Q1 2024/26",  # not one year after the other
        "Q1 2025/24",
        "2024/24",
        "2024/2026",
        "Q1",
        "Juno 2025",
        "Jun",
        "13/2025",
        "Q1 2024/25 (provisional)",
        date(2025, 6, 30),  # a date that is not the first of a month
        datetime(2025, 6, 15, 9, 30),
        85,
    ],
)
def test_it_names_no_period_for_anything_else(heading):
    assert parse_period(heading) is None


@pytest.mark.parametrize(
    "period",
    [quarter(n, year) for n in (1, 2, 3, 4) for year in (1998, 1999, 2000, 2024, 2099)]
    + [financial_year(year) for year in (1999, 2000, 2024, 2099)]
    + [month(2025, n) for n in range(1, 13)],
    ids=str,
)
def test_every_label_reads_back_as_its_period(period):
    assert parse_period(period.label) == period
