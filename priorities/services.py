"""Every write to the delivery plans and their priorities: each change one history record with
who, when and why (as_at.history.save_with_history), the priority's links with it."""

from django.db import transaction
from django.utils.text import slugify

from as_at.history import save_with_history
from reviews.usage import unique_slug

from .models import PLAN_HISTORY, PRIORITY_HISTORY, DeliveryPlan, Priority

LINKS = ("themes", "actions", "indicators", "audits", "sessions")


def plan_save(plan, *, user=None, note="", at=None) -> DeliveryPlan:
    if not plan.slug:
        plan.slug = unique_slug(DeliveryPlan.objects, slugify(plan.title)[:60] or "plan")
    plan.full_clean()
    save_with_history(plan, PLAN_HISTORY, user=user, note=note, at=at, m2m={})
    return plan


@transaction.atomic
def priority_save(priority, *, user=None, note="", at=None, **links) -> Priority:
    """Validate and save a priority whose fields have been set, with the links given (themes,
    actions, indicators, audits, sessions: each left as it is when not given), in one history
    record."""
    unknown = set(links) - set(LINKS)
    if unknown:
        raise TypeError(f"Not a priority's links: {', '.join(sorted(unknown))}")
    if not priority.slug:
        priority.slug = unique_slug(Priority.objects, slugify(priority.title)[:60] or "priority")
    priority.full_clean()
    save_with_history(
        priority,
        PRIORITY_HISTORY,
        user=user,
        note=note,
        at=at,
        m2m={name: links.get(name) for name in LINKS},
    )
    return priority


def delete_all():
    """Delete every plan, priority and their history (`demo_data --reset`), before the records
    they link."""
    from django.apps import apps

    Priority.objects.all().delete()
    DeliveryPlan.objects.all().delete()
    for name in LINKS:
        apps.get_model("priorities", f"HistoricalPriority_{name}").objects.all().delete()
    Priority.history.all().delete()
    DeliveryPlan.history.all().delete()
