"""The manager's page for a year's report: the voice of children and families, each lead
safeguarding partner's sign-off (inline), the publication date and the date sent to the national
panel, each change recorded with its note through yearly.services. The scrutineer's assessment
is shown, never changed here: the scrutineer writes it on the site (yearly.views.assessment)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe

from reviews.admin import AuditTrailAdmin, ChangeNoteForm, ErrorSummaryAdmin
from reviews.admin_forms import DATE_FIELDS

from . import services
from .models import SignOff, YearlyReport
from .selectors import NOT_YET_WRITTEN


class YearlyReportAdminForm(ChangeNoteForm):
    class Meta:
        model = YearlyReport
        fields = ["starts_on", "voice_of_children", "published_on", "sent_to_panel_on"]
        help_texts = {"starts_on": "The year runs for twelve months from this day: 1 April."}


class SignOffInline(admin.TabularInline):
    """Each lead safeguarding partner's sign-off: by role, never by name."""

    model = SignOff
    fields = ["role", "agency", "signed_on"]
    extra = 1
    formfield_overrides = DATE_FIELDS


@admin.register(YearlyReport)
class YearlyReportAdmin(ErrorSummaryAdmin, AuditTrailAdmin):
    form = YearlyReportAdminForm
    change_form_template = "admin/reviews/change_form.html"
    list_display = ["__str__", "starts_on", "published_on", "sent_to_panel_on"]
    readonly_fields = ["the_assessment", "the_report"]
    fieldsets = [
        (None, {"fields": ["starts_on", "the_report"]}),
        ("Written by the independent scrutineer", {"fields": ["the_assessment"]}),
        ("Written by the partnership", {"fields": ["voice_of_children"]}),
        ("Publication", {"fields": ["published_on", "sent_to_panel_on"]}),
        (None, {"fields": ["change_note"]}),
    ]
    inlines = [SignOffInline]
    history_list_display = ["published_on", "sent_to_panel_on"]
    formfield_overrides = DATE_FIELDS

    @admin.display(description="the independent scrutineer's assessment")
    def the_assessment(self, report):
        text = report.scrutineer_assessment.strip() if report.pk else ""
        return mark_safe(linebreaks(text, autoescape=True)) if text else NOT_YET_WRITTEN  # escaped

    @admin.display(description="the report")
    def the_report(self, report):
        if report.pk is None:
            return "Save first: the report for the year is then on the site."
        url = reverse("yearly:report") + f"?year={report.label}"
        return format_html(
            '<a href="{}">Read the yearly report {} on the site</a>', url, report.label
        )

    def save_model(self, request, obj, form, change):
        """Saved in save_related, with its sign-offs, through the services."""

    def save_related(self, request, form, formsets, change):
        note = form.cleaned_data.get("change_note", "") or ("" if change else "Yearly report added")
        report = services.report_save(form.instance, user=request.user, note=note)
        for formset in formsets:
            for sign_off in formset.save(commit=False):  # nothing written: the service writes
                sign_off.report = report
                services.sign_off_save(
                    sign_off, user=request.user, note=note or "Sign-off recorded"
                )
            for sign_off in formset.deleted_objects:
                # The deletion's history record carries the note too.
                sign_off._change_reason = note or "Sign-off taken off"
                sign_off.delete()
