from django import template
from django.utils.html import format_html

from ..models import Status, status_words

register = template.Library()

TAG_CLASSES = {
    Status.BLUE: "govuk-tag--blue",
    Status.GREEN: "govuk-tag--green",
    Status.AMBER: "govuk-tag--yellow",
    Status.RED: "govuk-tag--red",
}


register.filter("status_label", status_words)


@register.simple_tag
def status_tag(status):
    """A status as a GOV.UK tag: its colour, and its name and meaning in words."""
    return STATUS_TAGS[status]


@register.filter
def status_class(status):
    return TAG_CLASSES[status]


@register.inclusion_tag("includes/status_figures.html")
def status_figures(totals):
    """The headline figures: the total, one per status (with its meaning), and overdue."""
    return {
        "total": totals["action_count"],
        "overdue": totals["overdue"],
        "figures": [
            {"status": status.value, "words": status_words(status), "count": totals[status]}
            for status in Status
        ],
    }


TREND_ROW = 26  # px per date in the trend chart
TREND_LABEL, TREND_BAR = 120, 340  # px for the date labels and for the bars


@register.inclusion_tag("includes/trend_chart.html")
def trend_chart(trend):
    """The status counts at each date as stacked bars, drawn in SVG with their figures beside
    them, so that the chart prints, reads in greyscale and says the same as its table."""
    most = max((point["action_count"] for point in trend), default=0) or 1
    rows = []
    for index, point in enumerate(trend):
        x, parts = TREND_LABEL, []
        for status in Status:
            width = TREND_BAR * point[status] / most
            if point[status]:
                parts.append({"status": status.value, "x": f"{x:.1f}", "width": f"{width:.1f}"})
            x += width
        rows.append(
            {
                "y": index * TREND_ROW,
                "text_y": index * TREND_ROW + 15,
                "label": point["date"].strftime("%-d %b %Y"),
                "parts": parts,
                "figures": ", ".join(f"{point[s]} {s.label.lower()}" for s in Status),
                "figures_x": TREND_LABEL + TREND_BAR + 8,
            }
        )
    return {
        "rows": rows,
        "height": len(rows) * TREND_ROW,
        "width": TREND_LABEL + TREND_BAR + 230,
    }


STATUS_TAGS = {
    status.value: format_html(
        '<strong class="govuk-tag {} app-status app-status--{}">{}</strong>',
        TAG_CLASSES[status],
        status.value,
        status_words(status),
    )
    for status in Status
}
