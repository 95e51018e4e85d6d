import io

import pytest
from django.core.management import call_command

from reviews import services

from .factories import UserFactory


@pytest.fixture
def committee_member(db):
    return UserFactory(username="councillor", group=services.COMMITTEE_MEMBERS)


@pytest.fixture
def manager(db):
    return UserFactory(username="lscp-manager", group=services.SAFEGUARDING_MANAGERS, is_staff=True)


@pytest.fixture
def outsider(db):
    """Signed in, but in no group."""
    return UserFactory(username="outsider")


@pytest.fixture
def committee_client(client, committee_member):
    client.force_login(committee_member)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def demo(db, settings):
    """The demo data (loaded as in development), and its committee meetings, earliest first."""
    from reviews.models import CommitteeMeeting

    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())
    settings.DEBUG = False
    return list(CommitteeMeeting.objects.order_by("date"))
