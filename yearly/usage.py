"""What the yearly reports keep of an agency (a lead safeguarding partner's sign-off), told to
the reviews app (reviews.usage) so that deleting one that signed is refused and a merge moves
its sign-offs, each with a history record."""

from reviews.models import counted_named

from . import services
from .models import SignOff


def agency_uses(agency):
    sign_offs = SignOff.objects.filter(agency=agency).order_by("signed_on")
    said = counted_named(sign_offs, "yearly report", "yearly reports")
    return f"signed off {said}" if said else ""


def agency_move(agency, into, *, user, note):
    sign_offs = list(SignOff.objects.filter(agency=agency))
    for sign_off in sign_offs:
        sign_off.agency = into
        services.sign_off_save(sign_off, user=user, note=note)
    return len(sign_offs)
