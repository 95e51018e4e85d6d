"""Load the demo: the position the partnership reported to the scrutiny committee, with history.

Dates are relative to today, so the demo always looks current. Three earlier committee meetings
are created, and each action's history walks it from red through amber (and green) to where it is
now, so that earlier meetings saw fewer actions blue; an action still open at a meeting carries the
progress note its lead agency gave for that meeting, so that each past report reads as it did.
"""

import os
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from reviews import demo_content, services
from reviews.models import (
    Action,
    Agency,
    CommitteeMeeting,
    Review,
    ReviewStage,
    Status,
    Theme,
)

DEFAULT_PASSWORD = "partnership-demo"
DEMO_USERS = [
    # username, full name, group, is_staff
    ("committee", "Committee member (demo)", services.COMMITTEE_MEMBERS, False),
    ("manager", "Safeguarding manager (demo)", services.SAFEGUARDING_MANAGERS, True),
    ("police-lead", "Police agency lead (demo)", services.AGENCY_LEADS, False),
]
# Agency leads and the agency each leads for.
DEMO_LEADS = {"police-lead": "police"}
# Days before today of each review's stages: started, learning published, ratified.
REVIEW_DATES = {
    "frankie": (1150, 820, 760),
    "sam-and-kyle": (1050, 700, 640),
    "leo": (700, 420, 380),
    "shay-and-ashley": (420, 45, None),
    "partnership-peer-review": (900, 600, 560),
}
MEETINGS_DAYS_AGO = [273, 182, 91]


class Command(BaseCommand):
    help = "Load the demo data: the reviews and actions reported to the committee, with history."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete every review, action, agency, theme and meeting, all their history and "
            "the demo users, then load the demo afresh.",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even though DEBUG is off (not for live data)."
        )

    def handle(self, *args, reset, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a live site: demo_data refuses to run. "
                "Use --force if you are sure."
            )
        password = os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        with transaction.atomic():
            if reset:
                self.delete_everything()
            manager = self.ensure_users(password)
            if Review.objects.exists() or Action.objects.exists():
                self.stdout.write(
                    "There are already reviews or actions in the database: nothing changed. "
                    "Use --reset to delete them and load the demo afresh."
                )
            else:
                self.load(today=timezone.localdate(), user=manager)
                self.ensure_users(password)  # now that the agencies exist, link their leads
                self.stdout.write(self.style.SUCCESS(self.summary()))
        self.stdout.write(
            "Demo sign-ins (username / password):\n"
            f"  committee / {password}   (committee member: reads the dashboards)\n"
            f"  manager   / {password}   (safeguarding manager: also keeps them up to date "
            "in /admin/)\n"
            f"  police-lead / {password}   (agency lead: updates the actions the police lead)"
        )

    def delete_everything(self):
        Action.themes.through.objects.all().delete()
        Action.supporting_agencies.through.objects.all().delete()
        Action.objects.all().delete()
        Review.objects.all().delete()
        Action.history.all().delete()
        Review.history.all().delete()
        CommitteeMeeting.objects.all().delete()
        Agency.objects.all().delete()
        Theme.objects.all().delete()
        get_user_model().objects.filter(username__in=[u[0] for u in DEMO_USERS]).delete()

    def ensure_users(self, password):
        """Make the demo users exist, in their groups, with the password this run prints; return
        the manager, who records the demo's history."""
        User = get_user_model()
        for username, full_name, group, is_staff in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.is_staff, user.is_active = full_name, is_staff, True
            if not user.check_password(password):
                user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=group)])
            if username in DEMO_LEADS:
                agency = Agency.objects.filter(slug=DEMO_LEADS[username]).first()
                user.lead_agencies.set([agency] if agency else [])
        return User.objects.get(username="manager")

    def summary(self):
        counts = {s: Action.objects.filter(status=s).count() for s in Status}
        return (
            f"Loaded {Review.objects.count()} reviews and {Action.objects.count()} actions: "
            + ", ".join(f"{n} {s.label.lower()}" for s, n in counts.items())
            + f"; {CommitteeMeeting.objects.count()} committee meetings."
        )

    def load(self, *, today, user):
        def moment(days_ago, hour=10):
            day = today - timedelta(days=days_ago)
            return timezone.make_aware(datetime.combine(day, time(hour, 0)))

        agencies = {
            a["slug"]: Agency.objects.update_or_create(
                slug=a["slug"],
                defaults={
                    "name": a["name"],
                    "short_name": a["short_name"],
                    "statutory_partner": a["statutory"],
                },
            )[0]
            for a in demo_content.AGENCIES
        }
        themes = {
            t["slug"]: Theme.objects.update_or_create(
                slug=t["slug"], defaults={"name": t["name"], "description": t["description"]}
            )[0]
            for t in demo_content.THEMES
        }
        for days in MEETINGS_DAYS_AGO:
            CommitteeMeeting.objects.get_or_create(
                committee=settings.COMMITTEE_NAME, date=today - timedelta(days=days)
            )

        for data in demo_content.REVIEWS:
            started, published, ratified = REVIEW_DATES[data["slug"]]
            review = Review(
                slug=data["slug"],
                name=data["name"],
                kind=data["kind"],
                summary=data["summary"],
                started_on=today - timedelta(days=started),
            )
            services.review_save(
                review=review,
                note="Review started",
                user=user,
                at=moment(started),
                themes=[themes[slug] for slug in data["themes"]],
            )
            services.review_set_stage(
                review=review,
                stage=ReviewStage.LEARNING_PUBLISHED,
                on=today - timedelta(days=published),
                note="Learning published",
                user=user,
                at=moment(published),
            )
            if ratified is None:
                continue
            services.review_set_stage(
                review=review,
                stage=ReviewStage.RATIFIED,
                on=today - timedelta(days=ratified),
                note="Learning ratified by the partnership executive; action plan agreed",
                user=user,
                at=moment(ratified),
            )
            for index, item in enumerate(data["actions"]):
                self.load_action(
                    review=review,
                    item=item,
                    index=index,
                    count=len(data["actions"]),
                    ratified=ratified,
                    agencies=agencies,
                    themes=themes,
                    today=today,
                    moment=moment,
                    user=user,
                )

    def load_action(
        self, *, review, item, index, count, ratified, agencies, themes, today, moment, user
    ):
        """Create one action at ratification, then replay its progress to its status today.

        Each action's milestones are spread across the months since ratification, so the three
        committee meetings each saw fewer actions done than the one after; before each meeting
        at which it is still open, its lead agency gives a progress note (`earlier_progress`).
        """
        final = Status(item["status"])
        share = (index + 1) / (count + 1)  # 0..1: where this action falls in the plan
        span = ratified - 20  # days from ratification until 20 days ago
        started = ratified - 20 - round(share * 40)
        if final == Status.BLUE:
            embedded = 20 + round((1 - share) * span * 0.8)
            completed = min(started - 10, embedded + 60 + index % 3 * 20)
            # Days ago of the target date: most met it, every fourth was completed late.
            target = completed + 25 if index % 4 == 3 else completed - 30
        elif final == Status.GREEN:
            embedded = None
            completed = 20 + round((1 - share) * min(span, 240))
            target = completed + 15 if index % 2 else completed - 20
        else:
            embedded = completed = None
            target = -(45 + index * 17 % 200)  # days ahead: every open action on course

        action = services.action_create(
            review=review,
            reference=item["reference"],
            recommendation=item["recommendation"],
            description=item["description"],
            lead_agency=agencies[item["lead_agency"]],
            supporting_agencies=[agencies[s] for s in item["supporting_agencies"]],
            lead_officer_role=item["lead_officer_role"],
            themes=[themes[t] for t in item["themes"]],
            status=Status.RED,
            target_date=today - timedelta(days=target),
            note="Action agreed when the review's learning was ratified",
            user=user,
            at=moment(ratified, hour=11),
        )
        # Each step: when, what changed, and the history's note.
        steps = [(moment(started), {"status": Status.AMBER}, "Work started by the lead agency")]
        if item.get("slip_reason"):
            revised = {
                "target_date": today - timedelta(days=target - 120),
                "target_date_change_reason": item["slip_reason"],
            }
            steps.append((moment(max(started - 30, 100)), revised, "Target date revised"))
        if completed is not None:
            complete = {"status": Status.GREEN, "completed_on": today - timedelta(days=completed)}
            steps.append(
                (moment(completed, hour=14), complete, "Reported complete by the lead agency")
            )
        if embedded is not None:
            embed = {
                "status": Status.BLUE,
                "embedded_on": today - timedelta(days=embedded),
                "evidence": item["evidence"],
            }
            steps.append(
                (
                    moment(embedded, hour=15),
                    embed,
                    "Evidence of embedding accepted by the partnership's quality assurance group",
                )
            )
        steps += self.earlier_progress(item=item, index=index, completed=completed, moment=moment)
        latest = {"progress_note": item["progress_note"], "evidence": item["evidence"]}
        steps.append((moment(14, hour=16), latest, "Progress update"))
        # In the order they happened, so that each history record ends the period of the one
        # before it (models.close_previous_record).
        for at, changes, note in sorted(steps, key=lambda step: step[0]):
            services.action_update(action=action, note=note, user=user, at=at, **changes)

    def earlier_progress(self, *, item, index, completed, moment):
        """The progress notes the lead agency gave for each earlier committee meeting at which
        the action was still open (red or amber), a few weeks before it as updates are gathered
        for the committee's papers, so that each past report has the notes the committee read.
        One note a meeting, oldest first, from the demo content."""
        open_at = [days for days in MEETINGS_DAYS_AGO if completed is None or completed < days]
        notes = item.get("earlier_progress_notes", [])
        if len(notes) != len(open_at):
            raise CommandError(
                f"Demo content: action {item['reference']} was open at {len(open_at)} earlier "
                f"meetings but has {len(notes)} earlier progress notes."
            )
        lead = 18 + index % 4 * 4  # days before the meeting the update was given
        return [
            (moment(days + lead, hour=12), {"progress_note": note}, "Progress update")
            for days, note in zip(sorted(open_at, reverse=True), notes, strict=True)
        ]
