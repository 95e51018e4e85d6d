from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, Case, Q, When
from django.urls import reverse
from django.utils import timezone
from simple_history import utils as simple_history_utils
from simple_history.models import HistoricalRecords
from simple_history.signals import (
    post_create_historical_m2m_records,
    pre_create_historical_m2m_records,
)

from as_at.history import HistoryPeriod, period_end
from figures.shown import counted

from . import timeline
from .usage import AGENCY_USES, THEME_USES
from .vocabulary import (  # noqa: F401  (Status, stages and words are read from the models too)
    DONE_STATUSES,
    OPEN_STATUSES,
    STATUS_DEFINITIONS,
    STATUS_MEANINGS,
    STATUTORY_STAGES,
    Decision,
    ReviewStage,
    Status,
    status_words,
)


class AgencyHistoricalRecords(HistoricalRecords):
    """History for agencies, who leads each included. django-simple-history records a change to
    the leads made from the agency's side (`agency.leads.add(...)`); one made from the person's
    (`user.lead_agencies.set(...)`) is recorded here, in the history of each agency it touches."""

    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action == "pre_clear":  # the agencies are no longer known once cleared
            instance._agencies_cleared = list(
                kwargs["model"].objects.filter(leads=instance).values_list("pk", flat=True)
            )
            return None
        if action == "post_clear":
            pk_set = instance.__dict__.pop("_agencies_cleared", [])
        elif action not in ("post_add", "post_remove"):
            return None
        for agency in kwargs["model"].objects.filter(pk__in=pk_set):
            super().m2m_changed(agency, action, attr, pk_set, reverse=False)
        return None


# Module level, as for reviews and actions: the write services record one history entry for a
# change to an agency and its leads (see as_at.history.save_with_history).
AGENCY_HISTORY = AgencyHistoricalRecords(
    m2m_fields=["leads"],
    bases=[HistoryPeriod],
    history_change_reason_field=models.TextField(null=True),
)


def reference_history():
    """History for the themes and meetings: each record's period closed by the next (as for the
    reviews and actions), and a note of any length."""
    return HistoricalRecords(
        bases=[HistoryPeriod], history_change_reason_field=models.TextField(null=True)
    )


# How many of the actions using a theme or an agency are named when it cannot be deleted.
USES_NAMED = 5


def named_few(objects, count):
    """'Frankie F1, Frankie F2 and 3 more': the first few objects by name, and how many others."""
    names = [str(obj) for obj in objects[:USES_NAMED]]
    others = count - len(names)
    return ", ".join(names) + (f" and {others} more" if others > 0 else "")


def counted_named(things, noun, plural=None):
    """'3 actions (Frankie F1, Frankie F2 and 1 more)', or '' when there are none: how what uses
    an agency or a theme is said, here and in the apps that register a use (reviews.usage)."""
    count = things.count()
    return f"{counted(count, noun, plural)} ({named_few(things, count)})" if count else ""


class Agency(models.Model):
    """A partner agency that leads or supports actions."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    other_names = models.TextField(
        blank=True,
        help_text="Other names trackers give this agency, one a line (such as CCG, or Clinical "
        "Commissioning Group): an import finds the agency by any of them.",
    )
    statutory_partner = models.BooleanField(
        default=False,
        help_text="One of the three statutory safeguarding partners: local authority, "
        "health (Integrated Care Board) or police.",
    )
    leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="lead_agencies",
        verbose_name="agency leads",
        help_text="People who update the progress of the actions this agency leads. Put them in "
        "the “Agency leads” group too.",
    )

    history = AGENCY_HISTORY

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reviews:agency-detail", args=[self.slug])

    def names(self):
        """Every name an import may know it by."""
        others = [line.strip() for line in self.other_names.splitlines() if line.strip()]
        return [self.name, self.short_name, self.slug, *others]

    def actions_using(self):
        """The actions this agency leads or supports."""
        return Action.objects.filter(Q(lead_agency=self) | Q(supporting_agencies=self)).distinct()

    def uses(self):
        """What uses this agency, in words ('leads or supports 3 actions (…)'), or '' when
        nothing does: deleting it would take it off them."""
        parts = []
        if actions := counted_named(self.actions_using().select_related("review"), "action"):
            parts.append(f"leads or supports {actions}")
        parts.extend(part for use in AGENCY_USES if (part := use.uses(self)))
        return " and ".join(parts)


class Theme(models.Model):
    """A cross-cutting learning theme, such as information sharing."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    history = reference_history()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reviews:theme-detail", args=[self.slug])

    def uses(self):
        """What carries this theme, in words ('is a theme of 3 actions (…) and of 1 review
        (…)'), or '' when nothing does: deleting it would take it off them."""
        parts = []
        for things, noun in (
            (self.actions.select_related("review"), "action"),
            (self.reviews.all(), "review"),
        ):
            if said := counted_named(things, noun):
                parts.append(said)
        parts.extend(part for use in THEME_USES if (part := use.uses(self)))
        return f"is a theme of {' and of '.join(parts)}" if parts else ""


class ReviewKind(models.TextChoices):
    CSPR = "cspr", "Local child safeguarding practice review"
    SCR = "scr", "Serious case review"
    RAPID = "rapid", "Rapid review"
    PEER = "peer_review", "Peer review"
    AUDIT = "audit", "Multi-agency audit"
    THEMATIC = "thematic", "Thematic review"


# The date field that records when a review reached each stage, in lifecycle order: the
# statutory stages first (reviews recorded before them have none of their dates), then the
# governance stages.
STAGE_DATE_FIELDS = {
    ReviewStage.INCIDENT_KNOWN: "incident_known_on",
    ReviewStage.NOTIFIED: "notified_on",
    ReviewStage.RAPID_REVIEW_SENT: "rapid_review_sent_on",
    ReviewStage.DECIDED: "decided_on",
    ReviewStage.IN_PROGRESS: "started_on",
    ReviewStage.LEARNING_PUBLISHED: "learning_published_on",
    ReviewStage.RATIFIED: "ratified_on",
    ReviewStage.CLOSED: "closed_on",
}


# What "Enter the date ..." asks for, for each stage's date.
STAGE_REACHED = {
    ReviewStage.INCIDENT_KNOWN: "the incident was known",
    ReviewStage.NOTIFIED: "the Panel was notified",
    ReviewStage.RAPID_REVIEW_SENT: "the rapid review was sent to the Panel",
    ReviewStage.DECIDED: "the decision was made",
    ReviewStage.IN_PROGRESS: "the review started",
    ReviewStage.LEARNING_PUBLISHED: "the review's learning was published",
    ReviewStage.RATIFIED: "the review was ratified",
    ReviewStage.CLOSED: "the review was closed",
}


# What the manager's form records for each stage, as its heading and button say it ("Record the
# notification to the Panel") and its banner ("The notification to the Panel is recorded").
STAGE_RECORDED = {
    ReviewStage.INCIDENT_KNOWN: "the incident known",
    ReviewStage.NOTIFIED: "the notification to the Panel",
    ReviewStage.RAPID_REVIEW_SENT: "the rapid review sent to the Panel",
    ReviewStage.DECIDED: "the decision after the rapid review",
    ReviewStage.IN_PROGRESS: "the start of the review",
    ReviewStage.LEARNING_PUBLISHED: "the learning published",
    ReviewStage.RATIFIED: "the ratification",
    ReviewStage.CLOSED: "the review closed",
}


# Kept at module level so that the write services can record one history entry for a change that
# spans the model and its many-to-many fields (see as_at.history.save_with_history).
REVIEW_HISTORY = HistoricalRecords(m2m_fields=["themes"], bases=[HistoryPeriod])


# What the counts and "as at" lists read of each action history record, carried in its indexes so
# that PostgreSQL reads them from the index alone.
HISTORY_COUNT_COLUMNS = [
    "history_id",
    "history_valid_until",
    "history_type",
    "id",
    "status",
    "target_date",
    "lead_agency",
    "review",
]


class ActionHistoricalRecords(HistoricalRecords):
    """History for actions, with an index that answers "the actions as they stood on a day"
    for the counts from the index alone (PostgreSQL's index-only scans): the records made by
    then, with their period and every column the counts read.

    The many-to-many links are copied into the history from the action being saved: django-
    simple-history rebuilds the action from its new history record for that, which with an
    excluded field (created_at) reads the action again, once per many-to-many field. Measured at
    10× the demo (issue 14): a save 8.3 ms with this, 10.4 ms without (19 queries against 21).
    The library is pinned to its minor version, and a test compares the rows with its own.
    """

    def create_historical_record_m2ms(self, history_instance, instance):
        for field in history_instance._history_m2m_fields:
            History = self.m2m_models[field]
            through = getattr(instance, field.name).through
            columns = [f.attname for f in through._meta.fields]  # ids, not related objects
            links = through.objects.filter(
                **{simple_history_utils.get_m2m_field_name(field): instance}
            ).values(*columns)
            rows = [History(history=history_instance, **link) for link in links]
            pre_create_historical_m2m_records.send(
                sender=History,
                rows=rows,
                history_instance=history_instance,
                instance=instance,
                field=field,
            )
            created = History.objects.bulk_create(rows)
            post_create_historical_m2m_records.send(
                sender=History,
                created_rows=created,
                history_instance=history_instance,
                instance=instance,
                field=field,
            )

    def get_meta_options(self, model):
        options = super().get_meta_options(model)
        options["indexes"] = [
            *options.get("indexes", ()),
            models.Index(
                fields=["history_date"],
                include=HISTORY_COUNT_COLUMNS,
                name="action_history_at_idx",
            ),
            # The same columns by the end of each record's period, for a recent moment, when
            # most records were made before it but few were in force at it.
            models.Index(
                period_end(),
                include=["history_date", *HISTORY_COUNT_COLUMNS],
                name="action_history_until_idx",
            ),
        ]
        return options


ACTION_HISTORY = ActionHistoricalRecords(
    excluded_fields=["created_at"],
    m2m_fields=["themes", "supporting_agencies"],
    bases=[HistoryPeriod],
)


class Review(models.Model):
    """A piece of learning work (a practice review, peer review, audit...) that produces actions.

    Reviews are known by their published pseudonym only: never a real name or case facts.
    """

    name = models.CharField("published pseudonym", max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=ReviewKind.choices, default=ReviewKind.CSPR)
    stage = models.CharField(
        max_length=20, choices=ReviewStage.choices, default=ReviewStage.IN_PROGRESS
    )
    # The statutory stages, after a serious child safeguarding incident (none for a review
    # recorded without them). Their deadlines are derived (reviews.timeline), never stored.
    incident_known_on = models.DateField(
        "incident known on",
        null=True,
        blank=True,
        help_text="The day the local authority learned of the serious child safeguarding incident.",
    )
    notified_on = models.DateField("notified to the Panel on", null=True, blank=True)
    notification_delay_reason = models.TextField(
        "reason the notification was late", blank=True, max_length=2000
    )
    rapid_review_sent_on = models.DateField(
        "rapid review sent to the Panel on", null=True, blank=True
    )
    rapid_review_delay_reason = models.TextField(
        "reason the rapid review was late", blank=True, max_length=2000
    )
    decided_on = models.DateField("decision made on", null=True, blank=True)
    decision = models.CharField(max_length=20, choices=Decision.choices, blank=True)
    # The governance stages.
    started_on = models.DateField("started on", null=True, blank=True)
    learning_published_on = models.DateField("learning published on", null=True, blank=True)
    publication_delay_reason = models.TextField(
        "reason the publication was late", blank=True, max_length=2000
    )
    ratified_on = models.DateField("ratified on", null=True, blank=True)
    closed_on = models.DateField("closed on", null=True, blank=True)
    summary = models.TextField(
        blank=True, help_text="A short summary of the learning. No names or case facts."
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="reviews")

    history = REVIEW_HISTORY

    class Meta:
        ordering = ["started_on", "name"]
        # Lists of actions are in their reviews' order: walking this index, PostgreSQL reads a
        # page of actions review by review instead of sorting every matching action.
        indexes = [models.Index(fields=["started_on", "name", "id"], name="review_order_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reviews:review-detail", args=[self.slug])

    @property
    def no_actions_reason(self):
        """Why a review has no actions yet, as the committee would be told."""
        return {
            ReviewStage.IN_PROGRESS: "Review in progress: actions follow once its learning is "
            "published and ratified.",
            ReviewStage.LEARNING_PUBLISHED: "Learning published, awaiting ratification through "
            "the partnership's governance; the action plan follows ratification.",
        }.get(self.stage, self._no_actions_words())

    def _no_actions_words(self):
        if self.kind == ReviewKind.AUDIT:
            return (
                "An audit's areas for improvement may be answered by actions in other plans: "
                "they are shown with the audit above."
            )
        return "No actions have been recorded for this review."

    def next_stage(self):
        """The stage after this review's, or None: for a closed review, and for one where the
        partners decided on no further review (its timeline ends there)."""
        stages = list(STAGE_DATE_FIELDS)
        if self.stage not in stages or self.stage == stages[-1]:
            return None
        if self.stage == ReviewStage.DECIDED and self.decision == Decision.NO_FURTHER_REVIEW:
            return None
        return stages[stages.index(self.stage) + 1]

    def timeline(self, today):
        """Each stage in order (the statutory ones where this review shows them), with the date
        it was reached and where its deadline stands on `today` (reviews.timeline)."""
        return timeline.steps(self, today, STAGE_DATE_FIELDS)

    def clean(self):
        if self.stage not in STAGE_DATE_FIELDS:
            return  # an unknown stage is refused by the field's own validation
        errors = {}
        stages = list(STAGE_DATE_FIELDS)
        current = stages.index(self.stage)
        # A review at a stage records when it reached that stage and the stages before it: from
        # the incident for a review at a statutory stage; from its publication for a later one
        # (a review may be recorded without its statutory stages, or when it started).
        first = (
            0 if self.stage in STATUTORY_STAGES else stages.index(ReviewStage.LEARNING_PUBLISHED)
        )
        for stage in stages[first : current + 1]:
            field = STAGE_DATE_FIELDS[stage]
            if getattr(self, field) is None:
                errors[field] = f"Enter the date {STAGE_REACHED[stage]}."
        reached = [(stage, getattr(self, STAGE_DATE_FIELDS[stage])) for stage in stages]
        known = [(stage, day) for stage, day in reached if day is not None]
        for (_, before), (stage, after) in zip(known, known[1:], strict=False):
            if after < before:
                errors.setdefault(
                    STAGE_DATE_FIELDS[stage],
                    "Stage dates must be in order: incident known, notified to the Panel, rapid "
                    "review sent, decision, started, learning published, ratified, closed.",
                )
                break
        if self.decided_on and not self.decision:
            errors["decision"] = "Choose what was decided after the rapid review."
        elif self.decision and not self.decided_on:
            errors["decided_on"] = "Enter the date the decision was made."
        for field, message in timeline.delay_errors(self).items():
            errors.setdefault(field, message)
        if (
            self.stage == ReviewStage.CLOSED
            and self.pk is not None
            and self.actions.exclude(status=Status.BLUE).exists()
        ):
            errors["stage"] = (
                "A review can only be closed when every action is blue (embedded) and the plan "
                "is signed off."
            )
        if errors:
            raise ValidationError(errors)

    def stored_stage(self):
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("stage", flat=True).first()


class ActionQuerySet(models.QuerySet):
    """Derived flags are computed relative to an as-at date, never stored."""

    def updatable_by(self, user):
        """The actions whose progress this user may record: all for a manager, else those led by
        an agency the user is a lead of."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm("reviews.change_action"):
            return self
        return self.filter(lead_agency__leads=user)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, as_at):
        return self.filter(overdue_q(as_at))

    def on_course(self, as_at):
        return self.filter(on_course_q(as_at))

    def with_flags(self, as_at):
        return self.annotate(**flag_annotations(as_at))


def flag_annotations(as_at):
    """The derived flags as annotations, for current actions or their historical records alike."""

    def flag(condition):
        return Case(When(condition, then=True), default=False, output_field=BooleanField())

    return {
        "is_overdue": flag(overdue_q(as_at)),
        "is_on_course": flag(on_course_q(as_at)),
        "has_no_target_date": flag(no_target_date_q()),
        "is_slipped": flag(Q(target_date__gt=models.F("original_target_date"))),
        "is_completed_late": flag(
            Q(
                status__in=DONE_STATUSES,
                completed_on__gt=models.F("original_target_date"),
                completed_on__lte=as_at,
            )
        ),
    }


# The derived flags of an open action, defined once each: as conditions for the database (on
# actions, or on their history records through `prefix`) and, beside them, for one action in
# Python (Action.overdue_on, Action.on_course_on). Every page, count, filter, download and
# reminder uses these.


def overdue_q(as_at, prefix=""):
    """Overdue: red or amber with a target date before the as-at date."""
    return Q(**{f"{prefix}status__in": OPEN_STATUSES, f"{prefix}target_date__lt": as_at})


def on_course_q(as_at, prefix=""):
    """On course: red or amber with a target date on or after the as-at date."""
    return Q(**{f"{prefix}status__in": OPEN_STATUSES, f"{prefix}target_date__gte": as_at})


def no_target_date_q(prefix=""):
    """Red or amber with no target date (a gap in the plan, neither overdue nor on course)."""
    return Q(**{f"{prefix}status__in": OPEN_STATUSES, f"{prefix}target_date__isnull": True})


class Action(models.Model):
    """One thing a partner will do in response to a review's recommendation."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="actions")
    reference = models.CharField(max_length=20, help_text="Unique within the review, e.g. L4.")
    recommendation = models.TextField(
        blank=True, help_text="The review's recommendation this action answers."
    )
    description = models.TextField("action")
    lead_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="led_actions")
    supporting_agencies = models.ManyToManyField(
        Agency, blank=True, related_name="supported_actions"
    )
    lead_officer_role = models.CharField(
        "lead officer",
        max_length=200,
        blank=True,
        help_text="The officer's role rather than their name.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RED)
    target_date = models.DateField(null=True, blank=True)
    original_target_date = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The first target date given; kept when the target date changes.",
    )
    target_date_change_reason = models.TextField(
        "reason for date change",
        blank=True,
        help_text="Required whenever the target date changes.",
    )
    completed_on = models.DateField(null=True, blank=True)
    embedded_on = models.DateField(null=True, blank=True)
    progress_note = models.TextField(blank=True)
    evidence = models.TextField(
        blank=True,
        help_text="Evidence of completion or embedding: an audit finding, data, a practice change. "
        "Required for blue.",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="actions")
    # What an imported tracker said that is no field of an action, kept so that nothing it said
    # is lost: its timescale as written, and its other columns ("Heading: text", one a line).
    timescale_as_written = models.CharField(
        "timescale as the tracker wrote it", max_length=500, blank=True, editable=False
    )
    tracker_columns = models.TextField("the tracker's other columns", blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField("last updated", default=timezone.now, editable=False)

    history = ACTION_HISTORY
    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["review", "id"]
        # Whom the page lists the actions they may update for: which actions is decided by
        # the agencies a person leads (ActionQuerySet.updatable_by).
        permissions = [
            ("record_progress", "Can record progress on the actions their agencies lead"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "reference"], name="action_reference_unique_in_review"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.BLUE) | ~Q(evidence=""),
                name="action_blue_needs_evidence",
            ),
        ]
        # The dashboard's counts read these indexes alone (PostgreSQL's index-only scans), not
        # the wide rows: by status for the totals and themes, by lead agency for the agencies.
        indexes = [
            models.Index(
                fields=["status", "target_date"], include=["id"], name="action_status_idx"
            ),
            models.Index(
                fields=["lead_agency", "status", "target_date"],
                include=["id"],
                name="action_agency_status_idx",
            ),
            # The dashboard's open actions, in the order it lists them.
            models.Index(
                fields=["target_date", "id"],
                condition=Q(status__in=OPEN_STATUSES),
                name="action_open_by_date_idx",
            ),
        ]

    def __str__(self):
        return f"{self.review} {self.reference}"

    def get_absolute_url(self):
        return reverse("reviews:action-detail", args=[self.pk])

    @property
    def status_meaning(self):
        return STATUS_MEANINGS[self.status]

    def overdue_on(self, as_at):
        """This action's `overdue_q`."""
        return (
            self.status in OPEN_STATUSES
            and self.target_date is not None
            and (self.target_date < as_at)
        )

    def on_course_on(self, as_at):
        """This action's `on_course_q`."""
        return (
            self.status in OPEN_STATUSES
            and self.target_date is not None
            and (self.target_date >= as_at)
        )

    def stored(self):
        """The values currently saved in the database, or None for a new action."""
        if self.pk is None:
            return None
        return (
            type(self)
            .objects.filter(pk=self.pk)
            .values("status", "target_date", "target_date_change_reason")
            .first()
        )

    def clean(self):
        """The rules every write obeys that the action's own fields decide (a change's note is
        checked with them by services.action_check, which every write calls).

        Also keeps the dates that follow from a status: "completed on" for green or blue,
        "embedded on" for blue (today, unless given), cleared again when an action is reopened;
        and the original target date, set when a target date is first given.
        """
        errors = {}
        today = timezone.localdate()
        previous = self.stored()
        was = previous["status"] if previous else None
        if self.status == Status.BLUE and not self.evidence.strip():
            errors["evidence"] = (
                "Record the evidence of embedding (an audit finding, data or a practice change) "
                "before marking the action blue."
            )
        # Giving a first target date is not a change; moving one is, and needs a new reason.
        if previous and previous["target_date"] not in (None, self.target_date):
            reason = self.target_date_change_reason.strip()
            if not reason:
                errors["target_date_change_reason"] = (
                    "Give the reason for changing the target date."
                )
            elif reason == previous["target_date_change_reason"].strip():
                errors["target_date_change_reason"] = (
                    "Give a new reason for changing the target date: the reason shown is the "
                    "one given for the last change."
                )

        if self.status not in DONE_STATUSES:
            if was in DONE_STATUSES:  # reopened: it is no longer complete
                self.completed_on = self.embedded_on = None
            elif self.completed_on:
                errors["completed_on"] = "Only a green or blue action has a completed date."
        if self.status != Status.BLUE:
            if was == Status.BLUE:
                self.embedded_on = None
            elif self.embedded_on:
                errors.setdefault("embedded_on", "Only a blue action has an embedded date.")
        for field in ("completed_on", "embedded_on"):
            if (getattr(self, field) or today) > today:
                errors.setdefault(field, "This date cannot be in the future.")
        if errors:
            raise ValidationError(errors)

        if self.original_target_date is None:
            self.original_target_date = self.target_date
        if self.status in DONE_STATUSES and self.completed_on is None:
            self.completed_on = min(self.embedded_on or today, today)
        if self.status == Status.BLUE and self.embedded_on is None:
            self.embedded_on = today
        if self.completed_on and self.embedded_on and self.embedded_on < self.completed_on:
            raise ValidationError(
                {"embedded_on": "The embedded date cannot be before the completed date."}
            )


class CommitteeMeeting(models.Model):
    """A dated meeting of the scrutiny committee; reports are produced as at its date."""

    committee = models.CharField(max_length=200)
    date = models.DateField()
    title = models.CharField(max_length=200, blank=True)

    history = reference_history()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "date"], name="meeting_unique_per_day")
        ]

    def __str__(self):
        return f"{self.committee}, {self.date:%-d %B %Y}"


class ReminderSent(models.Model):
    """One reminder digest sent to an agency lead on a day: a second run that day sends nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders_sent"
    )
    sent_on = models.DateField()
    action_count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self):
        return f"Reminder to {self.user} on {self.sent_on}"


class ImportLayout(models.Model):
    """The choices a manager made for a tracker's layout (what each heading means), remembered
    by its headings, so that the next quarter's file of the same layout needs none."""

    headings = models.CharField(max_length=64, unique=True)  # a digest of the header row
    columns = models.JSONField(default=dict)  # heading (as normalise() gives it) -> field or ""
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Import layout of {len(self.columns)} chosen columns"


class PendingImport(models.Model):
    """A tracker uploaded for import, waiting for its uploader to confirm the preview. Kept in
    the database rather than on one server's disk, so that whichever server answers the
    confirmation finds it; used once, and deleted after a day if never confirmed."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255)
    data = models.BinaryField()
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    create_agencies = models.BooleanField(default=False)
    choices = models.JSONField(default=dict)  # the manager's choices (imports.Choices.as_data)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.file_name}, uploaded {self.created_at:%-d %B %Y %H:%M}"
