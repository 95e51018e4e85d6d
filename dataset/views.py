"""The partnership dataset's pages: the scorecard and one indicator, as at any day."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django_tables2 import RequestConfig

from as_at.history import as_at_context, end_of_day

from . import exports, selectors
from .charts import legend_html, trend_chart
from .forms import ScorecardFilters
from .tables import ScorecardTable
from .vocabulary import EXPORT_HEADERS, RATING_MEANINGS, RATING_ORDER, Polarity, Rating, Unit

VIEW_PERMISSION = "dataset.view_indicator"


def dataset_page(view):
    """A read-only page for whoever may read the dataset: committee members, managers, leads."""
    return require_safe(permission_required(VIEW_PERMISSION, raise_exception=True)(view))


def rating_key():
    return [(Rating(rating), RATING_MEANINGS[rating]) for rating in RATING_ORDER]


@dataset_page
def scorecard(request):
    context = as_at_context(request)
    as_at = context["as_at"]
    form = ScorecardFilters(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    chosen = form.cleaned_data if form.is_bound and valid else {}
    scores = []
    if valid:
        scores = selectors.scorecard(
            as_at=as_at,
            theme=chosen.get("theme"),
            agency=chosen.get("agency"),
            rating=chosen.get("rating") or None,
        )
    export = request.GET.get("_export")
    if export in exports.RESPONSES and valid and not context["as_at_error"]:
        filename = f"partnership-dataset-{as_at:%Y-%m-%d}.{export}"
        return exports.RESPONSES[export](scores, EXPORT_HEADERS, filename)
    table = ScorecardTable(scores, show_caption=False, as_at_query=context["as_at_query"])
    RequestConfig(request, paginate=False).configure(table)
    query = request.GET.copy()
    query.pop("_export", None)
    context |= {
        "filter_form": form,
        "table": table,
        "scores": scores,
        "rating_counts": selectors.rating_counts(scores),
        "progress": selectors.progress(scores),
        "rating_key": rating_key(),
        "filtered": bool(chosen and any(chosen.values())),
        "export_query": query.urlencode(),
    }
    status = 400 if context["as_at_error"] or not valid else 200
    return render(request, "dataset/scorecard.html", context, status=status)


@dataset_page
def indicator_detail(request, slug):
    context = as_at_context(request)
    as_at = context["as_at"]
    indicator = selectors.indicator_at(as_at=as_at, slug=slug)
    if indicator is None:
        raise Http404("No such indicator on that date")
    points = selectors.indicator_points(indicator=indicator, as_at=as_at)
    chart = trend_chart(points, indicator)
    latest = points[-1] if points else None
    context |= {
        "indicator": indicator,
        "unit_label": Unit(indicator.unit).label,
        "polarity_label": Polarity(indicator.polarity).label,
        "agency": selectors.agency_name(indicator),
        "themes": selectors.indicator_themes(indicator=indicator, as_at=as_at),
        "points": points,
        "points_newest_first": points[::-1],
        "latest": latest,
        "chart": chart,
        "legend": legend_html(chart["legend"]) if chart else "",
        "history": selectors.indicator_history(indicator_id=indicator.id, until=end_of_day(as_at)),
        "rating_key": rating_key(),
    }
    return render(
        request,
        "dataset/indicator_detail.html",
        context,
        status=400 if context["as_at_error"] else 200,
    )
