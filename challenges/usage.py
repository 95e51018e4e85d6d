"""What the challenge log keeps of an agency (the agency asked), told to the reviews app
(reviews.usage) so that deleting one asked is refused and a merge moves its challenges, each
with a history record."""

from reviews.models import counted_named

from . import services
from .models import Challenge


def agency_uses(agency):
    said = counted_named(Challenge.objects.filter(agency=agency).order_by("raised_on"), "challenge")
    return f"was asked {said}" if said else ""


def agency_move(agency, into, *, user, note):
    challenges = list(Challenge.objects.filter(agency=agency))
    for challenge in challenges:
        challenge.agency = into
        services.challenge_save(challenge, user=user, note=note)
    return len(challenges)
