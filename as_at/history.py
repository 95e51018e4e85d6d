"""Reading the past: each history record's period, the records in force at a moment, and the day
a page is "as at". Every model whose history is read this way gives its history records the
HistoryPeriod base (reviews.models does, for reviews, actions, agencies, themes and meetings).

A history record describes its object from the moment it was made (`history_date`) until the
next record for the same object was made (`history_valid_until`, None while it is the latest).
The objects as they stood at a moment are then one range test on the records (`records_at`),
not a search of each object's history for its latest record by then. What that relies on, that
each object's records' periods follow one another with no gap and no overlap, is kept here:

- a new record ends the period of the one before it (`close_previous_record`);
- a change recorded as made earlier than the object's latest record (a write with `at=`
  before it) is refused (`refuse_backdated_record`): it would leave two records in force;
- records inserted in bulk (django-simple-history's `bulk_history_create`, or `bulk_create` on
  the history model) have their objects' periods worked out again (`close_periods`).

docs/architecture.md ("As at") says more.
"""

from datetime import UTC, date, datetime, time

from django.db import models
from django.db.models import DateTimeField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.dispatch import receiver
from django.utils import timezone
from simple_history.signals import post_create_historical_record, pre_create_historical_record

from dates.written import parse_day

# The end of the latest record's period, which has none yet, for comparisons and the index.
OPEN_PERIOD_END = datetime(9999, 12, 31, tzinfo=UTC)


def period_end(prefix=""):
    """The end of a history record's period (reached through `prefix`), the latest record's
    being far in the future. One expression rather than "none, or after the moment", so that
    PostgreSQL can read the records in force at a recent moment from one range of an index
    (`action_history_until_idx`) instead of combining two."""
    return Coalesce(
        f"{prefix}history_valid_until",
        Value(OPEN_PERIOD_END, output_field=DateTimeField()),
    )


def in_period_q(moment, prefix=""):
    """History records (reached through `prefix`) that describe their object at `moment`: made
    by then, not yet followed by another."""
    return Q(**{f"{prefix}history_date__lte": moment}) & Q(GreaterThan(period_end(prefix), moment))


def close_periods(history_model, object_ids):
    """Work out again the end of the period of every history record of these objects: the moment
    of the record after it (by date, then by order of making), or None for the latest. One
    UPDATE, whatever the number of records."""
    records = history_model._base_manager
    after = records.filter(id=OuterRef("id")).filter(
        Q(history_date__gt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id"))
    )
    next_date = after.order_by("history_date", "history_id").values("history_date")[:1]
    records.filter(id__in=list(object_ids)).update(history_valid_until=Subquery(next_date))


class PeriodKeepingQuerySet(models.QuerySet):
    """History records made in bulk have their objects' periods worked out again."""

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        close_periods(self.model, {record.id for record in created})
        return created


class HistoryPeriod(models.Model):
    """The base of a history model read "as at": the end of each record's period."""

    history_valid_until = models.DateTimeField(null=True, blank=True, db_index=True, editable=False)

    objects = PeriodKeepingQuerySet.as_manager()

    class Meta:
        abstract = True


class BackdatedChange(ValueError):
    """A change recorded as made before the object's latest recorded change."""


@receiver(pre_create_historical_record)
def refuse_backdated_record(sender, instance, history_instance, **kwargs):
    """A change given an earlier moment than the object's latest record (`at=` in the write
    services) is refused: the records after it would not show it, and two records would be in
    force at once. Only a record given its moment is checked: one made now is the latest."""
    if not issubclass(sender, HistoryPeriod) or getattr(instance, "_history_date", None) is None:
        return
    later = sender._base_manager.filter(
        id=history_instance.id, history_date__gt=history_instance.history_date
    )
    latest = later.order_by("-history_date").values_list("history_date", flat=True).first()
    if latest is not None:
        raise BackdatedChange(
            f"{instance} has a change recorded at {latest:%Y-%m-%d %H:%M}: a change cannot be "
            f"recorded before it, at {history_instance.history_date:%Y-%m-%d %H:%M}. Record "
            "changes in the order they happened."
        )


@receiver(post_create_historical_record)
def close_previous_record(sender, instance, history_instance, **kwargs):
    """A new history record ends the period of the one before it."""
    if not issubclass(sender, HistoryPeriod) or history_instance.history_type == "+":
        return  # a creation has no record before it
    sender._base_manager.filter(
        id=history_instance.id,
        history_valid_until__isnull=True,
        history_date__lte=history_instance.history_date,
    ).exclude(history_id=history_instance.history_id).update(
        history_valid_until=history_instance.history_date
    )


def save_with_history(instance, history, *, user, note, at, m2m):
    """Save the instance and its many-to-many fields (`m2m`: name → values, None to leave as
    they are), then record one history entry for it all: who (`user`), why (`note`) and, when
    given, when (`at`). The write services of every app record their changes so."""
    created = instance.pk is None
    instance.skip_history_when_saving = True
    try:
        instance.save()
        for name, values in m2m.items():
            if values is None:
                continue
            if created:  # nothing linked yet: no need to read what is there first
                getattr(instance, name).add(*values)
            else:
                getattr(instance, name).set(values)
    finally:
        del instance.skip_history_when_saving
    instance._change_reason = note
    instance._history_user = user
    if at is not None:
        instance._history_date = at
    try:
        history.create_historical_record(instance, "+" if created else "~")
    finally:
        # The note belongs to this change only; the next change must give its own.
        for attribute in ("_change_reason", "_history_user", "_history_date"):
            instance.__dict__.pop(attribute, None)


def records_at(model, moment):
    """Each object of `model` as its history records it at `moment` (a deleted one absent):
    a range test on each record's period, so no search of each object's history."""
    return model.history.filter(in_period_q(moment)).exclude(history_type="-")


def end_of_day(day: date) -> datetime:
    """The last moment of `day` in the site's time zone (Europe/London), timezone-aware."""
    return timezone.make_aware(datetime.combine(day, time.max), timezone.get_default_timezone())


def is_today(as_at):
    """Whether a page as at this day shows the present (the current tables) or the past."""
    return as_at >= timezone.localdate()


# The day a page shows ---------------------------------------------------------------------------

EARLIEST = date(1900, 1, 1)


def parse_as_at(raw, *, today):
    """(day, '') for a day a person asked a page to be as at; (None, what is wrong) otherwise."""
    try:
        day = parse_day(raw)
    except (ValueError, OverflowError) as error:
        return None, str(error)
    if day is None:
        return None, "Enter a date."
    if day > today:
        return None, "The date cannot be in the future. Enter today’s date or an earlier one."
    if day < EARLIEST:
        return None, "The date is too early: the plans have no history before 1900."
    return day, ""


def as_at_context(request):
    """The day a page shows: `?as_at=`, else today. A date that cannot be shown (not a date, or
    in the future) is named in a message, and today's position is shown instead."""
    today = timezone.localdate()
    raw = request.GET.get("as_at", "").strip()
    as_at, error = parse_as_at(raw, today=today) if raw else (today, "")
    as_at = as_at or today
    past = as_at < today
    return {
        "as_at": as_at,
        "as_at_error": error,
        "viewing_past": past,
        "as_at_query": f"?as_at={as_at:%Y-%m-%d}" if past else "",
    }
