"""The demo's partnership dataset: every kind of indicator, eight quarters ending with the latest
complete one, and the story the committee reads in the scorecard, today and as at earlier days.

Most tests read the demo as the `demo` fixture loads it (once a session); the last runs the
command again, with and without --reset."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from dataset import demo as dataset_demo
from dataset.models import Figure, Indicator
from dataset.selectors import indicator_points, scorecard
from dataset.vocabulary import Direction, Polarity, Rating, Unit, Validation
from reviews.models import Agency, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development(settings):
    settings.DEBUG = True


def latest_by_reference(as_at=None):
    return {
        score.indicator.reference: score for score in scorecard(as_at=as_at or timezone.localdate())
    }


def quarter_labels(day):
    return [period.label for period in dataset_demo.demo_quarters(day)]


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        (date(2026, 12, 10), "Q3 2024/25", "Q2 2026/27"),
        (date(2026, 10, 1), "Q3 2024/25", "Q2 2026/27"),
        (date(2026, 9, 30), "Q2 2024/25", "Q1 2026/27"),
        (date(2027, 1, 1), "Q4 2024/25", "Q3 2026/27"),
        (date(2027, 4, 15), "Q1 2025/26", "Q4 2026/27"),
    ],
)
def test_the_eight_quarters_end_with_the_latest_complete_one(day, first, last):
    labels = quarter_labels(day)

    assert len(labels) == len(set(labels)) == 8
    assert (labels[0], labels[-1]) == (first, last)
    periods = dataset_demo.demo_quarters(day)
    assert periods[-1].end < day <= periods[-1].end + timedelta(days=92)
    assert all(
        a.end + timedelta(days=1) == b.start for a, b in zip(periods, periods[1:], strict=False)
    )


def test_every_polarity_and_unit_and_one_indicator_with_no_target(demo):
    indicators = list(Indicator.objects.all())

    assert 14 <= len(indicators) <= 18
    assert {i.polarity for i in indicators} == set(Polarity.values)
    assert {i.unit for i in indicators} == set(Unit.values)
    no_target = [i for i in indicators if i.polarity != Polarity.CONTEXT and i.target is None]
    assert len(no_target) == 1
    for indicator in indicators:
        assert indicator.reference.startswith("D") and indicator.definition and indicator.owner_role
        assert indicator.frequency == "quarterly"
        assert indicator.source_agency is not None
        assert indicator.themes.exists()
    # Across the four demo themes, and every demo agency a source.
    themes = Theme.objects.filter(indicators__isnull=False).distinct()
    assert themes.count() == Theme.objects.count() == 4
    assert Agency.objects.filter(indicators__isnull=False).distinct().count() >= 5


def test_each_indicator_has_eight_quarters_ending_with_the_latest_complete_one(demo):
    expected = quarter_labels(timezone.localdate())
    for indicator in Indicator.objects.all():
        figures = list(indicator.figures.order_by("period_start"))
        assert [f.period.label for f in figures] == expected, indicator
        assert all(f.period_kind == "quarter" for f in figures)
        # Older quarters validated, the latest provisional.
        assert [f.validation for f in figures] == [Validation.VALIDATED] * 7 + [
            Validation.PROVISIONAL
        ]


def test_exactly_one_red_latest_figure_has_no_commentary(demo):
    scores = latest_by_reference()

    gaps = [ref for ref, score in scores.items() if score.gap]
    assert gaps == ["D09"]
    reds = [ref for ref, score in scores.items() if score.rating == Rating.RED]
    assert len(reds) >= 2  # some red with commentary, one without
    for ref in reds:
        if ref != "D09":
            assert scores[ref].latest.commentary and scores[ref].latest.corrective_action


def test_every_other_red_figure_in_any_quarter_has_commentary_and_corrective_action(demo):
    for indicator in Indicator.objects.all():
        points = indicator_points(indicator=indicator, as_at=timezone.localdate())
        for index, point in enumerate(points):
            if point.rating != Rating.RED:
                continue
            if indicator.reference == "D09" and index == len(points) - 1:
                assert not point.commentary
                continue
            assert point.commentary.strip(), (indicator.reference, point.period.label)
            assert point.corrective_action.strip(), (indicator.reference, point.period.label)


def test_initial_health_assessments_are_red_and_worsening_with_commentary(demo):
    score = latest_by_reference()["D11"]

    assert "health assessment" in score.indicator.name.lower()
    assert score.rating == Rating.RED
    assert score.latest.direction == Direction.WORSENING
    assert score.latest.commentary and score.latest.corrective_action
    values = [point.value for point in score.points]
    assert values == sorted(values, reverse=True) and len(set(values)) == 8


def test_re_referrals_are_amber(demo):
    score = latest_by_reference()["D03"]

    assert "re-referral" in score.indicator.name.lower()
    assert (score.indicator.polarity, score.rating) == (Polarity.LOWER, Rating.AMBER)


def test_most_indicators_are_improving(demo):
    scores = [s for s in latest_by_reference().values() if s.indicator.polarity != "context"]
    directions = [score.latest.direction for score in scores]

    improving = directions.count(Direction.IMPROVING)
    assert improving > 2 * directions.count(Direction.WORSENING)
    assert improving > len(scores) / 2
    greens = [s for s in scores if s.rating == Rating.GREEN]
    assert len(greens) > len(scores) / 2


def test_a_small_number_is_suppressed_in_an_older_quarter(demo):
    suppressed = list(Figure.objects.filter(suppressed=True).select_related("indicator"))

    assert suppressed
    latest = dataset_demo.demo_quarters(timezone.localdate())[-1]
    for figure in suppressed:
        assert figure.indicator.unit == Unit.NUMBER
        assert figure.value is None and figure.numerator is None
        assert figure.period_start < latest.start


def test_comparators_and_counts_where_they_mean_something(demo):
    latest = latest_by_reference()
    for reference in ("D03", "D05", "D06", "D07"):
        point = latest[reference].latest
        assert None not in (point.england, point.statistical_neighbours, point.region)
    figure = Figure.objects.filter(indicator__reference="D11").latest("period_start")
    assert figure.numerator is not None and figure.denominator
    assert round(figure.numerator * 100 / figure.denominator, 1) == figure.value


def test_as_at_an_earlier_day_the_scorecard_is_the_earlier_one(demo):
    today = timezone.localdate()
    periods = dataset_demo.demo_quarters(today)
    # The day before the latest quarter's figures were recorded.
    day = dataset_demo.recorded_on(periods[-1], today) - timedelta(days=1)
    now, then = latest_by_reference(), latest_by_reference(day)

    assert set(then) == set(now)
    for reference, score in then.items():
        assert score.latest.period == periods[-2], reference
        # The figures then were today's for the same quarters; the latest then provisional.
        assert [p.value for p in score.points] == [p.value for p in now[reference].points[:-1]]
        assert score.latest.validation == Validation.PROVISIONAL
        assert now[reference].points[-2].validation == Validation.VALIDATED
    # Before the latest quarter, Encompass was on target: no gap then.
    assert then["D09"].rating == Rating.GREEN
    assert not [s for s in then.values() if s.gap]
    # Before the first quarter was recorded, the indicators were there without figures.
    first = dataset_demo.recorded_on(periods[0], today) - timedelta(days=1)
    assert all(not s.points for s in latest_by_reference(first).values())


def test_the_history_is_the_managers_and_all_in_the_past(demo):
    today = timezone.localdate()
    assert not Figure.history.filter(history_date__date__gte=today).exists()
    assert not Indicator.history.filter(history_date__date__gte=today).exists()
    assert set(Figure.history.values_list("history_user__username", flat=True)) == {"manager"}
    # Each figure: recorded, then validated (the latest not yet).
    assert Figure.history.count() == 2 * Figure.objects.count() - Indicator.objects.count()


def test_the_demo_snapshot_keeps_the_dataset_and_its_history(demo):
    """The demo fixture restores the dataset's tables, their history and the history of the
    indicators' themes."""
    from django.apps import apps

    theme_history = apps.get_model("dataset", "HistoricalIndicator_themes")
    assert Indicator.objects.count() == Indicator.history.count() == 16
    assert Figure.objects.count() == 16 * 8
    assert theme_history.objects.count() == Indicator.themes.through.objects.count() > 16
    record = Figure.history.filter(history_valid_until__isnull=False).first()
    assert record is not None  # each record's period kept


def load(*args):
    out = io.StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def test_running_again_duplicates_nothing_and_reset_loads_it_afresh(demo):
    counts = (
        Indicator.objects.count(),
        Figure.objects.count(),
        Indicator.history.count(),
        Figure.history.count(),
    )

    assert "the dataset is unchanged" in load()
    assert (
        Indicator.objects.count(),
        Figure.objects.count(),
        Indicator.history.count(),
        Figure.history.count(),
    ) == counts

    # --reset deletes the dataset and its history, then loads the demo's afresh.
    stray = Indicator.objects.create(reference="X99", slug="x99", name="Not the demo's")
    Figure.objects.filter(indicator__reference="D11").update(commentary="Changed")

    output = load("--reset")

    assert "Loaded the partnership dataset: 16 indicators" in output
    assert not Indicator.objects.filter(pk=stray.pk).exists()
    assert not Indicator.history.filter(reference="X99").exists()
    assert not Figure.objects.filter(commentary="Changed").exists()
    assert (
        Indicator.objects.count(),
        Figure.objects.count(),
        Indicator.history.count(),
        Figure.history.count(),
    ) == counts
    assert latest_by_reference()["D11"].rating == Rating.RED


def test_a_database_with_the_reviews_but_no_dataset_gains_it(demo):
    dataset_demo.delete_all()

    assert "Loaded the partnership dataset" in load()
    assert Indicator.objects.count() == 16
