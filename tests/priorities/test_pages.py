"""The delivery plan's pages: who may read them, what they say, a bad day, a past day."""

import datetime

import pytest
from django.test import Client

from priorities import services
from reviews import services as review_services
from reviews.models import Status
from tests.factories import ReviewFactory, UserFactory

from .helpers import days_ago, make_action, make_plan, make_priority, today

pytestmark = pytest.mark.django_db

LIST = "/priorities/"


@pytest.fixture
def priority():
    plan = make_plan("2024–2026 delivery plan", at=days_ago(30))
    review = ReviewFactory(name="Frankie", slug="frankie")
    late = make_action(
        review, Status.AMBER, target_date=today() - datetime.timedelta(days=3), at=days_ago(30)
    )
    done = make_action(review, Status.BLUE, at=days_ago(30))
    return make_priority(
        plan,
        1,
        "Information reaches those who need it",
        actions=[late, done],
        progress_note="Briefings under way",
        progress_noted_on=today() - datetime.timedelta(days=30),
        at=days_ago(30),
    )


def signed_in(group):
    client = Client()
    client.force_login(UserFactory(username=f"someone-{group}", group=group))
    return client


@pytest.mark.parametrize(
    "group",
    [
        review_services.COMMITTEE_MEMBERS,
        review_services.SAFEGUARDING_MANAGERS,
        review_services.AGENCY_LEADS,
        review_services.INDEPENDENT_SCRUTINEERS,
    ],
)
def test_it_shows_both_pages_to_everyone_who_reads_the_plans(priority, group):
    client = signed_in(group)
    assert client.get(LIST).status_code == 200
    assert client.get(priority.get_absolute_url()).status_code == 200


def test_it_refuses_an_outsider(client, outsider, priority):
    client.force_login(outsider)
    assert client.get(LIST).status_code == 403
    assert client.get(priority.get_absolute_url()).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(client, priority):
    for url in (LIST, priority.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_it_refuses_a_post(committee_client, priority):
    assert committee_client.post(LIST).status_code == 405
    assert committee_client.post(priority.get_absolute_url()).status_code == 405


def test_the_list_shows_each_priority_with_its_roll_up(committee_client, priority):
    page = committee_client.get(LIST).content.decode()
    assert "Current plan: 2024–2026 delivery plan" in page
    assert "Information reaches those who need it" in page
    assert "2 actions: 1 blue, 1 amber (1 overdue)" in page
    assert "Needs attention: 1 overdue action" in page
    assert f'href="{priority.get_absolute_url()}"' in page


def test_the_detail_shows_what_it_links_and_its_notes(committee_client, priority):
    page = committee_client.get(priority.get_absolute_url()).content.decode()
    assert '<h1 class="govuk-heading-xl">Information reaches those who need it</h1>' in page
    assert "Blue – embedded" in page and "Amber – started, not yet complete" in page
    assert "Overdue" in page
    assert 'href="/reviews/frankie/"' in page
    assert "Briefings under way" in page
    assert "No indicators linked yet." in page


def test_nothing_linked_is_never_shown_as_a_success(committee_client):
    empty = make_priority(make_plan(), 1, "Working with resistance")
    page = committee_client.get(LIST).content.decode()
    assert "Nothing linked yet" in page
    detail = committee_client.get(empty.get_absolute_url()).content.decode()
    assert "Nothing linked yet" in detail


@pytest.mark.parametrize("day", ["not-a-date", "2999-01-01", "31/02/2024"])
def test_a_bad_day_is_a_400_with_a_message(committee_client, priority, day):
    for url in (LIST, priority.get_absolute_url()):
        response = committee_client.get(url, {"as_at": day})
        assert response.status_code == 400
        assert "There is a problem with the date" in response.content.decode()


def test_a_past_day_shows_the_priority_as_it_stood(committee_client, priority):
    priority.title = "Renamed since"
    priority.progress_note = "Briefings done"
    priority.progress_noted_on = today()
    services.priority_save(priority, actions=[], note="Quarterly update")
    past = f"{today() - datetime.timedelta(days=10):%Y-%m-%d}"

    page = committee_client.get(LIST, {"as_at": past}).content.decode()
    assert "Information reaches those who need it" in page and "Renamed since" not in page
    # Its target date had not passed then: not yet overdue.
    assert "2 actions: 1 blue, 1 amber;" in page or "2 actions: 1 blue, 1 amber<" in page
    assert "(1 overdue)" not in page
    detail = committee_client.get(priority.get_absolute_url(), {"as_at": past}).content.decode()
    assert "Briefings under way" in detail and "Briefings done" not in detail
    now = committee_client.get(priority.get_absolute_url()).content.decode()
    assert "Nothing linked yet" in now and "Briefings done" in now


def test_a_priority_not_yet_made_on_the_day_is_a_404(committee_client, priority):
    past = f"{today() - datetime.timedelta(days=60):%Y-%m-%d}"
    assert committee_client.get(priority.get_absolute_url(), {"as_at": past}).status_code == 404
    assert committee_client.get("/priorities/no-such-priority/").status_code == 404


def test_the_dashboard_has_a_line_per_priority(committee_client, priority):
    page = committee_client.get("/").content.decode()
    assert "Delivery plan: 2024–2026 delivery plan" in page
    assert "Information reaches those who need it</a>: 2 actions: 1 blue, 1 amber" in page


def test_the_header_links_to_the_priorities(committee_client, client, outsider):
    assert 'href="/priorities/"' in committee_client.get("/").content.decode()
    client.force_login(outsider)
    assert 'href="/priorities/"' not in client.get("/accessibility/").content.decode()
