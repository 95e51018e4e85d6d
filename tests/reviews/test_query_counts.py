"""Every page uses the same number of queries however much data there is.

Each page is measured on a small plan, then again after adding dozens of reviews with hundreds of
actions (with themes, supporting agencies and history): the count must not move, and must be the
number written here, so that a new query is a decision rather than an accident.
"""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reviews import services
from reviews.models import Action, Review, Status
from tests.factories import (
    ActionFactory,
    AgencyFactory,
    CommitteeMeetingFactory,
    ReviewFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Signed in: session, user, and the user's and groups' permissions come first on every page, and
# the session is not written again within a minute of its last push (tests/conftest.py,
# safeguarding.middleware.IdleSessionMiddleware).
EXPECTED = {
    # and the last meeting, its counts, the actions with no theme, the dataset; the audits (one
    # query when there are none, as here), the learning programme (six) and the delivery plans
    # (one: with no plan in force, no priorities are read; tests/priorities/test_query_counts.py
    # counts the dashboard with them), and the reviews for the statutory timeline (one)
    "dashboard": 28,
    # and the learning sessions sharing its learning: the sessions, their themes, their reviews
    # and their agencies' sums (an audit's details are read only for an audit).
    "review": 15,
    "review filtered": 15,
    "actions": 9,
    "actions filtered": 9,
    "actions csv": 10,  # the filter's list of reviews, read even for a download
    "actions xlsx": 10,
    "action": 13,  # and whether this user may record progress on it
    "theme": 10,
    "agency": 11,
    # A past date reads history records; a download reads the themes of its rows first.
    "dashboard as at": 28,
    "review as at": 15,
    "actions as at": 10,
    "actions csv as at": 10,
    "theme as at": 10,
    "agency as at": 11,
    "my actions": 8,  # for an agency lead of two agencies
}


def build(*, reviews, actions_per_review, themes, agencies):
    past = timezone.localdate() - datetime.timedelta(days=3)
    statuses = [Status.BLUE, Status.GREEN, Status.AMBER, Status.RED]
    for r in range(reviews):
        review = ReviewFactory()
        for i in range(actions_per_review):
            status = statuses[(r + i) % 4]
            action = ActionFactory(
                review=review,
                status=status,
                evidence="Audit" if status == Status.BLUE else "",
                lead_agency=agencies[(r + i) % len(agencies)],
                target_date=past if i % 5 == 0 else datetime.date(2031, 1, 1),
                themes=themes[: 1 + i % len(themes)],
            )
            action.supporting_agencies.set(agencies[: i % 3])


def add_history(action, changes):
    for n in range(changes):
        services.action_update(
            action=action,
            progress_note=f"Update {n}",
            themes=[ThemeFactory()] if n % 2 else None,
            note=f"Progress {n}",
        )


def pages(review, action, theme, agency):
    day = f"as_at={timezone.localdate() - datetime.timedelta(days=1)}"
    return {
        "dashboard as at": f"/?{day}",
        "review as at": f"{review.get_absolute_url()}?{day}",
        "actions as at": f"/actions/?{day}&status=amber&theme={theme.slug}",
        "actions csv as at": f"/actions/?{day}&_export=csv",
        "theme as at": f"{theme.get_absolute_url()}?{day}",
        "agency as at": f"{agency.get_absolute_url()}?{day}",
        "dashboard": "/",
        "review": review.get_absolute_url(),
        "review filtered": f"{review.get_absolute_url()}?status=amber&sort=-target_date",
        "actions": "/actions/?page=2",
        "actions filtered": "/actions/?status=amber&status=red&q=briefing&sort=lead_agency",
        "actions csv": "/actions/?_export=csv",
        "actions xlsx": "/actions/?_export=xlsx",
        "action": action.get_absolute_url(),
        "theme": theme.get_absolute_url(),
        "agency": agency.get_absolute_url(),
    }


def backdate_history():
    """Move every history record two days back, so that yesterday's position has the data."""
    two_days = datetime.timedelta(days=2)
    for model in (Action, Review):
        model.history.update(
            history_date=F("history_date") - two_days,
            history_valid_until=F("history_valid_until") - two_days,
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:  # a download's rows are read as it is sent
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return len(queries)


def test_every_page_uses_a_constant_number_of_queries(committee_client, client):
    themes = [ThemeFactory() for _ in range(4)]
    agencies = [AgencyFactory() for _ in range(6)]
    lead = UserFactory(username="lead", group=services.AGENCY_LEADS)
    for agency in agencies[:2]:
        agency.leads.add(lead)
    lead_client = Client()
    lead_client.force_login(lead)
    for days in (200, 100, 2):
        CommitteeMeetingFactory(date=timezone.localdate() - datetime.timedelta(days=days))
    build(reviews=2, actions_per_review=30, themes=themes, agencies=agencies)
    review = ReviewFactory(name="Measured")
    action = ActionFactory(review=review, lead_agency=agencies[0], themes=themes[:2])
    add_history(action, 2)
    backdate_history()
    urls = pages(review, action, themes[0], agencies[0])
    small = {name: count_queries(committee_client, url) for name, url in urls.items()}
    small["my actions"] = count_queries(lead_client, "/my-actions/?page=2")

    build(reviews=30, actions_per_review=12, themes=themes, agencies=agencies)
    for _ in range(60):
        ActionFactory(review=review, lead_agency=agencies[0], themes=themes)
    add_history(action, 20)
    backdate_history()
    large = {name: count_queries(committee_client, url) for name, url in urls.items()}
    large["my actions"] = count_queries(lead_client, "/my-actions/?page=2")

    assert small == large
    assert large == EXPECTED
