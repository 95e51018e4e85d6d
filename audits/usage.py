"""What the audits keep of an agency (it took part, or its work on a case was graded), of a theme
(the findings' themes) and what they show on a review's page, told to the reviews app
(reviews.usage), so that deleting an agency or theme in use is refused, a merge moves them, each
with a history record, and an audit's review shows its grades and findings."""

from reviews.models import ReviewKind, counted_named

from . import selectors, services
from .models import AgencyGrade, Audit, Finding


def agency_uses(agency):
    audits = Audit.objects.filter(agencies=agency) | Audit.objects.filter(
        agency_grades__agency=agency
    )
    said = counted_named(audits.distinct().order_by("audited_on"), "audit")
    return f"took part in {said}" if said else ""


def agency_move(agency, into, *, user, note):
    """Each audit `agency` took part in has `into` instead; its grades become `into`'s, except
    where `into` already has a grade for that case, which is kept."""
    audits = list(
        (Audit.objects.filter(agencies=agency) | Audit.objects.filter(agency_grades__agency=agency))
        .distinct()
        .prefetch_related("agencies")
    )
    for audit in audits:
        grades = list(AgencyGrade.objects.filter(audit=audit, agency=agency))
        kept = set(
            AgencyGrade.objects.filter(audit=audit, agency=into).values_list(
                "case_number", flat=True
            )
        )
        moved = [grade for grade in grades if grade.case_number not in kept]
        for grade in moved:
            grade.agency = into
        agencies = [a for a in audit.agencies.all() if a.pk != agency.pk]
        if not any(a.pk == into.pk for a in agencies):
            agencies.append(into)
        services.audit_save(audit, agencies=agencies, user=user, note=note)
        services.agency_grades_save(
            audit,
            moved,
            deleted=[grade for grade in grades if grade.case_number in kept],
            user=user,
            note=note,
        )
    return len(audits)


def theme_uses(theme):
    findings = Finding.objects.filter(theme=theme).order_by("audit__audited_on", "pk")
    return counted_named(findings, "audit finding")


def theme_move(theme, into, *, user, note):
    findings = list(Finding.objects.filter(theme=theme).select_related("audit"))
    for finding in findings:
        finding.theme = into
        services.findings_save(finding.audit, [finding], user=user, note=note)
    return len(findings)


def review_section(review, as_at):
    """An audit's grades, findings and actions, on its review's page."""
    if review.kind != ReviewKind.AUDIT:
        return None
    audit = selectors.audit_for_review(as_at=as_at, review_id=review.id)
    if audit is None:
        return None
    return {"template": "audits/review_section.html", "audit": audit}
