"""The manager's pages for the delivery plans: a plan with its priorities listed and linked, and a
priority with what serves it (actions, indicators, audits and sessions, chosen by searching), its
progress note and the note's date; each change recorded with its note through
priorities.services."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from reviews.admin import AuditTrailAdmin, ErrorSummaryAdmin
from reviews.admin_forms import DATE_FIELDS

from . import services
from .models import DeliveryPlan, Priority


@admin.register(DeliveryPlan)
class DeliveryPlanAdmin(ErrorSummaryAdmin, AuditTrailAdmin):
    change_form_template = "admin/reviews/change_form.html"
    list_display = ["title", "starts_on", "ends_on", "priority_count"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["its_priorities"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "starts_on", "ends_on", "summary"]}),
        ("Its priorities", {"fields": ["its_priorities"]}),
        (None, {"fields": ["change_note"]}),
    ]
    history_list_display = ["starts_on", "ends_on"]
    formfield_overrides = DATE_FIELDS

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("priorities")

    @admin.display(description="priorities")
    def priority_count(self, plan):
        return len(plan.priorities.all())

    @admin.display(description="priorities, in order")
    def its_priorities(self, plan):
        add = reverse("admin:priorities_priority_add")
        if plan.pk is None:
            return "Save the plan first, then add its priorities."
        rows = format_html_join(
            "",
            '<li><a href="{}">{}. {}</a></li>',
            (
                (reverse("admin:priorities_priority_change", args=[p.pk]), p.position, p.title)
                for p in plan.priorities.order_by("position")
            ),
        )
        return format_html(
            '<ol class="app-admin-list">{}</ol><a href="{}?plan={}">Add a priority</a>',
            rows,
            add,
            plan.pk,
        )

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("change_note", "") or ("" if change else "Plan added")
        services.plan_save(obj, user=request.user, note=note)


@admin.register(Priority)
class PriorityAdmin(ErrorSummaryAdmin, AuditTrailAdmin):
    change_form_template = "admin/reviews/change_form.html"
    list_display = ["title", "plan", "position", "lead_agency", "progress_noted_on"]
    list_filter = ["plan", "themes", "lead_agency"]
    list_select_related = ["plan", "lead_agency"]
    search_fields = ["title", "aim"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    autocomplete_fields = ["actions", "indicators", "audits", "sessions"]
    fieldsets = [
        (None, {"fields": ["plan", "position", "title", "slug", "aim"]}),
        ("Who leads it", {"fields": ["lead_role", "lead_agency", "themes"]}),
        (
            "What serves it",
            {
                "fields": ["actions", "indicators", "audits", "sessions"],
                "description": "Search by review, reference or words of an action; by an "
                "indicator's reference or name; by an audit's review; by a session's title.",
            },
        ),
        ("Progress", {"fields": ["progress_note", "progress_noted_on", "change_note"]}),
    ]
    history_list_display = ["progress_noted_on"]
    formfield_overrides = DATE_FIELDS

    def save_model(self, request, obj, form, change):
        """Saved in save_related, with its links, as one history entry."""

    def save_related(self, request, form, formsets, change):
        note = form.cleaned_data.get("change_note", "") or ("" if change else "Priority added")
        services.priority_save(
            form.instance,
            themes=form.cleaned_data["themes"],
            actions=form.cleaned_data["actions"],
            indicators=form.cleaned_data["indicators"],
            audits=form.cleaned_data["audits"],
            sessions=form.cleaned_data["sessions"],
            user=request.user,
            note=note,
        )
