import django_tables2 as tables
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from govuk.tables import NUMERIC, GovukTable

from .charts import sparkline, trend_words
from .templatetags.dataset_tags import comparator, direction_text, figure, rating_tag, target_text


class ScorecardTable(GovukTable):
    """The scorecard: one row per indicator (a selectors.Score), its latest figure first."""

    indicator = tables.Column("Indicator", accessor="indicator__name", orderable=False)
    latest = tables.Column("Latest figure", empty_values=(), orderable=False)
    target = tables.Column("Target", empty_values=(), orderable=False)
    rating = tables.Column("Rating", empty_values=(), orderable=False)
    direction = tables.Column("Since the period before", empty_values=(), orderable=False)
    england = tables.Column("England", empty_values=(), orderable=False, attrs=NUMERIC)
    neighbours = tables.Column(
        "Statistical neighbours", empty_values=(), orderable=False, attrs=NUMERIC
    )
    region = tables.Column("Region", empty_values=(), orderable=False, attrs=NUMERIC)
    trend = tables.Column("Trend", empty_values=(), orderable=False)

    caption = "The partnership dataset"
    row_header = "indicator"

    class Meta(GovukTable.Meta):
        pass

    def render_indicator(self, value, record):
        indicator = record.indicator
        link = self.link(self.row_url("dataset:indicator-detail", indicator.slug), value)
        return format_html('<span class="app-cell-note">{}</span>{}', indicator.reference, link)

    def render_latest(self, record):
        latest = record.latest
        if latest is None:
            return mark_safe('<span class="app-cell-note">No figures yet</span>')
        return format_html(
            '<span class="app-figure-value">{}</span><span class="app-cell-note">{}{}</span>',
            figure(latest, record.indicator.unit),
            latest.period.label,
            ", provisional" if latest.validation == "provisional" else "",
        )

    def render_target(self, record):
        return target_text(record.indicator) or "No target"

    def render_rating(self, record):
        gap = ""
        if record.gap:
            gap = mark_safe(
                '<span class="app-gap">No commentary on a red figure: a data-quality gap</span>'
            )
        return format_html("{}{}", rating_tag(record.rating), gap)

    def render_direction(self, record):
        latest = record.latest
        text = direction_text(latest)
        if not text:
            return mark_safe('<span class="app-cell-note">No figure before</span>')
        return format_html(
            '{}<span class="app-cell-note">from {}</span>',
            text,
            figure(latest.previous, record.indicator.unit),
        )

    def _comparator(self, record, name):
        latest = record.latest
        return comparator(getattr(latest, name) if latest else None, record.indicator.unit)

    def render_england(self, record):
        return self._comparator(record, "england")

    def render_neighbours(self, record):
        return self._comparator(record, "statistical_neighbours")

    def render_region(self, record):
        return self._comparator(record, "region")

    def render_trend(self, record):
        points = record.trend
        if len(points) < 2:
            return mark_safe('<span class="app-cell-note">Too few figures for a trend</span>')
        return format_html(
            '{}<span class="govuk-visually-hidden">Trend: {}</span>',
            sparkline(points, record.indicator),
            trend_words(points, record.indicator.unit),
        )
