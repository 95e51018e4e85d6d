"""The manager's pages for multi-agency audits: an audit's details with its cases, grades by
agency and findings on the same page, and the grading scale; each change recorded with its note
through audits.services."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from reviews.admin import AuditTrailAdmin, ErrorSummaryAdmin
from reviews.admin_forms import DATE_FIELDS

from . import services
from .models import AgencyGrade, Audit, AuditCase, Finding, Grade


def kept_rows(formset):
    """The formset's forms that will be saved: neither blank new rows nor rows taken off."""
    for form in formset.forms:
        if form.instance.pk is None and not form.has_changed():
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        yield form


class CaseFormSet(BaseInlineFormSet):
    def get_unique_error_message(self, unique_check):
        # Django's own says "the duplicate data for number": say it as the manager would.
        return "Each case has one row: a case number is given more than once."


class AuditCaseInline(admin.TabularInline):
    """Each case by its number, with the panel's overall grade: never a name."""

    model = AuditCase
    formset = CaseFormSet
    fields = ["number", "grade"]
    extra = 3
    verbose_name = "audited case"
    verbose_name_plural = "cases and their overall grades"


class AgencyGradeFormSet(BaseInlineFormSet):
    """Grades by agency, only for the agencies the audit's form says took part (`took_part`: the
    ids the form sent, given by AuditAdmin.get_formset_kwargs; Django builds the formsets before
    it validates the form, and refuses the whole page if those ids are not valid)."""

    def __init__(self, *args, took_part=None, **kwargs):
        self.took_part = took_part
        super().__init__(*args, **kwargs)

    def clean(self):
        super().clean()
        if any(self.errors) or self.took_part is None:
            return
        problems = []
        for form in kept_rows(self):
            agency = form.cleaned_data.get("agency")
            if agency is not None and str(agency.pk) not in self.took_part:
                problems.append(
                    f"{agency} is graded but is not among the agencies that took part: add it "
                    "to them, or take its grade off."
                )
        if problems:
            raise ValidationError(problems)

    def get_unique_error_message(self, unique_check):
        return "An agency has one grade for each case: one is given more than once."


class AgencyGradeInline(admin.TabularInline):
    """Where the panel graded each agency's work on a case apart: optional."""

    model = AgencyGrade
    formset = AgencyGradeFormSet
    fields = ["case_number", "agency", "grade"]
    extra = 2
    verbose_name = "agency's grade for a case"
    verbose_name_plural = "grades by agency (optional)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency", "grade")


class FindingInline(admin.StackedInline):
    model = Finding
    fields = ["kind", "theme", "text", "action", "no_action_reason"]
    autocomplete_fields = ["action"]
    extra = 1
    verbose_name_plural = "findings: strengths and areas for improvement"


@admin.register(Audit)
class AuditAdmin(ErrorSummaryAdmin, AuditTrailAdmin):
    change_form_template = "admin/reviews/change_form.html"
    list_display = ["review", "audited_on", "cases", "re_audit_of"]
    list_select_related = ["review", "re_audit_of__review"]
    search_fields = ["review__name"]
    date_hierarchy = "audited_on"
    filter_horizontal = ["agencies"]
    fields = ["review", "audited_on", "cases", "agencies", "re_audit_of", "change_note"]
    inlines = [AuditCaseInline, AgencyGradeInline, FindingInline]
    history_list_display = ["audited_on", "cases"]
    formfield_overrides = DATE_FIELDS

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "review":
            field.error_messages["invalid_choice"] = (
                "Choose a review of kind “Multi-agency audit”: add the audit as a review of that "
                "kind first, then its details here."
            )
        return field

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, AgencyGradeInline) and request.method == "POST":
            kwargs["took_part"] = set(request.POST.getlist("agencies"))
        return kwargs

    def save_model(self, request, obj, form, change):
        """Saved in save_related, with its agencies and cases."""

    def save_related(self, request, form, formsets, change):
        note = form.cleaned_data.get("change_note", "") or ("" if change else "Audit added")
        by_model = {formset.model: formset for formset in formsets}
        cases = by_model[AuditCase]
        audit = services.audit_save(
            form.instance,
            agencies=form.cleaned_data["agencies"],
            cases=cases.save(commit=False),  # nothing written: the service writes, with history
            deleted_cases=cases.deleted_objects,
            user=request.user,
            note=note,
        )
        findings = by_model[Finding]
        services.findings_save(
            audit,
            findings.save(commit=False),
            deleted=findings.deleted_objects,
            user=request.user,
            note=note,
        )
        grades = by_model[AgencyGrade]
        services.agency_grades_save(
            audit,
            grades.save(commit=False),
            deleted=grades.deleted_objects,
            user=request.user,
            note=note,
        )


@admin.register(Grade)
class GradeAdmin(ErrorSummaryAdmin, AuditTrailAdmin):
    """The grading scale, best first. A grade given to a case cannot be deleted."""

    change_form_template = "admin/reviews/change_form.html"
    list_display = ["name", "position", "good_or_better"]
    fields = ["name", "position", "good_or_better", "change_note"]
    history_list_display = ["position", "good_or_better"]

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("change_note", "") or ("" if change else "Grade added")
        services.grade_save(obj, user=request.user, note=note)
