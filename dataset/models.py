"""The partnership dataset: indicators (the measures the partnership watches) and their figures,
one per indicator and period. An indicator's rating and direction of travel are worked out from
its figures (dataset.rating), never stored."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from as_at.history import HistoryPeriod
from reviews.models import Agency, Theme

from .periods import Period
from .vocabulary import Frequency, PeriodKind, Polarity, Unit, Validation

# Figures: up to 9,999,999,999.99, two decimal places (42.5%, 38.7 per 10,000, 3.5 days).
FIGURE = {"max_digits": 12, "decimal_places": 2, "null": True, "blank": True}

# Module level, as for actions: the write services record one history entry for a change to an
# indicator and its themes (as_at.history.save_with_history).
INDICATOR_HISTORY = HistoricalRecords(
    m2m_fields=["themes"],
    bases=[HistoryPeriod],
    history_change_reason_field=models.TextField(null=True),
)

FIGURE_HISTORY = HistoricalRecords(
    bases=[HistoryPeriod], history_change_reason_field=models.TextField(null=True)
)


class Indicator(models.Model):
    """A measure in the partnership dataset, with which way is good and its target."""

    reference = models.CharField(
        max_length=30, unique=True, help_text="The dataset's own reference, such as DS04."
    )
    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=300, help_text="What is measured, as the dataset says it.")
    definition = models.TextField(
        blank=True, help_text="How it is counted: what is included, the numerator and denominator."
    )
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.PERCENTAGE)
    polarity = models.CharField(
        "good is", max_length=20, choices=Polarity.choices, default=Polarity.HIGHER
    )
    target = models.DecimalField(
        **FIGURE, help_text="The target; for a range, its lower bound. Blank: no target."
    )
    target_high = models.DecimalField(
        "upper bound of the range", **FIGURE, help_text="For a range only: its upper bound."
    )
    tolerance = models.DecimalField(
        **FIGURE,
        validators=[MinValueValidator(0)],
        help_text="How far from the target, in the indicator's unit, is still amber. Blank: 0.",
    )
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    source_agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text="The agency whose data it is.",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="indicators")
    owner_role = models.CharField(
        max_length=200, blank=True, help_text="Who answers for it, by role (not by name)."
    )

    history = INDICATOR_HISTORY

    class Meta:
        ordering = ["reference"]

    def __str__(self):
        return f"{self.reference} {self.name}"

    def get_absolute_url(self):
        return reverse("dataset:indicator-detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.polarity == Polarity.RANGE:
            if (self.target is None) != (self.target_high is None):
                errors["target_high"] = "A range needs both bounds, or neither."
            elif self.target is not None and self.target > self.target_high:
                errors["target_high"] = "The upper bound must not be below the lower bound."
        elif self.target_high is not None:
            errors["target_high"] = "Only an indicator within a range has an upper bound."
        if self.polarity == Polarity.CONTEXT and self.target is not None:
            errors["target"] = "An indicator for context only has no target."
        if errors:
            raise ValidationError(errors)


class Figure(models.Model):
    """An indicator's figure for one period, with the comparators for that period and what the
    partnership says about it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="figures")
    period_kind = models.CharField(
        max_length=10, choices=PeriodKind.choices, default=PeriodKind.QUARTER
    )
    period_start = models.DateField(help_text="The period's first day.")
    value = models.DecimalField(**FIGURE, help_text="Blank: not yet reported.")
    suppressed = models.BooleanField(
        default=False,
        help_text="The figure is a small number not published (“<5” or “*” in the dataset).",
    )
    numerator = models.DecimalField(**FIGURE)
    denominator = models.DecimalField(**FIGURE)
    england = models.DecimalField(**FIGURE)
    statistical_neighbours = models.DecimalField(**FIGURE)
    region = models.DecimalField(**FIGURE)
    commentary = models.TextField(blank=True, help_text="What the figure shows and why.")
    corrective_action = models.TextField(blank=True, help_text="What is being done about it.")
    validation = models.CharField(
        max_length=20, choices=Validation.choices, default=Validation.PROVISIONAL
    )

    history = FIGURE_HISTORY

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start"], name="figure_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(suppressed=False) | models.Q(value__isnull=True),
                name="figure_suppressed_has_no_value",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "-period_start"], name="figure_latest_idx")]

    def __str__(self):
        return f"{self.indicator.reference} {self.period.label}"

    @property
    def period(self):
        return Period(self.period_start, self.period_kind)

    @property
    def reported(self):
        return self.value is not None or self.suppressed

    def clean(self):
        if self.suppressed and self.value is not None:
            raise ValidationError({"value": "A suppressed figure has no value."})
        if self.period_start and self.period_start.day != 1:
            raise ValidationError({"period_start": "A period starts on the first of a month."})
        if (
            self.period_kind == PeriodKind.QUARTER
            and self.period_start
            and self.period_start.month not in (1, 4, 7, 10)
        ):
            raise ValidationError(
                {"period_start": "A financial quarter starts in April, July, October or January."}
            )
        if (
            self.period_kind == PeriodKind.YEAR
            and self.period_start
            and self.period_start.month != 4
        ):
            raise ValidationError({"period_start": "A financial year starts on 1 April."})


class DatasetUpload(models.Model):
    """A dataset spreadsheet uploaded for import, waiting for its uploader to confirm the
    preview: kept in the database so that whichever server answers the confirmation finds it."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.file_name}, uploaded {self.created_at:%-d %B %Y %H:%M}"
