"""The demo's challenge log: the scrutineer's questions over the last eighteen months, most
answered within weeks, two closed, one long open with no response.

Most tests read the demo as the `demo` fixture loads it (once a session); the last runs the
command again, with and without --reset."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from challenges import demo as challenges_demo
from challenges.models import Challenge, ChallengeStatus
from reviews.services import INDEPENDENT_SCRUTINEERS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development(settings):
    settings.DEBUG = True


def test_the_scrutineer_put_a_handful_of_challenges_over_eighteen_months(demo):
    today = timezone.localdate()
    scrutineer = get_user_model().objects.get(username="scrutineer")
    challenges = list(Challenge.objects.select_related("agency"))

    assert not scrutineer.is_staff
    assert list(scrutineer.groups.values_list("name", flat=True)) == [INDEPENDENT_SCRUTINEERS]
    assert 5 <= len(challenges) <= 7
    assert all(today - timedelta(days=550) < c.raised_on < today for c in challenges)
    assert all(c.raised_by == scrutineer for c in challenges)
    assert not Challenge.history.filter(history_type="+").exclude(history_user=scrutineer)
    # To the agencies, and once to a group.
    assert [c.group for c in challenges if not c.agency] == ["The partnership's executive"]
    assert len({c.agency for c in challenges if c.agency}) >= 4


def test_most_are_answered_within_weeks_and_two_are_closed_with_notes(demo):
    challenges = list(Challenge.objects.all())
    answered = [c for c in challenges if c.responded_on]
    closed = [c for c in challenges if c.status == ChallengeStatus.CLOSED]

    assert len(answered) > len(challenges) / 2
    assert all(7 <= (c.responded_on - c.raised_on).days <= 35 for c in answered)
    assert len(closed) == 2
    assert all(c.closing_note and c.responded_on < c.closed_on for c in closed)


def test_one_has_waited_about_five_months_with_no_response_the_longest_open(demo):
    today = timezone.localdate()
    open_ = list(Challenge.objects.filter(status=ChallengeStatus.OPEN))

    longest = max(open_, key=lambda c: c.waited_days(today))

    assert not longest.response and longest.responded_on is None
    assert 140 <= longest.waited_days(today) <= 170
    assert longest.agency.slug == "local-authority"
    # The only other unanswered one is recent.
    unanswered = [c for c in open_ if not c.responded_on and c != longest]
    assert all(c.waited_days(today) < 30 for c in unanswered)


def test_each_step_is_in_the_history_and_nothing_is_in_the_future(demo):
    now, today = timezone.now(), timezone.localdate()

    for challenge in Challenge.objects.all():
        steps = list(challenge.history.order_by("history_date"))
        assert steps[0].history_date.date() == challenge.raised_on
        assert len(steps) == 1 + bool(challenge.responded_on) + (challenge.status == "closed")
    assert not Challenge.history.filter(history_date__gte=now).exists()
    assert not Challenge.objects.filter(responded_on__gte=today).exists()
    assert not Challenge.objects.filter(closed_on__gte=today).exists()


def test_the_questions_are_put_in_general_terms(demo):
    for challenge in Challenge.objects.all():
        # No child's name from the reviews in a question or an answer.
        text = challenge.question + challenge.response + challenge.closing_note
        assert not any(name in text for name in ("Frankie", "Sam", "Kyle", "Leo", "Shay"))


def test_the_demo_refuses_without_the_agencies(db):
    with pytest.raises(challenges_demo.DemoContentMissing, match="education"):
        challenges_demo.load(today=timezone.localdate(), scrutineer=None, manager=None)
    assert not Challenge.objects.exists()


def snapshot():
    return sorted(
        Challenge.objects.values_list(
            "raised_on", "agency__slug", "group", "responded_on", "status", "closed_on"
        ),
        key=str,
    )


def load(*args):
    out = io.StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def test_running_again_changes_nothing_and_reset_loads_it_afresh(demo):
    before, count = snapshot(), Challenge.history.count()

    assert "the challenge log is unchanged" in load()
    assert snapshot() == before and Challenge.history.count() == count

    stray = Challenge.objects.create(
        raised_on=timezone.localdate(), question="Not the demo's", group="Stray"
    )

    output = load("--reset")

    assert f"Loaded the challenge log: {len(before)} challenges" in output
    assert "scrutineer / " in output
    assert not Challenge.objects.filter(pk=stray.pk).exists()
    assert snapshot() == before and Challenge.history.count() == count
