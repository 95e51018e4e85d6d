"""Import the partnership dataset spreadsheet (XLSX or CSV): all of it, or nothing if anything in
it is wrong."""

from dataset.imports import dataset_import
from spreadsheets.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the partnership dataset spreadsheet (XLSX or CSV). Indicators are matched on "
        "their reference: new ones are created, changed ones and their figures updated, each "
        "change recorded in the history with the note “Imported from <file name>”. If anything "
        "is wrong, nothing is written and every error is listed."
    )
    file_help = "The dataset: an .xlsx workbook or a .csv file."

    def run_import(self, *, data, file_name, user, dry_run):
        return dataset_import(data=data, file_name=file_name, user=user, dry_run=dry_run)

    def counts_text(self, counts):
        return (
            f"Indicators: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['error']} with errors.\n"
            f"Figures: {counts['figures_added']} added, {counts['figures_changed']} changed."
        )
