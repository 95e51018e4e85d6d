"""The learning programme's pages: the programme and one session, as at any day."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from as_at.history import as_at_context, end_of_day
from figures.shown import percent

from . import exports, selectors
from .forms import ProgrammeFilters
from .tables import AgencyReachTable, ReviewReachTable, SessionTable, format_label

VIEW_PERMISSION = "learning.view_learningsession"


def learning_page(view):
    """A read-only page for whoever may read the programme: committee members, managers, leads."""
    return require_safe(permission_required(VIEW_PERMISSION, raise_exception=True)(view))


def rates_shown(totals):
    """The programme's rates as the page says them: whole percents, or words for nothing."""
    return {
        "attendance": percent(totals["attendance_rate"], "No places booked"),
        "fill": percent(totals["fill_rate"]),
        "good_or_better": percent(totals["good_or_better_share"]),
        "changed_practice": percent(totals["changed_practice_share"]),
    }


@learning_page
def programme(request):
    context = as_at_context(request)
    as_at = context["as_at"]
    form = ProgrammeFilters(request.GET or None)
    valid = not form.is_bound or form.is_valid()
    filters = form.selectors_filters() if form.is_bound and valid else {}
    export = request.GET.get("_export")
    if export in exports.RESPONSES and valid and not context["as_at_error"]:
        sessions = selectors.filtered_sessions(as_at=as_at, **filters)
        rows = selectors.session_rows(sessions, as_at)
        filename = f"learning-programme-{as_at:%Y-%m-%d}.{export}"
        return exports.RESPONSES[export](rows, filename)
    found = selectors.programme(as_at=as_at, **filters) if valid else None
    as_at_query = context["as_at_query"]
    query = request.GET.copy()
    query.pop("_export", None)
    context |= {
        "filter_form": form,
        "programme": found,
        "totals": found.totals if found else {},
        "quarter_tables": [
            SessionTable(quarter.rows, caption=quarter.period.label, as_at_query=as_at_query)
            for quarter in found.quarters
        ]
        if found
        else [],
        "agency_table": AgencyReachTable(
            found.agencies, show_caption=False, as_at_query=as_at_query
        )
        if found
        else None,
        "review_table": ReviewReachTable(found.reviews, show_caption=False, as_at_query=as_at_query)
        if found
        else None,
        "filtered": any(value is not None for value in filters.values()),
        "export_query": query.urlencode(),
        "rates": rates_shown(found.totals) if found else {},
    }
    status = 400 if context["as_at_error"] or not valid else 200
    return render(request, "learning/programme.html", context, status=status)


@learning_page
def session_detail(request, pk):
    context = as_at_context(request)
    as_at = context["as_at"]
    detail = selectors.session_at(as_at=as_at, pk=pk)
    if detail is None:
        raise Http404("No such session on that date")
    row = detail.row
    context |= {
        "row": row,
        "session": row.session,
        "format_label": format_label(row.session.format),
        "places": [
            {
                "agency": place.agency.name,
                "booked": place.booked,
                "attended": place.attended,
                "not_attended": place.not_attended,
                "attendance_rate": percent(
                    selectors.rules.attendance_rate(place.attended, place.booked),
                    "No places booked",
                ),
            }
            for place in detail.places
        ],
        "attendance_rate": percent(row.attendance_rate, "No places booked"),
        "fill_rate": percent(row.fill_rate),
        "good_or_better_share": percent(row.good_or_better_share),
        "changed_practice_share": percent(row.changed_practice_share),
        "history": selectors.session_history(session_id=pk, until=end_of_day(as_at)),
    }
    return render(
        request,
        "learning/session_detail.html",
        context,
        status=400 if context["as_at_error"] else 200,
    )
