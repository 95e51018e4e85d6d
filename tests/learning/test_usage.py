"""An agency with places at a session, or a theme a session carries, is in use: deleting it is
refused, and merging it moves the places (added to those the other agency had there) and the
themes, each change in the session's history."""

import pytest

from learning.models import SessionAgency
from reviews import services
from reviews.services import InUse
from tests.factories import AgencyFactory, ThemeFactory

from .helpers import make_session

pytestmark = pytest.mark.django_db


def test_an_agency_with_places_is_not_deleted_and_a_merge_adds_its_places_to_the_other():
    police, council, school = (AgencyFactory(name=n) for n in ("Police", "Council", "School"))
    both = make_session(places={police: (5, 4, 1), council: (3, 2, 1)})
    alone = make_session(title="Neglect briefing", places={police: (2, 2, 0), school: (6, 6, 0)})

    with pytest.raises(InUse, match="has places at 2 learning sessions"):
        services.agency_delete(agency=police)

    moved = services.agency_merge(agency=police, into=council)

    assert moved["others"] == 2
    places = {(row.session_id, row.agency.name): (row.booked, row.attended, row.not_attended)
              for row in SessionAgency.objects.select_related("agency")}  # fmt: skip
    assert places == {
        (both.pk, "Council"): (8, 6, 2),
        (alone.pk, "Council"): (2, 2, 0),
        (alone.pk, "School"): (6, 6, 0),
    }
    note = "Agency “Police” merged into “Council”"
    assert SessionAgency.history.filter(history_change_reason=note).count() == 3


def test_a_theme_a_session_carries_is_not_deleted_and_a_merge_moves_it():
    neglect, early_help = ThemeFactory(name="Neglect"), ThemeFactory(name="Early help")
    session = make_session(themes=[neglect])

    with pytest.raises(InUse, match="is a theme of 1 learning session"):
        services.theme_delete(theme=neglect)

    services.theme_merge(theme=neglect, into=early_help)

    assert list(session.themes.all()) == [early_help]
    assert (
        session.history.latest().history_change_reason == "Theme “Neglect” merged into “Early help”"
    )
