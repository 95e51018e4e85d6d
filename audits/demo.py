"""The demo's multi-agency audits: an audit of working with resistance, after the Sam and Kyle
review, and its re-audit a year and a half later, which shows practice improving.

The story the committee reads in it: the first audit graded three of ten cases good or better,
found that supervision rarely recorded how resistance was challenged and that health staff were
unsure how to escalate when refused access; each area is answered by one of Sam and Kyle's
actions (or says why none is needed). The re-audit of fifteen cases graded ten good or better,
up by more than a third, and found one new area, fathers and other adults in the household, which
the panel has not yet answered: the flag the committee sees.

The audits' own reviews have no actions: their areas are answered by the actions already in the
seed's plans, so the seed's figures (DESIGN.md, section 3) stay exact. Each record is written as
it happened, through the services with `at=`, so that the audits "as at" an earlier day are the
audits as they stood then. Cases are numbered, never named; findings say no names or case facts.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from reviews import services as review_services
from reviews.models import Action, Agency, Review, ReviewKind, ReviewStage, Theme

from . import services
from .models import AgencyGrade, Audit, AuditCase, Finding, Grade
from .vocabulary import FindingKind

WR, IS, PC = "working-with-resistance", "information-sharing", "professional-curiosity"
O, G, R, I = "Outstanding", "Good", "Requires improvement", "Inadequate"  # noqa: E741
GRADE_LETTERS = {"O": O, "G": G, "R": R, "I": I}

AUDITS = [
    {
        "name": "Multi-agency audit: working with resistance",
        "slug": "audit-working-with-resistance",
        "days_ago": 540,
        "stage": ReviewStage.RATIFIED,
        "summary": "Ten cases where families had resisted professionals' involvement, audited "
        "by each agency and graded by a multi-agency panel: how resistance was recognised, "
        "challenged in supervision and escalated.",
        "agencies": ["local-authority", "police", "health-providers", "education"],
        # Each case's overall grade, then its grade for each agency above, as letters.
        "cases": ["G GGGG", "R RGRR", "I IRIR", "R GRRG", "G GGGR", "R RRRG", "I RIIR",
                  "R RGRR", "G GGGG", "R RRGR"],
        "findings": [
            (FindingKind.STRENGTH, WR, "Practitioners recognised resistance early and named it "
             "in their records in most cases.", None, ""),
            (FindingKind.STRENGTH, IS, "Police and children's social care shared information "
             "on the day of each referral.", None, ""),
            (FindingKind.AREA, WR, "Supervision rarely recorded how resistance had been "
             "challenged, or what the worker would do next.", ("Sam and Kyle", "SK18"), ""),
            (FindingKind.AREA, WR, "Health practitioners were unsure how to escalate when they "
             "were refused access to a child.", ("Sam and Kyle", "SK16"), ""),
            (FindingKind.AREA, PC, "Safety planning for staff visiting homes where hostility "
             "was known was not recorded.", ("Sam and Kyle", "SK4"), ""),
            (FindingKind.AREA, IS, "Chronologies were incomplete in two cases.", None,
             "Answered by the partnership's chronology standard, already in force; the "
             "re-audit checks it."),
        ],
    },
    {
        "name": "Re-audit: working with resistance",
        "slug": "re-audit-working-with-resistance",
        "days_ago": 75,
        "stage": ReviewStage.LEARNING_PUBLISHED,
        "summary": "Fifteen cases where resistance was recorded, re-audited to test whether "
        "supervision and escalation had changed since the first audit.",
        "agencies": ["local-authority", "police", "health-providers", "education", "icb"],
        "re_audit_of": "audit-working-with-resistance",
        "cases": ["O OOGOG", "G GGGGG", "G GGRGG", "R RGRRR", "G GGGGR", "O OGOOO", "G GGGGG",
                  "R GRRRI", "G GGGGG", "I IRIRI", "G GGGRG", "R RRGRR", "G GGGGG", "G GGGGR",
                  "R RGRRR"],
        "findings": [
            (FindingKind.STRENGTH, WR, "Supervision records now say how resistance was "
             "challenged and what happens next, in most cases.", None, ""),
            (FindingKind.STRENGTH, WR, "Health practitioners escalated refused access promptly, "
             "using the escalation route in the practice guidance.", None, ""),
            (FindingKind.STRENGTH, IS, "Chronologies were complete in every case.", None, ""),
            (FindingKind.AREA, PC, "Fathers and other adults in the household were not always "
             "part of the assessment of resistance.", None, ""),
            (FindingKind.AREA, WR, "The audit tool's questions on supervision should be kept "
             "for the next audit.", None, "A note for the next audit, not a change in practice."),
        ],
    },
]  # fmt: skip


class DemoContentMissing(Exception):
    """The reviews, agencies, themes or actions the demo's audits name are not in the database."""


def moment(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def weekday_before(day):
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def load(*, today, user) -> list[Audit]:
    """The demo's two audits, their reviews, cases, grades by agency and findings."""
    agencies = {agency.slug: agency for agency in Agency.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    grades = {grade.name: grade for grade in Grade.objects.all()}
    actions = {
        (action.review.name, action.reference): action
        for action in Action.objects.select_related("review")
    }
    wanted_agencies = {slug for audit in AUDITS for slug in audit["agencies"]}
    wanted_themes = {finding[1] for audit in AUDITS for finding in audit["findings"]}
    wanted_actions = {finding[3] for audit in AUDITS for finding in audit["findings"] if finding[3]}
    missing = sorted(
        [*(wanted_agencies - set(agencies)), *(wanted_themes - set(themes))]
        + [f"{name} {ref}" for name, ref in wanted_actions - set(actions)]
        + [name for name in GRADE_LETTERS.values() if name not in grades]
    )
    if missing:
        raise DemoContentMissing(
            f"The demo's audits need what the database does not have: {', '.join(missing)}."
        )
    made = {}
    for content in AUDITS:
        audited_on = weekday_before(today - timedelta(days=content["days_ago"]))
        recorded = moment(audited_on + timedelta(days=7))
        started_on = audited_on - timedelta(days=42)
        review = Review(
            name=content["name"],
            slug=content["slug"],
            kind=ReviewKind.AUDIT,
            stage=ReviewStage.IN_PROGRESS,
            started_on=started_on,
            summary=content["summary"],
        )
        review_services.review_save(
            review=review,
            user=user,
            note="Audit started",
            at=moment(started_on),
            themes=[themes[WR]],
        )
        took_part = [agencies[slug] for slug in content["agencies"]]
        audit = Audit(
            review=review,
            audited_on=audited_on,
            cases=len(content["cases"]),
            re_audit_of=made.get(content.get("re_audit_of")),
        )
        cases, by_agency = [], []
        for number, letters in enumerate(content["cases"], start=1):
            overall, each = letters.split(" ")
            cases.append(AuditCase(number=number, grade=grades[GRADE_LETTERS[overall]]))
            by_agency += [
                AgencyGrade(case_number=number, agency=agency, grade=grades[GRADE_LETTERS[letter]])
                for agency, letter in zip(took_part, each, strict=True)
            ]
        note = "The panel's grades recorded"
        services.audit_save(
            audit, agencies=took_part, cases=cases, user=user, note=note, at=recorded
        )
        services.agency_grades_save(audit, by_agency, user=user, note=note, at=recorded)
        services.findings_save(
            audit,
            [
                Finding(
                    kind=kind,
                    theme=themes[theme],
                    text=text,
                    action=actions[answered_by] if answered_by else None,
                    no_action_reason=reason,
                )
                for kind, theme, text, answered_by, reason in content["findings"]
            ],
            user=user,
            note="The panel's findings recorded",
            at=recorded + timedelta(hours=1),
        )
        stages = [(ReviewStage.LEARNING_PUBLISHED, 21, "Audit report published")]
        if content["stage"] == ReviewStage.RATIFIED:
            stages.append((ReviewStage.RATIFIED, 49, "Audit report ratified by the partnership"))
        for stage, days, note in stages:
            on = audited_on + timedelta(days=days)
            review_services.review_set_stage(
                review=review, stage=stage, on=on, user=user, note=note, at=moment(on)
            )
        made[content["slug"]] = audit
    return list(made.values())
