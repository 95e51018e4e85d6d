from django.conf import settings
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin
from django_tables2.export import ExportMixin

from . import selectors
from .filters import ActionFilter
from .models import Action, Agency, Review, Theme
from .tables import (
    ActionTable,
    AgencySummaryTable,
    OpenActionTable,
    ReviewSummaryTable,
    ThemeSummaryTable,
)

VIEW_PERMISSION = "reviews.view_action"


def committee_page(view):
    """A read-only page for committee members and managers."""
    return require_safe(permission_required(VIEW_PERMISSION, raise_exception=True)(view))


@committee_page
def dashboard(request):
    as_at = timezone.localdate()
    config = RequestConfig(request, paginate=False)
    tables = {
        "reviews_table": ReviewSummaryTable(
            selectors.reviews_with_counts(as_at=as_at), prefix="reviews-", show_caption=False
        ),
        "open_table": OpenActionTable(
            selectors.open_actions(as_at=as_at), prefix="open-", show_caption=False
        ),
        "themes_table": ThemeSummaryTable(
            selectors.themes_with_counts(as_at=as_at), prefix="themes-", show_caption=False
        ),
        "agencies_table": AgencySummaryTable(
            selectors.agencies_with_counts(as_at=as_at), prefix="agencies-", show_caption=False
        ),
    }
    for name, table in tables.items():
        if name == "open_table":
            RequestConfig(request, paginate={"per_page": 25}).configure(table)
        else:
            config.configure(table)
    totals = selectors.action_totals(as_at=as_at)
    return render(request, "reviews/dashboard.html", {"as_at": as_at, "totals": totals, **tables})


def filtered_actions(request, *, as_at, actions, hide):
    """The filter form and actions table that review, theme and agency pages share.

    Returns the context and the status: 400 when the filters are not valid."""
    filterset = ActionFilter(
        request.GET or None,
        queryset=selectors.actions_for_list(as_at=as_at).filter(actions),
        as_at=as_at,
        hide=hide,
    )
    valid = not filterset.is_bound or filterset.is_valid()
    table = ActionTable(
        filterset.qs if valid else filterset.queryset.none(), exclude=hide, show_caption=False
    )
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return {"filter": filterset, "table": table}, 200 if valid else 400


@committee_page
def review_detail(request, slug):
    as_at = timezone.localdate()
    review = get_object_or_404(Review.objects.prefetch_related("themes"), slug=slug)
    context, status = filtered_actions(
        request, as_at=as_at, actions=Q(review=review), hide=["review"]
    )
    totals = selectors.action_totals(as_at=as_at, actions=review.actions.all())
    context |= {"review": review, "totals": totals, "as_at": as_at}
    return render(request, "reviews/review_detail.html", context, status=status)


@committee_page
def theme_detail(request, slug):
    as_at = timezone.localdate()
    theme = get_object_or_404(Theme, slug=slug)
    context, status = filtered_actions(
        request, as_at=as_at, actions=Q(themes=theme), hide=["theme"]
    )
    totals = selectors.action_totals(as_at=as_at, actions=theme.actions.all())
    context |= {"theme": theme, "totals": totals, "as_at": as_at}
    return render(request, "reviews/theme_detail.html", context, status=status)


@committee_page
def agency_detail(request, slug):
    as_at = timezone.localdate()
    agency = get_object_or_404(Agency, slug=slug)
    context, status = filtered_actions(
        request, as_at=as_at, actions=Q(lead_agency=agency), hide=["lead_agency"]
    )
    totals = selectors.action_totals(as_at=as_at, actions=agency.led_actions.all())
    supporting = agency.supported_actions.count()
    context |= {"agency": agency, "totals": totals, "as_at": as_at, "supporting": supporting}
    return render(request, "reviews/agency_detail.html", context, status=status)


class ActionListView(PermissionRequiredMixin, ExportMixin, SingleTableMixin, FilterView):
    permission_required = VIEW_PERMISSION
    raise_exception = True
    http_method_names = ["get", "head"]
    table_class = ActionTable
    filterset_class = ActionFilter
    template_name = "reviews/action_list.html"
    export_formats = ["csv", "xlsx"]

    def get_queryset(self):
        return selectors.actions_for_list(as_at=timezone.localdate())

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "as_at": timezone.localdate()}

    def render_to_response(self, context, **kwargs):
        if self.filterset.is_bound and not self.filterset.is_valid():
            if self.request.GET.get(self.export_trigger_param):
                return HttpResponseBadRequest(
                    "The filters are not valid, so nothing was exported. "
                    "Correct them on the actions page and download again.\n",
                    content_type="text/plain; charset=utf-8",
                )
            kwargs.setdefault("status", 400)
        return super().render_to_response(context, **kwargs)

    def get_export_filename(self, export_format):
        return f"actions-{timezone.localdate():%Y-%m-%d}.{export_format}"


@committee_page
def action_detail(request, pk):
    as_at = timezone.localdate()
    try:
        action = selectors.action_detail(pk=pk, as_at=as_at)
    except Action.DoesNotExist:
        raise Http404("No such action") from None
    return render(
        request,
        "reviews/action_detail.html",
        {"action": action, "history": selectors.action_history(action=action), "as_at": as_at},
    )


@login_not_required
@require_safe
def accessibility(request):
    return render(
        request,
        "accessibility.html",
        {"contact_email": settings.SERVICE_CONTACT_EMAIL},
    )


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """Liveness and database check for load balancers. Says nothing about the data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
