import datetime

import pytest
from django.urls import reverse

from reviews.models import Action, Status
from tests.factories import ActionFactory, AgencyFactory, ReviewFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def change_form_data(action, **overrides):
    data = {
        "review": action.review_id,
        "reference": action.reference,
        "recommendation": action.recommendation,
        "description": action.description,
        "themes": [t.pk for t in action.themes.all()],
        "lead_agency": action.lead_agency_id,
        "lead_officer_role": action.lead_officer_role,
        "supporting_agencies": [],
        "status": action.status,
        "change_note": "",
        "progress_note": action.progress_note,
        "evidence": action.evidence,
        "completed_on": "",
        "embedded_on": "",
        "target_date": action.target_date.isoformat() if action.target_date else "",
        "target_date_change_reason": action.target_date_change_reason,
    }
    return data | overrides


def test_manager_changes_status_with_a_note_and_history_records_it(manager_client, manager):
    action = ActionFactory()
    url = reverse("admin:reviews_action_change", args=[action.pk])

    response = manager_client.post(
        url, change_form_data(action, status="green", change_note="Policy signed off")
    )

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.GREEN
    assert action.completed_on is not None
    record = action.history.latest()
    assert record.history_user == manager
    assert record.history_change_reason == "Policy signed off"

    history = manager_client.get(reverse("admin:reviews_action_history", args=[action.pk]))
    assert history.status_code == 200
    assert "Policy signed off" in history.content.decode()


def test_admin_refuses_a_status_change_without_a_note(manager_client):
    action = ActionFactory()
    url = reverse("admin:reviews_action_change", args=[action.pk])
    records = action.history.count()

    response = manager_client.post(url, change_form_data(action, status="green"))

    assert response.status_code == 200
    assert "Add a note saying why the status changed from Amber to Green." in (
        response.content.decode()
    )
    action.refresh_from_db()
    assert action.status == Status.AMBER
    assert action.history.count() == records


def test_admin_refuses_blue_without_evidence(manager_client):
    action = ActionFactory()
    url = reverse("admin:reviews_action_change", args=[action.pk])

    response = manager_client.post(
        url, change_form_data(action, status="blue", change_note="Embedded")
    )

    assert response.status_code == 200
    assert "evidence of embedding" in response.content.decode()
    action.refresh_from_db()
    assert action.status == Status.AMBER


def test_admin_refuses_a_target_date_change_without_a_reason(manager_client):
    action = ActionFactory(target_date=datetime.date(2030, 3, 31))
    url = reverse("admin:reviews_action_change", args=[action.pk])

    response = manager_client.post(url, change_form_data(action, target_date="2030-09-30"))

    assert "Give the reason for changing the target date." in response.content.decode()
    action.refresh_from_db()
    assert action.target_date == datetime.date(2030, 3, 31)


def test_manager_adds_an_action_and_the_original_date_is_kept(manager_client):
    review, agency, theme = ReviewFactory(), AgencyFactory(), ThemeFactory()

    response = manager_client.post(
        reverse("admin:reviews_action_add"),
        {
            "review": review.pk,
            "reference": "N1",
            "recommendation": "Share information promptly.",
            "description": "Publish a one-page guide to information sharing.",
            "themes": [theme.pk],
            "lead_agency": agency.pk,
            "lead_officer_role": "LSCP Business Manager",
            "status": "red",
            "target_date": "2030-01-31",
        },
    )

    assert response.status_code == 302
    action = Action.objects.get(reference="N1")
    assert action.original_target_date == datetime.date(2030, 1, 31)
    assert action.history.get().history_change_reason == "Action added"


def test_actions_list_filters_and_shows_status_in_words(manager_client):
    theme = ThemeFactory(name="Professional curiosity")
    police = AgencyFactory(name="Police")
    red = ActionFactory(status="red", description="Red one", lead_agency=police, themes=[theme])
    ActionFactory(status="green", description="Green one", completed_on=datetime.date(2025, 1, 1))
    overdue = ActionFactory(description="Late one", target_date=datetime.date(2020, 1, 1))
    url = reverse("admin:reviews_action_changelist")

    def shown(**query):
        response = manager_client.get(url, query)
        assert response.status_code == 200
        return {action.description for action in response.context["cl"].result_list}

    page = manager_client.get(url, {"status__exact": "red"}).content.decode()
    assert "Red – not started or off track" in page
    assert shown(status__exact="red") == {"Red one"}
    assert shown(overdue="yes") == {"Late one"}
    assert "Late one" not in shown(overdue="no")
    assert shown(review__id__exact=red.review_id) == {"Red one"}
    assert shown(lead_agency__id__exact=police.pk) == {"Red one"}
    assert shown(themes__id__exact=theme.pk) == {"Red one"}
    assert shown(q="Late") == {"Late one"}
    assert overdue.pk


def test_bulk_set_status_asks_for_a_note_then_applies_it(manager_client, manager):
    actions = [ActionFactory(), ActionFactory()]
    url = reverse("admin:reviews_action_changelist")
    selected = [a.pk for a in actions]

    ask = manager_client.post(url, {"action": "set_status", "_selected_action": selected})
    assert ask.status_code == 200
    assert "Note for this change" in ask.content.decode()

    missing_note = manager_client.post(
        url,
        {"action": "set_status", "_selected_action": selected, "apply": "1", "status": "green"},
    )
    assert "Add a note saying why the status changed." in missing_note.content.decode()
    assert set(Action.objects.values_list("status", flat=True)) == {"amber"}

    done = manager_client.post(
        url,
        {
            "action": "set_status",
            "_selected_action": selected,
            "apply": "1",
            "status": "green",
            "note": "Signed off at the partnership executive",
        },
    )
    assert done.status_code == 302
    for action in actions:
        record = action.history.latest()
        assert record.status == "green"
        assert record.history_user == manager
        assert record.history_change_reason == "Signed off at the partnership executive"


def test_bulk_blue_without_evidence_changes_nothing(manager_client):
    actions = [ActionFactory(evidence="Audit"), ActionFactory(evidence="")]

    response = manager_client.post(
        reverse("admin:reviews_action_changelist"),
        {
            "action": "set_status",
            "_selected_action": [a.pk for a in actions],
            "apply": "1",
            "status": "blue",
            "note": "Embedded",
        },
    )

    assert "Nothing was changed" in response.content.decode()
    assert set(Action.objects.values_list("status", flat=True)) == {"amber"}


def test_review_page_shows_actions_inline_and_adds_new_ones(manager_client):
    action = ActionFactory(description="Existing action text")
    review = action.review
    url = reverse("admin:reviews_review_change", args=[review.pk])
    assert "Existing action text" in manager_client.get(url).content.decode()

    theme = ThemeFactory()
    data = review_change_data(review, **new_action_fields(themes=[theme.pk])) | {
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "1",
        "actions-0-id": action.pk,
        "actions-0-review": review.pk,
    }
    response = manager_client.post(url, data)

    assert response.status_code == 302, response.context and response.context.get("errors")
    new = review.actions.get(reference="NEW1")
    assert list(new.themes.all()) == [theme]
    assert new.history.get().history_change_reason == "Action added"


def test_committee_member_cannot_reach_the_admin(committee_client):
    action = ActionFactory()
    for url in [
        reverse("admin:index"),
        reverse("admin:reviews_action_changelist"),
        reverse("admin:reviews_action_change", args=[action.pk]),
    ]:
        response = committee_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))

    response = committee_client.post(
        reverse("admin:reviews_action_change", args=[action.pk]),
        change_form_data(action, status="green", change_note="Forged"),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Status.AMBER


def review_change_data(review, **new_action):
    data = {
        "name": review.name,
        "slug": review.slug,
        "kind": review.kind,
        "summary": "",
        "stage": review.stage,
        "started_on": review.started_on.isoformat(),
        "learning_published_on": review.learning_published_on.isoformat(),
        "ratified_on": review.ratified_on.isoformat() if review.ratified_on else "",
        "closed_on": "",
        "change_note": "",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
        "actions-2-TOTAL_FORMS": "1",
        "actions-2-INITIAL_FORMS": "0",
    }
    return data | {f"actions-2-0-{key}": value for key, value in new_action.items()}


def new_action_fields(**overrides):
    return {
        "reference": "NEW1",
        "recommendation": "Improve escalation.",
        "description": "Brief all DSLs on escalation.",
        "lead_agency": AgencyFactory().pk,
        "lead_officer_role": "Head of Inclusion",
        "status": "red",
        "target_date": "2030-06-30",
        "evidence": "",
        "themes": [ThemeFactory().pk],
    } | overrides


def test_adding_an_action_with_a_reference_already_used_says_so(manager_client):
    action = ActionFactory(reference="L1")
    review = action.review
    url = reverse("admin:reviews_review_change", args=[review.pk])

    response = manager_client.post(
        url, review_change_data(review, **new_action_fields(reference="L1"))
    )

    assert response.status_code == 200
    assert f"{review} already has an action L1." in response.content.decode()
    assert review.actions.count() == 1


def test_adding_a_blue_action_inline_needs_evidence(manager_client):
    review = ReviewFactory()
    url = reverse("admin:reviews_review_change", args=[review.pk])

    response = manager_client.post(
        url, review_change_data(review, **new_action_fields(status="blue"))
    )

    assert response.status_code == 200
    assert "evidence of embedding" in response.content.decode()
    assert not review.actions.exists()


def test_a_stage_change_in_the_admin_is_recorded_with_a_note(manager_client, manager):
    review = ReviewFactory(stage="learning_published", ratified_on=None)
    data = review_change_data(review) | {
        "stage": "ratified",
        "ratified_on": "2025-01-15",
        "actions-2-TOTAL_FORMS": "0",
    }

    response = manager_client.post(reverse("admin:reviews_review_change", args=[review.pk]), data)

    assert response.status_code == 302
    record = review.history.latest()
    assert (record.stage, record.history_user) == ("ratified", manager)
    assert record.history_change_reason == "Stage changed to ratified"


def test_the_history_cannot_be_restored_through_the_admin(manager_client):
    action = ActionFactory(description="Original text")
    record = action.history.latest()
    url = reverse("admin:reviews_action_simple_history", args=[action.pk, record.history_id])
    assert manager_client.get(url).status_code == 200

    response = manager_client.post(
        url, change_form_data(action, description="Changed via history", change_note="x")
    )

    assert response.status_code == 403
    action.refresh_from_db()
    assert action.description == "Original text"


def test_staff_who_can_only_view_cannot_bulk_change(client):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    viewer = UserFactory(username="viewer", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_action"))
    client.force_login(viewer)
    action = ActionFactory()

    response = client.post(
        reverse("admin:reviews_action_changelist"),
        {
            "action": "set_status",
            "_selected_action": [action.pk],
            "apply": "1",
            "status": "green",
            "note": "Not allowed",
        },
    )

    assert response.status_code in (200, 302, 403)
    action.refresh_from_db()
    assert action.status == Status.AMBER


def test_a_theme_change_in_the_admin_is_in_the_history(manager_client, manager):
    action = ActionFactory()
    new_theme = ThemeFactory(name="Working with resistance")
    url = reverse("admin:reviews_action_change", args=[action.pk])
    records = action.history.count()

    response = manager_client.post(
        url, change_form_data(action, themes=[new_theme.pk], change_note="Retagged")
    )

    assert response.status_code == 302
    assert action.history.count() == records + 1
    latest = action.history.latest()
    assert latest.history_change_reason == "Retagged"
    assert [link.theme for link in latest.themes.all()] == [new_theme]
