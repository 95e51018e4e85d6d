"""Tables in GOV.UK Frontend's markup: django-tables2 tables with a visible caption, links that keep
the page's "as at" date, and dates formatted once."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import dateformat
from django.utils.html import format_html

# The column that takes the spare width (the action's text).
WIDE = {"th": {"class": "govuk-table__header app-col-wide", "scope": "col"}}
NUMERIC = {
    "th": {"class": "govuk-table__header govuk-table__header--numeric", "scope": "col"},
    "td": {"class": "govuk-table__cell govuk-table__cell--numeric"},
}


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
