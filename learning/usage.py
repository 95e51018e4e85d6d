"""What the learning programme keeps of an agency (its places at sessions) and of a theme (the
sessions' themes), told to the reviews app (reviews.usage) so that deleting one in use is
refused and a merge moves the places and themes, each with a history record."""

from reviews.models import counted_named
from reviews.usage import moved_themes

from . import selectors, services
from .models import LearningSession, SessionAgency


def agency_uses(agency):
    sessions = LearningSession.objects.filter(agencies__agency=agency).order_by("date")
    said = counted_named(sessions, "learning session")
    return f"has places at {said}" if said else ""


def agency_move(agency, into, *, user, note):
    """Each session's places of `agency` become `into`'s, added to any `into` had there."""
    rows = list(SessionAgency.objects.filter(agency=agency).select_related("session"))
    for row in rows:
        kept = SessionAgency.objects.filter(session=row.session, agency=into).first()
        if kept is None:
            row.agency = into
            services.session_agencies_save(row.session, [row], user=user, note=note)
            continue
        kept.booked += row.booked
        kept.attended += row.attended
        kept.not_attended += row.not_attended
        services.session_agencies_save(row.session, [kept], deleted=[row], user=user, note=note)
    return len(rows)


def theme_uses(theme):
    sessions = LearningSession.objects.filter(themes=theme).order_by("date")
    return counted_named(sessions, "learning session")


def theme_move(theme, into, *, user, note):
    sessions = list(LearningSession.objects.filter(themes=theme).prefetch_related("themes"))
    for session in sessions:
        themes = moved_themes(session.themes.all(), theme, into)
        services.session_save(session, themes=themes, user=user, note=note)
    return len(sessions)


def review_section(review, as_at):
    """The sessions that share a review's learning, on its page: each with its date, format,
    attendance and fill rate, or that none has yet."""
    sessions = selectors.filtered_sessions(as_at=as_at, review=review.id)
    rows = selectors.session_rows(sessions, as_at)
    return {
        "template": "learning/review_section.html",
        "after_actions": True,
        "rows": rows,
        "totals": selectors.rows_totals(rows, as_at),
    }
