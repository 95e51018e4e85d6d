"""Agency leads record progress on the actions their agency leads; nobody overwrites anybody."""

import datetime

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import Action, Status
from tests.factories import ActionFactory, AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def police():
    return AgencyFactory(name="Police", short_name="Police", slug="police")


@pytest.fixture
def police_lead(police):
    lead = UserFactory(username="police-lead", group=services.AGENCY_LEADS)
    police.leads.add(lead)
    return lead


@pytest.fixture
def council_lead():
    lead = UserFactory(username="council-lead", group=services.AGENCY_LEADS)
    AgencyFactory(name="Council", short_name="Council", slug="council").leads.add(lead)
    return lead


@pytest.fixture
def action(police):
    return ActionFactory(lead_agency=police, target_date=datetime.date(2030, 3, 31))


def update(client, action, **fields):
    data = {
        "status": "amber",
        "progress_note": "Briefings delivered to two of five localities.",
        "evidence": "",
        "target_date": "2030-03-31",
        "target_date_change_reason": "",
        "version": services.version_of(action),
    } | fields
    return client.post(reverse("reviews:action-progress", args=[action.pk]), data)


def test_a_lead_of_the_agency_sees_the_form_and_records_progress(client, police_lead, action):
    client.force_login(police_lead)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Update progress" in page

    response = update(client, action, status="green", progress_note="Policy signed off.")

    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.progress_note) == (Status.GREEN, "Policy signed off.")
    record = action.history.latest()
    assert (record.history_user, record.history_change_reason) == (
        police_lead,
        "Policy signed off.",
    )
    follow = client.get(response["Location"]).content.decode()
    assert "Your progress update has been saved." in follow


def test_a_lead_of_another_agency_gets_no_form_and_a_forged_post_changes_nothing(
    client, council_lead, action
):
    client.force_login(council_lead)
    assert "Update progress" not in client.get(action.get_absolute_url()).content.decode()
    before = (action.history.count(), action.status, action.progress_note)

    response = update(client, action, status="blue", evidence="Forged", progress_note="Forged")

    assert response.status_code == 403
    action.refresh_from_db()
    assert (action.history.count(), action.status, action.progress_note) == before


def test_committee_members_get_no_form_and_cannot_post(committee_client, action):
    assert "Update progress" not in committee_client.get(action.get_absolute_url()).content.decode()
    assert update(committee_client, action, status="green").status_code == 403
    action.refresh_from_db()
    assert action.status == Status.AMBER


def test_a_manager_can_record_progress(manager_client, action):
    assert update(manager_client, action, status="red", progress_note="Stalled").status_code == 302
    action.refresh_from_db()
    assert action.status == Status.RED


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"progress_note": ""}, "Enter a progress note."),
        ({"status": "blue"}, "Record the evidence of embedding"),
        ({"target_date": "2030-09-30"}, "Give the reason for changing the target date."),
        ({"target_date": "31/09/2030"}, "“31/09/2030” is not a real date."),
        ({"status": "purple"}, "Select a valid choice"),
    ],
)
def test_the_rules_apply_with_clear_messages(client, police_lead, action, fields, message):
    client.force_login(police_lead)
    before = action.history.count()

    response = update(client, action, **fields)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "<title>Error:" in page
    action.refresh_from_db()
    assert action.status == Status.AMBER
    assert action.history.count() == before


def test_a_revised_target_date_keeps_the_original_and_the_reason(client, police_lead, action):
    client.force_login(police_lead)

    update(client, action, target_date="2030-09-30", target_date_change_reason="Provider withdrew")

    action.refresh_from_db()
    assert action.target_date == datetime.date(2030, 9, 30)
    assert action.original_target_date == datetime.date(2030, 3, 31)
    assert action.target_date_change_reason == "Provider withdrew"


def test_an_update_over_a_newer_change_is_refused_and_shows_it(
    client, police_lead, manager, action
):
    client.force_login(police_lead)
    opened = services.version_of(action)
    services.action_set_status(
        action=Action.objects.get(pk=action.pk), status=Status.RED, note="Lead officer left",
        user=manager,
    )  # fmt: skip

    response = update(client, action, version=opened, status="green", progress_note="Done")

    assert response.status_code == 409
    page = response.content.decode()
    assert "Your update has not been saved: someone else changed this action" in page
    assert "Lead officer left" in page
    assert "lscp-manager" in page
    action.refresh_from_db()
    assert (action.status, action.history.latest().history_change_reason) == (
        Status.RED, "Lead officer left",
    )  # fmt: skip
    # What they typed is kept, against the action as it is now: saving again goes through.
    retry = response.context["form"]
    assert retry.data["progress_note"] == "Done"
    again = update(
        client, action, **{k: retry.data[k] for k in retry.data if k != "csrfmiddlewaretoken"}
    )
    assert again.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.GREEN


def test_the_admin_refuses_a_save_over_a_newer_change(manager_client, manager, action):
    from tests.reviews.test_admin import change_form_data

    url = reverse("admin:reviews_action_change", args=[action.pk])
    opened = services.version_of(action)
    services.action_set_status(action=Action.objects.get(pk=action.pk), status=Status.RED,
                               note="Changed elsewhere", user=manager)  # fmt: skip

    response = manager_client.post(
        url,
        change_form_data(action, status="green", change_note="Mine", version=opened),
    )

    assert response.status_code == 200
    assert "Nothing was saved: this action was changed after you opened this page" in (
        response.content.decode()
    )
    action.refresh_from_db()
    assert action.status == Status.RED


def test_the_form_says_when_each_conditional_field_is_needed(client, police_lead, action):
    client.force_login(police_lead)
    page = client.get(action.get_absolute_url()).content.decode()
    assert "Evidence (needed for blue)" in page
    assert "Reason for changing the target date (needed if you change the target date)" in page
    assert "(optional)" not in page


def test_a_repeated_old_reason_asks_for_a_new_one(client, police_lead, action, manager):
    services.action_update(
        action=action,
        user=manager,
        target_date=datetime.date(2030, 6, 30),
        target_date_change_reason="Waiting for the audit.",
        note="Moved",
    )
    action.refresh_from_db()
    client.force_login(police_lead)
    response = update(
        client,
        action,
        target_date="2030-09-30",
        target_date_change_reason="Waiting for the audit.",
    )
    assert response.status_code == 400
    assert "Give a new reason for changing the target date" in response.content.decode()
    action.refresh_from_db()
    assert action.target_date == datetime.date(2030, 6, 30)


def test_a_lead_of_another_agency_is_refused_on_a_page_that_fits(client, council_lead, action):
    client.force_login(council_lead)
    response = update(client, action, status="green")
    page = response.content.decode()
    assert response.status_code == 403
    assert "You cannot update this action" in page
    assert f"led by {action.lead_agency.name}" in page
    assert "nothing has been saved" in page
    assert f'href="{action.get_absolute_url()}"' in page
    assert "Committee members and" not in page
    action.refresh_from_db()
    assert action.status != Status.GREEN


def test_the_progress_address_opened_directly_links_to_the_form(client, police_lead, action):
    client.force_login(police_lead)
    response = client.get(reverse("reviews:action-progress", args=[action.pk]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "Update progress on the action’s page" in page
    assert f'href="{action.get_absolute_url()}#progress"' in page
    assert client.get(reverse("reviews:action-progress", args=[999999])).status_code == 404


def test_a_long_progress_note_is_kept_whole_in_the_history(client, police_lead, action):
    """The note is the history's reason for the change, which once held 100 characters only
    (PostgreSQL refused a longer one with a server error)."""
    note = "Briefings delivered to all five localities; " * 60
    client.force_login(police_lead)
    response = update(client, action, progress_note=note)
    assert response.status_code == 302
    latest = action.history.order_by("-history_date").first()
    assert latest.history_change_reason == note.strip()
