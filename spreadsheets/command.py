"""The command that imports a spreadsheet (XLSX or CSV): all of it, or nothing if anything in it
is wrong. The dataset's `import_dataset` and the learning programme's `import_learning` are
this command with their own import and their own counts."""

import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from .reading import MAX_FILE_BYTES, Refused


class ImportCommand(BaseCommand):
    """`FILE [--dry-run] [--user USERNAME]`. A subclass gives `file_help`, `run_import(data=,
    file_name=, user=, dry_run=)` (an import result with `ok`, `errors`, `warnings`, `notices`,
    `counts`, `changes_anything` and `summary()`) and `counts_text(counts)`."""

    file_help = "The spreadsheet: an .xlsx workbook or a .csv file."

    def run_import(self, *, data, file_name, user, dry_run):
        raise NotImplementedError

    def counts_text(self, counts):
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("file", help=self.file_help)
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and say what would change, writing nothing.",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="Whose import it is, for the history (default: recorded as the system).",
        )

    def handle(self, *args, file, dry_run, user, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {file}.")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise CommandError(
                f"{path.name} is over 10 MB: the largest file that can be imported is 10 MB."
            )
        if user is not None:
            try:
                user = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"There is no user {user}.") from None
        started = time.monotonic()
        try:
            result = self.run_import(
                data=path.read_bytes(), file_name=path.name, user=user, dry_run=dry_run
            )
        except Refused as refused:
            raise CommandError(f"Nothing was imported. {refused}") from None
        self.report(result)
        if not result.ok:
            raise CommandError(
                f"Nothing was imported: {len(result.errors)} "
                f"error{'s' if len(result.errors) != 1 else ''} to fix first (listed above)."
            )
        seconds = time.monotonic() - started
        if dry_run:
            self.stdout.write(f"Dry run: nothing was written ({seconds:.1f}s).")
        elif result.changes_anything:
            self.stdout.write(self.style.SUCCESS(f"Imported {path.name} in {seconds:.1f}s."))

    def report(self, result):
        for line in result.notices:
            self.stdout.write(f"Note: {line}")
        for line in getattr(result, "ignored", ()):
            self.stdout.write(f"Ignored: {line}")
        if result.ok and not result.changes_anything:
            self.stdout.write(result.summary())
        else:
            self.stdout.write(self.counts_text(result.counts))
        self.stdout.write(f"Warnings: {len(result.warnings)}. Errors: {len(result.errors)}.")
        for warning in result.warnings:
            self.stdout.write(f"Warning: {warning}")
        for error in result.errors:
            self.stderr.write(f"Error: {error}")
