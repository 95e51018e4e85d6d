"""The dataset's tags: a rating in colour and words, the direction of travel in words with an
arrow, and figures in their unit. Not BRAG: reviews/templatetags/brag.py is for actions."""

from django import template
from django.utils.html import format_html

from ..formatting import figure_text, target_text, tolerance_text
from ..vocabulary import ARROWS, Direction, Rating

register = template.Library()

RATING_CLASSES = {
    Rating.GREEN: "govuk-tag--green",
    Rating.AMBER: "govuk-tag--yellow",
    Rating.RED: "govuk-tag--red",
    Rating.CONTEXT: "govuk-tag--grey",
    Rating.NOT_RATED: "app-rating--none",
}


@register.simple_tag
def rating_tag(rating):
    """A rating as a tag: its colour, and its words ("Red – off target")."""
    rating = Rating(rating)
    return format_html(
        '<strong class="govuk-tag {} app-rating">{}</strong>', RATING_CLASSES[rating], rating.label
    )


@register.simple_tag
def direction_text(point):
    """ "↑ Improving": which way the figure moved, and whether that is better. Empty when there
    is nothing to compare with."""
    if point is None or point.direction is None:
        return ""
    # "No change" has a level arrow, whichever way the figure moved within its range.
    arrow = ARROWS["same" if point.direction == Direction.NO_CHANGE else point.movement]
    return format_html(
        '<span class="app-direction"><span aria-hidden="true">{}</span> {}</span>',
        arrow,
        Direction(point.direction).label,
    )


@register.simple_tag
def figure(point, unit, published=False):
    """A point's figure in its unit, "Not yet reported" for none."""
    if point is None:
        return "No figure"
    text = figure_text(point.value, unit, suppressed=point.suppressed, published=published)
    return text or "Not yet reported"


@register.simple_tag
def comparator(value, unit):
    return figure_text(value, unit) or "–"


@register.simple_tag
def ratings_text(scores, rating_counts):
    """ "16 indicators: 3 red – off target; 2 amber – near target; ..." (the ratings with none
    left out)."""
    counts = [f"{count} {rating.label.lower()}" for rating, count in rating_counts if count]
    total = len(scores)
    said = f"{total} indicator{'' if total == 1 else 's'}"
    return f"{said}: {'; '.join(counts)}" if counts else said


def how_many(count):
    return str(count) if count else "none"


@register.simple_tag
def progress_text(progress):
    """Is practice improving? "Since the period before, 10 of the 13 indicators judged by which
    way is good improved, 3 worsened and none stayed the same." """
    if not progress.judged:
        return "No indicator judged by which way is good has two figures to compare yet."
    if progress.judged == 1:
        went = "improved" if progress.improving else "worsened" if progress.worsening else None
        return (
            "Since the period before, the one indicator judged by which way is good"
            f" {went or 'stayed the same'}."
        )
    return (
        f"Since the period before, {how_many(progress.improving)} of the {progress.judged}"
        " indicators judged by which way is good improved,"
        f" {how_many(progress.worsening)} worsened and {how_many(progress.no_change)}"
        " stayed the same."
    )


register.simple_tag(target_text, name="target_text")
register.simple_tag(tolerance_text, name="tolerance_text")


@register.inclusion_tag("includes/dataset_panel.html", takes_context=True)
def dataset_panel(context):
    """The dashboard's panel: the indicators counted by rating, and the reds listed, as at the
    page's day. Shown to whoever may read the dataset."""
    from ..selectors import dataset_summary

    user = context["request"].user
    if not user.has_perm("dataset.view_indicator"):
        return {"shown": False}
    return {
        "shown": True,
        "as_at": context["as_at"],
        "as_at_query": context["as_at_query"],
        "viewing_past": context.get("viewing_past"),
        **dataset_summary(as_at=context["as_at"]),
    }
