"""What people write for the partnership's yearly report (Working Together's report for every
twelve months), beside what the report draws from the records: the independent scrutineer's
assessment, the voice of children and families, the sign-off by each lead safeguarding partner,
and the dates it was published and sent to the national Child Safeguarding Practice Review
Panel. The report's figures are worked out from the records as they stood at the year's end."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from as_at.history import HistoryPeriod
from reviews.models import Agency


def _history():
    return HistoricalRecords(
        bases=[HistoryPeriod], history_change_reason_field=models.TextField(null=True)
    )


REPORT_HISTORY = _history()
SIGN_OFF_HISTORY = _history()


class YearlyReport(models.Model):
    """The written parts of one year's report: the year runs from `starts_on` (1 April by
    default) for twelve months."""

    starts_on = models.DateField("year starts on", unique=True)
    scrutineer_assessment = models.TextField(
        "the independent scrutineer's assessment",
        blank=True,
        help_text="Written by the independent scrutineer: how effective the arrangements were.",
    )
    voice_of_children = models.TextField(
        "the voice of children and families",
        blank=True,
        help_text="How the partners used feedback from children and families. No names.",
    )
    published_on = models.DateField("published on", null=True, blank=True)
    sent_to_panel_on = models.DateField(
        "sent to the national panel on",
        null=True,
        blank=True,
        help_text="The date it was sent to the Child Safeguarding Practice Review Panel.",
    )

    history = REPORT_HISTORY

    class Meta:
        ordering = ["starts_on"]
        permissions = [
            ("write_assessment", "Can write the independent scrutineer's assessment"),
        ]

    def __str__(self):
        return f"Yearly report {self.label}"

    @property
    def label(self):
        """'2025-26' for a year starting in 2025."""
        return f"{self.starts_on.year}-{(self.starts_on.year + 1) % 100:02d}"

    def clean(self):
        errors = {}
        if self.sent_to_panel_on and not self.published_on:
            errors["published_on"] = "Give the date it was published before the date it was sent."
        if (
            self.published_on
            and self.sent_to_panel_on
            and self.sent_to_panel_on < self.published_on
        ):
            errors["sent_to_panel_on"] = "It is sent to the panel on or after its publication."
        if errors:
            raise ValidationError(errors)


class SignOff(models.Model):
    """One lead safeguarding partner's sign-off of the report: by role, never by name."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="sign_offs")
    role = models.CharField(
        max_length=200, help_text="Such as “Director of Children's Services”: a role, not a name."
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="sign_offs"
    )
    signed_on = models.DateField("signed off on")

    history = SIGN_OFF_HISTORY

    class Meta:
        ordering = ["report", "signed_on", "role"]
        verbose_name = "sign-off"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "role"],
                name="sign_off_once_per_role",
                violation_error_message="This role has already signed the report off.",
            )
        ]

    def __str__(self):
        return f"{self.role}, {self.signed_on:%-d %B %Y}" if self.signed_on else self.role
