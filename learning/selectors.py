"""Reading the learning programme: each session with its agencies' sums, the programme's totals,
attendance by agency and each review's reach, each in a constant number of queries however many
sessions there are (tests/learning/test_selectors.py, test_query_counts.py). Rates are worked out
here from the sums (learning.rules), never stored.

The pages read a day (`programme`, `session_at`, `session_history`; `programme_summary` for a
short panel): today from the live tables, an earlier day from the history through records_at."""

import datetime
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Prefetch, Q, Sum, Value
from django.db.models.functions import Coalesce

from as_at.history import end_of_day, is_today, records_at
from dataset.periods import Period, quarter
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


# The programme's pages: as at a day -----------------------------------------------------------
# Today reads the live tables; an earlier day reads the history tables through records_at, as the
# dataset does. Records have the live tables' field names (a session's `id`, a row's
# `session_id`), so one set of queries serves both.


def sessions_at(as_at: datetime.date):
    """The sessions as they stood at the end of `as_at` (the live table for today)."""
    if is_today(as_at):
        return LearningSession.objects.all()
    return records_at(LearningSession, end_of_day(as_at))


def places_at(as_at: datetime.date):
    """Every agency's places at every session, as they stood at the end of `as_at`."""
    if is_today(as_at):
        return SessionAgency.objects.all()
    return records_at(SessionAgency, end_of_day(as_at))


def _links(sessions, as_at, name):
    """The `name` ("themes" or "reviews") links of `sessions` as at the day: a queryset with the
    session's id as `session_id` and the linked object's id as `linked_id`."""
    if is_today(as_at):
        through = getattr(LearningSession, name).through.objects
        links = through.filter(learningsession_id__in=sessions.values("id"))
        return links.annotate(session_id=F("learningsession_id"))
    through = getattr(sessions.model, name).model.objects
    links = through.filter(history__in=sessions.values("pk"))
    return links.annotate(session_id=F("history__id"))


def filtered_sessions(*, as_at, theme=None, review=None, agency=None, start=None, end=None):
    """The sessions as at the day that match the filters (each optional): a theme, a review whose
    learning they share, an agency that booked places, and sessions from `start` to `end`."""
    sessions = sessions_at(as_at)
    if theme is not None:
        ids = _links(sessions, as_at, "themes").filter(theme=theme).values("session_id")
        sessions = sessions.filter(id__in=ids)
    if review is not None:
        ids = _links(sessions, as_at, "reviews").filter(review=review).values("session_id")
        sessions = sessions.filter(id__in=ids)
    if agency is not None:
        sessions = sessions.filter(
            id__in=places_at(as_at).filter(agency=agency).values("session_id")
        )
    if start is not None:
        sessions = sessions.filter(date__gte=start)
    if end is not None:
        sessions = sessions.filter(date__lte=end)
    return sessions


def financial_quarter(day: datetime.date) -> Period:
    """The financial quarter (April to June is Q1) a day is in."""
    first_year = day.year if day.month >= 4 else day.year - 1
    return quarter((day.month - 4) % 12 // 3 + 1, first_year)


@dataclass
class SessionRow:
    """One session as at a day (a live session or its history record) with its links, its
    agencies' sums and its derived figures."""

    session: object
    themes: list = field(default_factory=list)  # Theme names
    reviews: list = field(default_factory=list)  # (name, slug) pairs
    booked: int = 0
    attended: int = 0
    not_attended: int = 0
    as_at: datetime.date | None = None

    @property
    def id(self):
        return self.session.id

    @property
    def attendance_rate(self):
        return rules.attendance_rate(self.attended, self.booked)

    @property
    def fill_rate(self):
        return rules.fill_rate(self.booked, self.session.places_offered)

    @property
    def good_or_better_share(self):
        s = self.session
        return rules.rate(s.evaluation_good_or_better, s.evaluation_responses)

    @property
    def changed_practice_share(self):
        s = self.session
        return rules.rate(s.follow_up_changed_practice, s.follow_up_responses)

    @property
    def follow_up_due(self):
        return rules.follow_up_due(self.session.date)

    @property
    def follow_up_recorded(self):
        """The day the follow-up was recorded, if it was by the day shown."""
        recorded = self.session.follow_up_recorded_on
        return recorded if recorded is not None and recorded <= self.as_at else None

    @property
    def follow_up_overdue(self):
        s = self.session
        return rules.follow_up_overdue(s.date, s.follow_up_recorded_on, self.as_at)

    @property
    def quarter(self):
        return financial_quarter(self.session.date)


def session_rows(sessions, as_at) -> list[SessionRow]:
    """Each of `sessions` (from `sessions_at` or `filtered_sessions`) as a SessionRow, in date
    order: four queries (the sessions, their themes, their reviews, their agencies' sums)."""
    rows = [SessionRow(session=s, as_at=as_at) for s in sessions.order_by("date", "title", "id")]
    by_id = {row.id: row for row in rows}
    for session_id, name in (
        _links(sessions, as_at, "themes")
        .order_by("theme__name")
        .values_list("session_id", "theme__name")
    ):
        by_id[session_id].themes.append(name)
    for session_id, name, slug in (
        _links(sessions, as_at, "reviews")
        .order_by("review__name")
        .values_list("session_id", "review__name", "review__slug")
    ):
        by_id[session_id].reviews.append((name, slug))
    sums = (
        places_at(as_at)
        .filter(session_id__in=sessions.values("id"))
        .values("session_id")
        .annotate(
            booked_sum=_sum("booked"),
            attended_sum=_sum("attended"),
            not_attended_sum=_sum("not_attended"),
        )
        .order_by()
    )
    for entry in sums:
        row = by_id.get(entry["session_id"])
        if row is not None:
            row.booked = entry["booked_sum"]
            row.attended = entry["attended_sum"]
            row.not_attended = entry["not_attended_sum"]
    return rows


EXAMPLES_SHOWN = 3


def rows_totals(rows, as_at) -> dict:
    """The programme's totals over `rows` (SessionRows), worked out from what they hold."""

    def total(values):
        return sum(value or 0 for value in values)

    with_places = [row for row in rows if row.session.places_offered is not None]
    totals = {
        "sessions": len(rows),
        "places_offered": total(row.session.places_offered for row in rows),
        "booked": total(row.booked for row in rows),
        "attended": total(row.attended for row in rows),
        "not_attended": total(row.not_attended for row in rows),
        "booked_with_places": total(row.booked for row in with_places),
        "evaluation_responses": total(row.session.evaluation_responses for row in rows),
        "good_or_better": total(row.session.evaluation_good_or_better for row in rows),
        "follow_ups_recorded": sum(1 for row in rows if row.follow_up_recorded),
        "follow_up_responses": total(row.session.follow_up_responses for row in rows),
        "changed_practice": total(row.session.follow_up_changed_practice for row in rows),
        "follow_ups_overdue": sum(1 for row in rows if row.follow_up_overdue),
    }
    totals["practitioners"] = totals["attended"]
    totals["attendance_rate"] = rules.attendance_rate(totals["attended"], totals["booked"])
    totals["fill_rate"] = rules.fill_rate(totals["booked_with_places"], totals["places_offered"])
    totals["good_or_better_share"] = rules.rate(
        totals["good_or_better"], totals["evaluation_responses"]
    )
    totals["changed_practice_share"] = rules.rate(
        totals["changed_practice"], totals["follow_up_responses"]
    )
    totals["examples"] = [
        (row, row.session.follow_up_examples.strip())
        for row in sorted(rows, key=lambda row: row.session.date, reverse=True)
        if row.follow_up_recorded and row.session.follow_up_examples.strip()
    ][:EXAMPLES_SHOWN]
    return totals


@dataclass
class AgencyReach:
    agency: object
    sessions: int = 0
    booked: int = 0
    attended: int = 0
    not_attended: int = 0

    @property
    def reached(self):
        return self.booked > 0

    @property
    def attendance_rate(self):
        return rules.attendance_rate(self.attended, self.booked)


def agency_reach(sessions, as_at) -> list[AgencyReach]:
    """Every agency (the live list) with its places at `sessions` as at the day, the least reached
    first (fewest attended, then fewest booked): two queries."""
    sums = {
        entry["agency_id"]: entry
        for entry in places_at(as_at)
        .filter(session_id__in=sessions.values("id"))
        .values("agency_id")
        .annotate(
            session_count=Count("session_id", distinct=True),
            booked_sum=_sum("booked"),
            attended_sum=_sum("attended"),
            not_attended_sum=_sum("not_attended"),
        )
        .order_by()
    }
    reach = []
    for agency in Agency.objects.order_by("name"):
        entry = sums.get(agency.pk)
        if entry is None:
            reach.append(AgencyReach(agency))
        else:
            reach.append(
                AgencyReach(
                    agency,
                    sessions=entry["session_count"],
                    booked=entry["booked_sum"],
                    attended=entry["attended_sum"],
                    not_attended=entry["not_attended_sum"],
                )
            )
    reach.sort(key=lambda r: (r.attended, r.booked))  # stable: by name within
    return reach


@dataclass
class ReviewReach:
    review: object
    sessions: int = 0
    practitioners: int = 0


def review_reach(rows) -> list[ReviewReach]:
    """Every review (the live list) with the sessions among `rows` that share its learning and
    the practitioners who attended them: one query."""
    reach = {review.slug: ReviewReach(review) for review in Review.objects.order_by("name")}
    for row in rows:
        for _name, slug in row.reviews:
            if slug in reach:
                reach[slug].sessions += 1
                reach[slug].practitioners += row.attended
    return list(reach.values())


@dataclass
class QuarterRows:
    period: Period
    rows: list


def by_quarter(rows) -> list[QuarterRows]:
    """`rows` (in date order) grouped by financial quarter, oldest first."""
    quarters = []
    for row in rows:
        if not quarters or quarters[-1].period != row.quarter:
            quarters.append(QuarterRows(row.quarter, []))
        quarters[-1].rows.append(row)
    return quarters


@dataclass
class Programme:
    rows: list
    totals: dict
    quarters: list
    agencies: list
    reviews: list


def programme(*, as_at, **filters) -> Programme:
    """The programme page as at a day, with the filters of `filtered_sessions`: seven queries
    whatever the number of sessions."""
    sessions = filtered_sessions(as_at=as_at, **filters)
    rows = session_rows(sessions, as_at)
    return Programme(
        rows=rows,
        totals=rows_totals(rows, as_at),
        quarters=by_quarter(rows),
        agencies=agency_reach(sessions, as_at),
        reviews=review_reach(rows),
    )


LEAST_REACHED_SHOWN = 3


def programme_summary(as_at: datetime.date) -> dict:
    """What a short panel (the dashboard's, the report's) needs, as at a day: sessions,
    practitioners attended, attendance rate, fill rate, changed-practice share, follow-ups
    overdue, and the three least-reached agencies (AgencyReach). Six queries."""
    sessions = sessions_at(as_at)
    totals = rows_totals(session_rows(sessions, as_at), as_at)
    return {
        "sessions": totals["sessions"],
        "practitioners": totals["practitioners"],
        "attendance_rate": totals["attendance_rate"],
        "fill_rate": totals["fill_rate"],
        "changed_practice_share": totals["changed_practice_share"],
        "follow_ups_overdue": totals["follow_ups_overdue"],
        "least_reached": agency_reach(sessions, as_at)[:LEAST_REACHED_SHOWN],
    }


# One session ---------------------------------------------------------------------------------


@dataclass
class SessionDetail:
    row: SessionRow
    places: list  # the agencies' rows (live or records), each with its agency


def session_at(*, as_at, pk) -> SessionDetail | None:
    """One session as it stood at the end of `as_at`, with its themes, reviews and agencies'
    places; None when it did not exist then. Five queries."""
    rows = session_rows(sessions_at(as_at).filter(id=pk), as_at)
    if not rows:
        return None
    row = rows[0]
    places = list(
        places_at(as_at).filter(session_id=pk).select_related("agency").order_by("agency__name")
    )
    return SessionDetail(row=row, places=places)


def session_history(*, session_id, until):
    """The session's history and its agencies' places' history up to `until`, newest first:
    each entry says who, when, what (the session or an agency's places) and the note. Two
    queries (the agencies' names come with their rows)."""
    entries = []
    for record in LearningSession.history.filter(
        id=session_id, history_date__lte=until
    ).select_related("history_user"):
        entries.append(
            {
                "when": record.history_date,
                "who": _who(record.history_user),
                "subject": "The session",
                "created": record.history_type == "+",
                "deleted": record.history_type == "-",
                "note": record.history_change_reason or "",
                "order": (record.history_date, 0, record.history_id),
            }
        )
    for record in SessionAgency.history.filter(
        session_id=session_id, history_date__lte=until
    ).select_related("history_user", "agency"):
        entries.append(
            {
                "when": record.history_date,
                "who": _who(record.history_user),
                "subject": f"Places for {record.agency.name}",
                "created": record.history_type == "+",
                "deleted": record.history_type == "-",
                "note": record.history_change_reason or "",
                "detail": f"{record.booked} booked, {record.attended} attended, "
                f"{record.not_attended} did not attend",
                "order": (record.history_date, 1, record.history_id),
            }
        )
    entries.sort(key=lambda entry: entry["order"], reverse=True)
    return entries


def _who(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
