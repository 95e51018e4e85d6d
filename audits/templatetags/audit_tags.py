"""The grade distribution of an audit as a bar with its figures beside it in words:
`{% grade_distribution distribution %}`."""

from django import template

from figures.shown import percent

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
