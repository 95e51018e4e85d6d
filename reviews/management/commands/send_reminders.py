"""Email each agency lead one digest of their agencies' actions that are overdue or due soon."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from reviews.models import Action, ReminderSent


class Command(BaseCommand):
    help = (
        "Email each agency lead a digest of their agencies' red and amber actions that are "
        "overdue or due within --days days. Run it daily: a second run on the same day sends "
        "nothing to anyone already reminded that day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=28, help="Remind about actions due within this many days."
        )

    def handle(self, *args, days, **options):
        if not 0 <= days <= 366:
            raise CommandError("--days must be between 0 and 366.")
        today = timezone.localdate()
        horizon = today + timedelta(days=days)
        due = (
            Action.objects.open()
            .filter(target_date__lte=horizon)
            .select_related("review", "lead_agency")
            .order_by("target_date", "review__name", "reference")
        )
        by_agency = {}
        for action in due:
            by_agency.setdefault(action.lead_agency_id, []).append(action)
        leads = (
            get_user_model()
            .objects.filter(is_active=True, lead_agencies__isnull=False)
            .exclude(email="")
            .exclude(reminders_sent__sent_on=today)
            .prefetch_related("lead_agencies")
            .distinct()
        )
        sent = 0
        for lead in leads:
            actions = [
                a for agency in lead.lead_agencies.all() for a in by_agency.get(agency.pk, [])
            ]
            if not actions:
                continue
            if self.remind(lead, actions, today=today, days=days):
                sent += 1
        self.stdout.write(f"Sent {sent} reminder{'s' if sent != 1 else ''}.")

    def remind(self, lead, actions, *, today, days):
        """Send one digest, recorded first so that a second run the same day sends nothing."""
        try:
            with transaction.atomic():
                ReminderSent.objects.create(user=lead, sent_on=today, action_count=len(actions))
                overdue = [a for a in actions if a.overdue_on(today)]
                body = render_to_string(
                    "reviews/email/reminder.txt",
                    {
                        "lead": lead,
                        "overdue": overdue,
                        "due": [a for a in actions if a.on_course_on(today)],
                        "days": days,
                        "site_url": settings.SITE_URL.rstrip("/"),
                        "partnership_name": settings.PARTNERSHIP_NAME,
                    },
                )
                subject = (
                    f"Safeguarding actions: {len(overdue)} overdue, "
                    f"{len(actions) - len(overdue)} due within {days} days"
                )
                send_mail(subject, body, None, [lead.email])
        except IntegrityError:  # reminded already today, by a run at the same moment
            return False
        return True
