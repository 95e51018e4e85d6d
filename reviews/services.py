"""Writes. Every change to reviews and actions goes through here, validated and recorded; so do
the admin's changes to agencies and themes, their deletion and their merging."""

from datetime import datetime, timedelta

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from as_at.history import save_with_history

from .models import (
    ACTION_HISTORY,
    AGENCY_HISTORY,
    REVIEW_HISTORY,
    STAGE_DATE_FIELDS,
    Action,
    Agency,
    CommitteeMeeting,
    Review,
    ReviewStage,
    Status,
    Theme,
)
from .timeline import DEADLINE_OF_STAGE
from .usage import AGENCY_USES, THEME_USES, moved_themes

COMMITTEE_MEMBERS = "Committee members"
INDEPENDENT_SCRUTINEERS = "Independent scrutineers"
SAFEGUARDING_MANAGERS = "Safeguarding managers"
AGENCY_LEADS = "Agency leads"

REVIEW_MODELS = ["agency", "theme", "review", "action", "committeemeeting"]
# The partnership's other records that the committee reads and the managers keep, by app.
ASSURANCE_MODELS = {
    "dataset": ["indicator", "figure"],
    "learning": ["learningsession", "sessionagency"],
    "audits": ["grade", "audit", "auditcase", "agencygrade", "finding"],
    "priorities": ["deliveryplan", "priority"],
    "challenges": ["challenge"],
    "yearly": ["yearlyreport", "signoff"],
}
# The permissions of the independent scrutineer's own work, beside reading everything: putting
# challenges and writing the yearly report's assessment. Managers keep the rest, not these
# words (the assessment is the scrutineer's).
SCRUTINY_PERMISSIONS = [
    ("challenges", "add_challenge"),
    ("challenges", "change_challenge"),
    ("yearly", "write_assessment"),
]

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
    "timescale_as_written",
    "tracker_columns",
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
    for app, models in ASSURANCE_MODELS.items():
        permissions = Permission.objects.filter(
            content_type__app_label=app, content_type__model__in=models
        )
        view = view | permissions.filter(codename__startswith="view_")
        # Nor indicators, whose figures go with them, nor challenges (the log stays whole); nor
        # the scrutineer's own assessment.
        manage = manage | permissions.exclude(
            codename__in=["delete_indicator", "delete_challenge", "write_assessment"]
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
    respond = Permission.objects.filter(
        content_type__app_label="challenges", codename="respond_challenge"
    )
    leads.permissions.set([*view, *progress, *respond])
    # The independent scrutineer reads everything, keeps no plan (no admin), and puts challenges
    # and writes the yearly report's assessment on the site's own pages.
    scrutineers, _ = Group.objects.get_or_create(name=INDEPENDENT_SCRUTINEERS)
    scrutiny = Permission.objects.none()
    for app, codename in SCRUTINY_PERMISSIONS:
        scrutiny = scrutiny | Permission.objects.filter(
            content_type__app_label=app, codename=codename
        )
    scrutineers.permissions.set([*view, *scrutiny])


def status_note_problem(*, was, now, note):
    """The rule for a change's note: a change of status says why. What is wrong, or ''."""
    if was is not None and was != now and not note.strip():
        return (
            f"Add a note saying why the status changed from {Status(was).label} to "
            f"{Status(now).label}."
        )
    return ""


def action_check(action, *, note):
    """Every rule a change to an action must keep, the change's note given: the model's (blue
    needs evidence, a moved target date a new reason, dates in order...) and the note's, all
    checked in one pass and every broken one raised together (a ValidationError by field).
    Whatever changes an action (the admin, the progress form, the bulk change, the import and
    its preview) is checked here, through action_save or, for a preview, directly."""
    previous = action.stored()
    problem = status_note_problem(
        was=previous["status"] if previous else None, now=action.status, note=note
    )
    errors = {"status": [problem]} if problem else {}
    try:
        action.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


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
    timescale_as_written="",
    tracker_columns="",
    user=None,
    note="Action added",
    at=None,
) -> Action:
    action = Action(
        timescale_as_written=timescale_as_written,
        tracker_columns=tracker_columns,
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
    action_check(action, note=note)
    action.updated_at = at or timezone.now()
    save_with_history(
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
        label = ReviewStage(review.stage).label
        note = f"Stage changed to {label[0].lower()}{label[1:]}"
    review.full_clean()
    save_with_history(review, REVIEW_HISTORY, user=user, note=note, at=at, m2m={"themes": themes})
    return review


@transaction.atomic
def review_set_stage(
    *, review, stage, on, user=None, note="", at=None, decision="", delay_reason=""
) -> Review:
    """Move a review to a stage, recording the date it was reached: for the decision, what was
    decided; for a stage with a statutory deadline, the reason it was late (needed only when it
    was: Review.clean), kept with the history."""
    stage = ReviewStage(stage)
    review.stage = stage
    setattr(review, STAGE_DATE_FIELDS[stage], on)
    if stage == ReviewStage.DECIDED:
        review.decision = decision
    if deadline := DEADLINE_OF_STAGE.get(stage):
        setattr(review, deadline.reason_field, delay_reason.strip())
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


# Agencies and themes ---------------------------------------------------------------------------


def _renamed_note(instance, note):
    """The note for a change: the one given, or else, when the name changed, the old name."""
    note = note.strip()
    if note or instance.pk is None:
        return note
    was = type(instance).objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    return f"Renamed from “{was}”" if was not in (None, instance.name) else ""


@transaction.atomic
def agency_save(*, agency, user=None, note="", leads=None) -> Agency:
    """Validate and save an agency whose fields have been set, with its leads when given, as one
    entry in its history. A new name keeps every action it leads or supports."""
    note = _renamed_note(agency, note)
    agency.full_clean()
    save_with_history(agency, AGENCY_HISTORY, user=user, note=note, at=None, m2m={"leads": leads})
    return agency


def _save_noted(instance, *, user, note):
    """Validate and save a model with no many-to-many fields, its history recording who and why
    (django-simple-history reads them from the instance's `_history_user` and `_change_reason`)."""
    instance.full_clean()
    instance._change_reason, instance._history_user = note, user
    try:
        instance.save()
    finally:
        for attribute in ("_change_reason", "_history_user"):
            instance.__dict__.pop(attribute, None)
    return instance


@transaction.atomic
def theme_save(*, theme, user=None, note="") -> Theme:
    """Validate and save a theme whose fields have been set, with history. A new name keeps every
    action and review it is a theme of."""
    return _save_noted(theme, user=user, note=_renamed_note(theme, note))


@transaction.atomic
def meeting_save(*, meeting, user=None, note="") -> CommitteeMeeting:
    """Validate and save a committee meeting whose fields have been set, with history."""
    return _save_noted(meeting, user=user, note=note.strip())


class InUse(ValidationError):
    """An agency or theme that actions (or reviews) use: deleting it would take it off them."""


def refusal(obj):
    """Why an agency or theme cannot be deleted, or '' when it can."""
    uses = obj.uses()
    return f"“{obj}” cannot be deleted: it {uses}." if uses else ""


def _delete_unused(obj, *, user, note):
    problem = refusal(obj)
    if problem:
        raise InUse(problem)
    obj._history_user, obj._change_reason = user, note.strip()
    obj.delete()  # recorded in its history, with who and why


@transaction.atomic
def agency_delete(*, agency, user=None, note=""):
    """Delete an agency that no action leads or supports. Refused (InUse) otherwise."""
    _delete_unused(agency, user=user, note=note)


@transaction.atomic
def theme_delete(*, theme, user=None, note=""):
    """Delete a theme that no action or review carries. Refused (InUse) otherwise."""
    _delete_unused(theme, user=user, note=note)


def _merge_note(kind, source, into):
    # Kept to the length the actions' and reviews' history holds for a note.
    return Truncator(f"{kind} “{source}” merged into “{into}”").chars(100)


def _each_or_none(objects, save):
    """Save each object, or none of them if any breaks a rule: every problem is told."""
    problems = []
    for obj in objects:
        try:
            with transaction.atomic():
                save(obj)
        except ValidationError as error:
            problems.append(f"{obj}: {' '.join(error.messages)}")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def theme_merge(*, theme, into, user=None) -> dict:
    """Move every action and review tagged with `theme` to `into`, each with an entry in its
    history noting the merge, then delete `theme` (also recorded). All of it, or nothing if a
    change breaks a rule. Returns how many actions and reviews moved."""
    if theme.pk == into.pk:
        raise ValidationError("A theme cannot be merged into itself.")
    note = _merge_note("Theme", theme, into)

    def moved(themes):
        return moved_themes(themes, theme, into)

    actions = list(theme.actions.select_related("review").prefetch_related("themes"))
    reviews = list(theme.reviews.prefetch_related("themes"))
    _each_or_none(
        actions,
        lambda action: action_save(
            action=action, user=user, note=note, themes=moved(action.themes.all())
        ),
    )
    _each_or_none(
        reviews,
        lambda review: review_save(
            review=review, user=user, note=note, themes=moved(review.themes.all())
        ),
    )
    others = sum(use.move(theme, into, user=user, note=note) for use in THEME_USES)
    theme_delete(theme=theme, user=user, note=f"Merged into “{into}”")
    return {"actions": len(actions), "reviews": len(reviews), "others": others}


@transaction.atomic
def agency_merge(*, agency, into, user=None) -> dict:
    """Give every action `agency` leads or supports to `into` instead (an agency is never both
    the lead and a supporting agency of one action), each with an entry in its history noting
    the merge; make its leads leads of `into`; then delete `agency` (also recorded). All of it,
    or nothing if a change breaks a rule. Returns how many actions and leads moved."""
    if agency.pk == into.pk:
        raise ValidationError("An agency cannot be merged into itself.")
    note = _merge_note("Agency", agency, into)

    def move(action):
        if action.lead_agency_id == agency.pk:
            action.lead_agency = into
        supporting = list(action.supporting_agencies.all())
        kept = [a for a in supporting if a.pk != agency.pk]
        if len(kept) < len(supporting) and all(a.pk != into.pk for a in kept):
            kept.append(into)
        if action.lead_agency_id == into.pk:
            kept = [a for a in kept if a.pk != into.pk]
        action_save(action=action, user=user, note=note, supporting_agencies=kept)

    actions = list(
        agency.actions_using().select_related("review").prefetch_related("supporting_agencies")
    )
    _each_or_none(actions, move)
    current = list(into.leads.all())
    leads = [lead for lead in agency.leads.all() if lead not in current]
    if leads:
        agency_save(agency=into, user=user, note=note, leads=[*current, *leads])
    others = sum(use.move(agency, into, user=user, note=note) for use in AGENCY_USES)
    agency_delete(agency=agency, user=user, note=f"Merged into “{into}”")
    return {"actions": len(actions), "leads": len(leads), "others": others}
