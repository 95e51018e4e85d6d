"""The independent scrutineer's challenge log: each question put to an agency or a group, the
response and its date, and whether the challenge is open or closed, with every change in its
history. How long a challenge has waited is worked out when read, never stored."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from as_at.history import HistoryPeriod
from reviews.models import Agency

CHALLENGE_HISTORY = HistoricalRecords(
    bases=[HistoryPeriod], history_change_reason_field=models.TextField(null=True)
)


class ChallengeStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Challenge(models.Model):
    """A question the scrutineer put, to an agency or to a group (such as the partnership's
    executive), with its response. Put in general terms: no names or case facts."""

    raised_on = models.DateField("date raised")
    question = models.TextField(help_text="The question put. No names or case facts.")
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="challenges",
        help_text="The agency asked, or leave it blank and name a group.",
    )
    group = models.CharField(
        max_length=200,
        blank=True,
        help_text="The group asked, such as the partnership's executive, if not one agency.",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenges_raised",
    )
    response = models.TextField(blank=True, help_text="The agency's or group's answer.")
    responded_on = models.DateField("date of the response", null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ChallengeStatus.choices, default=ChallengeStatus.OPEN
    )
    closing_note = models.TextField(
        blank=True, help_text="Why the challenge is closed: the scrutineer is satisfied, or not."
    )
    closed_on = models.DateField("date closed", null=True, blank=True)

    history = CHALLENGE_HISTORY

    class Meta:
        ordering = ["raised_on", "pk"]
        permissions = [("respond_challenge", "Can record the response to a challenge")]

    def __str__(self):
        asked = self.agency or self.group or "unnamed"
        return (
            f"Challenge to {asked}, {self.raised_on:%-d %B %Y}" if self.raised_on else "Challenge"
        )

    @property
    def asked(self):
        return str(self.agency) if self.agency_id else self.group

    def waited_days(self, day):
        """Days from being raised to its response, or to `day` while it has none."""
        end = self.responded_on if self.responded_on and self.responded_on <= day else day
        return (end - self.raised_on).days

    def clean(self):
        errors = {}
        if self.agency_id is None and not self.group.strip():
            errors["agency"] = "Choose the agency asked, or name the group asked."
        elif self.agency_id is not None and self.group.strip():
            errors["group"] = "Ask one agency or one group: leave the group blank for an agency."
        if self.response.strip() and self.responded_on is None:
            errors["responded_on"] = "Give the date of the response."
        if self.responded_on and not self.response.strip():
            errors["response"] = "Give the response, or take its date away."
        if self.responded_on and self.raised_on and self.responded_on < self.raised_on:
            errors["responded_on"] = "A response comes on or after the day the question was put."
        if self.status == ChallengeStatus.CLOSED:
            if not self.closing_note.strip():
                errors["closing_note"] = "Say why the challenge is closed."
            if self.closed_on is None:
                errors["closed_on"] = "Give the date the challenge was closed."
        elif self.closed_on is not None:
            errors["closed_on"] = "An open challenge has no date closed."
        if errors:
            raise ValidationError(errors)
