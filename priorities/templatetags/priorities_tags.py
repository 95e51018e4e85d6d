"""The delivery plan's tags: a priority's roll-up in figures (`{% roll_up_figures roll_up %}`)
and the dashboard's line per priority (`{% priorities_panel %}`)."""

from django import template

from dataset.templatetags.dataset_tags import rating_tag
from dataset.vocabulary import Direction
from figures.shown import percent
from reviews.templatetags.brag import status_tag

from .. import selectors

register = template.Library()


@register.inclusion_tag("priorities/roll_up_figures.html")
def roll_up_figures(roll_up, as_at_query=""):
    """The roll-up's figures as a summary list: the actions by status (each tag in words) with
    the overdue, the indicators by rating and direction, the sessions and reach, the audits."""
    counts = roll_up.action_counts
    latest = roll_up.latest_audit
    return {
        "roll_up": roll_up,
        "as_at_query": as_at_query,
        "counts": counts,
        "statuses": [(status_tag(status), n) for status, n in roll_up.status_counts],
        "ratings": [
            (rating_tag(rating), Direction(moved).label if moved else "", n)
            for rating, moved, n in roll_up.rating_counts
        ],
        "totals": roll_up.session_totals if roll_up.sessions else None,
        "latest_audit": latest,
        "latest_share": percent(latest.distribution.good_or_better_share, "") if latest else "",
    }


@register.inclusion_tag("includes/priorities_panel.html", takes_context=True)
def priorities_panel(context):
    """The current plan as at the page's day, one line per priority: its title, linked, and its
    roll-up in words. Shown to whoever may read the plans."""
    if not context["request"].user.has_perm("priorities.view_priority"):
        return {"shown": False}
    return {
        "shown": True,
        "as_at_query": context["as_at_query"],
        "viewing_past": context.get("viewing_past"),
        "plan": selectors.priorities_panel(context["as_at"]),
    }
