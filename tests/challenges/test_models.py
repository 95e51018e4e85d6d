"""The challenge's own rules and how long it waited, on both sides of its response."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from challenges.models import Challenge, ChallengeStatus
from challenges.selectors import row_of
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

RAISED = datetime.date(2025, 1, 6)


def errors_of(challenge):
    with pytest.raises(ValidationError) as caught:
        challenge.full_clean()
    return caught.value.message_dict


def test_it_is_asked_of_one_agency_or_one_group():
    agency = AgencyFactory()
    assert "agency" in errors_of(Challenge(raised_on=RAISED, question="Q"))
    both = Challenge(raised_on=RAISED, question="Q", agency=agency, group="The executive")
    assert errors_of(both) == {
        "group": ["Ask one agency or one group: leave the group blank for an agency."]
    }
    Challenge(raised_on=RAISED, question="Q", group="The executive").full_clean()
    Challenge(raised_on=RAISED, question="Q", agency=agency).full_clean()


def test_a_response_has_its_date_on_or_after_the_question():
    challenge = Challenge(raised_on=RAISED, question="Q", group="The executive")
    challenge.response = "Answered."
    assert errors_of(challenge) == {"responded_on": ["Give the date of the response."]}
    challenge.responded_on = RAISED - datetime.timedelta(days=1)
    assert errors_of(challenge) == {
        "responded_on": ["A response comes on or after the day the question was put."]
    }
    challenge.response = ""
    challenge.responded_on = RAISED
    assert errors_of(challenge) == {"response": ["Give the response, or take its date away."]}


def test_a_closed_challenge_has_a_note_and_a_date_and_an_open_one_no_date():
    challenge = Challenge(
        raised_on=RAISED, question="Q", group="The executive", status=ChallengeStatus.CLOSED
    )
    assert set(errors_of(challenge)) == {"closing_note", "closed_on"}
    challenge.status = ChallengeStatus.OPEN
    challenge.closed_on = RAISED
    assert errors_of(challenge) == {"closed_on": ["An open challenge has no date closed."]}


def test_it_waits_until_its_response_and_not_after():
    challenge = Challenge(
        raised_on=RAISED,
        question="Q",
        group="The executive",
        response="Answered.",
        responded_on=RAISED + datetime.timedelta(days=12),
    )
    # Before the response, it was waiting; from the response on, it waited 12 days.
    before = RAISED + datetime.timedelta(days=5)
    assert challenge.waited_days(before) == 5
    assert row_of(challenge, before).waited == "Waiting 5 days"
    assert not row_of(challenge, before).answered
    for day in (RAISED + datetime.timedelta(days=12), RAISED + datetime.timedelta(days=300)):
        assert challenge.waited_days(day) == 12
        assert row_of(challenge, day).waited == "Answered after 12 days"
    unanswered = Challenge(raised_on=RAISED, question="Q", group="The executive")
    assert row_of(unanswered, RAISED + datetime.timedelta(days=132)).waited == "Waiting 132 days"
    assert row_of(unanswered, RAISED + datetime.timedelta(days=1)).waited == "Waiting 1 day"
