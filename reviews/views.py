from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db import DatabaseError, connection
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
from .models import Action, Review
from .tables import ActionTable, ReviewSummaryTable

VIEW_PERMISSION = "reviews.view_action"


@require_safe
@permission_required(VIEW_PERMISSION, raise_exception=True)
def dashboard(request):
    as_at = timezone.localdate()
    table = ReviewSummaryTable(selectors.reviews_with_counts(as_at=as_at))
    RequestConfig(request, paginate=False).configure(table)
    totals = selectors.action_totals(as_at=as_at)
    return render(
        request, "reviews/dashboard.html", {"as_at": as_at, "totals": totals, "table": table}
    )


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


@require_safe
@permission_required(VIEW_PERMISSION, raise_exception=True)
def review_detail(request, slug):
    as_at = timezone.localdate()
    review = get_object_or_404(Review.objects.prefetch_related("themes"), slug=slug)
    actions = selectors.actions_for_list(as_at=as_at).filter(review=review)
    table = ActionTable(actions, exclude=["review"])
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    totals = selectors.action_totals(as_at=as_at, actions=review.actions.all())
    return render(
        request,
        "reviews/review_detail.html",
        {"review": review, "table": table, "totals": totals, "as_at": as_at},
    )


@require_safe
@permission_required(VIEW_PERMISSION, raise_exception=True)
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
