"""Every write to the audits: each change one history record with who, when and why
(as_at.history.save_with_history), after the models' rules and the rules between them (a case's
agency grades are for agencies that took part; no more graded cases than were sampled)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from as_at.history import save_with_history

from .models import (
    AGENCY_GRADE_HISTORY,
    AUDIT_HISTORY,
    CASE_HISTORY,
    FINDING_HISTORY,
    GRADE_HISTORY,
    AgencyGrade,
    Audit,
    AuditCase,
    Finding,
    Grade,
)
from .vocabulary import DEFAULT_GRADES


def grades_ensure():
    """The default grading scale, when the partnership has no scale yet. Safe to run any number
    of times; a scale the partnership has set is left alone."""
    if Grade.objects.exists():
        return
    for position, (name, good) in enumerate(DEFAULT_GRADES, start=1):
        grade_save(Grade(name=name, position=position, good_or_better=good), note="Default scale")


def grade_save(grade, *, user=None, note="", at=None) -> Grade:
    grade.full_clean()
    save_with_history(grade, GRADE_HISTORY, user=user, note=note, at=at, m2m={})
    return grade


@transaction.atomic
def audit_save(
    audit, *, agencies=None, cases=(), deleted_cases=(), user=None, note="", at=None
) -> Audit:
    """Validate and save an audit's details, the agencies that took part (when given) and its
    cases, new, changed (`cases`) and taken off (`deleted_cases`), each with one history
    record; then check them together: no case numbered beyond the cases sampled, no agency
    graded that did not take part. Nothing is written if any rule is broken."""
    audit.full_clean()
    save_with_history(audit, AUDIT_HISTORY, user=user, note=note, at=at, m2m={"agencies": agencies})
    for case in cases:
        case.audit = audit
        case.full_clean()
        save_with_history(case, CASE_HISTORY, user=user, note=note, at=at, m2m={})
    _delete_recorded(deleted_cases, user=user, note=note, at=at)
    check_cases(audit)
    if agencies is not None:
        check_agency_grades(audit)
    return audit


def check_cases(audit):
    numbers = [
        *AuditCase.objects.filter(audit=audit).values_list("number", flat=True),
        *AgencyGrade.objects.filter(audit=audit).values_list("case_number", flat=True),
    ]
    if numbers and max(numbers) > audit.cases:
        raise ValidationError(
            {
                "cases": f"Case {max(numbers)} is graded: the audit sampled at least "
                f"{max(numbers)} cases."
            }
        )


def check_agency_grades(audit):
    took_part = set(audit.agencies.values_list("pk", flat=True))
    strays = (
        AgencyGrade.objects.filter(audit=audit)
        .exclude(agency__in=took_part)
        .select_related("agency")
        .order_by("case_number", "agency__name")
    )
    problems = [
        f"Case {row.case_number} has a grade for {row.agency}, which is not among the agencies "
        "that took part: add the agency, or take its grade off."
        for row in strays
    ]
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def agency_grades_save(audit, rows, *, deleted=(), user=None, note="", at=None):
    """Validate and save grades by agency for the audit's cases, each with one history record:
    only for agencies that took part."""
    rows = list(rows)
    for row in rows:
        row.audit = audit
        row.full_clean()
        save_with_history(row, AGENCY_GRADE_HISTORY, user=user, note=note, at=at, m2m={})
    _delete_recorded(deleted, user=user, note=note, at=at)
    check_agency_grades(audit)
    check_cases(audit)
    return rows


@transaction.atomic
def findings_save(audit, findings, *, deleted=(), user=None, note="", at=None) -> list[Finding]:
    """Validate and save an audit's findings, each with one history record."""
    findings = list(findings)
    for finding in findings:
        finding.audit = audit
        finding.full_clean()
        save_with_history(finding, FINDING_HISTORY, user=user, note=note, at=at, m2m={})
    _delete_recorded(deleted, user=user, note=note, at=at)
    return findings


def _delete_recorded(objects, *, user, note, at):
    for obj in objects:
        # simple-history records the deletion from these, as save_with_history does a change.
        obj._change_reason, obj._history_user = note, user
        if at is not None:
            obj._history_date = at
        obj.delete()


def delete_all():
    """Delete every audit's details and their history (`demo_data --reset`), before the reviews,
    agencies, themes and actions they keep; the grading scale stays."""
    from django.apps import apps

    for model in (Finding, AgencyGrade, AuditCase):
        model.objects.all().delete()
    Audit.objects.filter(re_audit_of__isnull=False).delete()
    Audit.objects.all().delete()
    apps.get_model("audits", "HistoricalAudit_agencies").objects.all().delete()
    for model in (Finding, AgencyGrade, AuditCase, Audit):
        model.history.all().delete()
