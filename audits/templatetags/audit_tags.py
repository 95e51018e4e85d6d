"""The grade distribution of an audit as a bar with its figures beside it in words:
`{% grade_distribution distribution %}`; the dashboard's short panel: `{% audits_panel %}`."""

from django import template

from figures.shown import percent

from .. import selectors
from ..charts import fill_for, grade_bar, swatch

register = template.Library()


@register.inclusion_tag("includes/grade_distribution.html")
def grade_distribution(distribution, label=""):
    rows = [
        {
            "name": bar.name,
            "count": bar.count,
            "share": percent(bar.share),
            "swatch": swatch(fill_for(distribution, bar.name)),
        }
        for bar in distribution.rows
    ]
    return {
        "distribution": distribution,
        "label": label,
        "bar": grade_bar(distribution),
        "rows": rows,
        "good_or_better": percent(distribution.good_or_better_share, "No cases graded"),
    }


@register.inclusion_tag("includes/audits_panel.html", takes_context=True)
def audits_panel(context):
    """The audits as at the page's day: the latest, its share good or better and its change
    since the audit it re-audits, and the areas for improvement left unanswered."""
    if not context["request"].user.has_perm("audits.view_audit"):
        return {"shown": False}
    audits = selectors.audits_overview(as_at=context["as_at"])
    return {
        "shown": True,
        "as_at_query": context["as_at_query"],
        "viewing_past": context.get("viewing_past"),
        "summary": selectors.audits_summary(audits),
    }
