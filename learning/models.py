"""The learning programme: sessions that share the learning of reviews and audits, and per
session the places each agency booked and how many of them came.

Counts only. No model here has, or may be given, a field for an attendee's name, initials or
date of birth: the programme is read by the committee and published in its reports, and the
partnership needs only how many came from each agency (tests/learning/test_models.py checks)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from as_at.history import HistoryPeriod
from reviews.models import Agency, Review, Theme

from . import rules
from .vocabulary import CONFIDENCE_HIGHEST, CONFIDENCE_LOWEST, UNLIMITED_FORMATS, Format

COUNT = {"null": True, "blank": True}
CONFIDENCE = {
    "max_digits": 2,
    "decimal_places": 1,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(CONFIDENCE_LOWEST), MaxValueValidator(CONFIDENCE_HIGHEST)],
}

# Module level, as for the dataset: the write services record one history entry for a change to
# a session and its links (as_at.history.save_with_history).
SESSION_HISTORY = HistoricalRecords(
    m2m_fields=["themes", "reviews"],
    bases=[HistoryPeriod],
    history_change_reason_field=models.TextField(null=True),
)

SESSION_AGENCY_HISTORY = HistoricalRecords(
    bases=[HistoryPeriod], history_change_reason_field=models.TextField(null=True)
)


class LearningSession(models.Model):
    """An awareness or training session sharing the learning of reviews (and audits), with its
    evaluation straight after and its follow-up three months later.

    Counts only: never an attendee's name, initials or date of birth (see the module's note).
    Rates, the follow-up's due date and whether it is overdue are worked out (learning.rules),
    never stored."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="learning_sessions")
    reviews = models.ManyToManyField(
        Review,
        blank=True,
        related_name="learning_sessions",
        help_text="The reviews and audits whose learning the session shares.",
    )
    date = models.DateField()
    format = models.CharField(max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    places_offered = models.PositiveIntegerField(
        **COUNT,
        validators=[MinValueValidator(1)],
        help_text="Blank only for e-learning, which is open to all.",
    )

    evaluation_responses = models.PositiveIntegerField(
        "evaluation responses", **COUNT, help_text="Evaluations returned straight after."
    )
    evaluation_good_or_better = models.PositiveIntegerField(
        "responses rating it good or better", **COUNT
    )
    confidence_before = models.DecimalField(
        **CONFIDENCE, help_text="The evaluations' average confidence before, from 1 to 5."
    )
    confidence_after = models.DecimalField(
        **CONFIDENCE, help_text="The evaluations' average confidence after, from 1 to 5."
    )

    follow_up_responses = models.PositiveIntegerField(
        "follow-up responses", **COUNT, help_text="Responses to the three-month follow-up."
    )
    follow_up_changed_practice = models.PositiveIntegerField(
        "responses reporting a change in practice", **COUNT
    )
    follow_up_examples = models.TextField(
        "examples of changed practice",
        blank=True,
        help_text="In words, without names: what practitioners now do differently.",
    )
    follow_up_recorded_on = models.DateField("follow-up recorded on", null=True, blank=True)

    notes = models.TextField(blank=True, help_text="Anything else about the session. No names.")

    history = SESSION_HISTORY

    class Meta:
        ordering = ["date", "title"]

    def __str__(self):
        return f"{self.title} ({self.date:%-d %B %Y})" if self.date else self.title

    @property
    def follow_up_due(self):
        return rules.follow_up_due(self.date)

    def follow_up_overdue_on(self, day):
        return rules.follow_up_overdue(self.date, self.follow_up_recorded_on, day)

    def clean(self):
        errors = {}
        if self.places_offered is None and self.format not in UNLIMITED_FORMATS:
            errors["places_offered"] = (
                "Give the number of places offered: only e-learning may leave it blank."
            )
        responses, good = self.evaluation_responses, self.evaluation_good_or_better
        if responses is None:
            if good is not None:
                errors["evaluation_responses"] = (
                    "Give the number of evaluation responses that the share rating it good or "
                    "better is out of."
                )
            elif self.confidence_before is not None or self.confidence_after is not None:
                errors["evaluation_responses"] = (
                    "Give the number of evaluation responses that the confidence comes from."
                )
        elif good is not None and good > responses:
            errors["evaluation_good_or_better"] = (
                f"More responses rate it good or better ({good}) than there are evaluation "
                f"responses ({responses})."
            )
        errors.update(self.follow_up_errors())
        if errors:
            raise ValidationError(errors)

    def follow_up_errors(self):
        errors = {}
        responses, changed = self.follow_up_responses, self.follow_up_changed_practice
        given = responses is not None or changed is not None or self.follow_up_examples.strip()
        if given and self.follow_up_recorded_on is None:
            errors["follow_up_recorded_on"] = "Give the date the follow-up was recorded."
        if self.follow_up_recorded_on is not None and responses is None:
            errors["follow_up_responses"] = (
                "Give the number of follow-up responses, or take the date recorded away."
            )
        elif responses is None and changed is not None:
            errors["follow_up_responses"] = (
                "Give the number of follow-up responses that the changes in practice are out of."
            )
        elif responses is not None and changed is not None and changed > responses:
            errors["follow_up_changed_practice"] = (
                f"More responses report a change in practice ({changed}) than there are "
                f"follow-up responses ({responses})."
            )
        recorded_on = self.follow_up_recorded_on
        if recorded_on and self.date and recorded_on < self.date:
            errors.setdefault(
                "follow_up_recorded_on", "The follow-up cannot be recorded before the session."
            )
        return errors

    def attendance_errors(self, attended):
        """What is wrong with the session's responses given that `attended` people came (the
        sum of its agencies' rows): none can have more responses than attendees."""
        errors = {}
        for field, words in (
            ("evaluation_responses", "evaluation responses"),
            ("follow_up_responses", "follow-up responses"),
        ):
            value = getattr(self, field)
            if value is not None and value > attended:
                errors[field] = (
                    f"There are more {words} ({value}) than people attended ({attended}): "
                    "record the attendance by agency first, or correct the responses."
                )
        return errors


class SessionAgency(models.Model):
    """One agency's places at one session: booked, attended and not attended.

    Counts only: never an attendee's name, initials or date of birth."""

    session = models.ForeignKey(LearningSession, on_delete=models.CASCADE, related_name="agencies")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="learning_places")
    booked = models.PositiveIntegerField("places booked", default=0)
    attended = models.PositiveIntegerField(default=0)
    not_attended = models.PositiveIntegerField(
        "did not attend", default=0, help_text="Booked, but did not come."
    )

    history = SESSION_AGENCY_HISTORY

    class Meta:
        ordering = ["session", "agency__name"]
        verbose_name = "session agency"
        verbose_name_plural = "session agencies"
        constraints = [
            models.UniqueConstraint(
                fields=["session", "agency"],
                name="session_agency_once",
                violation_error_message=(
                    "This agency already has its places for this session: change those instead."
                ),
            )
        ]

    def __str__(self):
        return f"{self.agency} at {self.session}"

    @property
    def attendance_rate(self):
        return rules.attendance_rate(self.attended, self.booked)

    def clean(self):
        counted = (self.attended or 0) + (self.not_attended or 0)
        if self.booked is not None and counted > self.booked:
            raise ValidationError(
                {
                    "attended": f"Attended and did not attend add up to {counted}, more than the "
                    f"{self.booked} places booked."
                }
            )


class SessionUpload(models.Model):
    """A sessions spreadsheet uploaded for import, waiting for its uploader to confirm the
    preview: kept in the database so that whichever server answers the confirmation finds it
    (as the dataset's DatasetUpload); used once, and deleted after a day if never confirmed."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.file_name}, uploaded {self.created_at:%-d %B %Y %H:%M}"
