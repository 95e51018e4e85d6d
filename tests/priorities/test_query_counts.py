"""The delivery plan's pages use the same number of queries however many priorities and links
there are: measured with three priorities, then with a hundred more, each linking actions,
indicators, sessions, audits and themes, with their history."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from audits.models import Audit, AuditCase
from dataset.models import Figure, Indicator
from learning.models import LearningSession, SessionAgency
from priorities.models import DeliveryPlan, Priority
from reviews.models import Action, Review, Status
from tests.audits.helpers import make_audit
from tests.dataset.helpers import make_indicator
from tests.factories import ActionFactory, AgencyFactory, ReviewFactory, ThemeFactory
from tests.learning.helpers import make_session

from .helpers import make_plan, make_priority, today

pytestmark = pytest.mark.django_db

EXPECTED = {
    # Around each page the sign-in's four (session, user, the user's and the groups' permissions);
    # the session is not written within a minute of its last push. The list: the plans, the
    # priorities, their five kinds of link, their themes' names, their actions, the scorecard (the
    # indicators, their themes, their figures), the sessions (the sessions, their themes, their
    # reviews, their places) and the audits (seven here: the findings have no actions).
    "list": 27,
    "list as at": 27,
    # The same for the one priority but the plans, then its plan and its progress notes.
    "detail": 28,
    "detail as at": 28,
    # The dashboard with a plan in force: its own (tests/reviews/test_query_counts.py), the
    # audits' panel reading these audits, and the line per priority's 23: the plans, then what
    # the list reads for the current plan's priorities.
    "dashboard": 55,
    "dashboard as at": 55,
}
HISTORY_MODELS = [
    DeliveryPlan, Priority, Action, Review, Indicator, Figure, LearningSession, SessionAgency,
    Audit, AuditCase,
]  # fmt: skip


class Pool:
    """The records priorities link, added to as the data grows."""

    def __init__(self):
        self.agency = AgencyFactory()
        self.themes = [ThemeFactory() for _ in range(3)]
        self.indicators, self.sessions, self.audits = [], [], []
        self.review = ReviewFactory()

    def grow(self, n):
        start = len(self.indicators)
        for i in range(start, start + n):
            self.indicators.append(make_indicator(f"Q{i}", values=[70, 85, 60], target=80))
            self.sessions.append(
                make_session(
                    title=f"Session {i}",
                    date=today() - datetime.timedelta(days=30 + i),
                    places={self.agency: (20, 15, 5)},
                    themes=self.themes[:1],
                )
            )
            self.audits.append(
                make_audit(name=f"Audit {i}", grades=["Good", "Inadequate"], cases=4)
            )


def add_priorities(plan, pool, count, start):
    for n in range(start, start + count):
        actions = [
            ActionFactory(
                review=pool.review,
                status=status,
                evidence="Audit" if status == Status.BLUE else "",
                lead_agency=pool.agency,
                themes=[],
            )
            for status in (Status.AMBER, Status.BLUE if n % 2 else Status.RED)
        ]
        k = n % len(pool.indicators)
        make_priority(
            plan,
            n,
            f"Priority {n}",
            themes=pool.themes[: 1 + n % 3],
            actions=actions,
            indicators=pool.indicators[k : k + 2],
            sessions=pool.sessions[k : k + 3],
            audits=pool.audits[k : k + 1],
        )


def backdate_history():
    """Every history record two days back, so that yesterday has the data."""
    two_days = datetime.timedelta(days=2)
    for model in HISTORY_MODELS:
        model.history.update(
            history_date=F("history_date") - two_days,
            history_valid_until=F("history_valid_until") - two_days,
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def measure(client, priority):
    day = f"as_at={today() - datetime.timedelta(days=1):%Y-%m-%d}"
    urls = {
        "list": "/priorities/",
        "list as at": f"/priorities/?{day}",
        "detail": priority.get_absolute_url(),
        "detail as at": f"{priority.get_absolute_url()}?{day}",
        "dashboard": "/",
        "dashboard as at": f"/?{day}",
    }
    return {name: count_queries(client, url) for name, url in urls.items()}


def test_the_pages_use_a_constant_number_of_queries(committee_client):
    plan = make_plan(starts_on=today() - datetime.timedelta(days=400))
    upcoming = make_plan(
        "Next plan",
        starts_on=today() + datetime.timedelta(days=100),
        ends_on=today() + datetime.timedelta(days=800),
    )
    pool = Pool()
    pool.grow(3)
    add_priorities(plan, pool, 3, start=1)
    add_priorities(upcoming, pool, 1, start=1)
    backdate_history()
    measured = Priority.objects.get(plan=plan, position=1)
    small = measure(committee_client, measured)

    pool.grow(10)
    add_priorities(plan, pool, 100, start=4)
    add_priorities(upcoming, pool, 10, start=2)
    backdate_history()
    large = measure(committee_client, measured)

    assert small == large
    assert large == EXPECTED
