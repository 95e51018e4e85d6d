"""The manager keeps plans and priorities in the admin: saved through the services with the
change note in their history, the links with them; a broken rule is refused with a message; the
committee reads, never writes."""

import datetime

import pytest
from django.urls import reverse

from priorities.models import DeliveryPlan, Priority
from reviews.models import Status
from tests.audits.helpers import make_audit
from tests.dataset.helpers import make_indicator
from tests.factories import AgencyFactory, ReviewFactory, ThemeFactory
from tests.learning.helpers import make_session

from .helpers import make_action, make_plan, make_priority

pytestmark = pytest.mark.django_db

PLAN_ADD = reverse("admin:priorities_deliveryplan_add")
ADD = reverse("admin:priorities_priority_add")


def change(priority):
    return reverse("admin:priorities_priority_change", args=[priority.pk])


def form(plan, **fields):
    return {
        "plan": str(plan.pk),
        "position": "1",
        "title": "Information reaches those who need it",
        "slug": "information-sharing",
        "aim": "Practitioners share what they know, promptly.",
        "lead_role": "Head of Safeguarding",
        "lead_agency": "",
        "progress_note": "",
        "progress_noted_on": "",
        "change_note": "Priority added",
    } | fields


def test_a_manager_adds_a_plan_with_a_note(client, manager):
    client.force_login(manager)
    response = client.post(
        PLAN_ADD,
        {
            "title": "2025–2027 delivery plan",
            "slug": "2025-2027",
            "starts_on": "1 April 2025",
            "ends_on": "31 March 2027",
            "summary": "",
            "change_note": "Adopted by the executive",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    plan = DeliveryPlan.objects.get()
    assert (plan.starts_on, plan.ends_on) == (datetime.date(2025, 4, 1), datetime.date(2027, 3, 31))
    record = plan.history.get()
    assert record.history_change_reason == "Adopted by the executive"
    assert record.history_user == manager


def test_a_manager_adds_a_priority_with_its_links_in_one_history_entry(client, manager):
    client.force_login(manager)
    plan = make_plan()
    review = ReviewFactory()
    actions = [make_action(review, Status.AMBER), make_action(review, Status.BLUE)]
    indicator = make_indicator("P1", values=[70, 85], target=80)
    session = make_session(title="Early help")
    audit = make_audit()
    theme = ThemeFactory()
    data = form(
        plan,
        themes=[theme.pk],
        actions=[a.pk for a in actions],
        indicators=[indicator.pk],
        sessions=[session.pk],
        audits=[audit.pk],
        lead_agency=str(AgencyFactory().pk),
    )
    response = client.post(ADD, data)
    assert response.status_code == 302, response.content.decode()[:3000]

    priority = Priority.objects.get()
    assert set(priority.actions.all()) == set(actions)
    assert list(priority.indicators.all()) == [indicator]
    assert list(priority.sessions.all()) == [session]
    assert list(priority.audits.all()) == [audit]
    assert list(priority.themes.all()) == [theme]
    record = priority.history.get()
    assert (record.history_change_reason, record.history_user) == ("Priority added", manager)
    assert {link.action_id for link in record.actions.all()} == {a.pk for a in actions}


def test_a_manager_updates_the_progress_note_recorded_with_the_note(client, manager):
    client.force_login(manager)
    review = ReviewFactory()
    action = make_action(review, Status.AMBER)
    priority = make_priority(make_plan(), 1, actions=[action])
    data = form(
        priority.plan,
        title=priority.title,
        slug=priority.slug,
        actions=[action.pk],
        progress_note="Briefings delivered to every team",
        progress_noted_on="30 September 2026",
        change_note="Quarter 2 update",
    )
    response = client.post(change(priority), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    priority.refresh_from_db()
    assert priority.progress_note == "Briefings delivered to every team"
    assert priority.progress_noted_on == datetime.date(2026, 9, 30)
    assert list(priority.actions.all()) == [action]
    latest = priority.history.latest()
    assert (latest.history_change_reason, latest.history_user) == ("Quarter 2 update", manager)
    assert priority.history.count() == 2


def test_a_note_without_its_date_is_refused_and_nothing_is_written(client, manager):
    client.force_login(manager)
    priority = make_priority(make_plan(), 1)
    data = form(
        priority.plan,
        title=priority.title,
        slug=priority.slug,
        progress_note="Undated",
        change_note="Update",
    )
    response = client.post(change(priority), data)
    assert response.status_code == 200
    assert "Give the date of the progress note." in response.content.decode()
    priority.refresh_from_db()
    assert priority.progress_note == ""
    assert priority.history.count() == 1


def test_a_second_priority_in_the_same_place_is_refused(client, manager):
    client.force_login(manager)
    plan = make_plan()
    make_priority(plan, 1)
    response = client.post(ADD, form(plan, slug="another"))
    assert response.status_code == 200
    assert "The plan already has a priority in this place." in response.content.decode()
    assert Priority.objects.count() == 1


def test_the_plan_lists_its_priorities(client, manager):
    client.force_login(manager)
    plan = make_plan()
    priority = make_priority(plan, 1, "Seeing the whole family")
    page = client.get(reverse("admin:priorities_deliveryplan_change", args=[plan.pk]))
    assert "1. Seeing the whole family" in page.content.decode()
    assert change(priority) in page.content.decode()


def test_the_committee_cannot_change_a_priority(committee_client):
    priority = make_priority(make_plan(), 1)
    response = committee_client.post(
        change(priority), form(priority.plan, title="Changed", slug=priority.slug)
    )
    assert response.status_code in (302, 403)
    priority.refresh_from_db()
    assert priority.title != "Changed"
