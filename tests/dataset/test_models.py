"""The indicator and figure rules (dataset.models) and the writes that keep their history
(dataset.services): what is refused, what the database refuses, and the one history record each
change leaves, with who, why and when."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from as_at.history import BackdatedChange
from dataset import services
from dataset.models import Figure, Indicator
from dataset.periods import financial_year, month, quarter
from dataset.vocabulary import PeriodKind, Polarity
from tests.factories import ThemeFactory

from .helpers import make_indicator, recorded

pytestmark = pytest.mark.django_db

D = Decimal


def new_indicator(**fields):
    return Indicator(**({"reference": "DS01", "name": "Re-referrals within 12 months"} | fields))


def new_figure(indicator, period=None, **fields):
    period = period or quarter(1, 2025)
    return Figure(indicator=indicator, period_start=period.start, period_kind=period.kind, **fields)


# Indicators ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"polarity": Polarity.RANGE, "target": D(35), "target_high": D(45)},
        {"polarity": Polarity.RANGE, "target": D(40), "target_high": D(40)},  # low = high
        {"polarity": Polarity.RANGE},  # no target yet
        {"polarity": Polarity.HIGHER, "target": D(85), "tolerance": D(5)},
        {"polarity": Polarity.LOWER, "target": D(22), "tolerance": D(0)},
        {"polarity": Polarity.HIGHER},
        {"polarity": Polarity.CONTEXT},
    ],
)
def test_it_saves_an_indicator_whose_target_fits_its_polarity(fields):
    indicator = services.indicator_save(new_indicator(**fields))

    indicator.refresh_from_db()
    assert indicator.polarity == fields["polarity"]
    assert indicator.target == fields.get("target")
    assert indicator.target_high == fields.get("target_high")


@pytest.mark.parametrize(
    "fields, field, message",
    [
        (
            {"polarity": Polarity.RANGE, "target": D(45), "target_high": D("44.99")},
            "target_high",
            "The upper bound must not be below the lower bound.",
        ),
        (
            {"polarity": Polarity.RANGE, "target": D(35)},
            "target_high",
            "A range needs both bounds, or neither.",
        ),
        (
            {"polarity": Polarity.RANGE, "target_high": D(45)},
            "target_high",
            "A range needs both bounds, or neither.",
        ),
        (
            {"polarity": Polarity.HIGHER, "target": D(35), "target_high": D(45)},
            "target_high",
            "Only an indicator within a range has an upper bound.",
        ),
        (
            {"polarity": Polarity.LOWER, "target_high": D(45)},
            "target_high",
            "Only an indicator within a range has an upper bound.",
        ),
        (
            {"polarity": Polarity.CONTEXT, "target": D(100)},
            "target",
            "An indicator for context only has no target.",
        ),
        (
            {"polarity": Polarity.HIGHER, "target": D(85), "tolerance": D("-0.01")},
            "tolerance",
            "Ensure this value is greater than or equal to 0.",
        ),
    ],
)
def test_it_refuses_an_indicator_whose_target_does_not_fit_and_saves_nothing(
    fields, field, message
):
    with pytest.raises(ValidationError) as error:
        services.indicator_save(new_indicator(**fields), note="Added")

    assert error.value.message_dict[field] == [message]
    assert not Indicator.objects.exists()
    assert not Indicator.history.exists()


def test_it_refuses_a_second_indicator_with_the_same_reference():
    services.indicator_save(new_indicator())

    with pytest.raises(ValidationError) as error:
        services.indicator_save(new_indicator(name="Another"))

    assert "reference" in error.value.message_dict
    assert Indicator.objects.count() == 1


def test_it_makes_the_slug_from_the_reference():
    assert services.indicator_save(new_indicator(reference="DS 04/a")).slug == "ds-04a"
    assert services.indicator_save(new_indicator(reference="DS2", slug="kept")).slug == "kept"


# Figures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "period",
    [quarter(1, 2025), quarter(4, 2025), month(2025, 5), month(2026, 2), financial_year(2025)],
    ids=str,
)
def test_it_saves_a_figure_for_each_kind_of_period(period):
    figure = services.figure_save(new_figure(make_indicator("DS01"), period, value=D("42.5")))

    figure.refresh_from_db()
    assert figure.period == period
    assert figure.value == D("42.50")


@pytest.mark.parametrize(
    "kind, start, message",
    [
        (PeriodKind.QUARTER, datetime.date(2025, 4, 2), "A period starts on the first of a month."),
        (PeriodKind.MONTH, datetime.date(2025, 6, 30), "A period starts on the first of a month."),
        (
            PeriodKind.QUARTER,
            datetime.date(2025, 5, 1),
            "A financial quarter starts in April, July, October or January.",
        ),
        (
            PeriodKind.QUARTER,
            datetime.date(2025, 3, 1),
            "A financial quarter starts in April, July, October or January.",
        ),
        (PeriodKind.YEAR, datetime.date(2025, 1, 1), "A financial year starts on 1 April."),
    ],
)
def test_it_refuses_a_figure_whose_period_does_not_start_as_its_kind_does(kind, start, message):
    indicator = make_indicator("DS01")
    figure = Figure(indicator=indicator, period_kind=kind, period_start=start, value=D(40))

    with pytest.raises(ValidationError) as error:
        services.figure_save(figure)

    assert error.value.message_dict["period_start"] == [message]
    assert not Figure.objects.exists()
    assert not Figure.history.exists()


def test_it_refuses_a_suppressed_figure_with_a_value():
    figure = new_figure(make_indicator("DS01"), suppressed=True, value=D(3))

    with pytest.raises(ValidationError) as error:
        services.figure_save(figure)

    assert error.value.message_dict["value"] == ["A suppressed figure has no value."]
    assert not Figure.objects.exists()


def test_a_suppressed_figure_and_a_blank_one_are_saved_without_a_value():
    indicator = make_indicator("DS01")
    suppressed = services.figure_save(new_figure(indicator, suppressed=True))
    blank = services.figure_save(new_figure(indicator, quarter(2, 2025)))

    assert (suppressed.value, suppressed.reported) == (None, True)
    assert (blank.value, blank.reported) == (None, False)


def test_it_refuses_a_second_figure_for_the_same_period():
    indicator = make_indicator("DS01", values=[40])  # Q3 2024/25

    with pytest.raises(ValidationError):
        services.figure_save(new_figure(indicator, quarter(3, 2024), value=D(41)))

    assert list(indicator.figures.values_list("value", flat=True)) == [D(40)]
    assert Figure.history.count() == 1


def test_a_month_and_a_quarter_starting_on_the_same_day_are_two_periods():
    indicator = make_indicator("DS01")
    services.figure_save(new_figure(indicator, quarter(1, 2025), value=D(40)))
    services.figure_save(new_figure(indicator, month(2025, 4), value=D(41)))
    services.figure_save(new_figure(make_indicator("DS02"), quarter(1, 2025), value=D(42)))

    assert Figure.objects.count() == 3


def test_the_database_refuses_a_second_figure_for_the_same_period():
    indicator = make_indicator("DS01")
    Figure.objects.create(
        indicator=indicator, period_kind="quarter", period_start=datetime.date(2025, 4, 1)
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Figure.objects.create(
            indicator=indicator,
            period_kind="quarter",
            period_start=datetime.date(2025, 4, 1),
            value=D(3),
        )

    assert Figure.objects.count() == 1


def test_the_database_refuses_a_suppressed_figure_with_a_value():
    indicator = make_indicator("DS01")

    refused = pytest.raises(IntegrityError, match="figure_suppressed_has_no_value")
    with refused, transaction.atomic():
        Figure.objects.create(
            indicator=indicator, period_start=quarter(1, 2025).start, suppressed=True, value=3
        )
    figure = Figure.objects.create(indicator=indicator, period_start=quarter(1, 2025).start)
    refused = pytest.raises(IntegrityError, match="figure_suppressed_has_no_value")
    with refused, transaction.atomic():
        Figure.objects.filter(pk=figure.pk).update(suppressed=True, value=3)

    figure.refresh_from_db()
    assert (figure.suppressed, figure.value) == (False, None)


# History ---------------------------------------------------------------------------------------


def test_saving_an_indicator_writes_one_history_record_with_who_why_and_when(manager):
    themes = [ThemeFactory(name="Neglect"), ThemeFactory(name="Early help")]
    at = recorded(10)

    indicator = services.indicator_save(
        new_indicator(target=D(22)), themes=themes, user=manager, note="Added", at=at
    )

    record = indicator.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        manager,
        "Added",
    )
    assert record.history_date == at
    assert record.history_valid_until is None
    assert record.target == D(22)
    assert {link.theme.name for link in record.themes.all()} == {"Neglect", "Early help"}
    assert set(indicator.themes.all()) == set(themes)


def test_changing_an_indicator_writes_one_more_record_and_ends_the_one_before(manager):
    neglect, early_help = ThemeFactory(name="Neglect"), ThemeFactory(name="Early help")
    indicator = services.indicator_save(
        new_indicator(target=D(22)), themes=[neglect], note="Added", at=recorded(10)
    )
    changed_at = recorded(2)

    indicator.target = D(20)
    services.indicator_save(
        indicator, themes=[early_help], user=manager, note="Target lowered", at=changed_at
    )

    first, second = indicator.history.order_by("history_date")
    assert (second.history_type, second.history_user, second.history_change_reason) == (
        "~",
        manager,
        "Target lowered",
    )
    assert (second.history_date, second.target) == (changed_at, D(20))
    assert [link.theme for link in second.themes.all()] == [early_help]
    assert [link.theme for link in first.themes.all()] == [neglect]
    assert first.history_valid_until == changed_at
    indicator.refresh_from_db()
    assert list(indicator.themes.all()) == [early_help]


def test_changing_an_indicator_without_themes_keeps_its_themes():
    neglect = ThemeFactory(name="Neglect")
    indicator = services.indicator_save(new_indicator(), themes=[neglect], at=recorded(2))

    indicator.name = "Re-referrals within 12 months of a previous referral"
    services.indicator_save(indicator, note="Renamed")

    assert list(indicator.themes.all()) == [neglect]
    assert [link.theme for link in indicator.history.latest().themes.all()] == [neglect]


def test_saving_a_figure_writes_one_history_record_with_who_why_and_when(manager):
    indicator = make_indicator("DS01", at=[recorded(30)])
    at = recorded(5)

    figure = services.figure_save(
        new_figure(indicator, value=D("23.9"), commentary="Falling"),
        user=manager,
        note="Reported",
        at=at,
    )

    record = figure.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        manager,
        "Reported",
    )
    assert (record.history_date, record.value, record.commentary) == (at, D("23.9"), "Falling")


def test_changing_a_figure_writes_one_more_record(manager):
    indicator = make_indicator("DS01")
    figure = services.figure_save(new_figure(indicator, value=D(24)), at=recorded(5))
    changed_at = recorded(1)

    figure.value = D("23.5")
    figure.validation = "validated"
    services.figure_save(figure, user=manager, note="Validated", at=changed_at)

    first, second = figure.history.order_by("history_date")
    assert (first.value, first.validation, first.history_valid_until) == (
        D(24),
        "provisional",
        changed_at,
    )
    assert (second.value, second.validation, second.history_user) == (
        D("23.5"),
        "validated",
        manager,
    )
    assert (second.history_change_reason, second.history_date) == ("Validated", changed_at)


def test_a_note_belongs_to_its_own_change_only(manager):
    indicator = make_indicator("DS01")
    figure = services.figure_save(new_figure(indicator, value=D(24)), user=manager, note="First")

    figure.value = D(25)
    services.figure_save(figure)

    latest = figure.history.latest()
    assert (latest.history_change_reason, latest.history_user) == ("", None)


def test_saving_an_unchanged_figure_or_indicator_still_writes_a_record():
    # The services do not compare with what is saved: a caller that must change nothing (the
    # re-import) has to leave an unchanged object unsaved itself.
    indicator = make_indicator("DS01", values=[40])
    figure = indicator.figures.get()

    services.indicator_save(indicator, note="Saved again")
    services.figure_save(figure, note="Saved again")

    assert indicator.history.count() == 2
    assert figure.history.count() == 2


def test_it_refuses_a_change_recorded_before_the_latest_one():
    indicator = make_indicator("DS01")
    figure = services.figure_save(new_figure(indicator, value=D(24)), at=recorded(1))

    figure.value = D(25)
    with pytest.raises(BackdatedChange), transaction.atomic():
        services.figure_save(figure, note="Late", at=recorded(3))

    figure.refresh_from_db()
    assert figure.value == D(24)
    assert figure.history.count() == 1


@pytest.mark.parametrize("references", [("1.1", "11"), ("CP 1", "CP-1"), ("—", "#")])
def test_two_references_that_slugify_alike_get_two_addresses(references):
    first, second = (
        services.indicator_save(Indicator(reference=ref, name=f"Indicator {ref}"), note="Added")
        for ref in references
    )
    assert first.slug != second.slug and second.slug == f"{first.slug}-2"
