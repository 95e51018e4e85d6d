"""Reading dates as people write them (dates.written): the forms a timescale cell of a real action
plan takes, what each means, the warnings, and the one-day box that stays strict. No database."""

import datetime

import pytest

from dates.written import DATE_FORMS, parse_date, parse_day

D = datetime.date
PUBLISHED = D(2016, 4, 1)


# What parse_date reads: (typed, the date, words the warning must hold, or None for no warning) ----

READ = [
    # Everything read before, still read the same way, without a warning.
    (datetime.datetime(2026, 3, 31, 0, 0), D(2026, 3, 31), None),
    (D(2026, 3, 31), D(2026, 3, 31), None),
    (46112, D(2026, 3, 31), None),
    (46112.0, D(2026, 3, 31), None),
    ("2026-03-31", D(2026, 3, 31), None),
    ("2026-03-31 00:00:00", D(2026, 3, 31), None),
    ("31/03/2026", D(2026, 3, 31), None),
    ("1/4/26", D(2026, 4, 1), None),
    ("31 March 2026", D(2026, 3, 31), None),
    ("March 31, 2026", D(2026, 3, 31), None),
    ("March 2026", D(2026, 3, 31), None),
    ("Jun-26", D(2026, 6, 30), None),
    ("Q3 2025/26", D(2025, 12, 31), None),
    ("2025/26 Q4", D(2026, 3, 31), None),
    ("2025/26", D(2026, 3, 31), None),
    ("", None, None),
    (None, None, None),
    ("   ", None, None),
    # A date inside words.
    ("By 31/12/2016", D(2016, 12, 31), None),
    ("by 31/12/2016.", D(2016, 12, 31), None),
    ("Strategy agreed and in place by April 2012", D(2012, 4, 30), None),
    ("Audit to be completed by 30 September 2017", D(2017, 9, 30), None),
    ("During 2018/19", D(2019, 3, 31), None),
    ("FY 2018/19", D(2019, 3, 31), None),
    # The end of a month.
    ("By end of March 2008", D(2008, 3, 31), None),
    ("end of March 2008", D(2008, 3, 31), None),
    ("March 2008", D(2008, 3, 31), None),
    ("End of Feb 2016", D(2016, 2, 29), None),
    ("12/2026", D(2026, 12, 31), None),
    # A two-digit number after a month name is a year.
    ("Jan 08", D(2008, 1, 31), None),
    ("Dec 21", D(2021, 12, 31), None),
    ("Sept 18", D(2018, 9, 30), None),
    ("Sept. 18", D(2018, 9, 30), None),
    ("March 26", D(2026, 3, 31), None),
    ("Feb 24", D(2024, 2, 29), None),
    ("31-Mar-26", D(2026, 3, 31), None),
    ("1st April 12", D(2012, 4, 1), None),
    # Bullets and dashes in front.
    ("• Dec 21", D(2021, 12, 31), None),
    ("- March 2020", D(2020, 3, 31), None),
    ("– March 2020", D(2020, 3, 31), None),
    ("* 31/03/2020", D(2020, 3, 31), None),
    # Quarters with a short financial year.
    ("Q4 18/19", D(2019, 3, 31), None),
    ("Q1 19/20", D(2019, 6, 30), None),
    ("Q2 FY19/20", D(2019, 9, 30), None),
    ("Complete by Q3 2019/20", D(2019, 12, 31), None),
    # Seasons and school terms: their last day, with a warning saying so.
    ("Spring 2015", D(2015, 5, 31), "read as the end of spring: 31 May 2015"),
    ("Summer 2015", D(2015, 8, 31), "the end of summer: 31 August 2015"),
    ("Autumn 2015", D(2015, 11, 30), "the end of autumn: 30 November 2015"),
    ("Winter 2015", D(2016, 2, 29), "the end of winter: 29 February 2016"),
    ("Winter 2016", D(2017, 2, 28), "the end of winter: 28 February 2017"),
    ("Winter 2015/16", D(2016, 2, 29), "the end of winter"),
    ("Summer term 2019", D(2019, 7, 31), "the end of the summer term: 31 July 2019"),
    ("Autumn term 2019", D(2019, 12, 31), "the end of the autumn term: 31 December 2019"),
    ("Spring term 2020", D(2020, 3, 31), "the end of the spring term: 31 March 2020"),
    ("End of spring term 2019/20", D(2020, 3, 31), "the end of the spring term"),
    ("Autumn term 2019/20", D(2019, 12, 31), "the end of the autumn term"),
    ("Spring 15", D(2015, 5, 31), "the end of spring"),
    # Several dates: the latest, with a warning naming the others.
    (
        "By 31/12/2016\nBy 31/01/2017",
        D(2017, 1, 31),
        "gives 2 dates: the target date is the latest, 31 January 2017 (the other is "
        "31 December 2016)",
    ),
    (
        "• 31/01/2017\n• 31/12/2016",
        D(2017, 1, 31),
        "the latest, 31 January 2017 (the other is 31 December 2016)",
    ),
    (
        "Draft by March 2016, review June 2016, sign off 31/12/2016",
        D(2016, 12, 31),
        "gives 3 dates: the target date is the latest, 31 December 2016 (the others are "
        "31 March 2016, 30 June 2016)",
    ),
    ("March 2020 (31/03/2020)", D(2020, 3, 31), None),  # one date, written twice
    ("Spring 2015\n1/1/2015", D(2015, 5, 31), "the latest, 31 May 2015, the end of spring"),
]


@pytest.mark.parametrize(("typed", "day", "warned"), READ)
def test_it_reads_the_timescales_plans_carry(typed, day, warned):
    read, warning = parse_date(typed)

    assert read == day
    if warned is None:
        assert warning is None
    else:
        assert warned in warning


# No date, with a warning in plain words ---------------------------------------------------------

NOT_DATES = [
    "Monthly",
    "Quarterly",
    "Quarterly from April",
    "Annually",
    "Ongoing",
    "On-going",
    "To be confirmed",
    "TBC",
    "As per training strategy",
    "Complete",
    "Completed",
    "Immediate",
    "N/A",
    "soon",
    "end of summer",
    "March 5",
    "By 31 March",
    "every 6 months",
    "6 monthly",
    "Working Together 2018",
    "2016-2018 plan",
]


@pytest.mark.parametrize("typed", NOT_DATES)
def test_words_without_a_date_give_no_date_and_say_so(typed):
    assert parse_date(typed) == (
        None,
        f"“{typed}” is not a date, so this action will have no target date.",
    )


def test_a_long_answer_with_no_date_gives_no_date_and_is_cut_short_in_the_warning():
    typed = "The partnership will review the training offer with every agency. " * 4
    assert len(typed) > 200

    day, warning = parse_date(typed)

    assert day is None
    assert warning == (
        "“The partnership will review the trainin…” is not a date, so this action will have no "
        "target date."
    )


def test_a_date_in_a_long_answer_is_read():
    typed = "The partnership will review the training offer with every agency. " * 4 + "By May 17"

    assert parse_date(typed) == (D(2017, 5, 31), None)


@pytest.mark.parametrize("typed", ["Q4", "Q1", "Quarter 2", "Q4 2018", "Q3 - review"])
def test_a_quarter_without_its_financial_year_gives_no_date(typed):
    day, warning = parse_date(typed)

    assert day is None
    assert warning == (
        f"“{typed}” gives a quarter but not its financial year (such as Q4 2025/26), so this "
        "action will have no target date."
    )


# Refused: what is not a real date, or figures that are not a date ------------------------------


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("31/02/2026", "is not a real date"),
        ("2026-02-30", "is not a real date"),
        ("By 30 February 2026", "is not a real date"),
        ("By 31/02/2026\nBy 31/01/2027", "is not a real date"),
        ("2025/27", "is not a real date"),
        ("Q4 2018/20", "is not a real date"),
        ("2027/03/31", "is not a date that can be read"),
        ("Q5 2025/26", "is not a date that can be read"),
        (12.5, "is not a date"),
    ],
)
def test_what_is_not_a_real_date_is_still_refused(typed, problem):
    with pytest.raises(ValueError, match=problem) as refused:
        parse_date(typed)

    assert str(refused.value).endswith(f"Use {DATE_FORMS}.")


# Two-digit years --------------------------------------------------------------------------------


@pytest.mark.parametrize("year", range(100))
def test_a_two_digit_year_is_in_this_century(year):
    assert parse_date(f"Jan {year:02d}") == (D(2000 + year, 1, 31), None)
    assert parse_date(f"Dec-{year:02d}") == (D(2000 + year, 12, 31), None)


@pytest.mark.parametrize(
    ("year", "last_day"), [(2015, 29), (2016, 28), (2019, 29), (2099, 28), (1999, 29)]
)
def test_winter_ends_on_the_last_day_of_the_next_february(year, last_day):
    day, warning = parse_date(f"Winter {year}")

    assert day == D(year + 1, 2, last_day)
    assert f"{last_day} February {year + 1}" in warning


# A time from the review's publication ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("6 months", D(2016, 10, 1)),
        ("six months", D(2016, 10, 1)),
        ("within 3 months of publication", D(2016, 7, 1)),
        ("12 weeks", D(2016, 6, 24)),
        ("28 days", D(2016, 4, 29)),
        ("1 year", D(2017, 4, 1)),
        ("3-6 months", D(2016, 10, 1)),
        ("• 3 months\n• 6 months", D(2016, 10, 1)),
    ],
)
def test_a_time_from_publication_counts_from_the_publication_date(typed, day):
    read, warning = parse_date(typed, relative_to=PUBLISHED)

    assert read == day
    assert warning == (
        f"“{' '.join(typed.split())}” was counted from the review’s publication date, "
        f"1 April 2016: the target date is {day.day} {day:%B} {day.year}."
    )


def test_months_from_the_end_of_a_month_end_on_a_shorter_months_last_day():
    assert parse_date("1 month", relative_to=D(2016, 1, 31))[0] == D(2016, 2, 29)
    assert parse_date("1 month", relative_to=datetime.datetime(2015, 1, 31, 9))[0] == D(2015, 2, 28)


@pytest.mark.parametrize("typed", ["6 months", "within 3 months of publication", "12 weeks"])
def test_a_time_from_publication_without_the_date_gives_no_date(typed):
    assert parse_date(typed) == (
        None,
        f"“{typed}” counts from the review’s publication date, which is not known, so this action "
        "will have no target date.",
    )


def test_a_date_written_beside_a_time_from_publication_is_the_target():
    assert parse_date("Within 6 months (by 31/12/2016)", relative_to=PUBLISHED) == (
        D(2016, 12, 31),
        None,
    )


# parse_day: one day typed in a box, as strict as ever ------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("31/03/2026", D(2026, 3, 31)),
        ("2026-03-31", D(2026, 3, 31)),
        ("31 March 2026", D(2026, 3, 31)),
        ("March 2026", D(2026, 3, 31)),
        ("Jun-26", D(2026, 6, 30)),
        ("Q3 2025/26", D(2025, 12, 31)),
        ("2025/26", D(2026, 3, 31)),
        ("", None),
    ],
)
def test_a_box_takes_one_day_as_before(typed, day):
    assert parse_day(typed) == day


@pytest.mark.parametrize(
    "typed",
    [
        "By 31/12/2016",
        "Strategy agreed by April 2012",
        "By 31/12/2016\nBy 31/01/2017",
        "31/03/2026 31/03/2027",
        "Jan 08",
        "March 26",
        "By end of March 2008",
        "Spring 2015",
        "Summer term 2019",
        "Q4 18/19",
        "Q4",
        "• Dec 21",
        "- March 2020",
        "* 31/03/2020",
        "6 months",
        "12 weeks",
        "12/2026",
        "Ongoing",
        "TBC",
        "N/A",
    ],
)
def test_a_box_refuses_the_loose_forms_a_cell_may_take(typed):
    with pytest.raises(ValueError) as refused:
        parse_day(typed)

    assert str(refused.value) == f"“{' '.join(typed.split())}” is not a date. Use {DATE_FORMS}."


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("yesterday", "is not a date that can be read"),
        ("Monthly", "is not a date that can be read"),  # words with no date, as before
        ("2026/03/31", "is not a date that can be read"),
        ("2026-02-30", "is not a real date"),
        ("By 31/02/2026", "is not a real date"),
    ],
)
def test_a_box_keeps_its_messages(typed, problem):
    with pytest.raises(ValueError, match=f"“{typed}” {problem}. Use"):
        parse_day(typed)
