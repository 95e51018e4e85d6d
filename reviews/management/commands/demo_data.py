"""Load the demo: the position the partnership reported to the scrutiny committee, with history.

Dates are relative to today, so the demo always looks current. The actions come from the demo's
tracker (`demo_content.TRACKER`, a CSV file a partnership could keep), through the service's own
import: each review's actions as they stood when its learning was ratified (red, with the target
date then agreed, no progress yet) are written as a tracker and imported, dated at the
ratification. Three earlier committee meetings are created, and each action's history then walks
it from red through amber (and green) to the status, progress note and evidence its row gives, so
that earlier meetings saw fewer actions blue; an action still open at a meeting carries the
progress note its lead agency gave for that meeting (from demo_content), so that each past report
reads as it did.

The partnership dataset (dataset.demo) comes last: its indicators, with the demo's themes and
agencies, and their figures for the last eight quarters, each recorded when it was reported. It is
loaded whenever there are no indicators or figures yet, so a database loaded before the dataset
existed gains it on the next run.

The multi-agency audits (audits.demo) follow: an audit of working with resistance and its
re-audit, with their cases' grades and findings answered by the seed's actions, each recorded when
it happened, whenever there are no audits yet. Then the learning programme (learning.demo): a year
of awareness sessions sharing the reviews' and audits' learning, each agency's places,
evaluations and follow-ups, each recorded when it happened. It too is loaded whenever there are
no sessions yet.

Last come what ties them together, each loaded whenever its tables are empty: the delivery plans
(priorities.demo), the seed's 2022–2024 plan in force today, its four priorities linked to the
actions, indicators, audits and sessions that serve them, and the upcoming plan; the independent
scrutineer's challenge log (challenges.demo); and the written parts and sign-offs of the last
full year's report (yearly.demo).
"""

import io
import os
from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from audits import demo as audits_demo
from audits import services as audit_services
from audits.models import Audit
from challenges import demo as challenges_demo
from challenges import services as challenge_services
from challenges.models import Challenge
from dataset import demo as dataset_demo
from dataset.models import Figure, Indicator
from dates.working_days import add_working_days, working_days_before
from learning import demo as learning_demo
from learning import services as learning_services
from learning.models import LearningSession
from priorities import demo as priorities_demo
from priorities import services as priority_services
from priorities.models import DeliveryPlan, Priority
from reviews import demo_content, services
from reviews.imports import NEW, Refused, tracker_import
from reviews.imports.reading import COLUMNS, find_header, parse_status
from reviews.models import (
    Action,
    Agency,
    CommitteeMeeting,
    Decision,
    Review,
    ReviewKind,
    ReviewStage,
    Status,
    Theme,
)
from reviews.timeline import PUBLICATION, RAPID_REVIEW
from spreadsheets.cells import xlsx_value
from spreadsheets.reading import read_file, text
from yearly import demo as yearly_demo
from yearly import services as yearly_services
from yearly.models import SignOff, YearlyReport

DEFAULT_PASSWORD = "partnership-demo"
DEMO_USERS = [
    # username, full name, group, is_staff
    ("committee", "Committee member (demo)", services.COMMITTEE_MEMBERS, False),
    ("manager", "Safeguarding manager (demo)", services.SAFEGUARDING_MANAGERS, True),
    ("police-lead", "Police agency lead (demo)", services.AGENCY_LEADS, False),
    ("scrutineer", "Independent scrutineer (demo)", services.INDEPENDENT_SCRUTINEERS, False),
]
# Agency leads and the agency each leads for.
DEMO_LEADS = {"police-lead": "police"}
MEETINGS_DAYS_AGO = [273, 182, 91]


def at_ten(day):
    """Ten in the morning of `day`: when the demo records what happened that day."""
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


# The columns of the demo's tracker: what each action is, and where it stands today.
TRACKER_FIELDS = (
    "review", "reference", "recommendation", "description", "lead_agency", "supporting_agencies",
    "lead_officer_role", "status", "progress_note", "evidence", "themes",
)  # fmt: skip
# The columns of the tracker imported at ratification: each action as it was agreed.
AGREED_FIELDS = (
    "review", "reference", "recommendation", "description", "lead_agency", "supporting_agencies",
    "lead_officer_role", "status", "target_date", "progress_note", "evidence", "themes",
)  # fmt: skip
AGREED_NOTE = "Action agreed when the review's learning was ratified"


class Command(BaseCommand):
    help = "Load the demo data: the reviews and actions reported to the committee, with history."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete every review, action, agency, theme and meeting, every indicator and "
            "figure, every audit and learning session, every delivery plan, challenge and "
            "yearly report, all their history and the demo users, then load the demo afresh.",
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
            self.load_dataset(today=timezone.localdate(), user=manager)
            self.load_audits(today=timezone.localdate(), user=manager)
            self.load_learning(today=timezone.localdate(), user=manager)
            scrutineer = get_user_model().objects.get(username="scrutineer")
            self.load_priorities(today=timezone.localdate(), user=manager)
            self.load_challenges(today=timezone.localdate(), scrutineer=scrutineer, manager=manager)
            self.load_yearly(today=timezone.localdate(), scrutineer=scrutineer, manager=manager)
        self.stdout.write(
            "Demo sign-ins (username / password):\n"
            f"  committee / {password}   (committee member: reads the dashboards)\n"
            f"  manager   / {password}   (safeguarding manager: also keeps them up to date "
            "in /admin/)\n"
            f"  police-lead / {password}   (agency lead: updates the actions the police lead)\n"
            f"  scrutineer / {password}   (independent scrutineer: reads everything, puts "
            "challenges and writes the yearly report's assessment)"
        )

    def delete_everything(self):
        # First what links the other records: a priority its actions, indicators, audits and
        # sessions; a challenge and a sign-off their agencies.
        priority_services.delete_all()
        challenge_services.delete_all()
        yearly_services.delete_all()
        dataset_demo.delete_all()  # first: an indicator keeps its source agency
        learning_services.delete_all()  # and a session's places keep theirs
        audit_services.delete_all()  # and an audit's findings keep their actions
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

    def load_dataset(self, *, today, user):
        """The demo's partnership dataset, unless there is a dataset already."""
        if Indicator.objects.exists() or Figure.objects.exists():
            self.stdout.write(
                "There are already indicators or figures in the database: the dataset is "
                "unchanged. Use --reset to delete them and load the demo afresh."
            )
            return
        try:
            indicators = dataset_demo.load(today=today, user=user)
        except dataset_demo.DemoContentMissing as error:
            self.stdout.write(f"{error} The dataset was not loaded: use --reset.")
            return
        periods = dataset_demo.demo_quarters(today)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the partnership dataset: {len(indicators)} indicators with figures for "
                f"{periods[0].label} to {periods[-1].label}."
            )
        )

    def load_audits(self, *, today, user):
        """The demo's multi-agency audits, unless there are audits already."""
        if Audit.objects.exists():
            self.stdout.write(
                "There are already audits in the database: the audits are unchanged. Use "
                "--reset to delete them and load the demo afresh."
            )
            return
        try:
            audits = audits_demo.load(today=today, user=user)
        except audits_demo.DemoContentMissing as error:
            self.stdout.write(f"{error} The audits were not loaded: use --reset.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(audits)} multi-agency audits: "
                + "; ".join(f"{audit} ({audit.audited_on:%B %Y})" for audit in audits)
                + "."
            )
        )

    def load_learning(self, *, today, user):
        """The demo's learning programme, unless there are learning sessions already."""
        if LearningSession.objects.exists():
            self.stdout.write(
                "There are already learning sessions in the database: the learning programme is "
                "unchanged. Use --reset to delete them and load the demo afresh."
            )
            return
        try:
            sessions = learning_demo.load(today=today, user=user)
        except learning_demo.DemoContentMissing as error:
            self.stdout.write(f"{error} The learning programme was not loaded: use --reset.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the learning programme: {len(sessions)} sessions from "
                f"{sessions[0].date:%-d %B %Y} to {sessions[-1].date:%-d %B %Y}."
            )
        )

    def load_priorities(self, *, today, user):
        """The demo's delivery plans, unless there are plans or priorities already."""
        if DeliveryPlan.objects.exists() or Priority.objects.exists():
            self.stdout.write(
                "There are already delivery plans in the database: the plans are unchanged. Use "
                "--reset to delete them and load the demo afresh."
            )
            return
        try:
            current, upcoming = priorities_demo.load(today=today, user=user)
        except priorities_demo.DemoContentMissing as error:
            self.stdout.write(f"{error} The delivery plans were not loaded: use --reset.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the delivery plans: {current} ({current.priorities.count()} priorities, "
                f"to {current.ends_on:%-d %B %Y}) and the upcoming {upcoming} "
                f"({upcoming.priorities.count()} priorities, from {upcoming.starts_on:%-d %B %Y})."
            )
        )

    def load_challenges(self, *, today, scrutineer, manager):
        """The demo's challenge log, unless there are challenges already."""
        if Challenge.objects.exists():
            self.stdout.write(
                "There are already challenges in the database: the challenge log is unchanged. "
                "Use --reset to delete them and load the demo afresh."
            )
            return
        try:
            challenges = challenges_demo.load(today=today, scrutineer=scrutineer, manager=manager)
        except challenges_demo.DemoContentMissing as error:
            self.stdout.write(f"{error} The challenge log was not loaded: use --reset.")
            return
        still_open = sum(c.status == "open" for c in challenges)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the challenge log: {len(challenges)} challenges from "
                f"{challenges[0].raised_on:%-d %B %Y}, {still_open} open."
            )
        )

    def load_yearly(self, *, today, scrutineer, manager):
        """The written parts of the demo's yearly report, unless there are reports already."""
        if YearlyReport.objects.exists() or SignOff.objects.exists():
            self.stdout.write(
                "There are already yearly reports in the database: they are unchanged. Use "
                "--reset to delete them and load the demo afresh."
            )
            return
        try:
            report = yearly_demo.load(today=today, scrutineer=scrutineer, manager=manager)
        except yearly_demo.DemoContentMissing as error:
            self.stdout.write(f"{error} The yearly report was not loaded: use --reset.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the yearly report {report.label}: written, signed off by "
                f"{report.sign_offs.count()} lead safeguarding partners, published on "
                f"{report.published_on:%-d %B %Y}."
            )
        )

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

        for a in demo_content.AGENCIES:
            Agency.objects.update_or_create(
                slug=a["slug"],
                defaults={
                    "name": a["name"],
                    "short_name": a["short_name"],
                    "statutory_partner": a["statutory"],
                },
            )
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

        tracker = self.read_tracker(demo_content.TRACKER)
        for data in demo_content.REVIEWS:
            days = data["days_ago"]
            started, published, ratified = (
                days["started"],
                days["learning_published"],
                days["ratified"],
            )
            items = tracker.pop(data["name"], [])
            review = Review(
                slug=data["slug"], name=data["name"], kind=data["kind"], summary=data["summary"]
            )
            review_themes = [themes[slug] for slug in data["themes"]]
            started_on = today - timedelta(days=started)
            if statutory := data.get("statutory"):
                self.load_statutory_stages(review, statutory, review_themes, today, user)
                if review.decided_on > started_on:
                    raise CommandError(
                        f"Demo content: {data['name']} started before its decision was made."
                    )
                services.review_set_stage(
                    review=review,
                    stage=ReviewStage.IN_PROGRESS,
                    on=started_on,
                    note="Review started",
                    user=user,
                    at=moment(started),
                )
            else:
                review.started_on = started_on
                services.review_save(
                    review=review,
                    note="Review started",
                    user=user,
                    at=moment(started),
                    themes=review_themes,
                )
            published_on = today - timedelta(days=published)
            late = review.decided_on and published_on > PUBLICATION.due(review)
            services.review_set_stage(
                review=review,
                stage=ReviewStage.LEARNING_PUBLISHED,
                on=published_on,
                note="Learning published",
                delay_reason=statutory["publication_delay"] if late else "",
                user=user,
                at=moment(published),
            )
            if ratified is None:
                if items:
                    raise CommandError(
                        f"Demo content: {data['name']} is not ratified, so it has no action plan, "
                        f"but the tracker has {len(items)} actions for it."
                    )
                continue
            services.review_set_stage(
                review=review,
                stage=ReviewStage.RATIFIED,
                on=today - timedelta(days=ratified),
                note="Learning ratified by the partnership executive; action plan agreed",
                user=user,
                at=moment(ratified),
            )
            self.load_actions(
                review=review,
                items=items,
                history=data["history"],
                ratified=ratified,
                today=today,
                moment=moment,
                user=user,
            )
        if tracker:
            raise CommandError(
                f"Demo content: the tracker has actions for {', '.join(tracker)}, which are not "
                "reviews in the demo."
            )
        self.load_new_incident(today=today, user=user)

    def load_statutory_stages(self, review, statutory, themes, today, user):
        """A practice review's stages before it started: the incident known, the Panel notified,
        the rapid review sent and the decision to hold a local review, each on its day, a late
        stage with the reason for its delay."""
        known = today - timedelta(days=statutory["incident_known"])
        self.record_incident(review, known, user, themes=themes)
        notified_after, notified_late = statutory["notified"]
        rapid_after, rapid_late = statutory["rapid_review"]
        notified = add_working_days(known, notified_after)
        sent = add_working_days(notified, rapid_after)
        decided = add_working_days(sent, statutory["decided"])
        for stage, on, reason, note in (
            (ReviewStage.NOTIFIED, notified, notified_late, "The Panel notified"),
            (ReviewStage.RAPID_REVIEW_SENT, sent, rapid_late, "Rapid review sent to the Panel"),
            (ReviewStage.DECIDED, decided, "", "Decision: a local practice review"),
        ):
            services.review_set_stage(
                review=review,
                stage=stage,
                on=on,
                decision=Decision.LOCAL_REVIEW,
                delay_reason=reason,
                note=note,
                user=user,
                at=at_ten(on),
            )

    def record_incident(self, review, known, user, themes=None):
        """A new review at its first stage: the incident known on `known`, recorded that day."""
        review.stage, review.incident_known_on = ReviewStage.INCIDENT_KNOWN, known
        services.review_save(
            review=review,
            note="Serious incident known; the local authority is notifying the Panel",
            user=user,
            at=at_ten(known),
            themes=themes,
        )

    def load_new_incident(self, *, today, user):
        """A recent incident in rapid review, known by a reference: the Panel notified on time,
        the rapid review due in a couple of working days."""
        content = demo_content.NEW_INCIDENT
        rapid_due = add_working_days(today, content["rapid_review_due_in"])
        notified = working_days_before(rapid_due, RAPID_REVIEW.working_days)
        known = working_days_before(notified, content["notified_after"])
        first = known.year if known.month >= 4 else known.year - 1
        reference = f"{first}-{(first + 1) % 100:02d}/01"
        review = Review(
            name=f"Rapid review {reference}",
            slug=f"{content['slug_prefix']}-{reference.replace('/', '-')}",
            kind=ReviewKind.RAPID,
            summary=content["summary"],
        )
        self.record_incident(review, known, user)
        services.review_set_stage(
            review=review,
            stage=ReviewStage.NOTIFIED,
            on=notified,
            note="The Panel notified; rapid review under way",
            user=user,
            at=at_ten(notified),
        )

    def read_tracker(self, path):
        """The demo tracker's actions by review name, each a {field: text} of TRACKER_FIELDS, in
        the file's order (the order of each review's plan), read as the import reads a file."""
        try:
            (sheet,) = read_file(path.read_bytes(), path.name)  # a CSV file is one sheet
            found = find_header(sheet.rows)
        except (OSError, Refused, ValueError) as error:
            raise CommandError(f"Demo content: {path} cannot be read ({error}).") from error
        if found is None:
            raise CommandError(f"Demo content: {path} has no header row.")
        position, columns, unknown, duplicates = found
        missing = [COLUMNS[f][0] for f in TRACKER_FIELDS if f not in columns]
        if missing or unknown or duplicates:
            raise CommandError(
                f"Demo content: {path} should have the columns "
                f"{', '.join(COLUMNS[f][0] for f in TRACKER_FIELDS)}, each once."
            )
        by_review = {}
        for _, cells in sheet.rows[position + 1 :]:
            if not cells:
                continue
            cells = cells + [None] * (len(sheet.rows[position][1]) - len(cells))
            item = {field: text(cells[columns[field].index]) for field in TRACKER_FIELDS}
            by_review.setdefault(item["review"], []).append(item)
        return by_review

    def load_actions(self, *, review, items, history, ratified, today, moment, user):
        """Import a review's actions as they were agreed at its ratification, then replay each
        one's progress to where its row in the tracker says it is today.

        Each action's milestones are spread across the months since ratification, so the three
        committee meetings each saw fewer actions done than the one after; before each meeting
        at which it is still open, its lead agency gives a progress note (`earlier_progress`).
        """
        references = [item["reference"] for item in items]
        unknown = set(history) - set(references)
        if unknown:
            raise CommandError(
                f"Demo content: {review.name} has the history of {', '.join(sorted(unknown))}, "
                "which the tracker does not have."
            )
        plans = [
            self.schedule(item=item, index=index, count=len(items), ratified=ratified)
            for index, item in enumerate(items)
        ]
        agreed = [
            {
                **item,
                "status": Status.RED.label,
                "target_date": today - timedelta(days=plan["target"]),
                "progress_note": "",
                "evidence": "",
            }
            for item, plan in zip(items, plans, strict=True)
        ]
        actions = self.import_agreed(
            review=review, rows=agreed, at=moment(ratified, hour=11), user=user
        )
        for index, (item, plan) in enumerate(zip(items, plans, strict=True)):
            self.replay(
                action=actions[item["reference"]],
                item=item,
                history=history.get(item["reference"], {}),
                index=index,
                plan=plan,
                today=today,
                moment=moment,
                user=user,
            )

    def schedule(self, *, item, index, count, ratified):
        """Days before today of the action's milestones (started, completed, embedded) and of its
        target date as agreed: worked out from its place in the plan and its status today."""
        try:
            final = parse_status(item["status"])
        except ValueError as error:
            raise CommandError(f"Demo content: action {item['reference']}: {error}") from error
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
        return {
            "started": started,
            "completed": completed,
            "embedded": embedded,
            "target": target,
        }

    def import_agreed(self, *, review, rows, at, user):
        """Write the rows (a {field: value} each) as a tracker, an XLSX workbook with a sheet
        named after the review, and import it as the changes made at `at`; {reference: action}."""
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = review.name[:31]
        sheet.append([COLUMNS[field][0] for field in AGREED_FIELDS])
        for row in rows:
            sheet.append([xlsx_value(row[field]) or None for field in AGREED_FIELDS])
        out = io.BytesIO()
        workbook.save(out)
        result = tracker_import(
            data=out.getvalue(),
            file_name=f"{review.slug}-action-plan-as-agreed.xlsx",
            user=user,
            create_agencies=False,
            at=at,
            note=AGREED_NOTE,
        )
        if not result.written or result.counts[NEW] != len(rows):
            problems = "\n".join(str(problem) for problem in result.errors)
            raise CommandError(
                f"Demo content: the action plan of {review.name} could not be imported:\n{problems}"
            )
        return {action.reference: action for action in review.actions.all()}

    def replay(self, *, action, item, history, index, plan, today, moment, user):
        """The action's progress from red at ratification to its status today, as its lead
        agency reported it and the partnership accepted it, each step at the day it happened."""
        started, completed, embedded, target = (
            plan["started"],
            plan["completed"],
            plan["embedded"],
            plan["target"],
        )
        # Each step: when, what changed, and the history's note.
        steps = [(moment(started), {"status": Status.AMBER}, "Work started by the lead agency")]
        if history.get("slip_reason"):
            revised = {
                "target_date": today - timedelta(days=target - 120),
                "target_date_change_reason": history["slip_reason"],
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
        steps += self.earlier_progress(
            reference=item["reference"],
            notes=history.get("earlier_progress_notes", []),
            index=index,
            completed=completed,
            moment=moment,
        )
        latest = {"progress_note": item["progress_note"], "evidence": item["evidence"]}
        steps.append((moment(14, hour=16), latest, "Progress update"))
        # In the order they happened, so that each history record ends the period of the one
        # before it (models.close_previous_record).
        for at, changes, note in sorted(steps, key=lambda step: step[0]):
            services.action_update(action=action, note=note, user=user, at=at, **changes)

    def earlier_progress(self, *, reference, notes, index, completed, moment):
        """The progress notes the lead agency gave for each earlier committee meeting at which
        the action was still open (red or amber), a few weeks before it as updates are gathered
        for the committee's papers, so that each past report has the notes the committee read.
        One note a meeting, oldest first, from the demo content."""
        open_at = [days for days in MEETINGS_DAYS_AGO if completed is None or completed < days]
        if len(notes) != len(open_at):
            raise CommandError(
                f"Demo content: action {reference} was open at {len(open_at)} earlier "
                f"meetings but has {len(notes)} earlier progress notes."
            )
        lead = 18 + index % 4 * 4  # days before the meeting the update was given
        return [
            (moment(days + lead, hour=12), {"progress_note": note}, "Progress update")
            for days, note in zip(sorted(open_at, reverse=True), notes, strict=True)
        ]
