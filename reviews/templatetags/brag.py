from django import template
from django.utils.html import format_html

from ..models import Status, status_words
from ..selectors import direction

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


@register.simple_tag
def action_flags(action):
    """The action's derived flags in words, separated: "On course; slipped from 31 Mar 2026"."""
    flags = []
    if action.is_overdue:
        flags.append("Overdue")
    elif action.has_no_target_date:
        flags.append("No target date")
    elif action.is_on_course:
        flags.append("On course")
    if action.is_slipped:
        flags.append(f"Slipped from {action.original_target_date:%-d %b %Y}")
    if action.is_completed_late:
        flags.append("Completed late")
    if not flags:
        return ""
    return "; ".join([flags[0], *(flag[0].lower() + flag[1:] for flag in flags[1:])])


@register.filter
def status_class(status):
    return TAG_CLASSES[status]


@register.inclusion_tag("includes/status_figures.html")
def status_figures(totals, since=None, since_day=None):
    """The headline figures: the total, one per status (with its meaning), and overdue; with
    `since` (the same counts on `since_day`), each says how it moved since then in words."""
    figures = [
        {
            "status": "",
            "words": "actions in total",
            "count": totals["action_count"],
            "key": "action_count",
        },
        *(
            {
                "status": status.value,
                "words": status_words(status),
                "count": totals[status],
                "key": status.value,
            }
            for status in Status
        ),
        {
            "status": "",
            "words": "overdue (red or amber past its target date)",
            "count": totals["overdue"],
            "key": "overdue",
        },
    ]
    if since is not None:
        for figure in figures:
            then = since[figure["key"]]
            figure |= {"then": then, **direction(figure["count"], then)}
    return {"figures": figures, "since_day": since_day}


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
