"""`demo_data --reset` deletes the learning programme before the agencies its places keep."""

import io

import pytest
from django.core.management import call_command

from learning.models import LearningSession, SessionAgency
from reviews.models import Agency

from .helpers import make_session

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (LearningSession, SessionAgency)] + [
        model.history.count() for model in (LearningSession, SessionAgency)
    ]


def test_reset_deletes_the_sessions_their_places_and_their_history(settings):
    settings.DEBUG = True
    call_command("demo_data", verbosity=0, stdout=io.StringIO())
    demo = counts()
    added = make_session(title="Added after the demo", places={Agency.objects.first(): (5, 4, 1)})

    call_command("demo_data", reset=True, verbosity=0, stdout=io.StringIO())

    # Only the demo's sessions, places and history are there again: the one added has gone.
    assert not LearningSession.objects.filter(title=added.title).exists()
    assert not LearningSession.history.filter(title=added.title).exists()
    assert counts() == demo
    assert Agency.objects.exists()
