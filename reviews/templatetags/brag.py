from django import template

from ..models import STATUS_MEANINGS, Status

register = template.Library()

TAG_CLASSES = {
    Status.BLUE: "govuk-tag--blue",
    Status.GREEN: "govuk-tag--green",
    Status.AMBER: "govuk-tag--yellow",
    Status.RED: "govuk-tag--red",
}


@register.filter
def status_label(status):
    """'Blue – embedded': the colour's name and its meaning, so colour is never alone."""
    return f"{Status(status).label} – {STATUS_MEANINGS[status]}"


@register.filter
def status_class(status):
    return TAG_CLASSES[status]
