"""The challenge log in Chromium, on the demo: the independent scrutineer puts a challenge to the
police and sees it open in the log; the police lead records the response; the scrutineer closes
it with a note. Each page that follows is read, and the database checked."""

import datetime

from tests.conftest import DEMO_PASSWORD

from .conftest import sign_in

QUESTION = "How many strategy meetings held in the last quarter included the child's school?"
RESPONSE = "Of 48 strategy meetings, 41 included the school; the seven others are being reviewed."
CLOSING = "Satisfied: the police will report the figure to the committee each quarter."


def the_scrutineer():
    """The demo's independent scrutineer (made here if the demo has none)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from reviews import services

    user, _ = get_user_model().objects.get_or_create(username="scrutineer")
    user.set_password(DEMO_PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=services.INDEPENDENT_SCRUTINEERS))
    return user


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_the_scrutineer_puts_a_challenge_the_lead_answers_and_the_scrutineer_closes_it(page, demo):
    from challenges.models import Challenge
    from reviews.models import Agency

    scrutineer = the_scrutineer()
    police = Agency.objects.get(slug="police")
    before = set(Challenge.objects.values_list("pk", flat=True))
    raised = datetime.date.today() - datetime.timedelta(days=14)

    # The scrutineer opens the log and puts a challenge to the police.
    sign_in(page, demo, "scrutineer")
    page.get_by_role("link", name="Challenges", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Challenge log"
    assert (
        page.get_by_role("link", name="Challenges", exact=True).get_attribute("aria-current")
        == "page"
    )
    assert page.get_by_role("link", name="Manage").count() == 0  # no admin for the scrutineer
    page.get_by_role("link", name="Put a challenge").click()
    page.wait_for_load_state()
    # First without a question: the error summary, and what was typed is kept.
    page.fill("#id_raised_on", f"{raised:%-d %B %Y}")
    page.select_option("#id_agency", label=police.name)
    page.get_by_role("button", name="Put the challenge").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert "Enter the question put." in page.locator(".govuk-error-summary").inner_text()
    assert page.input_value("#id_raised_on") == f"{raised:%-d %B %Y}"
    assert Challenge.objects.count() == len(before)
    page.fill("#id_question", QUESTION)
    page.get_by_role("button", name="Put the challenge").click()
    page.wait_for_load_state()

    challenge = Challenge.objects.exclude(pk__in=before).get()
    assert page.url == f"{demo.url}/challenges/{challenge.pk}/"
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert f"Your challenge to {police.name} has been recorded." in banner
    assert "Open – waiting for a response" in page.locator("main").inner_text()
    assert "Waiting 14 days" in page.locator("main").inner_text()
    assert (challenge.agency, challenge.raised_on, challenge.status) == (police, raised, "open")
    assert challenge.raised_by == scrutineer
    assert page.get_by_role("heading", name="Record the response").count() == 0

    # In the log, open and waiting.
    page.get_by_role("link", name="Challenge log").click()
    page.wait_for_load_state()
    row = page.locator("table tbody tr", has_text=QUESTION[:40])
    assert row.count() == 1
    assert "Waiting 14 days" in row.inner_text()
    assert "Open – waiting for a response" in row.inner_text()
    assert police.name in row.inner_text()
    sign_out(page)

    # The police lead records the response.
    sign_in(page, demo, "police-lead")
    page.goto(f"{demo.url}/challenges/")
    page.locator("table tbody tr", has_text=QUESTION[:40]).get_by_role("link").click()
    page.wait_for_load_state()
    page.fill("#respond-response", RESPONSE)
    page.fill("#respond-responded_on", f"{raised + datetime.timedelta(days=9):%d/%m/%Y}")
    page.get_by_role("button", name="Save the response").click()
    page.wait_for_load_state()
    assert page.url == f"{demo.url}/challenges/{challenge.pk}/"
    main = page.locator("main").inner_text()
    assert (
        "The response has been recorded." in page.locator(".govuk-notification-banner").inner_text()
    )
    assert "Open – answered" in main and "Answered after 9 days" in main and RESPONSE in main
    assert page.get_by_role("heading", name="Close the challenge").count() == 0
    challenge.refresh_from_db()
    assert (challenge.response, challenge.responded_on) == (
        RESPONSE,
        raised + datetime.timedelta(days=9),
    )
    assert challenge.history.latest().history_user.username == "police-lead"
    sign_out(page)

    # The scrutineer closes it with a note.
    sign_in(page, demo, "scrutineer")
    page.goto(f"{demo.url}/challenges/{challenge.pk}/")
    page.fill("#close-closing_note", CLOSING)
    page.fill("#close-closed_on", f"{datetime.date.today():%Y-%m-%d}")
    page.get_by_role("button", name="Close the challenge").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert (
        "The challenge has been closed." in page.locator(".govuk-notification-banner").inner_text()
    )
    assert "Closed" in main and CLOSING in main
    assert page.get_by_role("heading", name="Reopen the challenge").is_visible()
    history = page.locator(".app-history").inner_text()
    assert f"Challenge closed: {CLOSING}" in history
    assert "Response recorded" in history and "Challenge put" in history
    challenge.refresh_from_db()
    assert (challenge.status, challenge.closing_note, challenge.closed_on) == (
        "closed",
        CLOSING,
        datetime.date.today(),
    )
    assert [r.history_change_reason for r in challenge.history.order_by("history_id")] == [
        "Challenge put",
        "Response recorded",
        f"Challenge closed: {CLOSING}",
    ]

    # In the log, after the open ones, closed with its note.
    page.goto(f"{demo.url}/challenges/?status=closed")
    row = page.locator("table tbody tr", has_text=QUESTION[:40])
    assert "Closed" in row.inner_text() and CLOSING in row.inner_text()
    assert "Answered after 9 days" in row.inner_text()
