"""Plans, priorities and what they link, for the tests: made through the services (so with
history), at a moment in the past when `at` is given."""

import datetime

from django.utils import timezone

from priorities import services
from priorities.models import DeliveryPlan, Priority
from reviews import services as review_services
from reviews.models import Status
from tests.factories import AgencyFactory, ReviewFactory, ThemeFactory

TODAY = None  # worked out when called: tests may run around midnight


def today():
    return timezone.localdate()


def days_ago(n):
    """A moment n days ago (noon, Europe/London)."""
    day = today() - datetime.timedelta(days=n)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def make_plan(title="2024–2026 delivery plan", *, starts_on=None, ends_on=None, at=None):
    starts_on = starts_on or today() - datetime.timedelta(days=365)
    ends_on = ends_on or today() + datetime.timedelta(days=365)
    return services.plan_save(
        DeliveryPlan(title=title, starts_on=starts_on, ends_on=ends_on),
        note="Plan added",
        at=at,
    )


def make_priority(plan, position, title=None, *, at=None, **links):
    title = title or f"Priority {plan.pk}-{position}"
    fields = {
        name: links.pop(name) for name in ("progress_note", "progress_noted_on") if name in links
    }
    return services.priority_save(
        Priority(
            plan=plan,
            position=position,
            title=title,
            aim="Practitioners share what they know, promptly.",
            lead_role="Head of Safeguarding",
            **fields,
        ),
        note="Priority added",
        at=at,
        **links,
    )


def make_action(review, status, *, target_date=None, at=None, reference=None, agency=None):
    evidence = "Audit of practice, March" if status == Status.BLUE else ""
    return review_services.action_create(
        review=review,
        reference=reference or f"{review.pk}.{review.actions.count() + 1}",
        recommendation="Share information promptly.",
        description="Brief practitioners on the learning.",
        lead_agency=agency or AgencyFactory(),
        lead_officer_role="Head of Service",
        themes=[],
        status=status,
        target_date=target_date,
        evidence=evidence,
        completed_on=today() - datetime.timedelta(days=30)
        if status in (Status.GREEN, Status.BLUE)
        else None,
        embedded_on=today() - datetime.timedelta(days=20) if status == Status.BLUE else None,
        at=at,
    )


def review():
    return ReviewFactory()


def theme():
    return ThemeFactory()
