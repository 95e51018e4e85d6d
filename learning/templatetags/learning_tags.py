"""The learning programme's short panel on the dashboard: `{% learning_panel %}`."""

from django import template

from ..selectors import programme_summary

register = template.Library()


@register.inclusion_tag("includes/learning_panel.html", takes_context=True)
def learning_panel(context):
    """The programme's reach and impact as at the page's day, with the agencies least reached.
    Shown to whoever may read the programme."""
    if not context["request"].user.has_perm("learning.view_learningsession"):
        return {"shown": False}
    return {
        "shown": True,
        "as_at": context["as_at"],
        "as_at_query": context["as_at_query"],
        "viewing_past": context.get("viewing_past"),
        "summary": programme_summary(context["as_at"]),
    }
