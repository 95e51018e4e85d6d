"""The words of multi-agency audits, written once: the kinds of finding, and the default grading
scale a partnership starts with (kept in the `Grade` table, so a partnership can change it)."""

from django.db import models


class FindingKind(models.TextChoices):
    STRENGTH = "strength", "Strength"
    AREA = "area", "Area for improvement"


# The scale the audit panel grades cases on until a partnership sets its own (Ofsted's words):
# (name, counts as good or better).
DEFAULT_GRADES = [
    ("Outstanding", True),
    ("Good", True),
    ("Requires improvement", False),
    ("Inadequate", False),
]

NOT_GRADED = "Not graded"
# What an area for improvement with neither an action nor a reason is flagged as.
NO_RESPONSE_FLAG = "No action or reason"
