import datetime

from challenges import services
from challenges.models import Challenge
from reviews import services as roles
from tests.factories import UserFactory

RAISED = datetime.date(2025, 1, 6)


QUESTION = "How are referrals from schools followed up?"


def make_challenge(*, raised_on=RAISED, agency=None, group="", user=None, at=None, **fields):
    """A challenge put through the service, with its first history record."""
    fields.setdefault("question", QUESTION)
    challenge = Challenge(raised_on=raised_on, agency=agency, group=group, raised_by=user, **fields)
    return services.challenge_save(challenge, user=user, note="Challenge put", at=at)


def scrutineer(username="scrutineer"):
    return UserFactory(username=username, group=roles.INDEPENDENT_SCRUTINEERS)


def lead_of(agency, username):
    user = UserFactory(username=username, group=roles.AGENCY_LEADS)
    agency.leads.add(user)
    return user
