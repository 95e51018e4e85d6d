"""Reading the learning programme: each session with its agencies' sums, the programme's totals,
attendance by agency and each review's reach, each in a constant number of queries however many
sessions there are (tests/learning/test_query_counts.py). Rates are worked out here from the
sums (learning.rules), never stored."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce

from reviews.models import Agency, Review

from . import rules
from .models import LearningSession, SessionAgency


def _sum(field):
    return Coalesce(Sum(field), Value(0))


def sessions_with_figures(day: datetime.date, sessions=None):
    """The sessions (all, or those of the queryset `sessions`) each with its agencies' sums
    (`booked_total`, `attended_total`, `not_attended_total`, `agency_count`), whether its
    follow-up is overdue as at `day` (`follow_up_overdue`), and its themes and reviews: three
    queries, in date order."""
    sessions = LearningSession.objects.all() if sessions is None else sessions
    # In date order, said again: Django leaves Meta.ordering out of a query that sums.
    return (
        sessions.order_by("date", "title")
        .annotate(
            booked_total=_sum("agencies__booked"),
            attended_total=_sum("agencies__attended"),
            not_attended_total=_sum("agencies__not_attended"),
            agency_count=Count("agencies"),
            follow_up_overdue=ExpressionWrapper(
                rules.follow_up_overdue_q(day), output_field=BooleanField()
            ),
        )
        .prefetch_related("themes", "reviews")
    )


@dataclass(frozen=True)
class SessionFigures:
    """One session's derived figures, from an annotated session (`sessions_with_figures`)."""

    attendance_rate: float | None
    fill_rate: float | None
    good_or_better_share: float | None
    changed_practice_share: float | None
    follow_up_due: datetime.date | None


def session_figures(session) -> SessionFigures:
    return SessionFigures(
        attendance_rate=rules.attendance_rate(session.attended_total, session.booked_total),
        fill_rate=rules.fill_rate(session.booked_total, session.places_offered),
        good_or_better_share=rules.rate(
            session.evaluation_good_or_better, session.evaluation_responses
        ),
        changed_practice_share=rules.rate(
            session.follow_up_changed_practice, session.follow_up_responses
        ),
        follow_up_due=session.follow_up_due,
    )


def session_with_agencies(pk):
    """One session with its agencies' rows (and each row's agency), themes and reviews."""
    rows = Prefetch("agencies", queryset=SessionAgency.objects.select_related("agency"))
    return LearningSession.objects.prefetch_related("themes", "reviews", rows).get(pk=pk)


def programme_totals(day: datetime.date, sessions=None) -> dict:
    """The programme's totals, in two queries: sessions, places offered, booked, attended, not
    attended, the attendance rate (attended ÷ booked) and fill rate (booked ÷ places offered, of
    the sessions with places: e-learning's bookings have none to fill), the evaluations and
    follow-ups, and the follow-ups overdue as at `day`."""
    sessions = LearningSession.objects.all() if sessions is None else sessions
    totals = sessions.aggregate(
        sessions=Count("pk"),
        places_offered=_sum("places_offered"),
        evaluation_responses=_sum("evaluation_responses"),
        good_or_better=_sum("evaluation_good_or_better"),
        follow_ups_recorded=Count("pk", filter=Q(follow_up_recorded_on__lte=day)),
        follow_up_responses=_sum("follow_up_responses"),
        changed_practice=_sum("follow_up_changed_practice"),
        follow_ups_overdue=Count("pk", filter=rules.follow_up_overdue_q(day)),
    )
    # Named apart from the fields they sum, which a later aggregate would otherwise read as them.
    sums = SessionAgency.objects.filter(session__in=sessions.values("pk")).aggregate(
        booked_sum=_sum("booked"),
        attended_sum=_sum("attended"),
        not_attended_sum=_sum("not_attended"),
        booked_with_places_sum=Coalesce(
            Sum("booked", filter=Q(session__places_offered__isnull=False)), Value(0)
        ),
    )
    places = {name.removesuffix("_sum"): value for name, value in sums.items()}
    totals.update(places)
    totals["attendance_rate"] = rules.attendance_rate(places["attended"], places["booked"])
    totals["fill_rate"] = rules.fill_rate(places["booked_with_places"], totals["places_offered"])
    totals["good_or_better_share"] = rules.rate(
        totals["good_or_better"], totals["evaluation_responses"]
    )
    totals["changed_practice_share"] = rules.rate(
        totals["changed_practice"], totals["follow_up_responses"]
    )
    return totals


def attendance_by_agency():
    """Every agency with the sessions it booked places at and its places booked, attended and
    not attended, the least reached first (fewest attended): one query."""
    return Agency.objects.annotate(
        sessions=Count("learning_places__session", distinct=True),
        booked=_sum("learning_places__booked"),
        attended=_sum("learning_places__attended"),
        not_attended=_sum("learning_places__not_attended"),
    ).order_by("attended", "name")


def reach_by_review():
    """Each review with the sessions sharing its learning and the practitioners who attended
    them, the reviews with none included (their learning has not been shared yet): one query."""
    return Review.objects.annotate(
        sessions=Count("learning_sessions", distinct=True),
        practitioners=_sum("learning_sessions__agencies__attended"),
    ).order_by("name")
