"""Who may do what with a challenge (challenges.rules), for each role."""

import pytest

from challenges import rules
from reviews import services
from tests.factories import AgencyFactory, UserFactory

from .helpers import lead_of, make_challenge, scrutineer

pytestmark = pytest.mark.django_db


@pytest.fixture
def police():
    return AgencyFactory(slug="police", name="Police")


def test_the_scrutineer_puts_and_closes_challenges_but_does_not_respond(police):
    user = scrutineer()
    challenge = make_challenge(agency=police)
    assert rules.may_raise(user) and rules.may_close(user)
    assert not rules.may_respond(user, challenge)
    assert not user.is_staff


def test_a_lead_responds_only_for_an_agency_they_lead(police):
    council = AgencyFactory(slug="council")
    own, other = lead_of(police, "police-lead"), lead_of(council, "council-lead")
    to_police = make_challenge(agency=police)
    to_group = make_challenge(group="The partnership's executive")
    assert rules.may_respond(own, to_police)
    assert not rules.may_respond(other, to_police)
    assert not rules.may_respond(own, to_group)  # a group has no leads
    for lead in (own, other):
        assert not rules.may_raise(lead) and not rules.may_close(lead)


def test_a_manager_responds_for_anyone(police):
    manager = UserFactory(group=services.SAFEGUARDING_MANAGERS, is_staff=True)
    assert rules.may_respond(manager, make_challenge(agency=police))
    assert rules.may_respond(manager, make_challenge(group="The executive"))


def test_the_committee_and_the_outsider_may_do_nothing(police):
    challenge = make_challenge(agency=police)
    for user in (UserFactory(group=services.COMMITTEE_MEMBERS), UserFactory()):
        assert not rules.may_raise(user)
        assert not rules.may_respond(user, challenge)
        assert not rules.may_close(user)
