"""Reads. Figures are aggregated in SQL, one query each, whatever the number of rows."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import (
    Case,
    Count,
    F,
    Q,
    TextField,
    When,
)
from django.db.models.lookups import GreaterThan

from as_at.history import end_of_day, in_period_q, is_today, period_end, records_at

from . import timeline
from .changes import changes_between
from .models import (
    OPEN_STATUSES,
    STATUTORY_STAGES,
    Action,
    Agency,
    CommitteeMeeting,
    Review,
    ReviewStage,
    Status,
    Theme,
    flag_annotations,
    no_target_date_q,
    on_course_q,
    overdue_q,
    status_words,
)


def status_counts(*, as_at, prefix=""):
    """Aggregate expressions over actions (reached through `prefix`): their number as
    `action_count`, one count per status, and how many are overdue on the as-at date."""
    action_id = f"{prefix}id"
    return {
        "action_count": Count(action_id),
        **{
            status.value: Count(action_id, filter=Q(**{f"{prefix}status": status}))
            for status in Status
        },
        "overdue": Count(action_id, filter=overdue_q(as_at, prefix=prefix)),
    }


def actions_at(as_at):
    """Every action as it stood at the end of the as-at day: the current table for today, else
    each action's latest history record by then (actions not yet created, or deleted, absent).
    Both have the same field names, so the figures below are computed the same way on either."""
    if is_today(as_at):
        return Action.objects.all()
    return records_at(Action, end_of_day(as_at))


def reviews_at(as_at):
    """Every review as it stood at the end of the as-at day (stage and stage dates then)."""
    if is_today(as_at):
        return Review.objects.all()
    return records_at(Review, end_of_day(as_at))


def _theme_links(as_at):
    """Every action–theme link on the as-at date, and the prefix from a link to its action: for a
    past date, the links of the history records in force then, found through the records'
    periods in one join."""
    if is_today(as_at):
        return Action.themes.through.objects.all(), "action__"
    links = Action.history.model.themes.model.objects.filter(
        in_period_q(end_of_day(as_at), prefix="history__")
    ).exclude(history__history_type="-")
    return links, "history__"


def actions_with_theme(actions, theme):
    """Filter actions (current, or history records) to those carrying a theme."""
    if actions.model is Action:
        return actions.filter(themes=theme)
    return actions.filter(historicalaction_themes__theme=theme)


def actions_without_theme(actions):
    """Filter actions (current, or history records) to those with no theme."""
    if actions.model is Action:
        return actions.filter(themes=None)
    return actions.filter(historicalaction_themes=None)


NO_THEME = "none"  # what the actions list's theme filter is given for "No theme yet"


class NoTheme:
    """The row that counts the actions with no theme, so that counts by theme leave none out."""

    name = "No theme yet"
    slug = NO_THEME
    id = None


def supported_count(*, as_at, agency):
    """How many actions the agency supported (rather than led) on the as-at date."""
    if is_today(as_at):
        return agency.supported_actions.count()
    links = Action.history.model.supporting_agencies.model.objects
    return links.filter(history__in=actions_at(as_at), agency=agency).count()


def review_at(*, as_at, slug):
    """The review as it stood on the as-at date, or None if it did not exist yet, with its
    themes then as `themes_then`."""
    record = reviews_at(as_at).filter(slug=slug).first()
    if record is None:
        return None
    if is_today(as_at):
        record.themes_then = list(record.themes.order_by("name"))
        return record
    review = record.instance  # a Review with the values it had then
    review.themes_then = list(
        Theme.objects.filter(pk__in=record.themes.values("theme_id")).order_by("name")
    )
    return review


def totals_counts(*, as_at):
    """`status_counts`, and of the open actions how many are on course and without a target
    date on the as-at date."""
    return status_counts(as_at=as_at) | {
        "on_course": Count("id", filter=on_course_q(as_at)),
        "no_target_date": Count("id", filter=no_target_date_q()),
    }


def action_totals(*, as_at, actions=None):
    """Counts of actions by status, and of the open ones how many are overdue, on course and
    without a target date on the as-at date."""
    actions = actions_at(as_at) if actions is None else actions
    return actions.aggregate(**totals_counts(as_at=as_at))


ZERO_COUNTS = {"action_count": 0, "overdue": 0, **dict.fromkeys(Status.values, 0)}


def _with_counts(rows, counts, key):
    """Attach to each row (a review, theme or agency, or a review's history record, whose `id`
    is the review's) its counts from `_counts_by`."""
    by_id = {count.pop(key): count for count in counts}
    for row in rows:
        for name, value in by_id.get(row.id, ZERO_COUNTS).items():
            setattr(row, name, value)
    return rows


def reviews_with_counts(*, as_at, reviews=None):
    """The reviews (by default every review that existed on the as-at date), with their actions'
    counts by status. Counting only the reviews given keeps a page of them quick."""
    if reviews is None:
        reviews = reviews_at(as_at).order_by("started_on", "name")
    reviews = list(reviews)
    actions = actions_at(as_at).filter(review_id__in=[review.id for review in reviews])
    return _with_counts(reviews, _counts_by(actions, "review_id", as_at=as_at), "review_id")


def counts_by_review(*, as_at, review_ids):
    """Each of the reviews' actions counted by status with the overdue, as at the day: review
    id -> counts (ZERO_COUNTS for a review with none). One query."""
    actions = actions_at(as_at).filter(review_id__in=list(review_ids))
    counts = {row.pop("review_id"): row for row in _counts_by(actions, "review_id", as_at=as_at)}
    return {review_id: counts.get(review_id, dict(ZERO_COUNTS)) for review_id in review_ids}


def themes_with_counts(*, as_at):
    """Every theme with the counts of the actions tagged with it on the as-at date, and last a
    "No theme yet" row (`NoTheme`) counting the actions with none, if there are any."""
    links, prefix = _theme_links(as_at)
    counts = _counts_by(links, "theme_id", as_at=as_at, prefix=prefix)
    themes = _with_counts(list(Theme.objects.order_by("name")), counts, "theme_id")
    untagged = actions_without_theme(actions_at(as_at)).aggregate(**status_counts(as_at=as_at))
    if untagged["action_count"]:
        no_theme = NoTheme()
        for name, value in untagged.items():
            setattr(no_theme, name, value)
        themes.append(no_theme)
    return themes


def agencies_with_counts(*, as_at):
    """Every agency with the counts of the actions it led on the as-at date, and the totals of
    all actions (`action_totals`), added up from the same query: every action has a lead."""
    totals = dict.fromkeys(totals_counts(as_at=as_at), 0)
    counts = _counts_by(actions_at(as_at), "lead_agency_id", as_at=as_at, totals=totals)
    return _with_counts(list(Agency.objects.order_by("name")), counts, "lead_agency_id"), totals


def _counts_by(queryset, key, *, as_at, prefix="", totals=None):
    """`status_counts` of the actions (reached through `prefix`) for each value of `key`, as a
    list of dicts; and, into `totals` if given, the sums of them all with the open actions on
    course and without a target date.

    The query counts by key and status, one count per group (PostgreSQL reads them from a
    covering index) rather than one filtered count per status per row; the rest is added up
    here."""
    dated = {
        "overdue": overdue_q(as_at, prefix),
        "on_course": on_course_q(as_at, prefix),
        "no_target_date": no_target_date_q(prefix),
    }
    action_id, status = f"{prefix}id", f"{prefix}status"
    dated_counts = {name: Count(action_id, filter=q) for name, q in dated.items()}
    groups = queryset.order_by().values(key, status).annotate(n=Count(action_id), **dated_counts)
    totals = {} if totals is None else totals
    counts = {}
    for group in groups:
        row = counts.setdefault(group[key], {key: group[key], **ZERO_COUNTS})
        added = {"action_count": group["n"]}
        if group[status] in Status.values:
            added[group[status]] = group["n"]
        added["overdue"] = group["overdue"]
        totals["on_course"] = totals.get("on_course", 0) + group["on_course"]
        totals["no_target_date"] = totals.get("no_target_date", 0) + group["no_target_date"]
        for name, value in added.items():
            row[name] += value
            totals[name] = totals.get(name, 0) + value
    return list(counts.values())


def open_actions(*, as_at):
    """Red and amber actions, soonest target date first (then the earliest agreed), those
    without one last."""
    actions = (
        actions_at(as_at)
        .annotate(**flag_annotations(as_at))
        .filter(status__in=OPEN_STATUSES)
        .select_related("review", "lead_agency")
        # The order of the open-actions index (models.Action.Meta), so that a page of today's
        # is read from it rather than sorting them all.
        .order_by(F("target_date").asc(nulls_last=True), "id")
    )
    return actions


def actions_for_list(*, as_at):
    """Actions with everything a list or export shows but their themes (see exports.py)."""
    return (
        actions_at(as_at)
        .annotate(**flag_annotations(as_at))
        .select_related("review", "lead_agency")
        .order_by("review__started_on", "review__name", "id")
    )


def actions_led_by(*, agencies, as_at):
    """The actions the agencies lead, as an agency lead works through them: open ones first,
    overdue first, then soonest target date (none last)."""
    return (
        Action.objects.filter(lead_agency__in=agencies)
        .annotate(
            **flag_annotations(as_at),
            done=Case(When(status__in=OPEN_STATUSES, then=0), default=1),
        )
        .select_related("review", "lead_agency")
        .order_by(
            "done",
            F("is_overdue").desc(),
            F("target_date").asc(nulls_last=True),
            "review__name",
            "id",
        )
    )


def action_detail(*, pk, as_at):
    return (
        Action.objects.with_flags(as_at)
        .select_related("review", "lead_agency")
        .prefetch_related("themes", "supporting_agencies")
        .get(pk=pk)
    )


def action_history(*, action):
    """The action's recorded changes, newest first, each with what changed since the one before.

    A constant number of queries however long the history: the records, the theme and agency
    links of every record, and the names those links point to.
    """
    History = Action.history.model
    records = list(
        action.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    ids = [record.history_id for record in records]
    agencies = dict(Agency.objects.values_list("id", "name"))
    themes = dict(Theme.objects.values_list("id", "name"))
    links = {"themes": ("theme_id", themes), "supporting_agencies": ("agency_id", agencies)}
    linked = {}
    for field, (column, names) in links.items():
        rows = getattr(History, field).model.objects.filter(history_id__in=ids)
        by_record = {}
        for history_id, target in rows.values_list("history_id", column):
            by_record.setdefault(history_id, set()).add(names.get(target, "(deleted)"))
        linked[field] = by_record

    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=["updated_at", *links])
            for change in delta.changes:
                field = Action._meta.get_field(change.field)
                old, new = change.old, change.new
                if change.field == "status":
                    old, new = status_words(old), status_words(new)
                elif change.field == "lead_agency":
                    old, new = agencies.get(old, old), agencies.get(new, new)
                changes.append(
                    {
                        "name": change.field,
                        "field": field.verbose_name,
                        "text": isinstance(field, TextField),
                        "old": old,
                        "new": new,
                    }
                )
            for field, by_record in linked.items():
                old, new = (
                    by_record.get(older.history_id, set()),
                    by_record.get(newer.history_id, set()),
                )
                if old != new:
                    changes.append(
                        {
                            "name": field,
                            "field": Action._meta.get_field(field).verbose_name,
                            "text": False,
                            "old": "; ".join(sorted(old)),
                            "new": "; ".join(sorted(new)),
                        }
                    )
        user = newer.history_user
        entries.append(
            {
                "record": newer,
                "status": newer.status,
                "changes": changes,
                "created": older is None,
                "by": (user.get_full_name() or user.username) if user else "the system",
            }
        )
    return entries


TREND_MEETINGS = 8  # the report's trend shows at most this many meetings before its date


def meetings_before(day):
    """Committee meetings held before `day`, latest first."""
    return CommitteeMeeting.objects.filter(date__lt=day).order_by("-date")


def status_counts_on(days):
    """The counts by status (and overdue) at the end of each of several days, in one query over
    the history: for each day, each action's latest record by then."""
    if not days:
        return []
    aggregates = {}
    for index, day in enumerate(days):
        current = in_period_q(end_of_day(day))
        aggregates[f"{index}_action_count"] = Count("history_id", filter=current)
        aggregates[f"{index}_overdue"] = Count("history_id", filter=current & overdue_q(day))
        for status in Status:
            aggregates[f"{index}_{status}"] = Count("history_id", filter=current & Q(status=status))
    # Only records whose period overlaps the days' span can describe an action on one of them.
    first, last = end_of_day(min(days)), end_of_day(max(days))
    records = Action.history.filter(history_date__lte=last).exclude(history_type="-")
    records = records.filter(GreaterThan(period_end(), first))
    totals = records.aggregate(**aggregates)
    return [
        {
            name.split("_", 1)[1]: value
            for name, value in totals.items()
            if name.split("_")[0] == str(i)
        }
        for i in range(len(days))
    ]


def direction(now, then):
    """How a count moved: an arrow and words, so the meaning never rests on the arrow alone."""
    if now > then:
        return {"arrow": "↑", "change": f"up {now - then}"}
    if now < then:
        return {"arrow": "↓", "change": f"down {then - now}"}
    return {"arrow": "→", "change": "no change"}


def committee_report(*, as_at, since):
    """Everything the committee's written report holds, as at one date and compared with an
    earlier one. A constant number of queries: the trend reads at most TREND_MEETINGS dates."""
    now, then = action_totals(as_at=as_at), action_totals(as_at=since)
    summary = [
        {
            "status": status.value,
            "words": status_words(status),
            "now": now[status],
            "then": then[status],
            **direction(now[status], then[status]),
        }
        for status in Status
    ]
    actions = list(actions_for_list(as_at=as_at))
    by_review = {}
    for action in actions:
        by_review.setdefault(action.review_id, []).append(action)
    reviews = reviews_with_counts(as_at=as_at)
    for review in reviews:
        review.plan = sorted(
            by_review.get(review.id, []), key=lambda a: _reference_key(a.reference)
        )
    exceptions = sorted(
        (a for a in actions if a.status in OPEN_STATUSES),
        key=lambda a: (not a.is_overdue, a.target_date is None, a.target_date or as_at),
    )
    meetings = list(meetings_before(as_at + timedelta(days=1))[:TREND_MEETINGS])[::-1]
    points = [(m.date, m) for m in meetings]
    if not meetings or meetings[-1].date != as_at:
        points.append((as_at, None))
    counts = status_counts_on([day for day, _ in points])
    trend = [
        {
            "date": day,
            "meeting": m,
            "name": f"{day:%-d %b %Y} ({'meeting' if m else 'report date'})",
            **c,
        }
        for (day, m), c in zip(points, counts, strict=True)
    ]
    return {
        "as_at": as_at,
        "since": since,
        "totals": now,
        "totals_since": then,
        "summary": summary,
        "reviews": reviews,
        "exceptions": exceptions,
        "changes": changes_between(since=since, until=as_at),
        "themes": themes_with_counts(as_at=as_at),
        "trend": trend,
    }


def _reference_key(reference):
    """Sort F2 before F10."""
    digits = "".join(ch for ch in reference if ch.isdigit())
    return (reference.rstrip("0123456789"), int(digits) if digits else 0, reference)


# The stages of a review whose statutory timeline is not over: once ratified, a review's missed
# deadlines are its history (its page and the year's figures still show them).
STILL_TIMED = (*STATUTORY_STAGES, ReviewStage.IN_PROGRESS, ReviewStage.LEARNING_PUBLISHED)


@dataclass(frozen=True)
class TimelineRow:
    """A review on the statutory timeline, with the deadline it has to meet next (or None) and
    the deadlines it missed."""

    review: Review
    next_due: timeline.Standing | None
    missed: list


@dataclass(frozen=True)
class StatutoryTimeline:
    as_at: object
    due: list  # TimelineRow: reviews in their early stages, the next deadline soonest first
    late: list  # TimelineRow: reviews not yet ratified that missed a deadline, the earliest first
    year_first: object
    year_last: object
    figures: list  # timeline.YearFigure: the year's stages on time and late, per deadline

    @property
    def year_caption(self):
        return (
            f"Statutory stages reached from {self.year_first:%-d %B %Y} to "
            f"{min(self.year_last, self.as_at):%-d %B %Y}, on time and late"
        )

    @property
    def overdue(self):
        return [row for row in self.due if row.next_due and row.next_due.state == timeline.OVERDUE]


def statutory_timeline(*, as_at):
    """The statutory timeline as at a day, in one query whatever the number of reviews: the
    reviews in their early stages with what is due next, the reviews not yet ratified that missed a
    deadline and why, and the April-to-March year's notifications, rapid reviews and
    publications on time and late (those reached up to the as-at day)."""
    records = reviews_at(as_at).order_by("name")
    reviews = list(records) if is_today(as_at) else [record.instance for record in records]
    rows = [
        TimelineRow(
            review,
            timeline.next_due(review, as_at),
            timeline.late_standings(review, as_at),
        )
        for review in reviews
    ]
    due = sorted(
        (row for row in rows if timeline.in_early_stages(row.review, as_at)),
        key=lambda row: (row.next_due is None, row.next_due.due if row.next_due else None),
    )
    late = sorted(
        (row for row in rows if row.missed and row.review.stage in STILL_TIMED),
        key=lambda row: min(one.due for one in row.missed),
    )
    first, last = timeline.financial_year(as_at)
    return StatutoryTimeline(
        as_at, due, late, first, last, timeline.year_figures(reviews, first, min(last, as_at))
    )
