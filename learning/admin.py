"""The manager's pages for the learning programme: sessions with their agencies' places on the
same page, each change recorded with its note through learning.services."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.forms.models import BaseInlineFormSet

from reviews.admin import AuditTrailAdmin, ChangeNoteForm, ErrorSummaryAdmin
from reviews.admin_forms import DATE_FIELDS

from . import services
from .models import LearningSession, SessionAgency


class SessionAgencyFormSet(BaseInlineFormSet):
    """The session's agencies' rows, checked together against the session's responses: no more
    evaluation or follow-up responses than people attended, as the rows will stand."""

    def clean(self):
        super().clean()
        self.attended_total = None
        if any(self.errors):
            return
        total = 0
        for form in self.forms:
            if form.instance.pk is None and not form.has_changed():
                continue  # a blank row
            if self.can_delete and self._should_delete_form(form):
                continue
            total += form.cleaned_data.get("attended") or 0
        self.attended_total = total
        errors = self.instance.attendance_errors(total)
        if errors:
            raise ValidationError(list(errors.values()))


class SessionAgencyInline(admin.TabularInline):
    """Per agency, the places booked, attended and not attended: counts only, never names."""

    model = SessionAgency
    formset = SessionAgencyFormSet
    fields = ["agency", "booked", "attended", "not_attended"]
    extra = 3
    verbose_name = "agency's places"
    verbose_name_plural = "places by agency"


@admin.register(LearningSession)
class LearningSessionAdmin(ErrorSummaryAdmin, AuditTrailAdmin):
    change_form_template = "admin/reviews/change_form.html"
    change_list_template = "admin/learning/learningsession/change_list.html"
    list_display = ["title", "date", "format", "places_offered", "follow_up_due"]
    list_filter = ["format", "themes", "reviews"]
    search_fields = ["title"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes", "reviews"]
    readonly_fields = ["follow_up_due"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "date", "format", "places_offered", "themes", "reviews"]},
        ),
        (
            "Evaluation straight after",
            {
                "fields": [
                    "evaluation_responses",
                    "evaluation_good_or_better",
                    ("confidence_before", "confidence_after"),
                ]
            },
        ),
        (
            "Follow-up three months later",
            {
                "fields": [
                    "follow_up_due",
                    "follow_up_recorded_on",
                    "follow_up_responses",
                    "follow_up_changed_practice",
                    "follow_up_examples",
                ]
            },
        ),
        (None, {"fields": ["notes", "change_note"]}),
    ]
    inlines = [SessionAgencyInline]
    history_list_display = ["date", "evaluation_responses", "follow_up_recorded_on"]
    formfield_overrides = DATE_FIELDS

    def get_urls(self):
        from .admin_import import import_urls  # "Import sessions spreadsheet", before the objects'

        return import_urls(self) + super().get_urls()

    @admin.display(description="follow-up due")
    def follow_up_due(self, session):
        due = session.follow_up_due
        return f"{due:%-d %B %Y}" if due else "-"

    def save_model(self, request, obj, form, change):
        """Saved in save_related, with its themes, reviews and agencies' rows."""

    def save_related(self, request, form, formsets, change):
        note = form.cleaned_data.get("change_note", "") or ("" if change else "Session added")
        places = next(f for f in formsets if isinstance(f, SessionAgencyFormSet))
        session = services.session_save(
            form.instance,
            themes=form.cleaned_data["themes"],
            reviews=form.cleaned_data["reviews"],
            user=request.user,
            note=note,
            attended=places.attended_total,
        )
        rows = places.save(commit=False)  # nothing written: the service writes, with history
        services.session_agencies_save(
            session, rows, deleted=places.deleted_objects, user=request.user, note=note
        )


class SessionAgencyAdminForm(ChangeNoteForm):
    class Meta:
        model = SessionAgency
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        session, attended = cleaned.get("session"), cleaned.get("attended")
        if session is not None and attended is not None:
            others = (
                SessionAgency.objects.filter(session=session)
                .exclude(pk=self.instance.pk)
                .aggregate(total=Sum("attended"))["total"]
            )
            for message in session.attendance_errors((others or 0) + attended).values():
                self.add_error("attended", message)
        return cleaned


@admin.register(SessionAgency)
class SessionAgencyAdmin(ErrorSummaryAdmin, AuditTrailAdmin):
    """One agency's places at one session. Rows are taken off on the session's page, where the
    session's responses are checked against what is left."""

    form = SessionAgencyAdminForm
    change_form_template = "admin/reviews/change_form.html"
    list_display = ["session", "agency", "booked", "attended", "not_attended"]
    list_filter = ["agency"]
    list_select_related = ["session", "agency"]
    search_fields = ["session__title", "agency__name"]
    history_list_display = ["booked", "attended", "not_attended"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("change_note", "") or ("" if change else "Places added")
        services.session_agency_save(obj, user=request.user, note=note)
