"""The yearly report's figures are the records as they stood at the year's end: what happened
in the year is counted, what was recorded after it is not."""

import pytest

from dataset.vocabulary import Direction
from yearly.selectors import NOT_YET_WRITTEN, yearly_report

from .helpers import YEAR_START, build_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    records = build_year()
    return records, yearly_report(YEAR_START)


def names(reviews):
    return [review.name for review in reviews]


def test_it_counts_the_reviews_stages_reached_in_the_year(year):
    _, report = year
    stages = report["glance"]["reviews"]
    assert names(stages["started"]) == ["Birch"]  # Alder before; Cedar recorded after
    assert names(stages["published"]) == ["Birch"]  # Alder's was before the year
    assert names(stages["ratified"]) == ["Alder"]  # Birch's was after it
    assert names(stages["closed"]) == []


def test_it_counts_the_actions_completed_and_embedded_in_the_year(year):
    _, report = year
    completed = [c.action.reference for c in report["changes"].completed]
    embedded = [c.action.reference for c in report["changes"].embedded]
    assert completed == ["A1"]  # A2's was before the year, A3's after
    assert embedded == ["A2"]  # A1's was after
    assert report["glance"]["completed"] == 1 and report["glance"]["embedded"] == 1
    # Six actions existed at the year's end (B2 only after), two of them overdue.
    assert report["totals"]["action_count"] == 6
    assert report["totals"]["overdue"] == 2
    assert report["totals_before"]["action_count"] == 5


def test_it_compares_each_indicator_with_a_year_before(year):
    _, report = year
    moves = {move.reference: move for move in report["moves"]}
    assert moves["I1"].direction == Direction.WORSENING
    assert (moves["I1"].earlier, moves["I1"].latest) == ("50%", "40%")  # Q4, reported after: no
    assert moves["I1"].latest_period == "Q3 2024/25"
    assert moves["I2"].direction == Direction.IMPROVING
    assert "I3" not in moves  # recorded after the year
    assert (report["glance"]["improving"], report["glance"]["worsening"]) == (1, 1)


def test_it_counts_the_learning_held_in_the_year(year):
    _, report = year
    titles = [row.session.title for row in report["learning"].rows]
    assert titles == ["In the year", "Small group"]
    assert report["glance"]["practitioners"] == 21
    assert [item["attended"] for item in report["session_rows"]] == ["18", "fewer than 5"]


def test_it_lists_the_challenges_raised_in_the_year_as_they_stood_at_its_end(year):
    _, report = year
    rows = report["challenges"]
    assert [str(row.raised_on) for row in rows] == ["2024-05-01", "2024-08-01"]
    assert [row.status_label for row in rows] == ["Open", "Closed"]  # the first closed after
    assert report["challenge_counts"] == {"answered": 1, "open": 1, "closed": 1}


def test_it_shows_the_plan_in_force_and_the_next_one(year):
    _, report = year
    assert report["plan"].plan.title == "2023–2026 plan"
    assert [row.priority.title for row in report["plan"].priorities] == ["P1", "P2", "P3", "P4"]
    assert report["upcoming"].plan.title == "2026–2028 plan"
    assert [row.priority.title for row in report["upcoming"].priorities] == ["Next P1"]


def test_a_year_with_no_written_parts_says_so(year):
    _, report = year
    assert report["report"] is None
    assert report["assessment"] == NOT_YET_WRITTEN
    assert report["voice_of_children"] == NOT_YET_WRITTEN
    assert report["sign_offs"] == [] and report["published_on"] is None


def test_little_or_no_progress_lists_exactly_what_the_rules_say(year):
    _, report = year
    found = report["little_progress"]
    # Red or overdue at the year's end: A5 (amber, overdue), A3 (red, overdue), B1 (red, not
    # due). Not A4 (amber, not due), A1 and A2 (done), B2 (recorded after the year).
    assert [(a["reference"], a["red"], a["overdue"]) for a in found["actions"]] == [
        ("A3", True, True),
        ("A5", False, True),
        ("B1", True, False),
    ]
    # Worse than a year before: I1 only (I2 better; I3 not recorded by the year's end).
    assert [move.reference for move in found["indicators"]] == ["I1"]
    # Nothing complete: P2 (amber only), P3 (nothing linked then), P4 (A3, red then). Not P1.
    assert [row.priority.title for row in found["priorities"]] == ["P2", "P3", "P4"]
