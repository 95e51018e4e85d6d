"""An agency lead's own list: the actions their agencies lead, open and overdue first."""

import datetime

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import Status
from tests.factories import ActionFactory, AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

PAST = datetime.date(2020, 1, 31)
SOON = datetime.date(2099, 1, 31)
LATER = datetime.date(2099, 6, 30)


@pytest.fixture
def lead():
    lead = UserFactory(username="lead", group=services.AGENCY_LEADS)
    for name in ("Police", "Schools and education"):
        AgencyFactory(name=name).leads.add(lead)
    return lead


def test_a_lead_of_two_agencies_sees_both_open_and_overdue_first(client, lead):
    police, schools = lead.lead_agencies.order_by("name")
    done = ActionFactory(lead_agency=police, status=Status.GREEN, target_date=PAST)
    later = ActionFactory(lead_agency=schools, status=Status.AMBER, target_date=LATER)
    overdue = ActionFactory(lead_agency=schools, status=Status.RED, target_date=PAST)
    soon = ActionFactory(lead_agency=police, status=Status.AMBER, target_date=SOON)
    ActionFactory(status=Status.AMBER)  # another agency's

    client.force_login(lead)
    response = client.get(reverse("reviews:my-actions"))

    assert response.status_code == 200
    rows = list(response.context["table"].page.object_list.data)
    assert [a.pk for a in rows] == [overdue.pk, soon.pk, later.pk, done.pk]
    page = response.content.decode()
    assert "The actions Police and Schools and education lead" in page
    assert 'data-label="Lead agency">Schools and education' in page
    assert f'href="/actions/{overdue.pk}/#progress">Update progress' in page
    assert "1 overdue" in page


def test_a_lead_lands_on_their_list_after_signing_in(client, lead, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    lead.set_password("a-long-password-1")
    lead.save()
    response = client.post(reverse("login"), {"username": "lead", "password": "a-long-password-1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:my-actions")
    page = client.get(reverse("reviews:dashboard")).content.decode()
    assert 'href="/my-actions/"' in page


def test_a_committee_member_lands_on_the_dashboard_and_sees_no_link(client, committee_member):
    committee_member.set_password("a-long-password-1")
    committee_member.save()
    response = client.post(
        reverse("login"), {"username": committee_member.username, "password": "a-long-password-1"}
    )
    assert response["Location"] == reverse("reviews:dashboard")
    assert 'href="/my-actions/"' not in client.get("/").content.decode()


def test_someone_who_leads_no_agency_is_told_why_the_list_is_empty(client, committee_member):
    client.force_login(committee_member)
    page = client.get(reverse("reviews:my-actions")).content.decode()
    assert "You are not recorded as a lead of any agency" in page
