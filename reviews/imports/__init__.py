"""Importing the trackers partnerships already keep in Excel: one service for the command and the
admin page."""

from spreadsheets.reading import MAX_FILE_BYTES, MAX_ROWS, Refused

from .service import ERROR, NEW, UNCHANGED, UPDATED, ImportResult, Problem, tracker_import

__all__ = [
    "ERROR",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "NEW",
    "UNCHANGED",
    "UPDATED",
    "ImportResult",
    "Problem",
    "Refused",
    "tracker_import",
]
