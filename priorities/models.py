"""The partnership's delivery plans and their priorities, each priority linked to what serves it:
actions (of any review or audit), the dataset's indicators, multi-agency audits and learning
sessions. A priority's roll-up is worked out from those records when read (priorities.selectors),
never stored; its progress note is updated each quarter, and its history keeps every note."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from as_at.history import HistoryPeriod
from audits.models import Audit
from dataset.models import Indicator
from learning.models import LearningSession
from reviews.models import Action, Agency, Theme


def _history(**options):
    return HistoricalRecords(
        bases=[HistoryPeriod], history_change_reason_field=models.TextField(null=True), **options
    )


# Module level: the write services record one history entry for each change
# (as_at.history.save_with_history).
PLAN_HISTORY = _history()
PRIORITY_HISTORY = _history(m2m_fields=["themes", "actions", "indicators", "audits", "sessions"])


class PlanStatus(models.TextChoices):
    CURRENT = "current", "Current"
    UPCOMING = "upcoming", "Upcoming"
    ENDED = "ended", "Ended"


class DeliveryPlan(models.Model):
    """A plan of the partnership's priorities for a period, such as the 2022–2024 delivery plan.
    The current plan is the one in force today; a plan that starts later is upcoming."""

    title = models.CharField(max_length=200, help_text="Such as “2022–2024 delivery plan”.")
    slug = models.SlugField(max_length=80, unique=True)
    starts_on = models.DateField("starts on")
    ends_on = models.DateField("ends on")
    summary = models.TextField(blank=True, help_text="What the plan sets out to do, in brief.")

    history = PLAN_HISTORY

    class Meta:
        ordering = ["starts_on", "title"]

    def __str__(self):
        return self.title

    def status_on(self, day):
        if self.starts_on > day:
            return PlanStatus.UPCOMING
        if self.ends_on < day:
            return PlanStatus.ENDED
        return PlanStatus.CURRENT

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            raise ValidationError({"ends_on": "A plan ends after it starts."})


class Priority(models.Model):
    """One of a plan's priorities, in the plan's order, with what it aims to change, who leads it,
    its themes, the records that serve it and its latest progress note."""

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="priorities")
    position = models.PositiveSmallIntegerField(help_text="Its place in the plan: 1 comes first.")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    aim = models.TextField("what it aims to change")
    lead_role = models.CharField("lead officer", max_length=120, help_text="A role, not a name.")
    lead_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="priorities"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="priorities")
    progress_note = models.TextField(
        blank=True, help_text="Where the priority stands, updated each quarter. No names."
    )
    progress_noted_on = models.DateField("progress noted on", null=True, blank=True)
    actions = models.ManyToManyField(Action, blank=True, related_name="priorities")
    indicators = models.ManyToManyField(Indicator, blank=True, related_name="priorities")
    audits = models.ManyToManyField(Audit, blank=True, related_name="priorities")
    sessions = models.ManyToManyField(
        LearningSession, blank=True, related_name="priorities", verbose_name="learning sessions"
    )

    history = PRIORITY_HISTORY

    class Meta:
        ordering = ["plan__starts_on", "plan", "position"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="priority_position_once",
                violation_error_message="The plan already has a priority in this place.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("priorities:priority-detail", args=[self.slug])

    def clean(self):
        if self.progress_note.strip() and self.progress_noted_on is None:
            raise ValidationError({"progress_noted_on": "Give the date of the progress note."})
