import pytest

from reviews import services
from tests.conftest import demo_first
from tests.factories import UserFactory


@pytest.fixture
def scrutineer(request, db):
    demo_first(request)
    return UserFactory(username="scrutineer", group=services.INDEPENDENT_SCRUTINEERS)


@pytest.fixture
def lead(request, db):
    demo_first(request)
    return UserFactory(username="agency-lead", group=services.AGENCY_LEADS)
