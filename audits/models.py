"""Multi-agency audits: a review of kind "multi-agency audit" (its actions are ordinary actions)
with the details only an audit has: when it was held, how many cases it sampled, the agencies that
took part, each case's grade overall and per agency, its findings, and the earlier audit it
re-audits.

Cases are numbered only. No model here has, or may be given, a field for a child's or family's
name, initials or date of birth: a case is its number within its audit, and the audit is known by
its review's published name (tests/audits/test_rules.py checks)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from as_at.history import HistoryPeriod
from reviews.models import Action, Agency, Review, ReviewKind, Theme

from .vocabulary import FindingKind


def _history(**options):
    return HistoricalRecords(
        bases=[HistoryPeriod], history_change_reason_field=models.TextField(null=True), **options
    )


# Module level, as for the dataset and the learning programme: the write services record one
# history entry for each change (as_at.history.save_with_history).
GRADE_HISTORY = _history()
AUDIT_HISTORY = _history(m2m_fields=["agencies"])
CASE_HISTORY = _history()
AGENCY_GRADE_HISTORY = _history()
FINDING_HISTORY = _history()


class Grade(models.Model):
    """One grade of the scale the audit panel grades cases on, best first (`position`). The
    partnership keeps the scale in the admin; it starts as Outstanding, Good, Requires
    improvement, Inadequate."""

    name = models.CharField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(
        unique=True, help_text="Where the grade comes on the scale: 1 is the best."
    )
    good_or_better = models.BooleanField(
        "counts as good or better",
        default=False,
        help_text="Whether a case graded so counts towards the share graded good or better.",
    )

    history = GRADE_HISTORY

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name


class Audit(models.Model):
    """What a multi-agency audit adds to its review."""

    review = models.OneToOneField(
        Review,
        on_delete=models.CASCADE,
        related_name="audit",
        limit_choices_to={"kind": ReviewKind.AUDIT},
        help_text="The review of kind “multi-agency audit” that holds the audit's actions.",
    )
    audited_on = models.DateField("date of the audit")
    cases = models.PositiveIntegerField(
        "number of cases",
        validators=[MinValueValidator(1)],
        help_text="How many cases the panel audited. Cases are numbered 1, 2, 3...: never named.",
    )
    agencies = models.ManyToManyField(
        Agency, blank=True, related_name="audits", verbose_name="agencies that took part"
    )
    re_audit_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="re_audits",
        verbose_name="re-audit of",
        help_text="The earlier audit whose practice this audit checks again.",
    )

    history = AUDIT_HISTORY

    class Meta:
        ordering = ["audited_on", "review__name"]

    def __str__(self):
        return str(self.review)

    def clean(self):
        errors = {}
        if self.review_id is not None and self.review.kind != ReviewKind.AUDIT:
            errors["review"] = (
                "Choose a review of kind “Multi-agency audit”: an audit's details go with its "
                "review."
            )
        earlier = self.re_audit_of
        if earlier is not None:
            if self.pk is not None and earlier.pk == self.pk:
                errors["re_audit_of"] = "An audit cannot re-audit itself."
            elif self.audited_on and earlier.audited_on and earlier.audited_on >= self.audited_on:
                errors["re_audit_of"] = (
                    f"A re-audit comes after the audit it checks: {earlier} was on "
                    f"{earlier.audited_on:%-d %B %Y}."
                )
        if errors:
            raise ValidationError(errors)


def audit_of(row):
    """The audit a case or an agency's grade belongs to, saved or not: the admin checks a new
    audit's rows against the number of cases on the same form, before the audit is saved."""
    try:
        return row.audit
    except Audit.DoesNotExist:
        return None


class AuditCase(models.Model):
    """One audited case, by its number within the audit, with the panel's overall grade."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="audit_cases")
    number = models.PositiveIntegerField(
        "case number",
        validators=[MinValueValidator(1)],
        help_text="The case's number within the audit: never a name, initials or a date of birth.",
    )
    grade = models.ForeignKey(
        Grade, on_delete=models.PROTECT, related_name="cases", verbose_name="overall grade"
    )

    history = CASE_HISTORY

    class Meta:
        ordering = ["audit", "number"]
        verbose_name = "audited case"
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "number"],
                name="audit_case_number_once",
                violation_error_message="This audit already has a case with this number.",
            )
        ]

    def __str__(self):
        return f"Case {self.number}"

    def clean(self):
        audit = audit_of(self)
        if audit is not None and isinstance(self.number, int) and self.number > audit.cases:
            raise ValidationError(
                {
                    "number": f"The audit sampled {audit.cases} cases: number them from 1 "
                    f"to {audit.cases}, or change the number of cases first."
                }
            )


class AgencyGrade(models.Model):
    """One agency's grade for one audited case (by its number), where the panel graded the
    agencies' work apart: optional."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="agency_grades")
    case_number = models.PositiveIntegerField(
        "case number",
        validators=[MinValueValidator(1)],
        help_text="The case's number: never a name.",
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="audit_grades")
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="agency_grades")

    history = AGENCY_GRADE_HISTORY

    class Meta:
        ordering = ["audit", "case_number", "agency__name"]
        verbose_name = "agency's grade"
        verbose_name_plural = "grades by agency"
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "case_number", "agency"],
                name="agency_grade_once",
                violation_error_message="This agency already has a grade for this case.",
            )
        ]

    def __str__(self):
        return f"Case {self.case_number}, {self.agency}: {self.grade}"

    def clean(self):
        number, audit = self.case_number, audit_of(self)
        if audit is not None and isinstance(number, int) and number > audit.cases:
            raise ValidationError(
                {
                    "case_number": f"The audit sampled {audit.cases} cases: number them "
                    f"from 1 to {audit.cases}."
                }
            )


class Finding(models.Model):
    """A strength or an area for improvement the panel found, with its theme. An area for
    improvement is answered by an action, or says why none is needed; one with neither is
    flagged wherever it is shown (`needs_response`)."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(max_length=20, choices=FindingKind.choices)
    text = models.TextField(
        "finding", help_text="What the panel found, in general terms: no names or case facts."
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="audit_findings")
    action = models.ForeignKey(
        Action,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_findings",
        help_text="For an area for improvement: the action that answers it.",
    )
    no_action_reason = models.TextField(
        "reason for no action",
        blank=True,
        help_text="For an area for improvement with no action: why none is needed.",
    )

    history = FINDING_HISTORY

    class Meta:
        ordering = ["audit", "kind", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def needs_response(self):
        return (
            self.kind == FindingKind.AREA
            and self.action_id is None
            and not self.no_action_reason.strip()
        )

    def clean(self):
        self.no_action_reason = self.no_action_reason.strip()
        errors = {}
        if self.kind == FindingKind.STRENGTH:
            if self.action_id is not None:
                errors["action"] = (
                    "A strength needs no action: only link actions to areas for improvement."
                )
            if self.no_action_reason.strip():
                errors["no_action_reason"] = (
                    "A strength needs no reason for no action: leave it blank."
                )
        elif self.action_id is not None and self.no_action_reason.strip():
            errors["no_action_reason"] = (
                "Give either the action that answers this area or the reason for none, not both."
            )
        if errors:
            raise ValidationError(errors)


def needs_response_q(prefix=""):
    """Findings (reached through `prefix`) that are areas for improvement with neither an action
    nor a reason: the flag, for SQL."""
    return models.Q(
        **{
            f"{prefix}kind": FindingKind.AREA,
            f"{prefix}action__isnull": True,
            f"{prefix}no_action_reason": "",
        }
    )
