"""The manager's pages for the partnership dataset: indicators and their figures, each change
recorded with a note through dataset.services."""

from django.contrib import admin

from reviews.admin import AuditTrailAdmin, ErrorSummaryAdmin
from reviews.admin_forms import DATE_FIELDS

from . import services
from .models import Figure, Indicator
from .periods import Period


class FigureInline(admin.TabularInline):
    """An indicator's figures, read-only here: each is changed on its own page, with a note."""

    model = Figure
    fields = ["period_label", "value", "suppressed", "validation"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="period")
    def period_label(self, figure):
        return figure.period.label


@admin.register(Indicator)
class IndicatorAdmin(ErrorSummaryAdmin, AuditTrailAdmin):
    change_form_template = "admin/reviews/change_form.html"
    change_list_template = "admin/dataset/indicator/change_list.html"
    list_display = ["reference", "name", "unit", "polarity", "target", "target_high", "tolerance"]
    list_filter = ["polarity", "unit", "themes", "source_agency"]
    search_fields = ["reference", "name"]
    prepopulated_fields = {"slug": ["reference"]}
    filter_horizontal = ["themes"]
    inlines = [FigureInline]
    history_list_display = ["reference", "target", "tolerance"]
    formfield_overrides = DATE_FIELDS

    def get_urls(self):
        from .admin_import import import_urls  # "Import dataset spreadsheet", before the objects'

        return import_urls(self) + super().get_urls()

    def save_model(self, request, obj, form, change):
        pass  # saved with its themes, in save_related

    def save_related(self, request, form, formsets, change):
        services.indicator_save(
            form.instance,
            themes=form.cleaned_data.get("themes"),
            user=request.user,
            note=form.cleaned_data.get("change_note", ""),
        )


@admin.register(Figure)
class FigureAdmin(ErrorSummaryAdmin, AuditTrailAdmin):
    change_form_template = "admin/reviews/change_form.html"
    list_display = ["indicator", "period_label", "value", "suppressed", "validation"]
    list_filter = ["validation", "period_kind", "indicator"]
    list_select_related = ["indicator"]
    search_fields = ["indicator__reference", "indicator__name"]
    history_list_display = ["value", "validation"]
    formfield_overrides = DATE_FIELDS

    @admin.display(description="period", ordering="period_start")
    def period_label(self, figure):
        return Period(figure.period_start, figure.period_kind).label

    def save_model(self, request, obj, form, change):
        services.figure_save(obj, user=request.user, note=form.cleaned_data.get("change_note", ""))
