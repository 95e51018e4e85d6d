import django_tables2 as tables
from django.urls import reverse
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .models import Agency, ReviewStage, Status, Theme
from .templatetags.brag import status_tag

# The column that takes the spare width (the action's text).
WIDE = {"th": {"class": "govuk-table__header app-col-wide", "scope": "col"}}
NUMERIC = {
    "th": {"class": "govuk-table__header govuk-table__header--numeric", "scope": "col"},
    "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
}


def status_bar(record):
    """A stacked bar of a row's actions by status, with its figures as the text equivalent."""
    total, start, label, rects = record.action_count, 0, [], []
    if not total:
        return NO_ACTIONS
    for status in Status:
        count = getattr(record, status)
        width = 100 * count / total
        label.append(f"{count} {status.label.lower()}")
        if count:
            rects.append(
                format_html(
                    '<rect x="{}%" width="{}%" height="18" fill="url(#app-pattern-{})" '
                    'stroke="#ffffff" stroke-width="1"></rect>',
                    f"{start:.3f}",
                    f"{width:.3f}",
                    status.value,
                )
            )
        start += width
    return format_html(
        '<svg class="app-bar" width="100%" height="18" role="img" aria-label="{}">{}</svg>',
        ", ".join(label),
        mark_safe("".join(rects)),
    )


NO_ACTIONS = mark_safe('<span class="app-cell-note">No actions</span>')


class DayColumn(tables.Column):
    """A date, formatted in Python (django-tables2's DateColumn renders a template per cell)."""

    def __init__(self, *args, format="j M Y", **kwargs):
        super().__init__(*args, **kwargs)
        self.format = format
        self.formatted = {}

    def render(self, value):
        # A page's dates repeat (target dates, meeting dates), so each is formatted once.
        try:
            return self.formatted[value]
        except KeyError:
            text = self.formatted[value] = dateformat.format(value, self.format)
            return text


class GovukTable(tables.Table):
    """A django-tables2 table in GOV.UK Frontend's markup, with a visible caption."""

    caption = ""
    show_caption = True  # hidden (but still read out) where a heading already names the table
    row_header = ""  # the column whose cells head their rows

    def __init__(self, *args, caption=None, show_caption=None, as_at_query="", **kwargs):
        super().__init__(*args, **kwargs)
        if caption is not None:
            self.caption = caption
        if show_caption is not None:
            self.show_caption = show_caption
        # "?as_at=…" when the page shows a past date, so that its links stay on that date.
        self.as_at_query = as_at_query
        self._urls = {}

    URL_MARKER = "987654321"  # matches both <int:…> and <slug:…>
    MOST_PER_PAGE = 100

    def paginate(self, *args, per_page=None, **kwargs):
        """As django-tables2's, with a page size from the address (`?per_page=`) kept to
        1–MOST_PER_PAGE: a negative or zero one left the paginator with no page to show, a
        server error rather than a page."""
        if per_page is not None and not 1 <= per_page <= self.MOST_PER_PAGE:
            per_page = None  # the table's own
        return super().paginate(*args, per_page=per_page, **kwargs)

    def row_url(self, name, arg):
        """`reverse(name, args=[arg])`, with the reversing done once per table and URL name
        rather than once per row."""
        if name not in self._urls:
            self._urls[name] = reverse(name, args=[self.URL_MARKER]).rsplit(self.URL_MARKER, 1)
        before, after = self._urls[name]
        return f"{before}{arg}{after}"

    def link(self, url, text, *, keep_date=True):
        query = self.as_at_query if keep_date else ""
        return format_html('<a class="govuk-link" href="{}{}">{}</a>', url, query, text)

    class Meta:
        attrs = {
            "class": "govuk-table",
            "thead": {"class": "govuk-table__head"},
            "tbody": {"class": "govuk-table__body"},
            "th": {"class": "govuk-table__header", "scope": "col"},
            "td": {"class": "govuk-table__cell"},
        }
        row_attrs = {"class": "govuk-table__row"}


class StatusCountsTable(GovukTable):
    """Rows (reviews, themes, agencies) with their actions counted by status, and a bar."""

    name = tables.Column()
    action_count = tables.Column("Actions", attrs=NUMERIC)
    blue = tables.Column("Blue", attrs=NUMERIC)
    green = tables.Column("Green", attrs=NUMERIC)
    amber = tables.Column("Amber", attrs=NUMERIC)
    red = tables.Column("Red", attrs=NUMERIC)
    overdue = tables.Column("Overdue", attrs=NUMERIC)
    bar = tables.Column("By status", empty_values=(), orderable=False, exclude_from_export=True)

    row_header = "name"
    url_name = ""  # each row's page

    def render_name(self, value, record):
        return self.link(self.row_url(self.url_name, record.slug), value)

    def render_bar(self, record):
        return status_bar(record)


NO_ACTIONS_YET = {
    ReviewStage.IN_PROGRESS: "Review in progress",
    ReviewStage.LEARNING_PUBLISHED: "Awaiting ratification",
}


class ReviewSummaryTable(StatusCountsTable):
    """The dashboard's one row per review, from `selectors.reviews_with_counts`."""

    name = tables.Column("Review")
    kind = tables.Column("Kind")
    stage = tables.Column("Stage")

    caption = "Actions by review"
    url_name = "reviews:review-detail"
    # The counts are of a page of reviews at a time, so the table sorts by name, kind or stage.
    action_count = tables.Column("Actions", attrs=NUMERIC, orderable=False)
    blue = tables.Column("Blue", attrs=NUMERIC, orderable=False)
    green = tables.Column("Green", attrs=NUMERIC, orderable=False)
    amber = tables.Column("Amber", attrs=NUMERIC, orderable=False)
    red = tables.Column("Red", attrs=NUMERIC, orderable=False)
    overdue = tables.Column("Overdue", attrs=NUMERIC, orderable=False)

    class Meta(GovukTable.Meta):
        fields = []
        sequence = ["name", "kind", "stage", "..."]

    def render_stage(self, value, record):
        reason = None if record.action_count else NO_ACTIONS_YET.get(record.stage)
        if not reason:
            return value
        return format_html(
            '{}<br><span class="app-cell-note">{}: no actions yet</span>', value, reason
        )


class ThemeSummaryTable(StatusCountsTable):
    name = tables.Column("Theme")

    caption = "Actions by theme"
    url_name = "reviews:theme-detail"

    class Meta(GovukTable.Meta):
        model = Theme
        fields = []


class AgencySummaryTable(StatusCountsTable):
    name = tables.Column("Lead agency")

    caption = "Actions by lead agency"
    url_name = "reviews:agency-detail"

    class Meta(GovukTable.Meta):
        model = Agency
        fields = []


OVERDUE = mark_safe('<strong class="govuk-tag govuk-tag--red app-flag">Overdue</strong>')
NO_TARGET_DATE = mark_safe(
    '<strong class="govuk-tag govuk-tag--grey app-flag">No target date</strong>'
)
OVERDUE_YES = mark_safe('<strong class="govuk-tag govuk-tag--red app-flag">Yes</strong>')
ON_COURSE = mark_safe('<strong class="govuk-tag govuk-tag--green app-flag">On course</strong>')


COMPLETE = mark_safe('<span class="app-cell-note">Complete</span>')


def course_tag(record):
    if record.is_overdue:
        return OVERDUE
    if record.has_no_target_date:
        return NO_TARGET_DATE
    return ON_COURSE if record.is_on_course else COMPLETE


class OpenActionTable(GovukTable):
    """Red and amber actions with whether each is on course: the committee's first question."""

    reference = tables.Column("Action", order_by=("review__name", "id"))
    description = tables.Column(
        "What will be done",
        orderable=False,
        attrs=WIDE,
    )
    review = tables.Column("Review", accessor="review__name")
    lead_agency = tables.Column(
        "Lead agency", accessor="lead_agency__name", order_by="lead_agency__name"
    )
    status = tables.Column("Status")
    target_date = DayColumn(format="j M Y", verbose_name="Target date", default="None")
    course = tables.Column("On course?", empty_values=(), orderable=False)

    caption = "Are the amber and red actions on course?"
    row_header = "reference"

    class Meta(GovukTable.Meta):
        empty_text = "There are no red or amber actions."

    def render_reference(self, value, record):
        url = self.row_url("reviews:action-detail", record.id)
        return self.link(url, f"{record.review.name} {value}", keep_date=False)

    def render_status(self, record):
        return status_tag(record.status)

    def render_course(self, record):
        return course_tag(record)


class ActionTable(GovukTable):
    """Actions, as the review, theme, agency and actions pages list them. The downloads have
    DESIGN.md §4's columns: see exports.py."""

    review = tables.Column("Review", accessor="review__name", order_by=("review__name", "id"))
    reference = tables.Column("Reference")
    description = tables.Column(
        "Action",
        orderable=False,
        attrs=WIDE,
    )
    lead_agency = tables.Column(
        "Lead agency", accessor="lead_agency__name", order_by="lead_agency__name"
    )
    status = tables.Column("Status")
    target_date = DayColumn(format="j M Y", verbose_name="Target date", default="None")
    overdue = tables.Column("Overdue", accessor="is_overdue", orderable=False, empty_values=())

    caption = "Actions"
    row_header = "reference"

    class Meta(GovukTable.Meta):
        empty_text = "No actions match."
        per_page = 50

    def render_reference(self, value, record):
        url = self.row_url("reviews:action-detail", record.id)
        return self.link(url, value, keep_date=False)

    def render_status(self, value, record):
        return status_tag(record.status)

    def render_overdue(self, value):
        return OVERDUE_YES if value else "No"


class MeetingTable(GovukTable):
    date = DayColumn(format="j F Y", verbose_name="Date")
    committee = tables.Column("Meeting", orderable=False)
    report = tables.Column("Report", empty_values=(), orderable=False)

    caption = "Committee meetings"
    row_header = "date"
    show_caption = False

    class Meta(GovukTable.Meta):
        empty_text = "No committee meetings have been added yet."

    def render_committee(self, value, record):
        if not record.title:
            return value
        return format_html('{}<span class="app-cell-note">{}</span>', record.title, value)

    def render_report(self, record):
        url = self.row_url("reviews:meeting-detail", record.pk)
        return self.link(url, format_html("Report as at {}", record.date.strftime("%-d %B %Y")))


class LeadActionTable(OpenActionTable):
    """An agency lead's actions, open and overdue first (the selector's order, so no sorting),
    each with its update link."""

    update = tables.Column("Update", empty_values=(), orderable=False)

    caption = "Your agencies’ actions"

    class Meta(GovukTable.Meta):
        orderable = False
        empty_text = "Your agencies lead no actions yet."
        per_page = 50

    def render_update(self, record):
        url = self.row_url("reviews:action-detail", record.id)
        return format_html(
            '<a class="govuk-link" href="{}#progress">Update progress'
            '<span class="govuk-visually-hidden"> on {} {}</span></a>',
            url,
            record.review.name,
            record.reference,
        )
