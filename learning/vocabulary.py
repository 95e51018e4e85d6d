"""The learning programme's words: how a session is delivered, and the names of its figures.

These are not BRAG (reviews/vocabulary.py) nor the dataset's ratings: a session's figures are
counts and rates, said in these words wherever they appear."""

from django.db import models


class Format(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    E_LEARNING = "e_learning", "E-learning"
    BRIEFING = "briefing", "Briefing"


# The formats that may leave the places offered blank: e-learning is open to all.
UNLIMITED_FORMATS = {Format.E_LEARNING}

# The evaluation's confidence scale, asked before and after the session.
CONFIDENCE_LOWEST, CONFIDENCE_HIGHEST = 1, 5

# The follow-up is due this many calendar months after the session.
FOLLOW_UP_MONTHS = 3

ATTENDANCE_RATE = "Attendance rate"  # attended ÷ booked
FILL_RATE = "Fill rate"  # booked ÷ places offered
FOLLOW_UP_DUE = "Follow-up due"
FOLLOW_UP_OVERDUE = "Follow-up overdue"
GOOD_OR_BETTER = "Rated good or better"
CHANGED_PRACTICE = "Reported a change in practice"
