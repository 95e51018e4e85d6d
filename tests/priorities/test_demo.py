"""The demo's delivery plans: the seed's 2022–2024 plan in force today with its four priorities on
the four themes, linked to the demo's records, a year of quarterly notes, and the upcoming plan.

Most tests read the demo as the `demo` fixture loads it (once a session); the last runs the
command again, with and without --reset."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from as_at.history import end_of_day, records_at
from priorities import demo as priorities_demo
from priorities.models import DeliveryPlan, PlanStatus, Priority
from reviews.models import Status, Theme

pytestmark = pytest.mark.django_db

THEMES = [
    "information-sharing",
    "professional-curiosity",
    "thresholds-and-escalations",
    "working-with-resistance",
]
COMPLETE = (Status.GREEN, Status.BLUE)


@pytest.fixture(autouse=True)
def development(settings):
    settings.DEBUG = True


def current_priorities():
    today = timezone.localdate()
    (plan,) = [p for p in DeliveryPlan.objects.all() if p.status_on(today) == PlanStatus.CURRENT]
    return plan, list(plan.priorities.order_by("position").prefetch_related("themes"))


def test_the_seeds_plan_is_current_today_and_the_next_is_upcoming(demo):
    today = timezone.localdate()
    plans = {p.title: p for p in DeliveryPlan.objects.all()}

    assert set(plans) == {"2022–2024 delivery plan", "2025–2027 delivery plan"}
    current, upcoming = plans["2022–2024 delivery plan"], plans["2025–2027 delivery plan"]
    assert current.status_on(today) == PlanStatus.CURRENT
    assert upcoming.status_on(today) == PlanStatus.UPCOMING
    assert current.ends_on < upcoming.starts_on <= today + timedelta(days=366)
    # The extension is in the plan's history, with its note: the plan as adopted ended in 2024.
    adopted, extended = current.history.order_by("history_date")
    assert adopted.ends_on.year == 2024 and extended.ends_on == current.ends_on
    assert "Extended" in extended.history_change_reason


def test_four_priorities_one_on_each_theme_in_order_each_linked_to_what_serves_it(demo):
    _, priorities = current_priorities()

    assert [p.position for p in priorities] == [1, 2, 3, 4]
    assert [[t.slug for t in p.themes.all()] for p in priorities] == [[slug] for slug in THEMES]
    for priority in priorities:
        (theme,) = priority.themes.all()
        assert priority.aim and priority.lead_role and priority.lead_agency
        assert priority.progress_note and priority.progress_noted_on
        for name in ("actions", "indicators", "sessions"):
            linked = list(getattr(priority, name).all())
            assert linked, (priority, name)
            # Each linked record is on the priority's theme.
            assert all(theme in record.themes.all() for record in linked), (priority, name)
    audits = {p.themes.get().slug: list(p.audits.all()) for p in priorities}
    assert [str(a) for a in audits.pop("working-with-resistance")] == [
        "Multi-agency audit: working with resistance",
        "Re-audit: working with resistance",
    ]
    assert not any(audits.values())


def test_exactly_one_priority_has_nothing_complete_among_its_actions(demo):
    _, priorities = current_priorities()

    stalled = [p for p in priorities if not p.actions.filter(status__in=COMPLETE).exists()]

    assert [p.slug for p in stalled] == ["seeing-the-whole-family"]
    assert stalled[0].actions.count() >= 5


def test_each_priority_has_a_progress_note_for_each_of_the_last_four_quarters(demo):
    today = timezone.localdate()
    _, priorities = current_priorities()

    for priority in priorities:
        noted = priority.history.exclude(progress_note="").order_by("history_date")
        days = [h.progress_noted_on for h in noted]
        assert len(days) == 4 and len({h.progress_note for h in noted}) == 4
        assert today - timedelta(days=366) < days[0] and days[-1] < today
        # A few days after each quarter's end: 31 March, 30 June, 30 September, 31 December.
        assert all((d - timedelta(days=10)).month in (3, 6, 9, 12) for d in days)
        assert all(h.history_date.date() == h.progress_noted_on for h in noted)
        assert priority.progress_note == noted.last().progress_note


def test_as_at_an_earlier_quarter_a_priority_links_only_what_existed_then(demo):
    priority = Priority.objects.get(slug="working-with-resistance")
    first_note = priority.history.exclude(progress_note="").earliest("history_date")

    (then,) = records_at(Priority, end_of_day(first_note.progress_noted_on)).filter(id=priority.pk)

    # The re-audit came later: at the first quarterly review only the first audit was linked.
    assert [link.audit.review.name for link in then.audits.all()] == [
        "Multi-agency audit: working with resistance"
    ]
    assert priority.audits.count() == 2
    assert len(then.sessions.all()) < priority.sessions.count()


def test_the_upcoming_plans_priorities_have_aims_and_nothing_linked(demo):
    today = timezone.localdate()
    (upcoming,) = [p for p in DeliveryPlan.objects.all() if p.status_on(today) == "upcoming"]
    priorities = list(upcoming.priorities.all())

    assert 3 <= len(priorities) <= 4
    for priority in priorities:
        assert priority.aim and priority.lead_role
        assert not priority.progress_note
        for name in ("themes", "actions", "indicators", "audits", "sessions"):
            assert not getattr(priority, name).exists()


def test_nothing_is_dated_in_the_future(demo):
    now = timezone.now()
    today = timezone.localdate()

    assert not DeliveryPlan.history.filter(history_date__gte=now).exists()
    assert not Priority.history.filter(history_date__gte=now).exists()
    assert not Priority.objects.filter(progress_noted_on__gte=today).exists()


def test_the_demo_refuses_without_the_records_it_links(db):
    with pytest.raises(priorities_demo.DemoContentMissing, match="missing: action Frankie F1"):
        priorities_demo.load(today=timezone.localdate(), user=None)
    assert not DeliveryPlan.objects.exists()


def snapshot():
    return sorted(
        Priority.objects.values_list(
            "plan__title", "position", "slug", "progress_note", "progress_noted_on"
        )
    ), sorted(DeliveryPlan.objects.values_list("title", "starts_on", "ends_on"))


def load(*args):
    out = io.StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def test_running_again_changes_nothing_and_reset_loads_it_afresh(demo):
    before = snapshot()
    counts = (DeliveryPlan.history.count(), Priority.history.count())

    assert "the plans are unchanged" in load()
    assert snapshot() == before
    assert (DeliveryPlan.history.count(), Priority.history.count()) == counts

    stray = DeliveryPlan.objects.create(
        title="Not the demo's",
        slug="stray",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + timedelta(days=30),
    )

    output = load("--reset")

    assert "Loaded the delivery plans: 2022–2024 delivery plan (4 priorities" in output
    assert not DeliveryPlan.objects.filter(pk=stray.pk).exists()
    assert snapshot() == before
    assert (DeliveryPlan.history.count(), Priority.history.count()) == counts
    assert Theme.objects.filter(priorities__isnull=False).distinct().count() == 4
