"""The challenge log's pages use the same number of queries however long the log: measured with a
few challenges, then with about 150 and their history. The counts are written here, so that a
new query is a decision, not an accident."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from challenges import services
from reviews import services as roles
from tests.factories import AgencyFactory, UserFactory

from .helpers import make_challenge, scrutineer

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=30)

# Signed in: session, user, and the user's and groups' permissions come first (4), and the
# session is saved at the end (3: the update in its savepoint).
EXPECTED = {
    # The agencies asked (the filter's list) and the challenges with their agencies.
    "log": 6,
    "log filtered": 7,  # the agency chosen is looked up
    "log as at": 6,  # the history records in force, with their agencies
    # The challenge with its agency, its version, its history with who and the agencies, and
    # whether the user leads the agency asked (a lead's question).
    "challenge, for the scrutineer": 7,
    "challenge, for a lead": 8,
}


def fill(count, agencies, user):
    for n in range(count):
        challenge = make_challenge(
            raised_on=TODAY - datetime.timedelta(days=60 + n % 300),
            agency=agencies[n % len(agencies)],
            question=f"Question {n}?",
            user=user,
            at=timezone.now() - datetime.timedelta(days=59, minutes=count - n),
        )
        if n % 3 == 0:
            challenge.response = "Answered."
            challenge.responded_on = challenge.raised_on + datetime.timedelta(days=n % 40)
            services.challenge_save(challenge, user=user, note="Response recorded")


def counts(client, users, challenge_pk):
    measured = {}
    pages = {
        "log": ("scrutineer", reverse("challenges:challenge-list"), {}),
        "log filtered": (
            "scrutineer",
            reverse("challenges:challenge-list"),
            {"status": "open", "agency": "police"},
        ),
        "log as at": ("scrutineer", reverse("challenges:challenge-list"), {"as_at": f"{PAST}"}),
        "challenge, for the scrutineer": (
            "scrutineer",
            reverse("challenges:challenge-detail", args=[challenge_pk]),
            {},
        ),
        "challenge, for a lead": (
            "lead",
            reverse("challenges:challenge-detail", args=[challenge_pk]),
            {},
        ),
    }
    for name, (who, url, query) in pages.items():
        client.force_login(users[who])
        client.get(url, query)  # the first request warms caches (content types, permissions)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, query)
        assert response.status_code == 200, name
        measured[name] = len(queries)
    return measured


def test_the_pages_use_as_many_queries_with_a_few_challenges_as_with_150(client):
    police = AgencyFactory(slug="police", name="Police")
    agencies = [police, *(AgencyFactory() for _ in range(4))]
    user = scrutineer()
    lead = UserFactory(username="police-lead", group=roles.AGENCY_LEADS)
    police.leads.add(lead)
    users = {"scrutineer": user, "lead": lead}
    fill(4, agencies, user)
    first = make_challenge(agency=police, user=user, raised_on=TODAY - datetime.timedelta(days=9))
    few = counts(client, users, first.pk)
    fill(150, agencies, user)
    # The challenge shown has a long history too.
    for n in range(20):
        first.response, first.responded_on = f"Answer {n}.", TODAY
        services.challenge_save(first, user=user, note=f"Response {n}")
    many = counts(client, users, first.pk)
    print(f"\nchallenge log queries: a few {few}; about 150 {many}")
    assert few == many == EXPECTED
