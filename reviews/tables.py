import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from govuk.tables import NUMERIC, WIDE, DayColumn, GovukTable

from . import selectors
from .models import Agency, ReviewStage, Status, Theme
from .templatetags.brag import status_tag


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

    def render_name(self, value, record):
        if record.slug != selectors.NO_THEME:
            return super().render_name(value, record)
        # The actions list, filtered to the actions with no theme (on the page's date).
        query = f"?theme={selectors.NO_THEME}" + self.as_at_query.replace("?", "&")
        url = reverse("reviews:action-list")
        return format_html('<a class="govuk-link" href="{}{}">{}</a>', url, query, value)

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
    columns of reviews/vocabulary.py's EXPORT_HEADERS: see exports.py."""

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
