"""Derived flags are computed relative to an as-at date; check both sides of each boundary."""

import datetime

import pytest

from reviews.models import Action, Status
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db

TARGET = datetime.date(2026, 3, 31)


def flags(action, as_at):
    row = Action.objects.with_flags(as_at).get(pk=action.pk)
    return {
        name
        for name in [
            "is_overdue",
            "is_on_course",
            "has_no_target_date",
            "is_slipped",
            "is_completed_late",
        ]  # fmt: skip
        if getattr(row, name)
    }


@pytest.mark.parametrize("status", [Status.AMBER, Status.RED])
def test_open_action_is_on_course_until_its_target_date_then_overdue(status):
    action = ActionFactory(status=status, target_date=TARGET)

    assert flags(action, TARGET - datetime.timedelta(days=1)) == {"is_on_course"}
    assert flags(action, TARGET) == {"is_on_course"}
    assert flags(action, TARGET + datetime.timedelta(days=1)) == {"is_overdue"}
    assert Action.objects.overdue(TARGET + datetime.timedelta(days=1)).count() == 1
    assert Action.objects.overdue(TARGET).count() == 0


@pytest.mark.parametrize("status", [Status.GREEN, Status.BLUE])
def test_done_actions_are_never_overdue(status):
    action = ActionFactory(status=status, target_date=TARGET, completed_on=TARGET, evidence="Audit")
    assert flags(action, TARGET + datetime.timedelta(days=400)) == set()


def test_open_action_without_a_target_date_is_flagged():
    action = ActionFactory(target_date=None, original_target_date=None)
    assert flags(action, TARGET) == {"has_no_target_date"}


def test_slipped_when_the_target_date_is_later_than_the_original():
    on_time = ActionFactory(target_date=TARGET)
    slipped = ActionFactory(target_date=TARGET, original_target_date=TARGET - datetime.timedelta(1))
    earlier = ActionFactory(target_date=TARGET, original_target_date=TARGET + datetime.timedelta(1))

    as_at = TARGET - datetime.timedelta(days=30)
    assert "is_slipped" not in flags(on_time, as_at)
    assert "is_slipped" in flags(slipped, as_at)
    assert "is_slipped" not in flags(earlier, as_at)


def test_completed_late_when_done_after_the_original_target_date():
    late = ActionFactory(
        status=Status.GREEN,
        original_target_date=TARGET,
        completed_on=TARGET + datetime.timedelta(1),
    )
    on_the_day = ActionFactory(
        status=Status.GREEN, original_target_date=TARGET, completed_on=TARGET
    )

    after = TARGET + datetime.timedelta(days=10)
    assert "is_completed_late" in flags(late, after)
    assert "is_completed_late" not in flags(on_the_day, after)
    # Seen from before the completion, it has not been completed late (yet).
    assert "is_completed_late" not in flags(late, TARGET)


def test_the_flags_in_words_are_separated():
    from django.template import Context, Template

    action = ActionFactory(status=Status.BLUE, evidence="Audit", target_date=TARGET)
    Action.objects.filter(pk=action.pk).update(
        original_target_date=TARGET - datetime.timedelta(days=30),
        completed_on=TARGET - datetime.timedelta(days=1),
    )
    row = Action.objects.with_flags(TARGET + datetime.timedelta(days=5)).get(pk=action.pk)
    text = Template('{% include "includes/action_flags.html" %}').render(Context({"action": row}))
    assert text.strip() == "Slipped from 1 Mar 2026; completed late"

    amber = ActionFactory(status=Status.AMBER, target_date=TARGET)
    Action.objects.filter(pk=amber.pk).update(
        original_target_date=TARGET - datetime.timedelta(days=30)
    )
    row = Action.objects.with_flags(TARGET).get(pk=amber.pk)
    text = Template('{% include "includes/action_flags.html" %}').render(Context({"action": row}))
    assert text.strip() == "On course; slipped from 1 Mar 2026"
