"""Audits for the tests, made through the services (so with history)."""

import datetime

from django.utils.text import slugify

from audits import services
from audits.models import AgencyGrade, Audit, AuditCase, Finding, Grade
from reviews import services as review_services
from reviews.models import ReviewKind
from tests.factories import ReviewFactory


def grade(name):
    return Grade.objects.get(name=name)


def make_audit(
    *, name="Audit: working with resistance", cases=8, grades=(), agencies=(), at=None, **fields
):
    """An audit (its review of kind multi-agency audit, 10 March 2025 unless `fields` say) of
    `cases` cases, the first ones graded `grades` (grade names, in case order)."""
    review = fields.pop("review", None) or review_services.review_save(
        review=ReviewFactory.build(name=name, slug=slugify(name), kind=ReviewKind.AUDIT),
        note="Review added",
        at=at,
    )
    fields.setdefault("audited_on", datetime.date(2025, 3, 10))
    audit = Audit(review=review, cases=cases, **fields)
    graded = [
        AuditCase(number=number, grade=grade(name)) for number, name in enumerate(grades, start=1)
    ]
    return services.audit_save(
        audit, agencies=list(agencies), cases=graded, note="Audit added", at=at
    )


def grade_agencies(audit, rows, at=None):
    """`rows`: (case number, agency, grade name)."""
    return services.agency_grades_save(
        audit,
        [AgencyGrade(case_number=n, agency=a, grade=grade(g)) for n, a, g in rows],
        note="Grades by agency",
        at=at,
    )


def add_findings(audit, rows, at=None):
    """`rows`: (kind, text, theme, action or None, reason)."""
    return services.findings_save(
        audit,
        [
            Finding(kind=kind, text=text, theme=theme, action=action, no_action_reason=reason)
            for kind, text, theme, action, reason in rows
        ],
        note="Findings recorded",
        at=at,
    )
