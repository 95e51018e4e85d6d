import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Action, Review

HEADER = {"th": {"class": "govuk-table__header", "scope": "col"}}
NUMERIC = {
    "th": {"class": "govuk-table__header govuk-table__header--numeric", "scope": "col"},
    "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
}


def status_tag(status):
    return render_to_string("includes/status_tag.html", {"status": status})


LINK = {"a": {"class": "govuk-link"}}


class GovukTable(tables.Table):
    """A django-tables2 table in GOV.UK Frontend's markup, with a visible caption."""

    caption = ""
    row_header = ""  # the column whose cells head their rows

    def __init__(self, *args, caption=None, **kwargs):
        super().__init__(*args, **kwargs)
        if caption is not None:
            self.caption = caption

    class Meta:
        attrs = {
            "class": "govuk-table",
            "thead": {"class": "govuk-table__head"},
            "tbody": {"class": "govuk-table__body"},
            "th": {"class": "govuk-table__header", "scope": "col"},
            "td": {"class": "govuk-table__cell"},
        }
        row_attrs = {"class": "govuk-table__row"}


class ReviewSummaryTable(GovukTable):
    """The dashboard's one row per review, from `selectors.reviews_with_counts`."""

    name = tables.Column("Review", linkify=True, attrs=LINK)
    kind = tables.Column("Kind")
    stage = tables.Column("Stage")
    action_count = tables.Column("Actions", attrs=NUMERIC)
    blue = tables.Column("Blue", attrs=NUMERIC)
    green = tables.Column("Green", attrs=NUMERIC)
    amber = tables.Column("Amber", attrs=NUMERIC)
    red = tables.Column("Red", attrs=NUMERIC)
    overdue = tables.Column("Overdue", attrs=NUMERIC)

    class Meta(GovukTable.Meta):
        model = Review
        fields = []

    caption = "Actions by review"
    row_header = "name"


class ActionTable(GovukTable):
    """Actions, with the export columns of DESIGN.md §4 in order; some show only in exports."""

    review = tables.Column("Review", accessor="review__name", order_by=("review__name", "id"))
    reference = tables.Column("Reference", linkify=True, attrs=LINK)
    recommendation = tables.Column("Recommendation", visible=False)
    description = tables.Column("Action", orderable=False)
    lead_agency = tables.Column(
        "Lead agency", accessor="lead_agency__short_name", order_by="lead_agency__short_name"
    )
    lead_officer_role = tables.Column("Lead officer", visible=False)
    status = tables.Column("Status")
    target_date = tables.DateColumn(format="j M Y", verbose_name="Target date")
    original_target_date = tables.DateColumn(verbose_name="Original target date", visible=False)
    overdue = tables.Column("Overdue", accessor="is_overdue", orderable=False)
    themes = tables.ManyToManyColumn(verbose_name="Themes", visible=False, separator="; ")
    updated_at = tables.DateTimeColumn(verbose_name="Last updated", visible=False)

    class Meta(GovukTable.Meta):
        model = Action
        fields = []
        empty_text = "No actions match."
        per_page = 50

    caption = "Actions"
    row_header = "reference"

    def render_status(self, value, record):
        return status_tag(record.status)

    def render_overdue(self, value):
        return "Overdue" if value else ""

    def value_status(self, value, record):
        return record.get_status_display()

    def value_target_date(self, value):
        return value

    def value_original_target_date(self, value):
        return value

    def value_overdue(self, value):
        return "Yes" if value else "No"

    def value_updated_at(self, value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")

    def value_themes(self, record):
        return "; ".join(theme.name for theme in record.themes.all())
