"""The programme's figures from the selectors, and their queries: the same number with a few
sessions as with hundreds."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import selectors
from learning.models import LearningSession, SessionAgency
from learning.vocabulary import Format
from tests.factories import AgencyFactory, ReviewFactory, ThemeFactory

from .helpers import make_session

pytestmark = pytest.mark.django_db

D = datetime.date
DAY = D(2025, 9, 1)


@pytest.fixture
def programme():
    police, health, schools = (AgencyFactory(name=n) for n in ("Police", "Health", "Schools"))
    frankie, leo = ReviewFactory(name="Frankie"), ReviewFactory(name="Leo")
    ReviewFactory(name="Shay and Ashley")  # no session shares its learning yet
    theme = ThemeFactory()
    held = make_session(
        title="Professional curiosity",
        date=D(2025, 3, 3),  # due 3 June: followed up
        places_offered=30,
        places={police: (12, 10, 2), health: (8, 6, 2)},
        themes=[theme],
        reviews=[frankie, leo],
        evaluation_responses=14,
        evaluation_good_or_better=12,
        follow_up_recorded_on=D(2025, 6, 10),
        follow_up_responses=8,
        follow_up_changed_practice=6,
    )
    overdue = make_session(
        title="Working with resistance",
        date=D(2025, 5, 31),  # due 31 August: overdue as at 1 September
        places_offered=20,
        places={police: (5, 5, 0)},
        reviews=[frankie],
    )
    online = make_session(
        title="Thresholds",
        date=D(2025, 6, 1),
        format=Format.E_LEARNING,
        places={health: (40, 20, 0)},
    )
    return {
        "held": held,
        "overdue": overdue,
        "online": online,
        "agencies": (police, health, schools),
        "reviews": (frankie, leo),
    }


def test_each_session_comes_with_its_agencies_sums_and_rates(programme):
    sessions = {s.title: s for s in selectors.sessions_with_figures(DAY)}
    held = sessions["Professional curiosity"]
    assert (held.booked_total, held.attended_total, held.not_attended_total) == (20, 16, 4)
    assert held.agency_count == 2
    figures = selectors.session_figures(held)
    assert figures.attendance_rate == 16 / 20
    assert figures.fill_rate == 20 / 30
    assert figures.good_or_better_share == 12 / 14
    assert figures.changed_practice_share == 6 / 8
    assert figures.follow_up_due == D(2025, 6, 3)
    assert [s.follow_up_overdue for s in sessions.values()] == [False, True, False]
    online = selectors.session_figures(sessions["Thresholds"])
    assert (online.fill_rate, online.attendance_rate, online.good_or_better_share) == (
        None,
        0.5,
        None,
    )


def test_a_session_with_no_places_booked_has_no_attendance_rate(programme):
    make_session(title="Briefing", date=D(2025, 7, 1), format=Format.BRIEFING, places_offered=10)
    session = selectors.sessions_with_figures(DAY).get(title="Briefing")
    assert (session.booked_total, session.attended_total) == (0, 0)
    figures = selectors.session_figures(session)
    assert (figures.attendance_rate, figures.fill_rate) == (None, 0)


@pytest.mark.parametrize(
    ("day", "overdue"),
    [(D(2025, 8, 31), 0), (D(2025, 9, 1), 1), (D(2025, 9, 2), 2)],  # Thresholds due 1 September
)
def test_the_programme_s_overdue_follow_ups_as_at_a_day(programme, day, overdue):
    assert selectors.programme_totals(day)["follow_ups_overdue"] == overdue
    flagged = [s.follow_up_overdue for s in selectors.sessions_with_figures(day)]
    assert sum(flagged) == overdue


def test_the_programme_s_totals(programme):
    totals = selectors.programme_totals(DAY)
    assert totals == totals | {
        "sessions": 3,
        "places_offered": 50,
        "booked": 65,
        "attended": 41,
        "not_attended": 4,
        "booked_with_places": 25,
        "evaluation_responses": 14,
        "good_or_better": 12,
        "follow_ups_recorded": 1,
        "follow_up_responses": 8,
        "changed_practice": 6,
        "follow_ups_overdue": 1,
    }
    assert totals["attendance_rate"] == 41 / 65
    assert totals["fill_rate"] == 25 / 50  # e-learning's bookings have no places to fill
    assert selectors.programme_totals(D(2025, 6, 9))["follow_ups_recorded"] == 0


def test_an_empty_programme_has_no_rates():
    totals = selectors.programme_totals(DAY)
    assert (totals["sessions"], totals["booked"], totals["attendance_rate"]) == (0, 0, None)
    assert totals["fill_rate"] is None


def test_attendance_by_agency_lists_the_least_reached_first(programme):
    rows = [
        (a.name, a.sessions, a.booked, a.attended, a.not_attended)
        for a in selectors.attendance_by_agency()
    ]
    assert rows == [
        ("Schools", 0, 0, 0, 0),
        ("Police", 2, 17, 15, 2),
        ("Health", 2, 48, 26, 2),
    ]


def test_each_review_s_reach(programme):
    rows = [(r.name, r.sessions, r.practitioners) for r in selectors.reach_by_review()]
    assert rows == [("Frankie", 2, 21), ("Leo", 1, 16), ("Shay and Ashley", 0, 0)]


def test_one_session_with_its_agencies(programme, django_assert_num_queries):
    pk = programme["held"].pk
    with django_assert_num_queries(4):
        session = selectors.session_with_agencies(pk)
        rows = [(row.agency.name, row.booked) for row in session.agencies.all()]
        [t.name for t in session.themes.all()], [r.name for r in session.reviews.all()]
    assert rows == [("Health", 8), ("Police", 12)]


# Query counts -------------------------------------------------------------------------------


def read_everything():
    sessions = list(selectors.sessions_with_figures(DAY))
    for session in sessions:
        selectors.session_figures(session)
        [t.name for t in session.themes.all()]
        [r.name for r in session.reviews.all()]
    selectors.programme_totals(DAY)
    list(selectors.attendance_by_agency())
    list(selectors.reach_by_review())
    return len(sessions)


def queries():
    with CaptureQueriesContext(connection) as captured:
        read_everything()
    return len(captured)


def many_sessions(count, first=0):
    """`count` sessions, each with three agencies' places, two themes and two reviews, written
    in bulk (the query counts, not the history, are under test here)."""
    agencies = AgencyFactory.create_batch(6)
    themes, reviews = ThemeFactory.create_batch(4), ReviewFactory.create_batch(5)
    sessions = LearningSession.objects.bulk_create(
        LearningSession(
            title=f"Session {n}",
            slug=f"session-{n}",
            date=D(2024, 1, 1) + datetime.timedelta(days=n % 600),
            places_offered=30,
            evaluation_responses=5,
        )
        for n in range(first, first + count)
    )
    SessionAgency.objects.bulk_create(
        SessionAgency(
            session=s, agency=agencies[(n + k) % 6], booked=10, attended=8, not_attended=2
        )
        for n, s in enumerate(sessions)
        for k in range(3)
    )
    for n, session in enumerate(sessions):
        session.themes.add(themes[n % 4], themes[(n + 1) % 4])
        session.reviews.add(reviews[n % 5], reviews[(n + 2) % 5])


def test_the_selectors_use_the_same_queries_for_a_few_sessions_as_for_hundreds():
    many_sessions(3)
    few = queries()
    many_sessions(400, first=3)
    assert read_everything() == 403
    # The sessions with their sums, their themes, their reviews; the totals (2); attendance by
    # agency; each review's reach.
    assert queries() == few == 7


def test_the_sql_overdue_flag_agrees_with_the_rule_for_sessions_across_month_ends():
    """Sessions on every day from mid-November 2023 to mid-December 2023 (the leap February
    after them) and a year on, some followed up: the database's flag is the rule's, each day."""
    days = [D(2023, 11, 15) + datetime.timedelta(days=n) for n in range(31)]
    days += [day.replace(year=2024) for day in days]
    LearningSession.objects.bulk_create(
        LearningSession(
            title=f"Session {n}",
            slug=f"s-{n}",
            date=day,
            places_offered=10,
            follow_up_recorded_on=day + datetime.timedelta(days=95) if n % 3 == 0 else None,
        )
        for n, day in enumerate(days)
    )
    for as_at in (D(2024, 2, 27), D(2024, 2, 29), D(2024, 3, 1), D(2025, 2, 28), D(2025, 3, 1)):
        for session in selectors.sessions_with_figures(as_at):
            assert session.follow_up_overdue == session.follow_up_overdue_on(as_at), (
                session.date,
                as_at,
            )
