"""The challenge log's pages and forms: the log as at any day, who may do what on the site
(the scrutineer puts and closes, a lead of the agency asked or a manager answers, everyone else
is refused with nothing written), what bad input and a stale save get, and the history."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from as_at.history import end_of_day
from challenges import selectors, services
from challenges.models import Challenge, ChallengeStatus
from reviews import services as roles
from tests.factories import AgencyFactory, UserFactory

from .helpers import lead_of, make_challenge, scrutineer

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LIST = reverse("challenges:challenge-list")
ADD = reverse("challenges:challenge-add")


def days_ago(n):
    return TODAY - datetime.timedelta(days=n)


def moment(n):
    """Midday `n` days ago, for a history record made then."""
    return end_of_day(days_ago(n)) - datetime.timedelta(hours=12)


@pytest.fixture
def police():
    return AgencyFactory(slug="police", name="Police")


@pytest.fixture
def council():
    return AgencyFactory(slug="council", name="Council")


@pytest.fixture
def people(police, council):
    return {
        "scrutineer": scrutineer(),
        "police lead": lead_of(police, "police-lead"),
        "council lead": lead_of(council, "council-lead"),
        "committee": UserFactory(username="councillor", group=roles.COMMITTEE_MEMBERS),
        "manager": UserFactory(
            username="lscp-manager", group=roles.SAFEGUARDING_MANAGERS, is_staff=True
        ),
        "outsider": UserFactory(username="outsider"),
    }


def as_(client, people, who):
    client.force_login(people[who])
    return client


def questions(response):
    """The log's rows, in order: (question, waited, status) as the page says them."""
    html = response.content.decode()
    body = html.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr.*?</tr>", body, flags=re.S):
        cells = re.findall(r"<t[dh].*?</t[dh]>", row, flags=re.S)
        cells = [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]
        rows.append((cells[1], cells[4], cells[3]))
    return rows


@pytest.fixture
def log(police, council, people):
    """Four challenges: closed, answered and open, long waiting, recently waiting."""
    user = people["scrutineer"]

    def put(days, question, **asked):
        return make_challenge(
            raised_on=days_ago(days), question=question, user=user, at=moment(days), **asked
        )

    closed = put(200, "Closed one?", agency=council)
    closed.response, closed.responded_on = "Yes.", days_ago(190)
    services.challenge_save(closed, user=user, note="Response recorded", at=moment(190))
    closed.status, closed.closing_note, closed.closed_on = "closed", "Satisfied.", days_ago(180)
    services.challenge_save(closed, user=user, note="Challenge closed", at=moment(180))
    answered = put(150, "Answered one?", agency=police)
    answered.response, answered.responded_on = "We audit it.", days_ago(138)
    services.challenge_save(answered, user=user, note="Response recorded", at=moment(138))
    long = put(132, "Long waiting?", group="The partnership's executive")
    recent = put(10, "Recent?", agency=police)
    return {"closed": closed, "answered": answered, "long": long, "recent": recent}


# The log --------------------------------------------------------------------------------------


def test_it_lists_open_first_longest_waiting_first_then_closed(client, people, log):
    response = as_(client, people, "committee").get(LIST)
    assert response.status_code == 200
    assert questions(response) == [
        ("Long waiting?", "Waiting 132 days", "Open – waiting for a response"),
        ("Recent?", "Waiting 10 days", "Open – waiting for a response"),
        ("Answered one?", "Answered after 12 days", "Open – answered"),
        ("Closed one?", "Answered after 10 days", "Closed"),
    ]
    html = response.content.decode()
    assert "The partnership&#x27;s executive" in html and "Satisfied." in html
    assert "Put a challenge" not in html  # not for the committee


def test_it_shows_the_log_as_recorded_at_the_end_of_a_past_day(client, people, log):
    client = as_(client, people, "committee")
    # 145 days ago: the answered one still waited, the closed one was closed; no others yet.
    response = client.get(LIST, {"as_at": f"{days_ago(145):%Y-%m-%d}"})
    assert response.status_code == 200
    assert questions(response) == [
        ("Answered one?", "Waiting 5 days", "Open – waiting for a response"),
        ("Closed one?", "Answered after 10 days", "Closed"),
    ]
    # 185 days ago the first was answered but not yet closed.
    response = client.get(LIST, {"as_at": f"{days_ago(185):%Y-%m-%d}"})
    assert questions(response) == [("Closed one?", "Answered after 10 days", "Open – answered")]
    response = client.get(LIST, {"as_at": f"{days_ago(300):%Y-%m-%d}"})
    assert "No challenges had been recorded by" in response.content.decode()


def test_open_challenges_for_the_report_are_those_open_at_the_day(log):
    assert [row.question for row in selectors.open_challenges(TODAY)] == [
        "Long waiting?",
        "Recent?",
        "Answered one?",
    ]
    assert [row.question for row in selectors.open_challenges(days_ago(185))] == ["Closed one?"]


def test_it_filters_by_status_and_agency(client, people, log):
    client = as_(client, people, "committee")
    closed = client.get(LIST, {"status": "closed"})
    assert [q for q, _, _ in questions(closed)] == ["Closed one?"]
    police = client.get(LIST, {"status": "open", "agency": "police"})
    assert [q for q, _, _ in questions(police)] == ["Recent?", "Answered one?"]


def test_bad_filters_and_dates_get_a_message_and_a_400(client, people, log):
    client = as_(client, people, "committee")
    for query, words in [
        ({"status": "maybe"}, "Choose open or closed."),
        ({"agency": "no-such-agency"}, "Choose an agency from the list."),
        ({"as_at": "31/02/2025"}, "There is a problem with the date"),
        ({"as_at": f"{TODAY + datetime.timedelta(days=3):%Y-%m-%d}"}, "There is a problem"),
    ]:
        response = client.get(LIST, query)
        assert response.status_code == 400, query
        assert words in response.content.decode()
        assert "<title>Error:" in response.content.decode()


# Who may do what ------------------------------------------------------------------------------


def put(client, **changes):
    answers = {
        "raised_on": f"{days_ago(2):%d/%m/%Y}",
        "question": "How many strategy meetings include the school?",
        "agency": "",
        "group": "",
    }
    return client.post(ADD, answers | changes)


def test_the_scrutineer_puts_a_challenge_to_the_police(client, people, police):
    client = as_(client, people, "scrutineer")
    assert client.get(LIST).content.decode().count("Put a challenge") == 1
    assert client.get(ADD).status_code == 200
    response = put(client, agency=police.pk)
    challenge = Challenge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("challenges:challenge-detail", args=[challenge.pk])
    assert (challenge.agency, challenge.raised_on, challenge.status) == (
        police,
        days_ago(2),
        ChallengeStatus.OPEN,
    )
    assert challenge.raised_by == people["scrutineer"]
    record = challenge.history.get()
    assert (record.history_user, record.history_change_reason) == (
        people["scrutineer"],
        "Challenge put",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Your challenge to Police has been recorded." in page
    assert "Close the challenge" in page and "Record the response" not in page


@pytest.mark.parametrize("who", ["committee", "police lead", "council lead", "outsider"])
def test_others_may_not_put_a_challenge(client, people, police, who):
    client = as_(client, people, who)
    assert client.get(ADD).status_code == 403
    assert put(client, agency=police.pk).status_code == 403
    assert not Challenge.objects.exists()


def test_bad_answers_keep_what_was_typed_and_write_nothing(client, people, police):
    client = as_(client, people, "scrutineer")
    response = put(client, raised_on="31 Febuary 2025", question="Kept as typed?", group="")
    page = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: Put a challenge" in page
    assert "govuk-error-summary" in page
    assert "Kept as typed?" in page and "31 Febuary 2025" in page
    response = put(client, question="Both?", agency=police.pk, group="The executive")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Ask one agency or one group" in page and 'value="The executive"' in page
    assert not Challenge.objects.exists()


def respond(client, challenge, **changes):
    answers = {
        "response": "Every strategy meeting now invites the school.",
        "responded_on": f"{TODAY:%Y-%m-%d}",
        "version": selectors.version_of(challenge),
    }
    return client.post(
        reverse("challenges:challenge-respond", args=[challenge.pk]), answers | changes
    )


@pytest.mark.parametrize("who", ["police lead", "manager"])
def test_the_lead_of_the_agency_asked_or_a_manager_records_the_response(
    client, people, police, who
):
    challenge = make_challenge(agency=police, raised_on=days_ago(30))
    client = as_(client, people, who)
    page = client.get(reverse("challenges:challenge-detail", args=[challenge.pk]))
    assert "Record the response" in page.content.decode()
    response = respond(client, challenge)
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.response == "Every strategy meeting now invites the school."
    assert challenge.responded_on == TODAY
    record = challenge.history.latest()
    assert (record.history_user, record.history_change_reason) == (
        people[who],
        "Response recorded",
    )
    page = client.get(response["Location"]).content.decode()
    assert "The response has been recorded." in page
    assert "Answered after 30 days" in page


@pytest.mark.parametrize("who", ["council lead", "committee", "scrutineer", "outsider"])
def test_others_may_not_record_the_response(client, people, police, who):
    challenge = make_challenge(agency=police)
    client = as_(client, people, who)
    page = client.get(reverse("challenges:challenge-detail", args=[challenge.pk]))
    if who != "outsider":
        assert "Record the response" not in page.content.decode()
    assert respond(client, challenge).status_code == 403
    challenge.refresh_from_db()
    assert challenge.response == "" and challenge.history.count() == 1


def close(client, challenge, **changes):
    answers = {
        "closing_note": "Satisfied: the audit shows schools are invited.",
        "closed_on": f"{TODAY:%Y-%m-%d}",
        "version": selectors.version_of(challenge),
    }
    return client.post(
        reverse("challenges:challenge-close", args=[challenge.pk]), answers | changes
    )


def test_the_scrutineer_closes_and_reopens_a_challenge(client, people, police):
    challenge = make_challenge(agency=police)
    client = as_(client, people, "scrutineer")
    assert close(client, challenge).status_code == 302
    challenge.refresh_from_db()
    assert (challenge.status, challenge.closed_on) == (ChallengeStatus.CLOSED, TODAY)
    assert challenge.history.latest().history_change_reason == (
        "Challenge closed: Satisfied: the audit shows schools are invited."
    )
    page = client.get(reverse("challenges:challenge-detail", args=[challenge.pk])).content
    assert "Reopen the challenge" in page.decode() and "Close the challenge" not in page.decode()

    reopen = reverse("challenges:challenge-reopen", args=[challenge.pk])
    version = selectors.version_of(challenge)
    response = client.post(reopen, {"reason": "The audit was not repeated.", "version": version})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert (challenge.status, challenge.closed_on, challenge.closing_note) == ("open", None, "")
    assert challenge.history.count() == 3
    assert challenge.history.latest().history_user == people["scrutineer"]


@pytest.mark.parametrize("who", ["police lead", "council lead", "committee", "outsider"])
def test_others_may_not_close_or_reopen(client, people, police, who):
    challenge = make_challenge(agency=police)
    client = as_(client, people, who)
    assert close(client, challenge).status_code == 403
    reopen = reverse("challenges:challenge-reopen", args=[challenge.pk])
    assert client.post(reopen, {"reason": "x", "version": "1"}).status_code == 403
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.OPEN and challenge.history.count() == 1


def test_a_close_without_a_note_says_so_and_keeps_the_date(client, people, police):
    challenge = make_challenge(agency=police)
    client = as_(client, people, "scrutineer")
    response = close(client, challenge, closing_note="", closed_on="3 March 2025")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Say why the challenge is closed." in page and "3 March 2025" in page
    assert '<a href="#close-closing_note">' in page
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.OPEN and challenge.history.count() == 1


def test_a_response_before_the_question_is_refused_by_the_model(client, people, police):
    challenge = make_challenge(agency=police, raised_on=days_ago(5))
    client = as_(client, people, "police lead")
    response = respond(client, challenge, responded_on=f"{days_ago(9):%Y-%m-%d}")
    assert response.status_code == 400
    assert "A response comes on or after the day the question was put." in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.response == "" and challenge.history.count() == 1


def test_a_stale_save_is_refused_with_a_409_and_says_what_changed(client, people, police):
    challenge = make_challenge(agency=police)
    opened = selectors.version_of(challenge)
    # The manager answers first, after the lead opened the form.
    challenge.response, challenge.responded_on = "The manager's answer.", TODAY
    services.challenge_save(challenge, user=people["manager"], note="Response recorded")
    client = as_(client, people, "police lead")
    response = respond(client, challenge, version=opened, response="The lead's answer.")
    page = response.content.decode()
    assert response.status_code == 409
    assert "someone else changed this challenge" in page
    assert "lscp-manager: Response recorded" in page
    assert "The lead&#x27;s answer." in page  # what they typed is kept
    challenge.refresh_from_db()
    assert challenge.response == "The manager's answer." and challenge.history.count() == 2
    # Saved again from the page that said so, against the challenge as it is now.
    fresh = re.search(r'name="version" value="(\d+)"', page).group(1)
    again = respond(client, challenge, version=fresh, response="The lead's answer.")
    assert again.status_code == 302
    challenge.refresh_from_db()
    assert challenge.response == "The lead's answer."


def test_the_history_says_who_changed_what_and_why(client, people, police):
    challenge = make_challenge(agency=police, user=people["scrutineer"], raised_on=days_ago(20))
    client = as_(client, people, "police lead")
    respond(client, challenge)
    as_(client, people, "scrutineer")
    close(client, challenge)
    page = client.get(reverse("challenges:challenge-detail", args=[challenge.pk])).content.decode()
    history = page.split('<h2 class="govuk-heading-m">History</h2>', 1)[1]
    assert history.index("Challenge closed: Satisfied") < history.index("Response recorded")
    assert history.index("Response recorded") < history.index("Challenge put to Police")
    assert "Status: Open → Closed" in history
    assert "Response: “Every strategy meeting now invites the school.”" in history
    assert "by police-lead" in history and "by scrutineer" in history


@pytest.mark.parametrize("name", ["challenge-respond", "challenge-close", "challenge-reopen"])
def test_the_change_addresses_take_only_a_post(client, people, police, name):
    challenge = make_challenge(agency=police)
    client = as_(client, people, "manager")
    assert client.get(reverse(f"challenges:{name}", args=[challenge.pk])).status_code == 405


def test_a_missing_challenge_is_a_404(client, people):
    client = as_(client, people, "manager")
    assert client.get(reverse("challenges:challenge-detail", args=[999])).status_code == 404
    assert respond(client, Challenge(pk=999), version="").status_code == 404


def test_an_address_too_large_for_the_database_is_a_404(client, people):
    client = as_(client, people, "manager")
    too_large = 2**64
    assert client.get(f"/challenges/{too_large}/").status_code == 404
    assert client.post(f"/challenges/{too_large}/close/", {"closing_note": "x"}).status_code == 404
