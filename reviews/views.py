from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from as_at.history import as_at_context

from . import exports, selectors, services, usage
from .filters import ActionFilter
from .forms import ProgressForm, StageForm
from .models import STAGE_DATE_FIELDS, STAGE_RECORDED, Action, Agency, Review, ReviewStage, Theme
from .tables import (
    ActionTable,
    AgencySummaryTable,
    LeadActionTable,
    OpenActionTable,
    ReviewSummaryTable,
    ThemeSummaryTable,
)
from .timeline import DEADLINE_OF_STAGE, standing

VIEW_PERMISSION = "reviews.view_action"


def committee_page(view):
    """A read-only page for committee members and managers."""
    return require_safe(permission_required(VIEW_PERMISSION, raise_exception=True)(view))


def page(request, template, context, *, status=200):
    """Render a committee page; a date that could not be shown makes the answer a 400."""
    return render(request, template, context, status=400 if context["as_at_error"] else status)


@committee_page
def dashboard(request):
    context = as_at_context(request)
    as_at, query = context["as_at"], context["as_at_query"]
    agencies, totals = selectors.agencies_with_counts(as_at=as_at)
    tables = {
        "reviews_table": ReviewSummaryTable(
            selectors.reviews_at(as_at).order_by("started_on", "name")
        ),
        "open_table": OpenActionTable(selectors.open_actions(as_at=as_at)),
        "themes_table": ThemeSummaryTable(selectors.themes_with_counts(as_at=as_at)),
        "agencies_table": AgencySummaryTable(agencies),
    }
    for name, table in tables.items():
        table.prefix = f"{name.removesuffix('_table')}-"
        table.show_caption, table.as_at_query = False, query
        paginate = {"per_page": 25} if name in ("reviews_table", "open_table") else False
        RequestConfig(request, paginate=paginate).configure(table)
    # Count the actions of the page of reviews shown, not of every review.
    selectors.reviews_with_counts(
        as_at=as_at, reviews=tables["reviews_table"].page.object_list.data
    )
    # What changed since the committee last met: the counts at its meeting before this date.
    previous = selectors.meetings_before(as_at).first()
    since = selectors.action_totals(as_at=previous.date) if previous else None
    context |= tables | {
        "totals": totals,
        "previous_meeting": previous,
        "since_totals": since,
        "timeline": selectors.statutory_timeline(as_at=as_at),
        "example_day": previous.date if previous else as_at - timedelta(days=91),
    }
    return page(request, "reviews/dashboard.html", context)


def filtered_actions(request, context, actions, *, hide):
    """The filter form and actions table that review, theme and agency pages share.

    Returns the context with them, and the status: 400 when the filters are not valid."""
    filterset = ActionFilter(
        request.GET or None, queryset=actions, as_at=context["as_at"], hide=hide
    )
    valid = not filterset.is_bound or filterset.is_valid()
    table = ActionTable(
        filterset.qs if valid else filterset.queryset.none(),
        exclude=hide,
        show_caption=False,
        as_at_query=context["as_at_query"],
    )
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return context | {"filter": filterset, "table": table}, 200 if valid else 400


@committee_page
def review_detail(request, slug):
    context = as_at_context(request)
    as_at = context["as_at"]
    review = selectors.review_at(as_at=as_at, slug=slug)
    if review is None:
        raise Http404("No such review on that date")
    actions = selectors.actions_for_list(as_at=as_at).filter(review_id=review.id)
    context, status = filtered_actions(request, context, actions, hide=["review"])
    totals = selectors.action_totals(
        as_at=as_at, actions=selectors.actions_at(as_at).filter(review_id=review.id)
    )
    context |= {
        "review": review,
        "steps": review.timeline(as_at),
        "totals": totals,
        "sections": usage.review_sections(review, as_at),
    }
    return page(request, "reviews/review_detail.html", context, status=status)


@committee_page
def theme_detail(request, slug):
    context = as_at_context(request)
    as_at = context["as_at"]
    theme = get_object_or_404(Theme, slug=slug)
    actions = selectors.actions_with_theme(selectors.actions_for_list(as_at=as_at), theme)
    context, status = filtered_actions(request, context, actions, hide=["theme"])
    totals = selectors.action_totals(
        as_at=as_at, actions=selectors.actions_with_theme(selectors.actions_at(as_at), theme)
    )
    context |= {"theme": theme, "totals": totals}
    return page(request, "reviews/theme_detail.html", context, status=status)


@committee_page
def agency_detail(request, slug):
    context = as_at_context(request)
    as_at = context["as_at"]
    agency = get_object_or_404(Agency, slug=slug)
    actions = selectors.actions_for_list(as_at=as_at).filter(lead_agency=agency)
    context, status = filtered_actions(request, context, actions, hide=["lead_agency"])
    totals = selectors.action_totals(
        as_at=as_at, actions=selectors.actions_at(as_at).filter(lead_agency=agency)
    )
    supporting = selectors.supported_count(as_at=as_at, agency=agency)
    context |= {"agency": agency, "totals": totals, "supporting": supporting}
    return page(request, "reviews/agency_detail.html", context, status=status)


class ActionListView(PermissionRequiredMixin, SingleTableMixin, FilterView):
    permission_required = VIEW_PERMISSION
    raise_exception = True
    http_method_names = ["get", "head"]
    table_class = ActionTable
    filterset_class = ActionFilter
    template_name = "reviews/action_list.html"
    export_trigger_param = "_export"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.as_at = as_at_context(request)

    def get_queryset(self):
        return selectors.actions_for_list(as_at=self.as_at["as_at"])

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "as_at": self.as_at["as_at"]}

    def get_table_kwargs(self):
        return {"as_at_query": self.as_at["as_at_query"]}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | self.as_at

    def render_to_response(self, context, **kwargs):
        invalid = self.filterset.is_bound and not self.filterset.is_valid()
        if invalid or self.as_at["as_at_error"]:
            if self.request.GET.get(self.export_trigger_param):
                return HttpResponseBadRequest(
                    "The filters or the date are not valid, so nothing was exported. "
                    "Correct them on the actions page and download again.\n",
                    content_type="text/plain; charset=utf-8",
                )
            kwargs.setdefault("status", 400)
        elif self.request.GET.get(self.export_trigger_param) in exports.RESPONSES:
            return self.create_export(self.request.GET[self.export_trigger_param])
        return super().render_to_response(context, **kwargs)

    def create_export(self, export_format):
        """Stream every matching action, in the table's order, however many there are."""
        table = self.get_table(**self.get_table_kwargs())
        filename = self.get_export_filename(export_format)
        return exports.RESPONSES[export_format](table.data.data, filename)

    def get_export_filename(self, export_format):
        when = "as-at-" if self.as_at["viewing_past"] else ""
        return f"actions-{when}{self.as_at['as_at']:%Y-%m-%d}.{export_format}"


def render_action(request, action, *, form=None, stale=None, status=200):
    """The action's page, with the progress form for those who may record progress."""
    updatable = Action.objects.updatable_by(request.user).filter(pk=action.pk).exists()
    if updatable and form is None:
        form = ProgressForm(
            initial={
                "status": action.status,
                "evidence": action.evidence,
                "target_date": f"{action.target_date:%Y-%m-%d}" if action.target_date else "",
                "version": services.version_of(action),
            }
        )
    context = {
        "action": action,
        "history": selectors.action_history(action=action),
        "as_at": timezone.localdate(),
        "form": form if updatable else None,
        "stale": stale,
    }
    return render(request, "reviews/action_detail.html", context, status=status)


def get_action(pk):
    try:
        return selectors.action_detail(pk=pk, as_at=timezone.localdate())
    except Action.DoesNotExist:
        raise Http404("No such action") from None


@committee_page
def action_detail(request, pk):
    return render_action(request, get_action(pk))


@committee_page
def my_actions(request):
    """The actions of the agencies the signed-in lead leads, ready to update."""
    today = timezone.localdate()
    agencies = list(request.user.lead_agencies.order_by("name"))
    table = LeadActionTable(
        selectors.actions_led_by(agencies=agencies, as_at=today),
        # The action's name carries its review; one agency needs no column of its own.
        exclude=["review"] if len(agencies) > 1 else ["review", "lead_agency"],
        show_caption=False,
    )
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    totals = selectors.action_totals(
        as_at=today, actions=Action.objects.filter(lead_agency__in=agencies)
    )
    context = {"agencies": agencies, "table": table, "totals": totals, "as_at": today}
    return render(request, "reviews/my_actions.html", context)


class SignInView(LoginView):
    """Sign-in; an agency lead then lands on their agencies' actions, everyone else on the
    dashboard (or the page they asked for)."""

    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        user = self.request.user
        if not user.has_perm("reviews.change_action") and user.lead_agencies.exists():
            return reverse("reviews:my-actions")
        return super().get_default_redirect_url()


@require_http_methods(["GET", "HEAD", "POST"])
@permission_required(VIEW_PERMISSION, raise_exception=True)
def action_progress(request, pk):
    """Record an agency lead's (or a manager's) progress update on an action. The address only
    takes the form's answers: anything else is told where the form is."""
    action = get_action(pk)
    if request.method != "POST":
        response = render(request, "reviews/progress_not_here.html", {"action": action}, status=405)
        response["Allow"] = "POST"
        return response
    if not Action.objects.updatable_by(request.user).filter(pk=pk).exists():
        return render(request, "reviews/progress_refused.html", {"action": action}, status=403)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        return render_action(request, action, form=form, status=400)
    data = form.cleaned_data
    try:
        services.action_record_progress(
            action=action,
            user=request.user,
            version=data["version"],
            status=data["status"],
            progress_note=data["progress_note"],
            evidence=data["evidence"],
            target_date=data["target_date"],
            target_date_change_reason=data["target_date_change_reason"],
        )
    except services.StaleUpdate as stale:
        # Keep what they typed, but against the action as it is now, so that a second save
        # (after reading what changed) goes through.
        fresh = get_action(pk)
        answers = request.POST.copy()
        answers["version"] = services.version_of(fresh)
        retry = ProgressForm(answers)
        retry.is_valid()
        return render_action(request, fresh, form=retry, stale=stale, status=409)
    except ValidationError as error:
        problems = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
        for field, messages_ in problems.items():
            form.add_error(field if field in form.fields else None, messages_)
        return render_action(request, get_action(pk), form=form, status=400)
    messages.success(request, "Your progress update has been saved.")
    return redirect("reviews:action-detail", pk=pk)


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


@committee_page
def timeline(request):
    """The statutory timeline: reviews in their early stages and what is due next, the missed
    deadlines and why, and the year's figures, as at any day."""
    context = as_at_context(request)
    context["timeline"] = selectors.statutory_timeline(as_at=context["as_at"])
    return page(request, "reviews/timeline.html", context)


# Where the model's error on a field of the review is shown on the stage form.
STAGE_FORM_FIELDS = {"decision": "decision", "decided_on": "reached_on"}


@permission_required("reviews.change_review", raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def review_stage(request, slug):
    """A manager records the next stage a review reached: its date, for the decision what was
    decided, and for a stage recorded after its deadline the reason for the delay."""
    with transaction.atomic():
        review = get_object_or_404(Review.objects.select_for_update(), slug=slug)
        stage = review.next_stage()
        if stage is None:  # a closed review: nothing to record, and nothing recorded
            status = 409 if request.method == "POST" else 200
            return render(request, "reviews/review_stage.html", {"review": review}, status=status)
        deadline = DEADLINE_OF_STAGE.get(stage)
        context = {
            "review": review,
            "stage": stage,
            "recording": STAGE_RECORDED[stage],
            "deadline": deadline,
            "due": deadline.due(review) if deadline else None,
            "steps": review.timeline(timezone.localdate()),
        }
        shape = {"stage": stage, "deadline": deadline, "due": context["due"]}
        if request.method != "POST":
            today = f"{timezone.localdate():%Y-%m-%d}"
            context["form"] = StageForm(initial={"stage": stage, "reached_on": today}, **shape)
            return render(request, "reviews/review_stage.html", context)
        posted = request.POST.get("stage", "")
        if posted not in ReviewStage.values:  # not sent by the form: nothing to compare
            answers = request.POST.copy()
            answers["stage"] = stage
            form = context["form"] = StageForm(answers, **shape)
            form.is_valid()
            form.add_error(
                None,
                "The form was sent without the stage it records, so nothing was saved. Check the "
                "answers and record the stage again.",
            )
            return render(request, "reviews/review_stage.html", context, status=400)
        if posted != stage:  # the review moved on since the form opened
            context["moved_on"] = True
            initial = {"stage": stage, "reached_on": request.POST.get("reached_on", "")}
            context["form"] = StageForm(initial=initial, **shape)
            return render(request, "reviews/review_stage.html", context, status=409)
        form = context["form"] = StageForm(request.POST, **shape)
        if not form.is_valid():
            return render(request, "reviews/review_stage.html", context, status=400)
        data = form.cleaned_data
        try:
            with transaction.atomic():
                services.review_set_stage(
                    review=review,
                    stage=stage,
                    on=data["reached_on"],
                    decision=data.get("decision", ""),
                    delay_reason=data.get("delay_reason", ""),
                    user=request.user,
                )
        except ValidationError as error:
            fields = STAGE_FORM_FIELDS | {STAGE_DATE_FIELDS[stage]: "reached_on"}
            if deadline:
                fields[deadline.reason_field] = "delay_reason"
            for field, words in error.message_dict.items():
                target = fields.get(field)
                form.add_error(target if target in form.fields else None, words)
            review.refresh_from_db()
            return render(request, "reviews/review_stage.html", context, status=400)
    said = ""
    if deadline and (one := standing(deadline, review, data["reached_on"])):
        said = f", {one.words_in_sentence}"
    recorded = STAGE_RECORDED[stage]
    messages.success(
        request,
        f"{recorded[0].upper()}{recorded[1:]} is recorded: {data['reached_on']:%-d %B %Y}{said}.",
    )
    return redirect(review)
