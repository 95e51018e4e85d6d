"""Reading the audits as they stood on a day: each audit with its grade distribution (overall and
by agency), its findings with the actions that answer them, its actions by status, and for a
re-audit the distribution before and after. A constant number of queries however many audits
there are (tests/audits/test_query_counts.py); shares are worked out here, never stored.

Today reads the live tables; a past day reads each model's history records in force at the end
of that day (as_at.history.records_at). Both are read as plain values, so the figures come out
the same way from either."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from as_at.history import end_of_day, is_today, records_at
from reviews import selectors as review_selectors
from reviews.vocabulary import Status

from .models import AgencyGrade, Audit, AuditCase, Finding, Grade
from .vocabulary import NOT_GRADED, FindingKind


def share(part, whole):
    """part ÷ whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


@dataclass(frozen=True)
class GradeCount:
    name: str
    position: int  # 1 is the best; the "Not graded" count comes last
    count: int
    share: float | None  # of the cases sampled
    good_or_better: bool = False


@dataclass(frozen=True)
class Distribution:
    """How many of the cases sampled were given each grade (best first), and how many were not
    graded. Shares are of the cases sampled, so that a case not graded is never hidden."""

    cases: int
    grades: list[GradeCount]
    not_graded: int

    @property
    def graded(self):
        return self.cases - self.not_graded

    @property
    def good_or_better(self):
        return sum(grade.count for grade in self.grades if grade.good_or_better)

    @property
    def good_or_better_share(self):
        """Of the cases graded: a share of cases nobody graded says nothing of practice."""
        return share(self.good_or_better, self.graded)

    @property
    def not_graded_count(self):
        if not self.not_graded:
            return None
        position = len(self.grades) + 1
        return GradeCount(NOT_GRADED, position, self.not_graded, share(self.not_graded, self.cases))

    @property
    def rows(self):
        """Every grade of the scale, then the cases not graded, if any: the figures in words."""
        extra = self.not_graded_count
        return [*self.grades, extra] if extra else list(self.grades)

    @property
    def bars(self):
        """The counts to draw: the grades given, then the cases not graded."""
        return [row for row in self.rows if row.count]


def distribution(grade_ids, *, cases, scale) -> Distribution:
    """The distribution of `grade_ids` (one per graded case) over `scale` (the Grade rows, best
    first), of `cases` sampled."""
    counted = Counter(grade_ids)
    total = max(cases, sum(counted.values()))
    grades = [
        GradeCount(
            g.name,
            g.position,
            counted.get(g.pk, 0),
            share(counted.get(g.pk, 0), total),
            g.good_or_better,
        )
        for g in scale
    ]
    return Distribution(cases=total, grades=grades, not_graded=total - sum(counted.values()))


@dataclass
class FindingRow:
    kind: str
    text: str
    theme: str
    action: dict | None = None  # id, reference, description, status, review slug, as at the day
    no_action_reason: str = ""

    @property
    def is_strength(self):
        return self.kind == FindingKind.STRENGTH

    @property
    def needs_response(self):
        return self.kind == FindingKind.AREA and self.action is None and not self.no_action_reason


@dataclass
class AuditSummary:
    id: int
    review_id: int
    name: str
    slug: str
    audited_on: datetime.date
    cases: int
    agencies: list[str]
    distribution: Distribution
    by_agency: list[tuple[str, Distribution]]
    strengths: list[FindingRow] = field(default_factory=list)
    areas: list[FindingRow] = field(default_factory=list)
    action_counts: dict = field(default_factory=dict)
    re_audit_of: "AuditSummary | None" = None
    re_audited_by: list["AuditSummary"] = field(default_factory=list)

    @property
    def areas_needing_response(self):
        return [area for area in self.areas if area.needs_response]

    @property
    def areas_in_report_order(self):
        """The areas with no action and no reason first: the exceptions."""
        return sorted(self.areas, key=lambda area: not area.needs_response)

    @property
    def before(self):
        return self.re_audit_of.distribution if self.re_audit_of else None

    @property
    def change_in_good_or_better(self):
        """The change in the share graded good or better since the audit this one re-audits."""
        if self.re_audit_of is None:
            return None
        now, then = self.distribution.good_or_better_share, self.before.good_or_better_share
        return None if now is None or then is None else now - then

    @property
    def before_and_after(self):
        """(before, after) GradeCounts of each grade of either audit, in scale order, then the
        cases not graded: None on a side where the grade does not appear."""
        if self.re_audit_of is None:
            return []
        before = {row.name: row for row in self.before.rows}
        after = {row.name: row for row in self.distribution.rows}
        names = sorted(
            {*before, *after},
            key=lambda name: (after.get(name) or before.get(name)).position,
        )
        return [(before.get(name), after.get(name)) for name in names]

    @property
    def answering_counts(self):
        """(Status, count) of the actions answering its areas for improvement (each counted
        once, whichever review it belongs to), blue first; statuses none has left out."""
        statuses = Counter(
            {
                area.action["id"]: area.action["status"] for area in self.areas if area.action
            }.values()
        )
        return [(Status(status), statuses[status]) for status in Status.values if statuses[status]]


def _at(model, as_at):
    if is_today(as_at):
        return model.objects.all()
    return records_at(model, end_of_day(as_at))


def _agency_links(audit_rows, as_at):
    """(audit id, agency name) of the audits' agencies that took part, as at the day."""
    if is_today(as_at):
        links = Audit.agencies.through.objects.filter(audit_id__in=audit_rows)
        return links.values_list("audit_id", "agency__name")
    links = Audit.history.model.agencies.model.objects.filter(history__in=audit_rows)
    return links.values_list("history__id", "agency__name")


def audits_overview(*, as_at, review_id=None) -> list[AuditSummary]:
    """Every audit that existed at the end of `as_at` (or only the audit of review `review_id`,
    with the audit it re-audits and those that re-audit it), oldest first: eight queries."""
    audits = _at(Audit, as_at)
    if review_id is not None:
        own = audits.filter(review_id=review_id)
        audits = audits.filter(
            Q(review_id=review_id)
            | Q(id__in=own.values("re_audit_of_id"))
            | Q(re_audit_of_id__in=own.values("id"))
        )
    audits = audits.order_by("audited_on", "review__name")
    rows = list(
        audits.values(
            "pk", "id", "review_id", "review__name", "review__slug", "audited_on", "cases",
            "re_audit_of_id",
        )
    )  # fmt: skip
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    scale = list(Grade.objects.order_by("position"))
    agencies = defaultdict(list)
    for audit_id, name in _agency_links(audits.values("pk"), as_at).order_by("agency__name"):
        agencies[audit_id].append(name)

    grades_by_audit = defaultdict(list)
    cases = _at(AuditCase, as_at).filter(audit_id__in=ids)
    for audit_id, grade_id in cases.values_list("audit_id", "grade_id"):
        grades_by_audit[audit_id].append(grade_id)
    agency_grades = defaultdict(lambda: defaultdict(list))
    graded = _at(AgencyGrade, as_at).filter(audit_id__in=ids)
    for audit_id, agency, grade_id in graded.values_list("audit_id", "agency__name", "grade_id"):
        agency_grades[audit_id][agency].append(grade_id)

    findings = list(
        _at(Finding, as_at)
        .filter(audit_id__in=ids)
        .order_by("id")
        .values("audit_id", "kind", "text", "theme__name", "action_id", "no_action_reason")
    )
    action_ids = {f["action_id"] for f in findings if f["action_id"]}
    actions = {
        action["id"]: action
        for action in review_selectors.actions_at(as_at)
        .filter(id__in=action_ids)
        .values("id", "reference", "description", "status", "review__name", "review__slug")
    }
    counts = review_selectors.counts_by_review(
        as_at=as_at, review_ids=[row["review_id"] for row in rows]
    )

    summaries = {}
    for row in rows:
        audit_id = row["id"]
        summary = AuditSummary(
            id=audit_id,
            review_id=row["review_id"],
            name=row["review__name"],
            slug=row["review__slug"],
            audited_on=row["audited_on"],
            cases=row["cases"],
            agencies=agencies.get(audit_id, []),
            distribution=distribution(
                grades_by_audit.get(audit_id, []), cases=row["cases"], scale=scale
            ),
            by_agency=[
                (name, distribution(grade_ids, cases=row["cases"], scale=scale))
                for name, grade_ids in sorted(agency_grades.get(audit_id, {}).items())
            ],
            action_counts=counts[row["review_id"]],
        )
        summaries[audit_id] = summary
    for finding in findings:
        row = FindingRow(
            kind=finding["kind"],
            text=finding["text"],
            theme=finding["theme__name"],
            action=actions.get(finding["action_id"]),
            no_action_reason=finding["no_action_reason"],
        )
        summary = summaries[finding["audit_id"]]
        (summary.strengths if row.is_strength else summary.areas).append(row)
    for row in rows:
        earlier = summaries.get(row["re_audit_of_id"])
        if earlier is not None:
            summaries[row["id"]].re_audit_of = earlier
            earlier.re_audited_by.append(summaries[row["id"]])
    return list(summaries.values())


def audit_for_review(*, as_at, review_id) -> AuditSummary | None:
    """The audit details of one review as at the day, or None for a review with none."""
    for summary in audits_overview(as_at=as_at, review_id=review_id):
        if summary.review_id == review_id:
            return summary
    return None


def audits_summary(summaries):
    """The figures of a short panel: audits, cases, the latest audit's share good or better,
    areas for improvement in all and those with no action or reason."""
    areas = [area for summary in summaries for area in summary.areas]
    return {
        "audits": len(summaries),
        "cases": sum(summary.distribution.cases for summary in summaries),
        "areas": len(areas),
        "areas_needing_response": sum(area.needs_response for area in areas),
        "strengths": sum(len(summary.strengths) for summary in summaries),
        "latest": summaries[-1] if summaries else None,
        "re_audits": [summary for summary in summaries if summary.re_audit_of is not None],
    }
