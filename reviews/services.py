"""Writes. Every change to reviews and actions goes through here, validated and recorded."""

from datetime import datetime, timedelta

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import (
    ACTION_HISTORY,
    REVIEW_HISTORY,
    STAGE_DATE_FIELDS,
    Action,
    Review,
    ReviewStage,
    Status,
)

COMMITTEE_MEMBERS = "Committee members"
SAFEGUARDING_MANAGERS = "Safeguarding managers"
AGENCY_LEADS = "Agency leads"

REVIEW_MODELS = ["agency", "theme", "review", "action", "committeemeeting"]

# The fields of an action that a person may change; the rest follow from them.
ACTION_EDITABLE_FIELDS = {
    "review",
    "reference",
    "recommendation",
    "description",
    "lead_agency",
    "lead_officer_role",
    "status",
    "target_date",
    "target_date_change_reason",
    "completed_on",
    "embedded_on",
    "progress_note",
    "evidence",
}


def groups_ensure():
    """Create the roles with their permissions. Safe to run any number of times."""
    view = Permission.objects.filter(
        content_type__app_label="reviews",
        codename__in=[f"view_{model}" for model in REVIEW_MODELS],
    )
    # Managers keep the plans but do not delete actions: the plan's record stays whole.
    manage = Permission.objects.filter(content_type__app_label="reviews").exclude(
        codename="delete_action"
    )
    committee, _ = Group.objects.get_or_create(name=COMMITTEE_MEMBERS)
    committee.permissions.set(view)
    managers, _ = Group.objects.get_or_create(name=SAFEGUARDING_MANAGERS)
    managers.permissions.set(manage)
    # Agency leads read what the committee reads; what they may update is decided per action,
    # by the agencies they lead (Action.objects.updatable_by).
    leads, _ = Group.objects.get_or_create(name=AGENCY_LEADS)
    progress = Permission.objects.filter(
        content_type__app_label="reviews", codename="record_progress"
    )
    leads.permissions.set([*view, *progress])


def _save_with_history(instance, history, *, user, note, at, m2m):
    """Save the instance and its many-to-many fields, then record one history entry for it all:
    who, why and when."""
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


def _validate(instance, note):
    """Run the model's rules, which read the change's note."""
    instance._change_reason = note
    try:
        instance.full_clean()
    finally:
        instance.__dict__.pop("_change_reason", None)


@transaction.atomic
def action_create(
    *,
    review,
    reference,
    recommendation,
    description,
    lead_agency,
    lead_officer_role,
    themes,
    status=Status.RED,
    target_date=None,
    supporting_agencies=(),
    progress_note="",
    evidence="",
    completed_on=None,
    embedded_on=None,
    user=None,
    note="Action added",
    at=None,
) -> Action:
    action = Action(
        review=review,
        reference=reference,
        recommendation=recommendation,
        description=description,
        lead_agency=lead_agency,
        lead_officer_role=lead_officer_role,
        status=status,
        target_date=target_date,
        progress_note=progress_note,
        evidence=evidence,
        completed_on=completed_on,
        embedded_on=embedded_on,
    )
    if at is not None:
        action.created_at = at
    return action_save(
        action=action,
        user=user,
        note=note,
        at=at,
        themes=list(themes),
        supporting_agencies=list(supporting_agencies),
    )


@transaction.atomic
def action_update(*, action, user=None, note="", at=None, **changes) -> Action:
    """Change an action's fields. The model's rules apply: a status change needs a note,
    a target date change needs a reason, blue needs evidence."""
    themes = changes.pop("themes", None)
    supporting_agencies = changes.pop("supporting_agencies", None)
    unknown = set(changes) - ACTION_EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"These action fields cannot be changed: {', '.join(sorted(unknown))}")
    for field, value in changes.items():
        setattr(action, field, value)
    return action_save(
        action=action,
        user=user,
        note=note,
        at=at,
        themes=themes,
        supporting_agencies=supporting_agencies,
    )


@transaction.atomic
def action_save(
    *, action, user=None, note="", at=None, themes=None, supporting_agencies=None
) -> Action:
    """Validate and save an action whose fields have been set (by a form, say), with its themes
    and supporting agencies when given, as one entry in its history."""
    note = note.strip()
    if themes is not None and not themes:
        raise ValidationError({"themes": "Tag the action with at least one theme."})
    _validate(action, note)
    action.updated_at = at or timezone.now()
    _save_with_history(
        action,
        ACTION_HISTORY,
        user=user,
        note=note,
        at=at,
        m2m={"themes": themes, "supporting_agencies": supporting_agencies},
    )
    return action


@transaction.atomic
def action_set_status(*, action, status, note, user=None, evidence=None, at=None) -> Action:
    changes = {"status": status}
    if evidence is not None:
        changes["evidence"] = evidence
    return action_update(action=action, user=user, note=note, at=at, **changes)


@transaction.atomic
def actions_set_status(*, actions, status, note, user=None) -> list[Action]:
    """Set many actions to one status with one note: all of them, or none if any breaks a rule."""
    if not note.strip():
        raise ValidationError("Add a note saying why the status changed.")
    problems = []
    changed = []
    for action in actions:
        if action.status == status:
            continue
        try:
            with transaction.atomic():
                changed.append(
                    action_set_status(action=action, status=status, note=note, user=user)
                )
        except ValidationError as error:
            problems.append(f"{action}: {' '.join(error.messages)}")
    if problems:
        raise ValidationError(problems)
    return changed


@transaction.atomic
def review_save(*, review, user=None, note="", at=None, themes=None) -> Review:
    """Validate and save a review whose fields have been set, with history. A stage change with
    no note is recorded as such."""
    previous_stage = review.stored_stage()
    note = note.strip()
    stage_changed = previous_stage not in (None, review.stage)
    if not note and stage_changed and review.stage in ReviewStage.values:
        note = f"Stage changed to {ReviewStage(review.stage).label.lower()}"
    _validate(review, note)
    _save_with_history(review, REVIEW_HISTORY, user=user, note=note, at=at, m2m={"themes": themes})
    return review


@transaction.atomic
def review_set_stage(*, review, stage, on, user=None, note="", at=None) -> Review:
    """Move a review to a governance stage, recording the date it was reached."""
    stage = ReviewStage(stage)
    review.stage = stage
    setattr(review, STAGE_DATE_FIELDS[stage], on)
    return review_save(review=review, user=user, note=note, at=at)


class StaleUpdate(Exception):
    """The action changed after the form was opened: saving would overwrite someone's change."""

    def __init__(self, action, changes):
        self.action = action
        self.changes = changes  # the history records written since the form was opened
        super().__init__(f"{action} was changed after the form was opened.")


def version_of(action):
    """What a form carries to show which state of the action it was opened on."""
    return action.updated_at.isoformat()


def check_version(action, version):
    """Refuse a save based on an older state of the action. Locks the action's row until the
    transaction ends, so that two saves cannot both pass the check."""
    current = Action.objects.select_for_update().only("updated_at").get(pk=action.pk)
    if version_of(current) == version:
        return
    try:
        opened = datetime.fromisoformat(version)
    except (TypeError, ValueError):  # not a version this service gave out
        opened = current.updated_at - timedelta(microseconds=1)
    since = action.history.filter(updated_at__gt=opened).select_related("history_user")
    raise StaleUpdate(action, list(since.order_by("history_date")))


@transaction.atomic
def action_record_progress(
    *, action, user, version, status, progress_note, evidence=None,
    target_date=None, target_date_change_reason="",
) -> Action:  # fmt: skip
    """An agency lead's (or manager's) update: status, progress note (also the history's note),
    evidence, and a revised target date with its reason. Refused if the action changed since
    the form was opened (StaleUpdate), and by the same rules as every other write."""
    check_version(action, version)
    changes = {"status": status, "progress_note": progress_note}
    if evidence is not None:
        changes["evidence"] = evidence
    if target_date is not None and target_date != action.target_date:
        changes["target_date"] = target_date
        changes["target_date_change_reason"] = target_date_change_reason
    return action_update(action=action, user=user, note=progress_note, **changes)
