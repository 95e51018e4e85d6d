"""`demo_data --reset` deletes the learning programme before the agencies its places keep."""

import io

import pytest
from django.core.management import call_command

from learning.models import LearningSession, SessionAgency
from reviews.models import Agency

from .helpers import make_session

pytestmark = pytest.mark.django_db


def test_reset_deletes_the_sessions_their_places_and_their_history(settings):
    settings.DEBUG = True
    call_command("demo_data", verbosity=0, stdout=io.StringIO())
    make_session(places={Agency.objects.first(): (5, 4, 1)})

    call_command("demo_data", reset=True, verbosity=0, stdout=io.StringIO())

    assert not LearningSession.objects.exists() and not SessionAgency.objects.exists()
    assert not LearningSession.history.exists() and not SessionAgency.history.exists()
    assert Agency.objects.exists()  # the demo loaded afresh
