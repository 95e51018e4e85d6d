"""The managers' page for the challenge log in the admin: every change recorded with its note
through challenges.services.challenge_save. No one deletes a challenge: the log stays whole."""

from django.contrib import admin

from reviews.admin import AuditTrailAdmin, ChangeNoteForm, ErrorSummaryAdmin
from reviews.admin_forms import DATE_FIELDS

from . import services
from .models import Challenge


class ChallengeAdminForm(ChangeNoteForm):
    class Meta:
        model = Challenge
        exclude = ["raised_by"]


@admin.register(Challenge)
class ChallengeAdmin(ErrorSummaryAdmin, AuditTrailAdmin):
    form = ChallengeAdminForm
    change_form_template = "admin/reviews/change_form.html"
    list_display = ["raised_on", "asked", "status", "responded_on", "closed_on"]
    list_filter = ["status", "agency"]
    search_fields = ["question", "response", "group"]
    date_hierarchy = "raised_on"
    fieldsets = [
        (None, {"fields": ["raised_on", "question", "agency", "group"]}),
        ("The response", {"fields": ["response", "responded_on"]}),
        ("Open or closed", {"fields": ["status", "closing_note", "closed_on"]}),
        (None, {"fields": ["change_note"]}),
    ]
    history_list_display = ["status", "responded_on", "closed_on"]
    formfield_overrides = DATE_FIELDS

    @admin.display(description="asked", ordering="agency__name")
    def asked(self, challenge):
        return challenge.asked

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency")

    def has_delete_permission(self, request, obj=None):
        return False  # the log stays whole, whatever a group is given

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("change_note", "") or ("" if change else "Challenge put")
        if not change:
            obj.raised_by = request.user
        services.challenge_save(obj, user=request.user, note=note)
