import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from as_at.history import end_of_day
from reviews import services
from reviews.changes import changes_between
from reviews.models import Action, CommitteeMeeting, Review, ReviewStage, Status
from tests.factories import AgencyFactory, ReviewFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

SINCE = datetime.date(2025, 3, 4)  # the earlier meeting
UNTIL = datetime.date(2025, 6, 10)  # the later meeting
START, END = end_of_day(SINCE), end_of_day(UNTIL)
TICK = datetime.timedelta(microseconds=1)


def moment(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


BEFORE = moment(datetime.date(2025, 1, 15))
INSIDE = moment(datetime.date(2025, 4, 15))
AFTER = moment(datetime.date(2025, 7, 1))


def create_action(at, **overrides):
    fields = {
        "review": ReviewFactory(),
        "reference": "A1",
        "recommendation": "Partners should use the escalation policy when they disagree.",
        "description": "Deliver escalation policy briefings to designated safeguarding leads.",
        "lead_agency": AgencyFactory(),
        "lead_officer_role": "Head of Inclusion",
        "themes": [ThemeFactory()],
        "status": Status.RED,
        "target_date": datetime.date(2025, 9, 30),
        "note": "Action agreed",
    }
    return services.action_create(at=at, **(fields | overrides))


def set_status(action, status, at, note=None, user=None):
    evidence = "Audit of 20 cases found the policy used in each." if status == Status.BLUE else None
    return services.action_set_status(
        action=action,
        status=status,
        note=note or f"Now {status}",
        evidence=evidence,
        user=user,
        at=at,
    )


def moves(items):
    return [(c.action.id, c.from_status, c.to_status, c.when) for c in items]


def test_end_of_day_is_the_last_moment_of_the_day_in_london():
    london = ZoneInfo("Europe/London")

    assert end_of_day(datetime.date(2025, 7, 1)) == datetime.datetime(
        2025, 7, 1, 23, 59, 59, 999999, tzinfo=london
    )
    assert end_of_day(datetime.date(2025, 7, 1)).utcoffset() == datetime.timedelta(hours=1)
    assert end_of_day(datetime.date(2025, 1, 1)).utcoffset() == datetime.timedelta(0)


def test_it_lists_exactly_the_status_changes_in_the_period():
    action = create_action(at=BEFORE)
    set_status(action, Status.AMBER, at=BEFORE + datetime.timedelta(days=1))
    set_status(action, Status.RED, at=START)  # at the boundary: the last meeting saw it
    set_status(action, Status.AMBER, at=START + TICK)
    set_status(action, Status.GREEN, at=INSIDE)
    set_status(action, Status.AMBER, at=END)
    set_status(action, Status.RED, at=END + TICK)
    set_status(action, Status.AMBER, at=AFTER)

    changes = changes_between(since=SINCE, until=UNTIL)

    assert moves(changes.status_changes) == [
        (action.pk, Status.RED, Status.AMBER, START + TICK),
        (action.pk, Status.AMBER, Status.GREEN, INSIDE),
        (action.pk, Status.GREEN, Status.AMBER, END),
    ]


def test_the_first_change_in_the_period_is_from_the_status_just_before_it():
    quiet = create_action(at=BEFORE)
    set_status(quiet, Status.AMBER, at=INSIDE)
    busy = create_action(at=BEFORE, reference="A2", review=quiet.review)
    set_status(busy, Status.AMBER, at=BEFORE + datetime.timedelta(days=1))
    set_status(busy, Status.GREEN, at=BEFORE + datetime.timedelta(days=2))
    services.action_update(action=busy, progress_note="Audit booked", at=START - TICK)
    set_status(busy, Status.BLUE, at=INSIDE + datetime.timedelta(hours=1))

    changes = changes_between(since=SINCE, until=UNTIL)

    assert moves(changes.status_changes) == [
        (quiet.pk, Status.RED, Status.AMBER, INSIDE),
        (busy.pk, Status.GREEN, Status.BLUE, INSIDE + datetime.timedelta(hours=1)),
    ]


def test_it_says_which_action_changed_who_changed_it_and_why():
    named = UserFactory(username="jsmith", first_name="Jo", last_name="Smith")
    unnamed = UserFactory(username="lscp-manager")
    review = ReviewFactory(name="Frankie")
    action = create_action(at=BEFORE, review=review, reference="F3", description="Train staff.")
    set_status(action, Status.AMBER, at=INSIDE, note="Training started", user=named)
    set_status(action, Status.RED, at=INSIDE + TICK, note="Trainer left", user=unnamed)
    set_status(action, Status.AMBER, at=INSIDE + 2 * TICK, note="New trainer")

    changes = changes_between(since=SINCE, until=UNTIL)

    first = changes.status_changes[0]
    assert (first.action.id, first.action.review_name, first.action.reference) == (
        action.pk,
        "Frankie",
        "F3",
    )
    assert first.action.description == "Train staff."
    assert [(c.who, c.note) for c in changes.status_changes] == [
        ("Jo Smith", "Training started"),
        ("lscp-manager", "Trainer left"),
        ("the system", "New trainer"),
    ]


def test_slipped_lists_target_dates_moved_later_in_the_period_only():
    action = create_action(at=BEFORE, target_date=datetime.date(2025, 5, 31))
    services.action_update(
        action=action,
        target_date=datetime.date(2025, 6, 30),
        target_date_change_reason="Trainer unavailable",
        at=BEFORE + datetime.timedelta(days=1),
    )
    services.action_update(
        action=action,
        target_date=datetime.date(2025, 9, 30),
        target_date_change_reason="Waiting for the new case management system",
        at=INSIDE,
    )
    services.action_update(
        action=action,
        target_date=datetime.date(2025, 8, 31),
        target_date_change_reason="System delivered early",
        at=INSIDE + datetime.timedelta(days=1),
    )
    services.action_update(
        action=action,
        target_date=datetime.date(2025, 12, 31),
        target_date_change_reason="Budget pause",
        at=AFTER,
    )
    undated = create_action(at=BEFORE, reference="A2", review=action.review, target_date=None)
    services.action_update(action=undated, target_date=datetime.date(2025, 10, 1), at=INSIDE)

    changes = changes_between(since=SINCE, until=UNTIL)

    assert [(s.action.id, s.old_date, s.new_date, s.reason, s.when) for s in changes.slipped] == [
        (
            action.pk,
            datetime.date(2025, 6, 30),
            datetime.date(2025, 9, 30),
            "Waiting for the new case management system",
            INSIDE,
        )
    ]


def test_completed_is_open_to_done_and_embedded_is_to_blue():
    review = ReviewFactory()
    to_green = create_action(at=BEFORE, review=review, reference="A1", status=Status.AMBER)
    green_to_blue = create_action(at=BEFORE, review=review, reference="A2", status=Status.AMBER)
    set_status(green_to_blue, Status.GREEN, at=BEFORE + datetime.timedelta(days=1))
    amber_to_blue = create_action(at=BEFORE, review=review, reference="A3", status=Status.AMBER)
    started = create_action(at=BEFORE, review=review, reference="A4")
    blue_before = create_action(at=BEFORE, review=review, reference="A5", status=Status.AMBER)
    set_status(blue_before, Status.BLUE, at=START)
    blue_after = create_action(at=BEFORE, review=review, reference="A6", status=Status.AMBER)
    set_status(blue_after, Status.BLUE, at=END + TICK)

    set_status(to_green, Status.GREEN, at=INSIDE)
    set_status(green_to_blue, Status.BLUE, at=INSIDE + datetime.timedelta(hours=1))
    set_status(amber_to_blue, Status.BLUE, at=INSIDE + datetime.timedelta(hours=2))
    set_status(started, Status.AMBER, at=INSIDE + datetime.timedelta(hours=3))

    changes = changes_between(since=SINCE, until=UNTIL)

    assert moves(changes.completed) == [
        (to_green.pk, Status.AMBER, Status.GREEN, INSIDE),
        (amber_to_blue.pk, Status.AMBER, Status.BLUE, INSIDE + datetime.timedelta(hours=2)),
    ]
    assert moves(changes.embedded) == [
        (green_to_blue.pk, Status.GREEN, Status.BLUE, INSIDE + datetime.timedelta(hours=1)),
        (amber_to_blue.pk, Status.AMBER, Status.BLUE, INSIDE + datetime.timedelta(hours=2)),
    ]
    assert len(changes.status_changes) == 4


def test_new_actions_are_those_added_in_the_period_with_their_status_at_its_end():
    review = ReviewFactory()
    create_action(at=START, review=review, reference="OLD")
    new = create_action(at=START + TICK, review=review, reference="NEW")
    set_status(new, Status.AMBER, at=INSIDE)
    set_status(new, Status.GREEN, at=AFTER)
    last = create_action(at=END, review=review, reference="LAST", status=Status.AMBER)
    create_action(at=END + TICK, review=review, reference="LATE")

    changes = changes_between(since=SINCE, until=UNTIL)

    assert [(n.action.id, n.action.reference, n.status, n.when) for n in changes.new_actions] == [
        (new.pk, "NEW", Status.AMBER, START + TICK),
        (last.pk, "LAST", Status.AMBER, END),
    ]
    # Being added is not a change of status.
    assert moves(changes.status_changes) == [(new.pk, Status.RED, Status.AMBER, INSIDE)]


def test_stage_changes_lists_reviews_that_moved_stage_in_the_period():
    review = services.review_save(
        review=Review(name="Leo", slug="leo", started_on=datetime.date(2025, 1, 1)), at=BEFORE
    )
    services.review_set_stage(
        review=review,
        stage=ReviewStage.LEARNING_PUBLISHED,
        on=datetime.date(2025, 3, 4),
        note="Learning published",
        at=START,
    )
    review.summary = "Learning about neglect."
    services.review_save(review=review, at=INSIDE)  # no change of stage
    services.review_set_stage(
        review=review,
        stage=ReviewStage.RATIFIED,
        on=datetime.date(2025, 6, 10),
        note="Ratified by the partnership executive",
        at=END,
    )
    services.review_set_stage(
        review=review, stage=ReviewStage.CLOSED, on=datetime.date(2025, 7, 1), at=AFTER
    )

    changes = changes_between(since=SINCE, until=UNTIL)

    assert [
        (s.review_id, s.review_name, s.from_stage, s.to_stage, s.when, s.note)
        for s in changes.stage_changes
    ] == [
        (
            review.pk,
            "Leo",
            "Learning published",
            "Ratified",
            END,
            "Ratified by the partnership executive",
        )
    ]


def test_on_the_demo_data_the_changes_between_meetings_match_the_history(settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())
    _, second, third = CommitteeMeeting.objects.order_by("date")[:3]

    changes = changes_between(since=second.date, until=third.date)

    assert changes.status_changes
    start, end = end_of_day(second.date), end_of_day(third.date)
    assert all(start < change.when <= end for change in changes.status_changes)

    def blue_at(moment):
        return sum(a.status == Status.BLUE for a in Action.history.as_of(moment))

    became_blue = {change.action.id for change in changes.embedded}
    assert len(became_blue) == blue_at(end) - blue_at(start) > 0


def make_history(actions):
    """Each action is added before the period and changed several times within it; one review
    changes stage in it too."""
    manager = UserFactory(username="lscp-manager", first_name="Sam")
    review = services.review_save(
        review=Review(name="Kai", slug="kai", started_on=datetime.date(2024, 1, 1)),
        user=manager,
        at=BEFORE,
    )
    services.review_set_stage(
        review=review,
        stage=ReviewStage.LEARNING_PUBLISHED,
        on=datetime.date(2025, 4, 1),
        user=manager,
        at=INSIDE,
    )
    for n in range(actions):
        action = create_action(at=BEFORE, review=review, reference=f"K{n}", user=manager)
        set_status(action, Status.AMBER, at=INSIDE, user=manager)
        services.action_update(
            action=action,
            target_date=datetime.date(2025, 12, 31),
            target_date_change_reason="Delayed",
            user=manager,
            at=INSIDE + datetime.timedelta(days=1),
        )
        set_status(action, Status.BLUE, at=INSIDE + datetime.timedelta(days=2), user=manager)
    create_action(at=INSIDE, review=review, reference="NEW", user=manager)


@pytest.mark.parametrize("actions", [1, 30])
def test_the_number_of_queries_does_not_grow_with_the_history(actions, django_assert_num_queries):
    make_history(actions)

    with django_assert_num_queries(4):
        changes = changes_between(since=SINCE, until=UNTIL)
        # Read everything a report shows, inside the count.
        shown = [
            (c.action.review_name, c.action.reference, c.who)
            for c in changes.status_changes + changes.slipped + changes.new_actions
        ] + [(s.review_name, s.to_stage, s.who) for s in changes.stage_changes]

    assert len(changes.status_changes) == 2 * actions
    assert len(changes.slipped) == len(changes.embedded) == actions
    assert len(changes.new_actions) == len(changes.stage_changes) == 1
    assert {who for *_, who in shown} == {"Sam"}
