"""A priority's roll-up is the linked records' own figures, as their apps give them, as at today
and as at a past day; nothing linked is never a success; which plan is current, upcoming or
ended on each side of its dates."""

import datetime

import pytest

from dataset.selectors import scorecard
from dataset.vocabulary import Direction, Rating
from learning import services as learning_services
from learning.models import SessionAgency
from learning.selectors import rows_totals, session_rows, sessions_at
from priorities import selectors, services
from priorities.models import PlanStatus
from reviews import services as review_services
from reviews.models import Action, Status
from reviews.selectors import action_totals, actions_at
from tests.audits.helpers import make_audit
from tests.dataset.helpers import make_indicator
from tests.factories import AgencyFactory, ReviewFactory
from tests.learning.helpers import make_session

from .helpers import days_ago, make_action, make_plan, make_priority, today

pytestmark = pytest.mark.django_db


def linked_records(*, at=None):
    """Four actions (three blue, one amber past its target date), two indicators (one green and
    improving, one red and worsening), three sessions reaching 75 practitioners, one audit."""
    review = ReviewFactory()
    past = today() - datetime.timedelta(days=3)
    actions = [make_action(review, Status.BLUE, at=at) for _ in range(3)]
    actions.append(make_action(review, Status.AMBER, target_date=past, at=at))
    indicators = [
        make_indicator("P1", values=[70, 85], target=80, tolerance=5),
        make_indicator("P2", values=[90, 60], target=80, tolerance=5),
    ]
    agency = AgencyFactory()
    sessions = [
        make_session(
            title=f"Session {n}",
            date=today() - datetime.timedelta(days=40 + n),
            places={agency: (28, 25, 3)},
            at=at,
        )
        for n in range(3)
    ]
    audits = [make_audit(grades=["Good", "Good", "Inadequate"], at=at)]
    return {"actions": actions, "indicators": indicators, "sessions": sessions, "audits": audits}


def test_it_rolls_up_the_linked_records_in_words():
    links = linked_records()
    priority = make_priority(make_plan(), 1, "Information sharing", **links)

    [row] = selectors.priorities_overview(as_at=today()).current.priorities

    assert row.priority.id == priority.id
    assert row.roll_up.words == (
        "4 actions: 3 blue, 1 amber (1 overdue); 2 indicators: 1 green improving, 1 red "
        "worsening; 3 sessions reaching 75 practitioners; 1 audit"
    )


def test_the_roll_up_is_the_linked_records_own_figures_today():
    links = linked_records()
    make_priority(make_plan(), 1, **links)
    day = today()

    roll_up = selectors.priorities_overview(as_at=day).current.priorities[0].roll_up

    ids = [action.id for action in links["actions"]]
    totals = action_totals(as_at=day, actions=Action.objects.filter(id__in=ids))
    assert roll_up.action_counts == totals
    scores = {s.indicator.id: s for s in scorecard(as_at=day)}
    assert [(s.rating, s.latest.direction) for s in roll_up.indicators] == [
        (scores[i.id].rating, scores[i.id].latest.direction) for i in links["indicators"]
    ]
    assert [(s.rating, s.latest.direction) for s in roll_up.indicators] == [
        (Rating.GREEN, Direction.IMPROVING),
        (Rating.RED, Direction.WORSENING),
    ]
    session_ids = [session.id for session in links["sessions"]]
    own = rows_totals(session_rows(sessions_at(day).filter(id__in=session_ids), day), day)
    assert roll_up.session_totals == own
    assert own["practitioners"] == 75
    assert [audit.id for audit in roll_up.audits] == [links["audits"][0].id]
    assert roll_up.latest_audit.distribution.good_or_better_share == pytest.approx(2 / 3)


def test_the_roll_up_as_at_a_past_day_is_the_records_and_links_of_then():
    then = days_ago(10)
    review = ReviewFactory()
    soon = today() + datetime.timedelta(days=9)
    first = make_action(review, Status.AMBER, target_date=soon, at=then)
    second = make_action(review, Status.RED, at=then)
    third = make_action(review, Status.GREEN, at=then)
    agency = AgencyFactory()
    session = make_session(
        title="Early help",
        date=today() - datetime.timedelta(days=12),
        places={agency: (20, 18, 2)},
        at=then,
    )
    plan = make_plan(at=then)
    priority = make_priority(plan, 1, actions=[first, second], sessions=[session], at=then)

    # Since then: the amber action embedded, the red one unlinked, another linked, more attended.
    review_services.action_update(
        action=first, status=Status.BLUE, evidence="Audit of practice", note="Embedded",
        completed_on=today() - datetime.timedelta(days=2), embedded_on=today(),
    )  # fmt: skip
    services.priority_save(priority, actions=[first, third], note="Links changed")
    place = SessionAgency.objects.get(session=session)
    place.booked, place.attended, place.not_attended = 30, 29, 1
    learning_services.session_agency_save(place, note="Late sign-ins")

    past = today() - datetime.timedelta(days=5)
    roll_up = selectors.priorities_overview(as_at=past).current.priorities[0].roll_up
    assert roll_up.words == "2 actions: 1 amber, 1 red; 1 session reaching 18 practitioners"
    own = action_totals(as_at=past, actions=actions_at(past).filter(id__in=[first.id, second.id]))
    assert roll_up.action_counts == own
    rows = session_rows(sessions_at(past).filter(id=session.id), past)
    assert roll_up.session_totals == rows_totals(rows, past)

    now = selectors.priorities_overview(as_at=today()).current.priorities[0].roll_up
    assert now.words == "2 actions: 1 blue, 1 green; 1 session reaching 29 practitioners"
    own = action_totals(as_at=today(), actions=Action.objects.filter(id__in=[first.id, third.id]))
    assert now.action_counts == own


def test_the_indicators_as_at_a_past_day_are_the_scorecard_of_then():
    indicator = make_indicator(
        "PX", values=[70, 85, 60], target=80, tolerance=5,
        at=[days_ago(30), days_ago(20), days_ago(1)],
    )  # fmt: skip
    make_priority(make_plan(at=days_ago(40)), 1, indicators=[indicator], at=days_ago(40))
    past = today() - datetime.timedelta(days=10)

    [score] = selectors.priorities_overview(as_at=past).current.priorities[0].roll_up.indicators
    [own] = [s for s in scorecard(as_at=past) if s.indicator.id == indicator.id]
    assert (score.rating, score.latest.direction) == (own.rating, own.latest.direction)
    assert (score.rating, score.latest.direction) == (Rating.GREEN, Direction.IMPROVING)
    roll_up = selectors.priorities_overview(as_at=today()).current.priorities[0].roll_up
    assert roll_up.words == "1 indicator: 1 red worsening"


def test_a_priority_with_nothing_linked_says_so_and_is_an_exception():
    make_priority(make_plan(), 1, "Working with resistance")

    report = selectors.priorities_report(today())

    [row] = report["priorities"]
    assert row.roll_up.words == "Nothing linked yet"
    assert row.roll_up.nothing_linked
    assert report["exceptions"] == [row] and report["others"] == []


def test_the_report_puts_the_exceptions_first():
    review = ReviewFactory()
    plan = make_plan()
    done = make_action(review, Status.BLUE)
    red = make_action(review, Status.RED)
    worsening = make_indicator("W1", values=[90, 60], target=80, tolerance=5)
    make_priority(plan, 1, "On track", actions=[done])
    make_priority(plan, 2, "Red action", actions=[done, red])
    make_priority(plan, 3, "Worsening", actions=[done], indicators=[worsening])
    make_priority(plan, 4, "Nothing complete", actions=[make_action(review, Status.AMBER)])

    report = selectors.priorities_report(today())

    assert [row.priority.title for row in report["priorities"]] == [
        "Red action", "Worsening", "Nothing complete", "On track",
    ]  # fmt: skip
    assert [row.roll_up.exceptions for row in report["exceptions"]] == [
        ["1 red action"],
        ["1 indicator worsening"],
        ["no action complete"],
    ]
    assert report["plan"].plan.id == plan.id


@pytest.mark.parametrize(
    "offset, status",
    [(-1, PlanStatus.UPCOMING), (0, PlanStatus.CURRENT), (9, PlanStatus.CURRENT),
     (10, PlanStatus.ENDED)],
)  # fmt: skip
def test_a_plan_is_upcoming_current_or_ended_either_side_of_its_dates(offset, status):
    starts = today() + datetime.timedelta(days=30)  # read from the live tables
    plan = make_plan(starts_on=starts, ends_on=starts + datetime.timedelta(days=9))
    day = starts + datetime.timedelta(days=offset)

    current, upcoming, ended = selectors.plans_on(day)

    assert plan.status_on(day) == status
    assert {
        PlanStatus.CURRENT: current,
        PlanStatus.UPCOMING: upcoming,
        PlanStatus.ENDED: ended[0] if ended else None,
    }[status].id == plan.id


def test_the_overview_shows_the_current_and_the_upcoming_plan():
    ended = make_plan(
        "2020–2022", starts_on=datetime.date(2020, 4, 1), ends_on=datetime.date(2022, 3, 31)
    )
    current = make_plan("2022–2024")
    upcoming = make_plan(
        "2027–2029", starts_on=today() + datetime.timedelta(days=400),
        ends_on=today() + datetime.timedelta(days=1100),
    )  # fmt: skip
    make_priority(current, 1, "Now")
    make_priority(upcoming, 1, "Next")
    make_priority(ended, 1, "Before")

    overview = selectors.priorities_overview(as_at=today())

    assert overview.current.plan.id == current.id
    assert [row.priority.title for row in overview.current.priorities] == ["Now"]
    assert overview.upcoming.plan.id == upcoming.id
    assert [row.priority.title for row in overview.upcoming.priorities] == ["Next"]
    assert [plan.id for plan in overview.ended] == [ended.id]


def test_a_plan_not_yet_made_on_a_past_day_is_not_shown():
    make_priority(make_plan(), 1)  # made now
    overview = selectors.priorities_overview(as_at=today() - datetime.timedelta(days=1))
    assert overview.current is None and overview.upcoming is None


def test_progress_notes_come_from_the_history_newest_first():
    priority = make_priority(
        make_plan(at=days_ago(100)), 1, at=days_ago(100),
        progress_note="Audit planned", progress_noted_on=today() - datetime.timedelta(days=100),
    )  # fmt: skip
    priority.progress_note = "Audit done: practice improving"
    priority.progress_noted_on = today() - datetime.timedelta(days=10)
    services.priority_save(priority, note="Quarterly update", at=days_ago(10))
    priority.aim = "Reworded"
    services.priority_save(priority, note="Aim reworded")  # no new note

    notes = selectors.progress_notes(priority_id=priority.id, until=days_ago(-1))
    assert [(n.note, n.noted_on) for n in notes] == [
        ("Audit done: practice improving", today() - datetime.timedelta(days=10)),
        ("Audit planned", today() - datetime.timedelta(days=100)),
    ]
    earlier = selectors.progress_notes(priority_id=priority.id, until=days_ago(50))
    assert [n.note for n in earlier] == ["Audit planned"]
