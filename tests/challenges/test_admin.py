"""Managers keep the challenge log in the admin too: each change with its note in the history,
the model's rules as errors on the page, and no deleting."""

import pytest
from django.urls import reverse

from challenges.models import Challenge

from .helpers import make_challenge, scrutineer

pytestmark = pytest.mark.django_db


def form(**fields):
    return {
        "raised_on": "6 January 2025",
        "question": "How are referrals from schools followed up?",
        "agency": "",
        "group": "The partnership's executive",
        "response": "",
        "responded_on": "",
        "status": "open",
        "closing_note": "",
        "closed_on": "",
        "change_note": "",
    } | fields


def test_a_manager_adds_a_challenge_with_its_note(manager_client, manager):
    response = manager_client.post(
        reverse("admin:challenges_challenge_add"), form(change_note="Put at the executive")
    )
    assert response.status_code == 302
    challenge = Challenge.objects.get()
    assert challenge.raised_by == manager and challenge.group == "The partnership's executive"
    record = challenge.history.get()
    assert (record.history_user, record.history_change_reason) == (manager, "Put at the executive")


def test_a_change_is_one_history_record_with_the_note(manager_client, manager):
    challenge = make_challenge(group="The executive")
    url = reverse("admin:challenges_challenge_change", args=[challenge.pk])
    answers = form(
        group="The executive",
        response="Reported to the board.",
        responded_on="3/2/2025",
        change_note="Answer from the board's minutes",
    )
    assert manager_client.post(url, answers).status_code == 302
    challenge.refresh_from_db()
    assert challenge.response == "Reported to the board." and challenge.history.count() == 2
    record = challenge.history.latest()
    assert record.history_change_reason == "Answer from the board's minutes"
    assert record.history_user == manager


def test_the_model_s_rules_are_errors_on_the_page_and_nothing_is_written(manager_client):
    challenge = make_challenge(group="The executive")
    url = reverse("admin:challenges_challenge_change", args=[challenge.pk])
    response = manager_client.post(url, form(group="The executive", status="closed"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say why the challenge is closed." in page and "app-error-summary" in page
    challenge.refresh_from_db()
    assert challenge.status == "open" and challenge.history.count() == 1


def test_no_one_deletes_a_challenge(manager_client):
    challenge = make_challenge(group="The executive")
    url = reverse("admin:challenges_challenge_delete", args=[challenge.pk])
    assert manager_client.post(url, {"post": "yes"}).status_code == 403
    assert Challenge.objects.filter(pk=challenge.pk).exists()


def test_the_scrutineer_has_no_admin(client):
    client.force_login(scrutineer())
    response = client.get(reverse("admin:challenges_challenge_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
