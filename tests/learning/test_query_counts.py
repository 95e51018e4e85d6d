"""The learning programme's pages use the same number of queries however large the programme:
measured with a handful of sessions, then with hundreds of sessions, their agencies' places and
their history. The counts are written here, so that a new query is a decision, not an accident."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from learning.models import LearningSession, SessionAgency
from tests.factories import AgencyFactory, ReviewFactory, ThemeFactory

from .helpers import make_session

pytestmark = pytest.mark.django_db

# Signed in: session, user, and the user's and groups' permissions come first (4), and the
# session is saved at the end (3: the update in its savepoint).
EXPECTED = {
    # The sessions, their themes, their reviews, their agencies' sums, the agencies' sums and
    # the agencies, the reviews; then the filters' lists of themes, reviews and agencies.
    "programme": 14,
    # The theme, review and agency chosen are looked up.
    "programme filtered": 17,
    "programme as at": 15,  # the theme chosen is looked up
    "programme csv": 8,  # the sessions, their themes, reviews and sums: no lists
    "programme xlsx": 8,
    # The session, its themes, its reviews, its sums, its agencies' rows (with their agencies),
    # its history and its places' history.
    "session": 11,
    "session as at": 11,
    # The dashboard's panel (six queries) and the report's section (seven), with no audits and
    # no delivery plan (one query each), and the report's open challenges (one).
    "dashboard": 26,
    "report": 33,
}


def add_many(count, *, themes, reviews, agencies, start=0):
    """`count` sessions, each with three agencies' places, a theme and a review, with history."""
    sessions = bulk_create_with_history(
        [
            LearningSession(
                title=f"Bulk session {n}",
                slug=f"bulk-session-{n}",
                date=datetime.date(2023, 4, 1) + datetime.timedelta(days=n % 700),
                places_offered=30,
                evaluation_responses=10,
                evaluation_good_or_better=8,
            )
            for n in range(start, start + count)
        ],
        LearningSession,
    )
    LearningSession.themes.through.objects.bulk_create(
        LearningSession.themes.through(learningsession=s, theme=themes[n % len(themes)])
        for n, s in enumerate(sessions)
    )
    LearningSession.reviews.through.objects.bulk_create(
        LearningSession.reviews.through(learningsession=s, review=reviews[n % len(reviews)])
        for n, s in enumerate(sessions)
    )
    bulk_create_with_history(
        [
            SessionAgency(session=s, agency=agency, booked=8, attended=6, not_attended=2)
            for s in sessions
            for agency in agencies[:3]
        ],
        SessionAgency,
        batch_size=2000,
    )


def backdate_history():
    two_days = datetime.timedelta(days=2)
    for model in (LearningSession, SessionAgency):
        model.history.update(
            history_date=F("history_date") - two_days,
            history_valid_until=F("history_valid_until") - two_days,
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_learning_page_uses_a_constant_number_of_queries(committee_client):
    themes = [ThemeFactory() for _ in range(3)]
    reviews = [ReviewFactory() for _ in range(3)]
    agencies = [AgencyFactory() for _ in range(4)]
    measured = make_session(
        places={agencies[0]: (10, 8, 2), agencies[1]: (5, 5, 0)},
        themes=themes[:2],
        reviews=reviews[:2],
        evaluation_responses=10,
        evaluation_good_or_better=9,
    )
    add_many(4, themes=themes, reviews=reviews, agencies=agencies)
    backdate_history()
    day = f"as_at={timezone.localdate() - datetime.timedelta(days=1)}"
    filters = f"theme={themes[0].slug}&review={reviews[0].slug}&agency={agencies[0].slug}"
    urls = {
        "programme": "/learning/",
        "programme filtered": f"/learning/?{filters}&year=2024-25",
        "programme as at": f"/learning/?{day}&theme={themes[0].slug}",
        "programme csv": "/learning/?_export=csv",
        "programme xlsx": f"/learning/?_export=xlsx&{day}",
        "session": f"/learning/{measured.pk}/",
        "session as at": f"/learning/{measured.pk}/?{day}",
        "dashboard": "/",
        "report": "/report/",
    }
    small = {name: count_queries(committee_client, url) for name, url in urls.items()}

    add_many(200, themes=themes, reviews=reviews, agencies=agencies, start=100)
    backdate_history()
    large = {name: count_queries(committee_client, url) for name, url in urls.items()}
    assert LearningSession.objects.count() == 205
    assert SessionAgency.history.count() > 600
    assert small == large
    assert large == EXPECTED
