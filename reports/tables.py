import django_tables2 as tables
from django.utils.html import format_html

from govuk.tables import DayColumn, GovukTable


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
        url = self.row_url("reports:meeting-detail", record.pk)
        return self.link(url, format_html("Report as at {}", record.date.strftime("%-d %B %Y")))
