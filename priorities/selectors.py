"""Reading the delivery plans and their priorities as at a day: each priority with what it links
(its actions, indicators, sessions and audits as the links stood that day) and its roll-up, the
linked records' own figures as their apps give them for that day: the actions by status with the
overdue (reviews.selectors), the indicators' ratings and directions (the dataset's scorecard), the
sessions delivered and the practitioners they reached (learning.selectors.rows_totals), the audits
and the latest one's share good or better (audits.selectors). Never stored.

Today reads the live tables; a past day the history records in force at its end, the links from
the history's own link tables. A constant number of queries whatever the number of priorities
and links (tests/priorities/test_query_counts.py)."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from as_at.history import end_of_day, is_today, records_at
from audits.selectors import audits_overview
from dataset.selectors import scorecard
from dataset.vocabulary import Direction, Rating
from learning.selectors import rows_totals, session_rows, sessions_at
from reviews.models import Status, Theme, flag_annotations
from reviews.selectors import actions_at

from .models import DeliveryPlan, PlanStatus, Priority

LINKS = ("actions", "indicators", "audits", "sessions")
# The column of each link table naming the linked record.
LINKED_ID = {
    "themes": "theme_id",
    "actions": "action_id",
    "indicators": "indicator_id",
    "audits": "audit_id",
    "sessions": "learningsession_id",
}
ACTION_FIELDS = [
    "id", "reference", "description", "status", "target_date", "review__name", "review__slug",
    "lead_agency__name", "is_overdue", "is_on_course", "has_no_target_date",
]  # fmt: skip

# The indicators' ratings as a roll-up says them, on target first.
RATING_WORDS = {
    Rating.GREEN: "green",
    Rating.AMBER: "amber",
    Rating.RED: "red",
    Rating.CONTEXT: "context only",
    Rating.NOT_RATED: "not rated",
}
NOTHING_LINKED = "Nothing linked yet"


def counted(n, word, plural=None):
    return f"{n} {word if n == 1 else plural or word + 's'}"


@dataclass
class RollUp:
    """What one priority links as at a day, with the linked records' own figures: action rows
    (dicts with the flags of `reviews.models.flag_annotations`), dataset Scores, learning
    SessionRows and audits' AuditSummaries."""

    as_at: datetime.date
    actions: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    audits: list = field(default_factory=list)

    @property
    def nothing_linked(self):
        return not (self.actions or self.indicators or self.sessions or self.audits)

    @property
    def action_counts(self):
        """As reviews.selectors.action_totals counts them: the total, by status, and of the open
        ones those overdue, on course and without a target date."""
        counts = {"action_count": len(self.actions), **dict.fromkeys(Status.values, 0)}
        for flag, name in [
            ("is_overdue", "overdue"),
            ("is_on_course", "on_course"),
            ("has_no_target_date", "no_target_date"),
        ]:
            counts[name] = sum(1 for action in self.actions if action[flag])
        for action in self.actions:
            counts[action["status"]] += 1
        return counts

    @property
    def status_counts(self):
        """(Status, count) of the statuses the actions have, blue first."""
        counts = self.action_counts
        return [(status, counts[status]) for status in Status if counts[status]]

    @property
    def complete(self):
        """Actions green or blue: complete, embedded or not."""
        counts = self.action_counts
        return counts[Status.GREEN] + counts[Status.BLUE]

    @property
    def rating_counts(self):
        """(rating, direction, count) of the indicators, on target first, then by direction."""
        counts = Counter(
            (score.rating, score.latest.direction if score.latest else None)
            for score in self.indicators
        )
        order = list(RATING_WORDS)
        directions = [None, *Direction.values]
        return [
            (rating, moved, n)
            for (rating, moved), n in sorted(
                counts.items(),
                key=lambda item: (order.index(item[0][0]), directions.index(item[0][1])),
            )
        ]

    @property
    def worsening(self):
        return sum(
            1
            for score in self.indicators
            if score.latest and score.latest.direction == Direction.WORSENING
        )

    @property
    def delivered(self):
        """The linked sessions held by the day; the others are planned."""
        return [row for row in self.sessions if row.session.date <= self.as_at]

    @property
    def planned(self):
        return len(self.sessions) - len(self.delivered)

    @property
    def session_totals(self):
        """learning.selectors.rows_totals of the sessions delivered."""
        return rows_totals(self.delivered, self.as_at)

    @property
    def latest_audit(self):
        return max(self.audits, key=lambda audit: audit.audited_on, default=None)

    @property
    def red(self):
        return self.action_counts[Status.RED]

    @property
    def overdue(self):
        return self.action_counts["overdue"]

    @property
    def exceptions(self):
        """Why the priority needs the committee's attention, in words: red or overdue actions,
        worsening indicators, nothing complete (nothing linked included). Empty when none."""
        if self.nothing_linked:
            return [NOTHING_LINKED.lower()]
        found = []
        if self.red:
            found.append(counted(self.red, "red action"))
        if self.overdue:
            found.append(counted(self.overdue, "overdue action"))
        if self.worsening:
            found.append(f"{counted(self.worsening, 'indicator')} worsening")
        if not self.complete:
            found.append("no action complete" if self.actions else "no actions linked")
        return found

    @property
    def is_exception(self):
        return bool(self.exceptions)

    @property
    def words(self):
        """ "4 actions: 3 blue, 1 amber (1 overdue); 2 indicators: 1 green improving, 1 red
        worsening; 3 sessions reaching 75 practitioners; 1 audit", or "Nothing linked yet"."""
        if self.nothing_linked:
            return NOTHING_LINKED
        parts = []
        if self.actions:
            counts = self.action_counts
            statuses = ", ".join(f"{n} {status.label.lower()}" for status, n in self.status_counts)
            overdue = f" ({counts['overdue']} overdue)" if counts["overdue"] else ""
            parts.append(f"{counted(counts['action_count'], 'action')}: {statuses}{overdue}")
        if self.indicators:
            ratings = ", ".join(
                " ".join(
                    [str(n), RATING_WORDS[rating]]
                    + ([Direction(moved).label.lower()] if moved else [])
                )
                for rating, moved, n in self.rating_counts
            )
            parts.append(f"{counted(len(self.indicators), 'indicator')}: {ratings}")
        if self.sessions:
            delivered = len(self.delivered)
            reached = self.session_totals["practitioners"]
            said = (
                f"{counted(delivered, 'session')} reaching {counted(reached, 'practitioner')}"
                if delivered
                else "No session held yet"
            )
            if self.planned:
                said += f" ({self.planned} planned)"
            parts.append(said)
        if self.audits:
            parts.append(counted(len(self.audits), "audit"))
        return "; ".join(parts)


@dataclass
class PriorityRow:
    """A priority (live, or its history record for a past day) with its lead agency's name, its
    themes' names and its roll-up."""

    priority: object
    themes: list
    roll_up: RollUp

    @property
    def id(self):
        return self.priority.id

    @property
    def lead_agency(self):
        agency = self.priority.lead_agency
        return agency.name if agency else ""


@dataclass
class PlanRows:
    """A plan (live, or its history record) with its status on the day and its priorities."""

    plan: object
    status: str
    priorities: list = field(default_factory=list)

    @property
    def exceptions(self):
        return [row for row in self.priorities if row.roll_up.is_exception]


def _at(model, as_at):
    if is_today(as_at):
        return model.objects.all()
    return records_at(model, end_of_day(as_at))


def plans_at(as_at):
    """The plans as they stood at the end of the day (the live table for today)."""
    return _at(DeliveryPlan, as_at)


def priorities_at(as_at):
    return _at(Priority, as_at)


def plan_status(plan, day):
    """A plan's (or its record's) status on the day: current, upcoming or ended."""
    return DeliveryPlan.status_on(plan, day)


def _links(priorities, as_at, name):
    """(priority id, linked id) of the `name` links of `priorities` as at the day: the live link
    table for today, the history's link table of the records in force for a past day."""
    linked = LINKED_ID[name]
    if is_today(as_at):
        through = getattr(Priority, name).through.objects
        return through.filter(priority_id__in=priorities.values("id")).values_list(
            "priority_id", linked
        )
    through = getattr(priorities.model, name).model.objects
    return through.filter(history__in=priorities.values("pk")).values_list("history__id", linked)


def priority_rows(priorities, as_at) -> list[PriorityRow]:
    """Each of `priorities` (from `priorities_at`) with its links and roll-up, in the plan's
    order. At most 23 queries, whatever the number: the priorities, their five kinds of link,
    their themes' names, the actions, the scorecard (three), the sessions (four) and the audits
    (seven, eight when a finding has an action); a kind no priority links is not read."""
    records = list(priorities.select_related("lead_agency").order_by("plan_id", "position", "id"))
    if not records:
        return []
    links = {name: defaultdict(list) for name in ("themes", *LINKS)}
    for name in links:
        for priority_id, linked_id in _links(priorities, as_at, name):
            links[name][priority_id].append(linked_id)
    wanted = {name: {i for ids in links[name].values() for i in ids} for name in links}

    themes = {}
    if wanted["themes"]:
        themes = dict(Theme.objects.filter(id__in=wanted["themes"]).values_list("id", "name"))
    actions = {}
    if wanted["actions"]:
        action_ids = _links(priorities, as_at, "actions").values(LINKED_ID["actions"])
        actions = {
            row["id"]: row
            for row in actions_at(as_at)
            .filter(id__in=action_ids)
            .annotate(**flag_annotations(as_at))
            .order_by("review__started_on", "review__name", "id")
            .values(*ACTION_FIELDS)
        }
    scores = {}
    if wanted["indicators"]:
        scores = {score.indicator.id: score for score in scorecard(as_at=as_at)}
    sessions = {}
    if wanted["sessions"]:
        session_ids = _links(priorities, as_at, "sessions").values(LINKED_ID["sessions"])
        rows = session_rows(sessions_at(as_at).filter(id__in=session_ids), as_at)
        sessions = {row.id: row for row in rows}
    audits = {}
    if wanted["audits"]:
        audits = {summary.id: summary for summary in audits_overview(as_at=as_at)}

    def linked(name, records_by_id, priority_id, order):
        found = [records_by_id[i] for i in links[name].get(priority_id, []) if i in records_by_id]
        return sorted(found, key=order)

    result = []
    for record in records:
        roll_up = RollUp(
            as_at=as_at,
            actions=linked(
                "actions",
                actions,
                record.id,
                lambda a: (a["review__name"], a["reference"], a["id"]),
            ),
            indicators=linked(
                "indicators", scores, record.id, lambda s: (s.indicator.reference, s.indicator.id)
            ),
            sessions=linked("sessions", sessions, record.id, lambda r: (r.session.date, r.id)),
            audits=linked("audits", audits, record.id, lambda a: (a.audited_on, a.id)),
        )
        names = sorted(themes[i] for i in links["themes"].get(record.id, []) if i in themes)
        result.append(PriorityRow(priority=record, themes=names, roll_up=roll_up))
    return result


@dataclass
class Overview:
    """The plans on a day: the current one (in force that day), the upcoming one (starting
    after it, the soonest) with their priorities, and the plans that had ended (no priorities
    read)."""

    as_at: datetime.date
    current: PlanRows | None
    upcoming: PlanRows | None
    ended: list

    @property
    def exceptions(self):
        return self.current.exceptions if self.current else []


def plans_on(as_at):
    """(current, upcoming, ended) plan records on the day: the current plan the latest started
    of those in force, the upcoming the soonest to start. One query."""
    plans = list(plans_at(as_at).order_by("starts_on", "title", "id"))
    by_status = defaultdict(list)
    for plan in plans:
        by_status[plan_status(plan, as_at)].append(plan)
    current = by_status[PlanStatus.CURRENT][-1] if by_status[PlanStatus.CURRENT] else None
    upcoming = by_status[PlanStatus.UPCOMING][0] if by_status[PlanStatus.UPCOMING] else None
    ended = list(reversed(by_status[PlanStatus.ENDED]))  # the latest ended first
    return current, upcoming, ended


def priorities_overview(*, as_at, upcoming=True) -> Overview:
    """The current plan and (with `upcoming`) the upcoming plan as at the day, each with its
    priorities and their roll-ups; the plans that had ended. At most 24 queries: the plans, then
    `priority_rows`."""
    current, coming, ended = plans_on(as_at)
    shown = [plan for plan in (current, coming if upcoming else None) if plan is not None]
    rows = (
        priority_rows(priorities_at(as_at).filter(plan_id__in=[p.id for p in shown]), as_at)
        if shown
        else []
    )

    def plan_rows(plan):
        if plan is None:
            return None
        return PlanRows(
            plan=plan,
            status=plan_status(plan, as_at),
            priorities=[row for row in rows if row.priority.plan_id == plan.id],
        )

    return Overview(
        as_at=as_at,
        current=plan_rows(current),
        upcoming=plan_rows(coming) if upcoming else None,
        ended=ended,
    )


def priorities_panel(as_at) -> PlanRows | None:
    """The dashboard's line per priority: the current plan with its priorities' roll-ups, or
    None when no plan is in force. One query when there is none."""
    return priorities_overview(as_at=as_at, upcoming=False).current


def priorities_report(as_at):
    """The committee report's section on the delivery plan, as at the day: a dict with `plan`
    (the current plan's PlanRows, or None), `exceptions` (its priorities needing attention,
    each a PriorityRow whose `roll_up.exceptions` says why: red or overdue actions, worsening
    indicators, nothing complete or nothing linked), `others` (the rest), `priorities` (both,
    exceptions first, each in the plan's order) and `upcoming` (the upcoming plan's PlanRows, or
    None). At most 24 queries."""
    overview = priorities_overview(as_at=as_at)
    rows = overview.current.priorities if overview.current else []
    exceptions = [row for row in rows if row.roll_up.is_exception]
    others = [row for row in rows if not row.roll_up.is_exception]
    return {
        "as_at": as_at,
        "plan": overview.current,
        "exceptions": exceptions,
        "others": others,
        "priorities": exceptions + others,
        "upcoming": overview.upcoming,
    }


# One priority ---------------------------------------------------------------------------------


@dataclass
class PriorityDetail:
    row: PriorityRow
    plan: object  # the plan (or its record) as at the day
    plan_status: str
    notes: list  # ProgressNote, newest first


@dataclass
class ProgressNote:
    note: str
    noted_on: datetime.date | None
    recorded: datetime.datetime
    who: str


def progress_notes(*, priority_id, until):
    """The priority's progress notes as its history recorded them up to `until`, newest first:
    each a new note (or a new date for it) with the day it was noted and who recorded it. One
    query."""
    records = (
        Priority.history.filter(id=priority_id, history_date__lte=until)
        .exclude(history_type="-")
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    notes, before = [], None
    for record in records:
        said = (record.progress_note.strip(), record.progress_noted_on)
        if said[0] and said != before:
            user = record.history_user
            notes.append(
                ProgressNote(
                    note=said[0],
                    noted_on=record.progress_noted_on,
                    recorded=record.history_date,
                    who=(user.get_full_name() or user.get_username()) if user else "",
                )
            )
        before = said
    return list(reversed(notes))


def priority_at(*, as_at, slug) -> PriorityDetail | None:
    """One priority as it stood at the end of the day, with all it links, its plan and its
    progress notes; None when it did not exist then. At most 25 queries: `priority_rows`, the
    plan, the notes."""
    priorities = priorities_at(as_at).filter(slug=slug)
    rows = priority_rows(priorities, as_at)
    if not rows:
        return None
    row = rows[0]
    plan = plans_at(as_at).filter(id=row.priority.plan_id).first()
    return PriorityDetail(
        row=row,
        plan=plan,
        plan_status=plan_status(plan, as_at) if plan else "",
        notes=progress_notes(priority_id=row.id, until=end_of_day(as_at)),
    )
