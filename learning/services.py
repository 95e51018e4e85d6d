"""Every write to the learning programme: each change one history record with who, when and why
(as_at.history.save_with_history), after the models' rules and the rule between them: no more
responses than people attended."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.text import slugify

from as_at.history import save_with_history
from reviews.usage import unique_slug

from .models import SESSION_AGENCY_HISTORY, SESSION_HISTORY, LearningSession, SessionAgency


def session_slug(session):
    """The session's web address from its title and date, made unique with "-2", "-3"..."""
    base = slugify(session.title)[:60] or "session"
    if session.date:
        base = f"{base}-{session.date:%Y-%m-%d}"
    return unique_slug(LearningSession.objects, base, exclude=session.pk)


def attended_at(session):
    """How many attended the session, from its agencies' rows as saved."""
    if session.pk is None:
        return 0
    total = SessionAgency.objects.filter(session=session).aggregate(total=Sum("attended"))
    return total["total"] or 0


def check_attendance(session, attended):
    errors = session.attendance_errors(attended)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_save(
    session, *, themes=None, reviews=None, user=None, note="", at=None, attended=None
) -> LearningSession:
    """Validate and save a session whose fields have been set (and its themes and reviews, when
    given), with one history record. Its responses are checked against `attended` when given
    (the attendance about to be saved with it), otherwise against its agencies' rows."""
    if not session.slug:
        session.slug = session_slug(session)
    session.full_clean()
    check_attendance(session, attended_at(session) if attended is None else attended)
    save_with_history(
        session,
        SESSION_HISTORY,
        user=user,
        note=note,
        at=at,
        m2m={"themes": themes, "reviews": reviews},
    )
    return session


@transaction.atomic
def session_agencies_save(
    session, rows, *, deleted=(), user=None, note="", at=None
) -> list[SessionAgency]:
    """Validate and save a saved session's agency rows, new and changed, each with one history
    record, and delete `deleted` (recorded likewise); then check the session's responses against
    the attendance as it now stands. Nothing is written if any rule is broken."""
    rows = list(rows)
    for row in rows:
        row.session = session
        row.full_clean()
        save_with_history(row, SESSION_AGENCY_HISTORY, user=user, note=note, at=at, m2m={})
    for row in deleted:
        # simple-history records the deletion from these, as save_with_history does a change.
        row._change_reason, row._history_user = note, user
        if at is not None:
            row._history_date = at
        row.delete()
    check_attendance(session, attended_at(session))
    return rows


def session_agency_save(row, *, user=None, note="", at=None) -> SessionAgency:
    """Validate and save one agency's row for its session, with one history record."""
    return session_agencies_save(row.session, [row], user=user, note=note, at=at)[0]


def delete_all():
    """Delete the whole learning programme and its history (`demo_data --reset`): its places
    keep their agencies, so it goes before they do."""
    from django.apps import apps

    SessionAgency.objects.all().delete()
    LearningSession.objects.all().delete()
    for name in ("HistoricalLearningSession_themes", "HistoricalLearningSession_reviews"):
        apps.get_model("learning", name).objects.all().delete()
    SessionAgency.history.all().delete()
    LearningSession.history.all().delete()
