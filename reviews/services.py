"""Writes. Every change to reviews and actions goes through here, validated and recorded."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import STAGE_DATE_FIELDS, Action, Review, ReviewStage

COMMITTEE_MEMBERS = "Committee members"
SAFEGUARDING_MANAGERS = "Safeguarding managers"

REVIEW_MODELS = ["agency", "theme", "review", "action", "committeemeeting"]


def groups_ensure():
    """Create the roles with their permissions. Safe to run any number of times."""
    view = Permission.objects.filter(
        content_type__app_label="reviews",
        codename__in=[f"view_{model}" for model in REVIEW_MODELS],
    )
    manage = Permission.objects.filter(content_type__app_label="reviews").exclude(
        codename__startswith="delete_action"
    )
    committee, _ = Group.objects.get_or_create(name=COMMITTEE_MEMBERS)
    committee.permissions.set(view)
    managers, _ = Group.objects.get_or_create(name=SAFEGUARDING_MANAGERS)
    managers.permissions.set(manage)


def _record(instance, *, user, note, at):
    """Attach what simple-history records with the next save: who, why and when."""
    instance._change_reason = note
    if user is not None:
        instance._history_user = user
    if at is not None:
        instance._history_date = at


@transaction.atomic
def action_create(
    *, review, reference, description, lead_agency, lead_officer_role, themes,
    recommendation, status="red", target_date=None, supporting_agencies=(),
    progress_note="", evidence="", completed_on=None, embedded_on=None,
    user=None, note="Action added", at=None,
) -> Action:  # fmt: skip
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
        action.created_at = action.updated_at = at
    if not list(themes):
        raise ValidationError({"themes": "Tag the action with at least one theme."})
    _record(action, user=user, note=note, at=at)
    action.full_clean()
    action.save()
    action.themes.set(themes)
    action.supporting_agencies.set(supporting_agencies)
    return action


@transaction.atomic
def action_update(*, action, user=None, note="", at=None, **changes) -> Action:
    """Change any of an action's fields. The model's rules apply: a status change needs a note,
    a target date change needs a reason, blue needs evidence."""
    for field, value in changes.items():
        setattr(action, field, value)
    return action_save(action=action, user=user, note=note, at=at)


def action_save(*, action, user=None, note="", at=None) -> Action:
    """Validate and save an action whose fields have been set (by a form, say), with history."""
    _record(action, user=user, note=note.strip(), at=at)
    action.full_clean()
    action.updated_at = at or timezone.now()
    action.save()
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
            changed.append(action_set_status(action=action, status=status, note=note, user=user))
        except ValidationError as error:
            problems.append(f"{action}: {' '.join(error.messages)}")
    if problems:
        raise ValidationError(problems)
    return changed


def review_save(*, review, user=None, note="", at=None) -> Review:
    """Validate and save a review whose fields have been set, with history."""
    _record(review, user=user, note=note.strip(), at=at)
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def review_set_stage(*, review, stage, on, user=None, note="", at=None) -> Review:
    """Move a review to a governance stage, recording the date it was reached."""
    stage = ReviewStage(stage)
    review.stage = stage
    setattr(review, STAGE_DATE_FIELDS[stage], on)
    note = note or f"Stage changed to {stage.label.lower()}"
    return review_save(review=review, user=user, note=note, at=at)
