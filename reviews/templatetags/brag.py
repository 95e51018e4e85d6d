from django import template

from ..models import Status, status_words

register = template.Library()

TAG_CLASSES = {
    Status.BLUE: "govuk-tag--blue",
    Status.GREEN: "govuk-tag--green",
    Status.AMBER: "govuk-tag--yellow",
    Status.RED: "govuk-tag--red",
}


register.filter("status_label", status_words)


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
