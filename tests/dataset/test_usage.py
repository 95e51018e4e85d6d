"""An agency that is an indicator's source, or a theme an indicator carries, is in use: deleting
it is refused, and merging it moves the indicators, each change in their history."""

import pytest

from dataset.models import Indicator
from reviews import services
from reviews.services import InUse
from tests.factories import AgencyFactory, ThemeFactory

from .helpers import make_indicator

pytestmark = pytest.mark.django_db


def test_an_agency_that_is_an_indicators_source_is_not_deleted_and_merges_move_it():
    police, council = AgencyFactory(name="Police"), AgencyFactory(name="Council")
    make_indicator("D01", name="Visits", source_agency=police, values=[80])

    with pytest.raises(InUse, match="is the source of 1 indicator \\(D01 Visits\\)"):
        services.agency_delete(agency=police)

    moved = services.agency_merge(agency=police, into=council)

    indicator = Indicator.objects.get()
    assert moved["others"] == 1 and indicator.source_agency == council
    assert (
        indicator.history.latest().history_change_reason == "Agency “Police” merged into “Council”"
    )


def test_a_theme_an_indicator_carries_is_not_deleted_and_merges_move_it():
    neglect, early_help = ThemeFactory(name="Neglect"), ThemeFactory(name="Early help")
    make_indicator("D01", name="Visits", themes=[neglect], values=[80])
    make_indicator("D02", name="Plans", themes=[neglect, early_help], values=[40])

    with pytest.raises(InUse, match="is a theme of 2 indicators \\(D01 Visits, D02 Plans\\)"):
        services.theme_delete(theme=neglect)

    services.theme_merge(theme=neglect, into=early_help)

    for indicator in Indicator.objects.all():
        assert list(indicator.themes.all()) == [early_help]
        assert indicator.history.latest().themes.count() == 1  # the record keeps the links
