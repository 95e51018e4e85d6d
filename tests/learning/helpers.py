"""Learning sessions for the tests, made through the services (so with history)."""

import datetime

from learning import services
from learning.models import LearningSession, SessionAgency
from learning.vocabulary import Format


def make_session(*, places=None, themes=None, reviews=None, at=None, **fields):
    """A session (a 3 March 2025 in-person session of 30 places unless `fields` say otherwise)
    with, for each agency in `places`, its (booked, attended, not attended)."""
    fields.setdefault("title", "Working with resistance: learning from Frankie")
    fields.setdefault("date", datetime.date(2025, 3, 3))
    fields.setdefault("format", Format.IN_PERSON)
    if fields["format"] != Format.E_LEARNING:
        fields.setdefault("places_offered", 30)
    # The responses need the attendance saved first.
    later = {
        name: fields.pop(name)
        for name in list(fields)
        if name.startswith(("evaluation_", "confidence_", "follow_up_"))
    }
    session = services.session_save(
        LearningSession(**fields), themes=themes, reviews=reviews, note="Session added", at=at
    )
    rows = [
        SessionAgency(agency=agency, booked=booked, attended=attended, not_attended=not_attended)
        for agency, (booked, attended, not_attended) in (places or {}).items()
    ]
    if rows:
        services.session_agencies_save(session, rows, note="Attendance recorded", at=at)
    if later:
        for name, value in later.items():
            setattr(session, name, value)
        services.session_save(session, note="Evaluation recorded", at=at)
    return session
