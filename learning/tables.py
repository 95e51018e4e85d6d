"""The programme's tables: its sessions (one table per financial quarter), attendance by agency
and each review's reach. Rates are shown as whole percents, and in words when there is nothing
to divide by: never "0%" for nothing."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from figures.shown import NO_DIVISOR, percent
from govuk.tables import NUMERIC, DayColumn, GovukTable

from .vocabulary import Format

NOT_BOOKED = "No places booked"


def format_label(value):
    return Format(value).label if value in Format.values else value


OVERDUE_TAG = mark_safe('<strong class="govuk-tag govuk-tag--red">Overdue</strong>')


def follow_up_html(row):
    """The follow-up's due date, and whether it was recorded or is overdue, in words."""
    due = row.follow_up_due
    if row.follow_up_recorded:
        return format_html(
            'Recorded {}<span class="app-cell-note">Due {}</span>',
            f"{row.follow_up_recorded:%-d %b %Y}",
            f"{due:%-d %b %Y}",
        )
    if row.follow_up_overdue:
        return format_html(
            '{} <span class="app-cell-note">Was due {}</span>', OVERDUE_TAG, f"{due:%-d %b %Y}"
        )
    return format_html("Due {}", f"{due:%-d %b %Y}")


class SessionTable(GovukTable):
    """A quarter's sessions: one row per selectors.SessionRow."""

    date = DayColumn("Date", accessor="session__date", orderable=False)
    title = tables.Column("Session", accessor="session__title", orderable=False)
    format = tables.Column("Format", accessor="session__format", orderable=False)
    themes = tables.Column("Themes", empty_values=(), orderable=False)
    places = tables.Column(
        "Places offered",
        accessor="session__places_offered",
        empty_values=(),
        orderable=False,
        attrs=NUMERIC,
    )
    booked = tables.Column("Booked", orderable=False, attrs=NUMERIC)
    attended = tables.Column("Attended", orderable=False, attrs=NUMERIC)
    attendance_rate = tables.Column(
        "Attendance rate", empty_values=(), orderable=False, attrs=NUMERIC
    )
    fill_rate = tables.Column("Fill rate", empty_values=(), orderable=False, attrs=NUMERIC)
    follow_up = tables.Column("Follow-up", empty_values=(), orderable=False)

    row_header = "title"

    class Meta(GovukTable.Meta):
        pass

    def render_title(self, value, record):
        return self.link(self.row_url("learning:session-detail", record.id), value)

    def render_format(self, value):
        return format_label(value)

    def render_themes(self, record):
        return ", ".join(record.themes) or mark_safe('<span class="app-cell-note">None</span>')

    def render_places(self, value):
        return "Open to all" if value is None else value

    def render_attendance_rate(self, record):
        return percent(record.attendance_rate, NOT_BOOKED)

    def render_fill_rate(self, record):
        return percent(record.fill_rate)

    def render_follow_up(self, record):
        return follow_up_html(record)


class AgencyReachTable(GovukTable):
    """Attendance by agency, the least reached first: one row per selectors.AgencyReach."""

    agency = tables.Column("Agency", accessor="agency__name", orderable=False)
    sessions = tables.Column("Sessions", orderable=False, attrs=NUMERIC)
    booked = tables.Column("Booked", orderable=False, attrs=NUMERIC)
    attended = tables.Column("Attended", orderable=False, attrs=NUMERIC)
    not_attended = tables.Column("Did not attend", orderable=False, attrs=NUMERIC)
    attendance_rate = tables.Column(
        "Attendance rate", empty_values=(), orderable=False, attrs=NUMERIC
    )

    caption = "Attendance by agency, the least reached first"
    row_header = "agency"

    class Meta(GovukTable.Meta):
        pass

    def render_attendance_rate(self, record):
        if not record.reached:
            return mark_safe('<strong class="govuk-tag govuk-tag--grey">Not reached</strong>')
        return percent(record.attendance_rate, NOT_BOOKED)


class ReviewReachTable(GovukTable):
    """Each review's learning reach: one row per selectors.ReviewReach."""

    review = tables.Column("Review", accessor="review__name", orderable=False)
    sessions = tables.Column("Sessions", orderable=False, attrs=NUMERIC)
    practitioners = tables.Column(
        "Practitioners attended", empty_values=(), orderable=False, attrs=NUMERIC
    )

    caption = "Each review’s learning reach"
    row_header = "review"

    class Meta(GovukTable.Meta):
        pass

    def render_review(self, value, record):
        return self.link(self.row_url("reviews:review-detail", record.review.slug), value)

    def render_sessions(self, value):
        return value if value else "Not yet shared"

    def render_practitioners(self, record):
        return record.practitioners if record.sessions else NO_DIVISOR
