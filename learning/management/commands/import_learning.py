"""Import a partnership's training log (XLSX or CSV): its sessions and each agency's places at
them, all of it, or nothing if anything in it is wrong."""

from learning.imports import learning_import
from spreadsheets.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a training log (XLSX or CSV): a row for each learning session, a column for "
        "each agency. Sessions are matched on their title and date: new ones are created, "
        "changed ones and their agencies' places updated, each change recorded in the history "
        "with the note “Imported from <file name>”. If anything is wrong, nothing is written "
        "and every error is listed."
    )
    file_help = "The training log: an .xlsx workbook or a .csv file."

    def run_import(self, *, data, file_name, user, dry_run):
        return learning_import(data=data, file_name=file_name, user=user, dry_run=dry_run)

    def counts_text(self, counts):
        return (
            f"Sessions: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['error']} with errors.\n"
            f"Agencies' places: {counts['places_added']} added, "
            f"{counts['places_changed']} changed, {counts['places_removed']} removed."
        )
