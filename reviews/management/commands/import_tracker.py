"""Import an action-plan tracker (XLSX or CSV): all of it, or nothing if any row is in error."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from reviews.imports import MAX_FILE_BYTES, Refused, tracker_import
from reviews.imports.service import Choices, column_meaning
from reviews.models import Agency, Review, Status
from spreadsheets.reading import normalise


class Command(BaseCommand):
    help = (
        "Import a tracker (XLSX or CSV). Actions are matched on their review and reference: new "
        "ones are added, changed ones updated, each recorded in the history with the note "
        "“Imported from <file name>”. If any row is in error, nothing is written and every "
        "error is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The tracker: an .xlsx workbook or a .csv file.")
        parser.add_argument(
            "--review",
            metavar="SLUG",
            help="The review the actions are for, when the sheets and columns do not say.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and say what would change, writing nothing.",
        )
        parser.add_argument(
            "--create-agencies",
            action="store_true",
            help="Add agencies the file names that are not known yet, instead of refusing them.",
        )
        parser.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="HEADING=MEANING",
            help="What a column means, where the import cannot tell or reads it wrongly: "
            '--column "How will the LSCB do this?=action", --column "Notes=ignore". Remembered '
            "for the next file of the same layout.",
        )
        parser.add_argument(
            "--status-for-blank",
            choices=[s.value for s in Status],
            default=Status.RED.value,
            help="The status of a new action whose row gives none (default red).",
        )
        parser.add_argument(
            "--lead-agency",
            metavar="SLUG",
            help="The lead agency of actions whose row names none.",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="Whose import it is, for the history (default: recorded as the system).",
        )

    def handle(self, *args, file, review, dry_run, create_agencies, user, **options):
        choices = self.choices(options)
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {file}.")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(
                f"{path.name} is over 10 MB: the largest file that can be imported is 10 MB."
            )
        if review is not None:
            try:
                review = Review.objects.get(slug=review)
            except Review.DoesNotExist:
                slugs = ", ".join(Review.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(f"There is no review {review}. Reviews: {slugs}.") from None
        if user is not None:
            try:
                user = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"There is no user {user}.") from None
        started = time.monotonic()
        try:
            result = tracker_import(
                data=path.read_bytes(),
                file_name=path.name,
                user=user,
                review=review,
                create_agencies=create_agencies,
                dry_run=dry_run,
                progress=self.progress,
                choices=choices,
            )
        except Refused as refused:
            raise CommandError(f"Nothing was imported. {refused}") from None
        self.report(result)
        if not result.ok:
            errors = result.errors
            raise CommandError(
                f"Nothing was imported: {len(errors)} problem{'s' if len(errors) != 1 else ''} "
                "to fix first (listed above)."
            )
        seconds = time.monotonic() - started
        if dry_run:
            self.stdout.write(f"Dry run: nothing was written ({seconds:.1f}s).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {path.name} in {seconds:.1f}s."))

    progress_every = 500  # rows

    def progress(self, done, total):
        every = self.progress_every
        if total >= every and (done % every == 0 or done == total):
            self.stdout.write(f"Checked {done:,} of {total:,} rows…")

    def report(self, result):
        for review in result.reviews.values():
            counts = review.counts
            self.stdout.write(
                f"{review.name}: {counts['new']} new, {counts['updated']} updated, "
                f"{counts['unchanged']} unchanged, {counts['error']} with errors"
            )
        for name in result.created_agencies:
            verb = "would be added" if result.dry_run or not result.ok else "added"
            self.stdout.write(f"Agency {verb}: {name}")
        for notice in result.notices:
            self.stdout.write(f"Note: {notice}")
        for warning in result.warnings:
            self.stdout.write(f"Warning: {warning}")
        for error in result.errors:
            self.stderr.write(f"Error: {error}")

    def choices(self, options):
        columns = {}
        for given in options["column"]:
            heading, sep, meaning = given.rpartition("=")
            if not sep or not heading.strip():
                raise CommandError(f"--column “{given}”: give it as HEADING=MEANING.")
            try:
                columns[normalise(heading)] = column_meaning(meaning)
            except ValueError as error:
                raise CommandError(f"--column “{given}”: {error}") from None
        agency = None
        if options["lead_agency"]:
            agency = Agency.objects.filter(slug=options["lead_agency"]).first()
            if agency is None:
                slugs = ", ".join(Agency.objects.values_list("slug", flat=True)) or "none yet"
                raise CommandError(
                    f"There is no agency {options['lead_agency']}. Agencies: {slugs}."
                )
        return Choices(
            columns=columns, blank_status=options["status_for_blank"], lead_agency=agency
        )
