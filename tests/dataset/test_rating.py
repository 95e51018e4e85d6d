"""An indicator's rating, direction of travel and arrow (dataset.rating, dataset.vocabulary): on
both sides of every boundary, for every polarity, with a tolerance, with 0 and with none."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from dataset.rating import direction, distance_from_range, movement, rate
from dataset.templatetags.dataset_tags import direction_text
from dataset.vocabulary import ARROWS, Direction, Polarity, Rating

D = Decimal
GREEN, AMBER, RED = Rating.GREEN, Rating.AMBER, Rating.RED


def test_the_ratings_and_directions_have_the_issues_exact_words():
    # An en dash (U+2013) between colour and words, as the committee's scorecards write it.
    assert {rating: rating.label for rating in Rating} == {
        Rating.GREEN: "Green \u2013 on target",
        Rating.AMBER: "Amber \u2013 near target",
        Rating.RED: "Red \u2013 off target",
        Rating.CONTEXT: "Context only",
        Rating.NOT_RATED: "Not rated",
    }
    assert [direction.label for direction in Direction] == [
        "Improving", "Worsening", "No change", "Up", "Down",
    ]  # fmt: skip
    assert ARROWS == {"up": "↑", "down": "↓", "same": "→"}


# Higher is better: target 85, tolerance 5, so amber down to 80.
@pytest.mark.parametrize(
    "value, expected",
    [
        ("85.01", GREEN),
        ("85", GREEN),  # exactly at the target
        ("84.99", AMBER),
        ("80.01", AMBER),
        ("80", AMBER),  # exactly at target − tolerance
        ("79.99", RED),
        ("0", RED),
        ("100", GREEN),
    ],
)
def test_higher_is_better(value, expected):
    assert (
        rate(polarity=Polarity.HIGHER, value=D(value), target=D("85"), tolerance=D("5")) == expected
    )


# Lower is better: target 22, tolerance 2, so amber up to 24.
@pytest.mark.parametrize(
    "value, expected",
    [
        ("21.99", GREEN),
        ("22", GREEN),  # exactly at the target
        ("22.01", AMBER),
        ("23.99", AMBER),
        ("24", AMBER),  # exactly at target + tolerance
        ("24.01", RED),
        ("0", GREEN),
    ],
)
def test_lower_is_better(value, expected):
    assert (
        rate(polarity=Polarity.LOWER, value=D(value), target=D("22"), tolerance=D("2")) == expected
    )


# Within a range: 35 to 45, tolerance 3, so amber from 32 and up to 48.
@pytest.mark.parametrize(
    "value, expected",
    [
        ("31.99", RED),
        ("32", AMBER),  # exactly the tolerance below the lower bound
        ("32.01", AMBER),
        ("34.99", AMBER),
        ("35", GREEN),  # the lower bound is inside
        ("35.01", GREEN),
        ("40", GREEN),
        ("44.99", GREEN),
        ("45", GREEN),  # the upper bound is inside
        ("45.01", AMBER),
        ("47.99", AMBER),
        ("48", AMBER),  # exactly the tolerance above the upper bound
        ("48.01", RED),
    ],
)
def test_within_a_range(value, expected):
    rating = rate(
        polarity=Polarity.RANGE,
        value=D(value),
        target=D("35"),
        target_high=D("45"),
        tolerance=D("3"),
    )
    assert rating == expected


@pytest.mark.parametrize("tolerance", [D("0"), D("0.00"), None], ids=["0", "0.00", "None"])
@pytest.mark.parametrize(
    "polarity, value, target_high, expected",
    [
        (Polarity.HIGHER, "85", None, GREEN),
        (Polarity.HIGHER, "85.01", None, GREEN),
        (Polarity.HIGHER, "84.99", None, RED),
        (Polarity.LOWER, "85", None, GREEN),
        (Polarity.LOWER, "84.99", None, GREEN),
        (Polarity.LOWER, "85.01", None, RED),
        (Polarity.RANGE, "84.99", "90", RED),
        (Polarity.RANGE, "85", "90", GREEN),
        (Polarity.RANGE, "90", "90", GREEN),
        (Polarity.RANGE, "90.01", "90", RED),
    ],
)
def test_with_no_tolerance_only_the_target_is_green_and_nothing_is_amber(
    polarity, value, target_high, expected, tolerance
):
    rating = rate(
        polarity=polarity,
        value=D(value),
        target=D("85"),
        target_high=D(target_high) if target_high else None,
        tolerance=tolerance,
    )
    assert rating == expected


@pytest.mark.parametrize(
    "value, expected", [("39.99", AMBER), ("40", GREEN), ("40.5", AMBER), ("40.51", RED)]
)
def test_a_range_of_one_value(value, expected):
    rating = rate(
        polarity=Polarity.RANGE,
        value=D(value),
        target=D("40"),
        target_high=D("40"),
        tolerance=D("0.5"),
    )
    assert rating == expected


@pytest.mark.parametrize(
    "polarity, value, expected",
    [(Polarity.HIGHER, "0", GREEN), (Polarity.HIGHER, "-0.01", RED), (Polarity.LOWER, "0.01", RED)],
)
def test_a_target_of_0_is_a_target(polarity, value, expected):
    assert rate(polarity=polarity, value=D(value), target=D("0")) == expected


@pytest.mark.parametrize(
    "polarity, value, target, target_high",
    [
        (Polarity.HIGHER, "50", None, None),  # no target
        (Polarity.LOWER, "50", None, None),
        (Polarity.RANGE, "50", None, None),
        (Polarity.RANGE, "50", "35", None),  # half a range
        (Polarity.HIGHER, None, "85", None),  # no figure for the period, or suppressed
        (Polarity.LOWER, None, "22", None),
        (Polarity.RANGE, None, "35", "45"),
    ],
)
def test_no_target_or_no_figure_is_not_rated(polarity, value, target, target_high):
    rating = rate(
        polarity=polarity,
        value=D(value) if value else None,
        target=D(target) if target else None,
        target_high=D(target_high) if target_high else None,
        tolerance=D("5"),
    )
    assert rating == Rating.NOT_RATED


@pytest.mark.parametrize("value", [D("12"), D("0"), None])
@pytest.mark.parametrize("target", [None, D("10")])
def test_context_only_is_context_only_whatever_the_figure(value, target):
    assert rate(polarity=Polarity.CONTEXT, value=value, target=target) == Rating.CONTEXT


@pytest.mark.parametrize(
    "value, expected",
    [("34", "1"), ("35", "0"), ("40", "0"), ("45", "0"), ("45.01", "0.01"), ("50", "5")],
)
def test_distance_from_range_is_0_inside(value, expected):
    assert distance_from_range(D(value), D("35"), D("45")) == D(expected)


IMPROVING, WORSENING, NO_CHANGE = Direction.IMPROVING, Direction.WORSENING, Direction.NO_CHANGE


@pytest.mark.parametrize(
    "polarity, previous, value, expected",
    [
        (Polarity.HIGHER, "80", "82", IMPROVING),
        (Polarity.HIGHER, "80", "80.01", IMPROVING),
        (Polarity.HIGHER, "82", "80", WORSENING),
        (Polarity.HIGHER, "80", "79.99", WORSENING),
        (Polarity.HIGHER, "80", "80.00", NO_CHANGE),
        (Polarity.LOWER, "25", "24", IMPROVING),
        (Polarity.LOWER, "25", "24.99", IMPROVING),
        (Polarity.LOWER, "24", "25", WORSENING),
        (Polarity.LOWER, "25", "25", NO_CHANGE),
        (Polarity.CONTEXT, "3", "12", Direction.UP),
        (Polarity.CONTEXT, "12", "3", Direction.DOWN),
        (Polarity.CONTEXT, "12", "12", NO_CHANGE),
    ],
)
def test_direction_by_polarity(polarity, previous, value, expected):
    moved = direction(
        polarity=polarity, value=D(value), previous=D(previous), target=D("85"), target_high=None
    )
    assert moved == expected


@pytest.mark.parametrize(
    "previous, value, expected",
    [
        ("48", "47", IMPROVING),  # above the range, coming down
        ("47", "48", WORSENING),
        ("30", "34.99", IMPROVING),  # below the range, going up
        ("34.99", "30", WORSENING),
        ("46", "44", IMPROVING),  # into the range
        ("34", "35", IMPROVING),
        ("44", "46", WORSENING),  # out of it
        ("35", "34.99", WORSENING),
        ("40", "42", NO_CHANGE),  # moving inside the range
        ("35", "45", NO_CHANGE),
        ("45", "35", NO_CHANGE),
        ("33", "47", NO_CHANGE),  # across it, as far outside as before
        ("34", "47", WORSENING),
        ("47", "34", IMPROVING),
    ],
)
def test_direction_within_a_range_is_by_distance_from_the_range(previous, value, expected):
    moved = direction(
        polarity=Polarity.RANGE,
        value=D(value),
        previous=D(previous),
        target=D("35"),
        target_high=D("45"),
    )
    assert moved == expected


@pytest.mark.parametrize(
    "previous, value, expected",
    [("40", "42", Direction.UP), ("42", "40", Direction.DOWN), ("40", "40", NO_CHANGE)],
)
def test_a_range_with_no_bounds_says_only_which_way_it_went(previous, value, expected):
    moved = direction(polarity=Polarity.RANGE, value=D(value), previous=D(previous))
    assert moved == expected


@pytest.mark.parametrize("low, high", [(D("35"), None), (None, D("45"))])
@pytest.mark.parametrize(
    "previous, value, expected",
    [("40", "42", Direction.UP), ("42", "40", Direction.DOWN), ("40", "40", NO_CHANGE)],
)
def test_a_range_with_one_bound_is_neither_improving_nor_worsening(
    low, high, previous, value, expected
):
    # As its rating is "Not rated": half a range judges nothing.
    moved = direction(
        polarity=Polarity.RANGE, value=D(value), previous=D(previous), target=low, target_high=high
    )
    assert moved == expected


@pytest.mark.parametrize("polarity", list(Polarity))
@pytest.mark.parametrize("previous, value", [(None, D("80")), (D("80"), None), (None, None)])
def test_no_direction_without_a_figure_before_and_a_figure_now(polarity, previous, value):
    # None: the scorecard shows no direction at all, not "No change".
    moved = direction(
        polarity=polarity, value=value, previous=previous, target=D("35"), target_high=D("45")
    )
    assert moved is None


def test_direction_does_not_depend_on_the_target_for_higher_or_lower():
    for target in (None, D("0"), D("85"), D("100")):
        assert direction(polarity=Polarity.HIGHER, value=D(2), previous=D(1), target=target) == (
            IMPROVING
        )
        assert direction(polarity=Polarity.LOWER, value=D(2), previous=D(1), target=target) == (
            WORSENING
        )


@pytest.mark.parametrize(
    "previous, value, expected",
    [
        ("1", "2", "up"),
        ("2", "1", "down"),
        ("2", "2.00", "same"),
        (None, "2", None),
        ("2", None, None),
    ],
)
def test_movement_is_which_way_the_figure_itself_went(previous, value, expected):
    assert movement(D(value) if value else None, D(previous) if previous else None) == expected


@pytest.mark.parametrize(
    "polarity, previous, value, expected",
    [
        (Polarity.HIGHER, "80", "82", "↑ Improving"),
        (Polarity.HIGHER, "82", "80", "↓ Worsening"),
        (Polarity.LOWER, "25", "24", "↓ Improving"),  # down, and that is good
        (Polarity.LOWER, "24", "25", "↑ Worsening"),
        (Polarity.HIGHER, "80", "80", "→ No change"),
        (Polarity.RANGE, "40", "42", "→ No change"),  # up inside the range: a level arrow
        (Polarity.RANGE, "33", "47", "→ No change"),
        (Polarity.RANGE, "48", "47", "↓ Improving"),
        (Polarity.RANGE, "30", "34", "↑ Improving"),
        (Polarity.CONTEXT, "3", "12", "↑ Up"),
        (Polarity.CONTEXT, "12", "3", "↓ Down"),
        (Polarity.CONTEXT, "3", "3", "→ No change"),
    ],
)
def test_the_direction_is_shown_with_the_arrow_of_the_figures_movement(
    polarity, previous, value, expected
):
    value, previous = D(value), D(previous)
    point = SimpleNamespace(
        direction=direction(
            polarity=polarity, value=value, previous=previous, target=D("35"), target_high=D("45")
        ),
        movement=movement(value, previous),
    )
    html = str(direction_text(point))
    arrow, words = expected.split(" ", 1)
    assert html == (
        f'<span class="app-direction"><span aria-hidden="true">{arrow}</span> {words}</span>'
    )


def test_no_direction_shows_nothing():
    assert direction_text(None) == ""
    assert direction_text(SimpleNamespace(direction=None, movement=None)) == ""
