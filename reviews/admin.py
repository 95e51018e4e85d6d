from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .admin_forms import DATE_FIELDS, error_summary
from .models import (
    Action,
    Agency,
    CommitteeMeeting,
    Review,
    Status,
    Theme,
    counted,
    overdue_q,
    status_words,
)

admin.site.site_header = "Safeguarding action plans: administration"
admin.site.site_title = "Safeguarding action plans"
admin.site.index_title = "Keep the action plans up to date"
# The index lists the few kinds of record there are; without the side list of them on every page,
# the action list has the width for its status, target date and overdue columns at 1280 pixels.
admin.site.enable_nav_sidebar = False


def read_only_history(request):
    """The history is an audit trail: an earlier version can be looked at, never restored."""
    if request.method not in ("GET", "HEAD"):
        raise PermissionDenied("The history cannot be changed.")
    return None


def stale_message(stale):
    """Who changed the action since the page was opened, and what they did."""
    changes = []
    for record in stale.changes:
        user = record.history_user
        who = (user.get_full_name() or user.username) if user else "the system"
        note = f": {record.history_change_reason}" if record.history_change_reason else ""
        when = timezone.localtime(record.history_date)
        changes.append(f"{when:%-d %B %Y, %H:%M} by {who} ({status_words(record.status)}{note})")
    return (
        f"Nothing was saved: this action was changed after you opened this page "
        f"({'; '.join(changes) or 'see its history'}). Open the action again to see the change, "
        "then make yours."
    )


class ChangeNoteForm(forms.ModelForm):
    """A model form with a note that is recorded in the history as the reason for the change."""

    change_note = forms.CharField(
        label="Note for this change",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        help_text="Recorded in the history with your name.",
    )


class ErrorSummaryAdmin:
    """For a ModelAdmin: a page with errors opens with a box listing each of them, linked to its
    field (templates/admin/reviews/change_form.html)."""

    def render_change_form(self, request, context, *args, **kwargs):
        if context.get("errors"):
            inlines = context["inline_admin_formsets"]
            context["error_summary"] = error_summary(
                [(context["adminform"], "")]
                + [(form, inline.opts.verbose_name) for inline in inlines for form in inline],
                non_form_errors=[e for inline in inlines for e in inline.formset.non_form_errors()],
            )
        return super().render_change_form(request, context, *args, **kwargs)


def is_an_id(value):
    try:
        return 0 < int(value) < 2**63
    except ValueError:
        return False


class TickedRowsAdmin(admin.ModelAdmin):
    """A list whose actions refuse ticked rows that are not ids, rather than failing."""

    def response_action(self, request, queryset):
        # Django looks the ticked rows up by what is sent: something that is not an id is a 500.
        if not all(map(is_an_id, request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))):
            self.message_user(
                request,
                "Nothing was changed: the rows ticked are not in this list. Tick them again.",
                messages.ERROR,
            )
            return None
        return super().response_action(request, queryset)


class AuditTrailAdmin(TickedRowsAdmin, SimpleHistoryAdmin):
    """An admin whose changes are recorded, with a History button; a change form with a note for
    the history; earlier versions can be looked at, never restored."""

    form = ChangeNoteForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return read_only_history(request) or super().history_form_view(
            request, object_id, version_id, extra_context
        )


class OneOfField(forms.ModelChoiceField):
    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not is_an_id(value):  # too big for the database to look up, say
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class MergeForm(forms.Form):
    into = OneOfField(queryset=None, empty_label=None)

    def __init__(self, *args, queryset, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = queryset
        self.fields["into"].label = label


MERGED_WORDS = {"actions": "action", "reviews": "review", "leads": "agency lead"}


def merged_message(merged, into, moved):
    """'Merged “A” into “B”: 3 actions and 1 review moved…', from the services' counts."""
    totals = {key: sum(counts.get(key, 0) for counts in moved) for key in MERGED_WORDS}
    parts = [counted(n, MERGED_WORDS[key]) for key, n in totals.items() if n or key == "actions"]
    what = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
    names = ", ".join(f"“{obj}”" for obj in merged)
    return (
        f"Merged {names} into “{into}”: {what} moved, each with an entry in its history. "
        f"{names} {'was' if len(merged) == 1 else 'were'} then deleted."
    )


class KeptWhileUsedAdmin(AuditTrailAdmin):
    """For agencies and themes. One that actions (or reviews) use cannot be deleted, on its own
    page or with others from the list: deleting it would take it off them, unseen in their
    history. The page says which use it, and how to rename it or merge it into another instead.
    Merging moves each of its actions to the other through the write services, with a note in
    each one's history, then deletes it."""

    delete_confirmation_template = "admin/reviews/delete_in_use.html"
    delete_selected_confirmation_template = "admin/reviews/delete_selected_in_use.html"
    actions = ["merge_into_another"]

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = [problem for problem in map(services.refusal, objs) if problem]
        if in_use:
            # Said instead of Django's own list of protected objects, which would name only the
            # actions an agency leads (and, as managers may not delete actions, as objects they
            # lack the permission to delete).
            return deleted, counts, set(), in_use
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        self.delete_unused(obj, request.user)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for obj in queryset:  # all of them, or none if one is in use
            self.delete_unused(obj, request.user)

    def has_merge_permission(self, request):
        """Merging changes actions and reviews and deletes this one."""
        opts = self.model._meta
        return request.user.has_perms(
            [
                f"reviews.change_{opts.model_name}",
                f"reviews.delete_{opts.model_name}",
                "reviews.change_action",
                "reviews.change_review",
            ]
        )

    def merge_into_another(self, request, queryset):
        """The admin action (named and permitted in each subclass): choose the one to merge the
        selected into, see what will move, merge."""
        opts = self.model._meta
        selected = list(queryset)
        form = MergeForm(
            request.POST if "apply" in request.POST else None,
            queryset=self.model.objects.exclude(pk__in=[obj.pk for obj in selected]),
            label=f"Merge into this {opts.verbose_name}",
        )
        if form.is_bound and form.is_valid():
            into = form.cleaned_data["into"]
            try:
                with transaction.atomic():
                    moved = [self.merge(obj, into=into, user=request.user) for obj in selected]
            except ValidationError as error:
                form.add_error(None, ["Nothing was merged. Fix these first:", *error.messages])
                selected = list(queryset.all())  # as they still are: the merge was undone
            else:
                self.message_user(request, merged_message(selected, into, moved), messages.SUCCESS)
                return None
        fields = helpers.AdminForm(form, [(None, {"fields": ["into"]})], {})
        return TemplateResponse(
            request,
            "admin/reviews/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Merge {opts.verbose_name_plural} into another",
                "adminform": fields,
                "error_summary": error_summary([(fields, "")]) if form.errors else [],
                "selected": [(obj, obj.uses()) for obj in selected],
                "opts": opts,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Agency)
class AgencyAdmin(ErrorSummaryAdmin, KeptWhileUsedAdmin):
    list_display = ["name", "short_name", "statutory_partner"]
    filter_horizontal = ["leads"]
    prepopulated_fields = {"slug": ["short_name"]}
    search_fields = ["name", "short_name"]
    history_list_display = ["name", "leads_then"]

    def merge(self, agency, *, into, user):
        return services.agency_merge(agency=agency, into=into, user=user)

    def delete_unused(self, agency, user):
        services.agency_delete(agency=agency, user=user)

    @admin.action(description="Merge into another agency…", permissions=["merge"])
    def merge_into_another(self, request, queryset):
        return super().merge_into_another(request, queryset)

    def save_model(self, request, obj, form, change):
        """Saved in save_related, with its leads, as one history entry."""

    def save_related(self, request, form, formsets, change):
        services.agency_save(
            agency=form.instance,
            user=request.user,
            note=form.cleaned_data.get("change_note", ""),
            leads=form.cleaned_data["leads"],
        )

    @admin.display(description="agency leads")
    def leads_then(self, record):
        links = record.leads.select_related("user")
        names = [link.user.get_full_name() or link.user.username for link in links if link.user]
        return ", ".join(sorted(names)) or "None"


@admin.register(Theme)
class ThemeAdmin(ErrorSummaryAdmin, KeptWhileUsedAdmin):
    list_display = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    history_list_display = ["name"]

    def merge(self, theme, *, into, user):
        return services.theme_merge(theme=theme, into=into, user=user)

    def delete_unused(self, theme, user):
        services.theme_delete(theme=theme, user=user)

    @admin.action(description="Merge into another theme…", permissions=["merge"])
    def merge_into_another(self, request, queryset):
        return super().merge_into_another(request, queryset)

    def save_model(self, request, obj, form, change):
        services.theme_save(
            theme=obj, user=request.user, note=form.cleaned_data.get("change_note", "")
        )


class ActionSummaryInline(admin.TabularInline):
    """The review's existing actions, read-only: status changes need a note, so they are made on
    each action's own page."""

    model = Action
    fields = ["reference", "description", "lead_agency", "status_label", "target_date"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    verbose_name_plural = "actions"

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead_agency")

    @admin.display(description="status")
    def status_label(self, action):
        return status_words(action.status)


class NewActionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        existing = self.instance.actions if self.instance.pk else Action.objects.none()
        taken = set(existing.values_list("reference", flat=True))
        for form in self.extra_forms:
            reference = form.cleaned_data.get("reference") if form.has_changed() else None
            if not reference:
                continue
            if reference in taken:
                form.add_error("reference", f"{self.instance} already has an action {reference}.")
            taken.add(reference)


class NewActionInline(admin.StackedInline):
    """Blank forms for adding actions to the review."""

    model = Action
    formset = NewActionFormSet
    formfield_overrides = DATE_FIELDS
    fields = [
        "reference",
        "recommendation",
        "description",
        ("lead_agency", "lead_officer_role"),
        "supporting_agencies",
        ("status", "target_date"),
        "evidence",
        "themes",
    ]
    extra = 1
    can_delete = False
    verbose_name = "new action"
    verbose_name_plural = "add actions"
    filter_horizontal = ["themes", "supporting_agencies"]

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_change_permission(self, request, obj=None):
        return False


class ReviewAdminForm(ChangeNoteForm):
    class Meta:
        model = Review
        fields = [
            "name",
            "slug",
            "kind",
            "summary",
            "themes",
            "stage",
            "incident_known_on",
            "notified_on",
            "notification_delay_reason",
            "rapid_review_sent_on",
            "rapid_review_delay_reason",
            "decided_on",
            "decision",
            "started_on",
            "learning_published_on",
            "publication_delay_reason",
            "ratified_on",
            "closed_on",
        ]
        # A reason for a delay is a sentence or two.
        widgets = {
            field: forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"})
            for field in (
                "notification_delay_reason",
                "rapid_review_delay_reason",
                "publication_delay_reason",
            )
        }


@admin.register(Review)
class ReviewAdmin(ErrorSummaryAdmin, TickedRowsAdmin, SimpleHistoryAdmin):
    form = ReviewAdminForm
    formfield_overrides = DATE_FIELDS
    list_display = ["name", "kind", "stage", "action_count", "ratified_on"]
    list_filter = ["kind", "stage", "themes"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["themes"]
    ordering = ["started_on", "name"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "summary", "themes"]}),
        (
            "Stage",
            {
                "fields": ["stage"],
                "description": "The stage the review is at. Each stage records the date it was "
                "reached; a review recorded without its statutory stages needs none of their "
                "dates.",
            },
        ),
        (
            "Statutory stages",
            {
                "fields": [
                    "incident_known_on",
                    ("notified_on", "notification_delay_reason"),
                    ("rapid_review_sent_on", "rapid_review_delay_reason"),
                    ("decided_on", "decision"),
                ],
                "description": "Deadlines: the Panel notified within 5 working days of the "
                "incident being known; the rapid review sent within 15 working days of the "
                "notification; a local review published within 6 months of the decision to hold "
                "it. A reason for the delay is needed for a stage recorded after its deadline, "
                "and only then.",
            },
        ),
        (
            "Governance stages",
            {
                "fields": [
                    "started_on",
                    ("learning_published_on", "publication_delay_reason"),
                    "ratified_on",
                    "closed_on",
                ]
            },
        ),
        (None, {"fields": ["change_note"]}),
    ]
    inlines = [ActionSummaryInline, NewActionInline]
    history_list_display = ["stage"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(action_count=Count("actions"))

    @admin.display(description="actions", ordering="action_count")
    def action_count(self, review):
        return review.action_count

    def save_model(self, request, obj, form, change):
        """Saved in save_related, with its themes, as one history entry."""

    def save_related(self, request, form, formsets, change):
        services.review_save(
            review=form.instance,
            user=request.user,
            note=form.cleaned_data.get("change_note", ""),
            themes=form.cleaned_data["themes"],
        )
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request, form, formset, change):
        """Existing actions are read-only here; new ones go through the write service."""
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if not isinstance(formset, NewActionFormSet):
            return
        for action_form in formset.extra_forms:
            if not action_form.has_changed():
                continue
            action = services.action_save(
                action=action_form.save(commit=False),
                user=request.user,
                note="Action added",
                themes=action_form.cleaned_data["themes"],
                supporting_agencies=action_form.cleaned_data["supporting_agencies"],
            )
            formset.new_objects.append(action)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return read_only_history(request) or super().history_form_view(
            request, object_id, version_id, extra_context
        )


class OverdueFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue"), ("no", "Not overdue")]

    def queryset(self, request, queryset):
        condition = overdue_q(timezone.localdate())
        if self.value() == "yes":
            return queryset.filter(condition)
        if self.value() == "no":
            return queryset.exclude(condition)
        return queryset


class ActionAdminForm(ChangeNoteForm):
    # The state of the action when the page was opened: a save over a newer state is refused.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [(s.value, status_words(s)) for s in Status]
        self.fields[
            "change_note"
        ].help_text = "Recorded in the history with your name. Required when the status changes."
        if self.instance.pk:
            self.fields["version"].initial = services.version_of(self.instance)

    def clean(self):
        cleaned = super().clean()
        # The note's rule, beside the note's box; the model's rules follow (Django's model form
        # validation), and save_related writes through services.action_save, which checks all.
        problem = services.status_note_problem(
            was=self.instance.status if self.instance.pk else None,
            now=cleaned.get("status", self.instance.status),
            note=cleaned.get("change_note", ""),
        )
        if problem:
            self.add_error("change_note", problem)
        version = cleaned.get("version")
        if self.instance.pk and version:
            try:  # the admin saves in a transaction, so the row stays locked until it is saved
                services.check_version(self.instance, version)
            except services.StaleUpdate as stale:
                raise ValidationError(stale_message(stale)) from None
        return cleaned

    class Meta:
        model = Action
        fields = [
            "review",
            "reference",
            "recommendation",
            "description",
            "themes",
            "lead_agency",
            "lead_officer_role",
            "supporting_agencies",
            "status",
            "progress_note",
            "evidence",
            "completed_on",
            "embedded_on",
            "target_date",
            "target_date_change_reason",
        ]


class BulkStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(s.value, status_words(s)) for s in Status], label="New status"
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        label="Note for this change",
        help_text="Recorded in each action's history.",
        error_messages={"required": "Add a note saying why the status changed."},
    )


ACTION_WHAT = (
    "The action",
    {"fields": ["review", "reference", "recommendation", "description", "themes"]},
)
ACTION_WHO = ("Who", {"fields": ["lead_agency", "lead_officer_role", "supporting_agencies"]})
# What an imported tracker said that no field keeps: read here, never typed.
ACTION_TRACKER = (
    "From the imported tracker",
    {"fields": ["timescale_as_written", "tracker_columns"], "classes": ["collapse"]},
)
ACTION_DATES = (
    "Dates",
    {
        "fields": [
            ("target_date", "original_target_date"),
            "target_date_change_reason",
            "updated_at",
            "version",
        ]
    },
)
# A new action is described first. An existing one is opened to record where it has got to, so
# its status, the note for the change and the evidence come first.
ACTION_ADD_FIELDSETS = [
    ACTION_WHAT,
    ACTION_WHO,
    (
        "Status",
        {
            "fields": [
                "status",
                "change_note",
                "progress_note",
                "evidence",
                ("completed_on", "embedded_on"),
            ]
        },
    ),
    ACTION_DATES,
]
ACTION_CHANGE_FIELDSETS = [
    (
        "Status",
        {
            "fields": [
                "status",
                "change_note",
                "evidence",
                "progress_note",
                ("completed_on", "embedded_on"),
            ]
        },
    ),
    ACTION_DATES,
    ACTION_WHAT,
    ACTION_WHO,
    ACTION_TRACKER,
]


@admin.register(Action)
class ActionAdmin(ErrorSummaryAdmin, TickedRowsAdmin, SimpleHistoryAdmin):
    form = ActionAdminForm
    formfield_overrides = DATE_FIELDS
    list_display = [
        "reference",
        "review",
        "short_description",
        "lead_agency",
        "status_label",
        "target_date",
        "overdue",
    ]
    list_display_links = ["reference", "short_description"]
    list_filter = ["status", "review", "lead_agency", "themes", OverdueFilter]
    list_select_related = ["review", "lead_agency"]
    search_fields = [
        "reference",
        "description",
        "recommendation",
        "lead_officer_role",
        "progress_note",
        "review__name",
    ]
    list_per_page = 50
    filter_horizontal = ["themes", "supporting_agencies"]
    readonly_fields = [
        "original_target_date",
        "updated_at",
        "timescale_as_written",
        "tracker_columns",
    ]
    actions = ["set_status"]
    history_list_display = ["status", "target_date"]

    def get_fieldsets(self, request, obj=None):
        return ACTION_CHANGE_FIELDSETS if obj else ACTION_ADD_FIELDSETS

    def get_urls(self):
        from .admin_import import import_urls  # "Import a tracker", before the object URLs

        return import_urls(self) + super().get_urls()

    @admin.display(description="action")
    def short_description(self, action):
        text = action.description
        return text if len(text) <= 90 else f"{text[:87]}…"

    @admin.display(description="status", ordering="status")
    def status_label(self, action):
        return format_html(
            '<strong class="app-admin-tag app-admin-tag--{}">{}</strong>',
            action.status,
            status_words(action.status),
        )

    def get_queryset(self, request):
        return super().get_queryset(request).with_flags(timezone.localdate())

    @admin.display(description="overdue", ordering="is_overdue")
    def overdue(self, action):
        if action.is_overdue:
            return format_html('<strong class="app-admin-overdue">{}</strong>', "Yes")
        return "No"

    def save_model(self, request, obj, form, change):
        """Saved in save_related, with its themes and agencies, as one history entry."""

    def save_related(self, request, form, formsets, change):
        note = form.cleaned_data.get("change_note", "") or ("" if change else "Action added")
        services.action_save(
            action=form.instance,
            user=request.user,
            note=note,
            themes=form.cleaned_data["themes"],
            supporting_agencies=form.cleaned_data["supporting_agencies"],
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        return read_only_history(request) or super().history_form_view(
            request, object_id, version_id, extra_context
        )

    @admin.action(description="Set the status of the selected actions…", permissions=["change"])
    def set_status(self, request, queryset):
        queryset = queryset.select_related("review")
        form = BulkStatusForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            try:
                changed = services.actions_set_status(
                    actions=list(queryset),
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, ["Nothing was changed. Fix these first:", *error.messages])
            else:
                self.message_user(
                    request,
                    f"Status set to {status_words(form.cleaned_data['status'])} "
                    f"on {len(changed)} action{'s' if len(changed) != 1 else ''}.",
                    messages.SUCCESS,
                )
                return None
        fields = helpers.AdminForm(form, [(None, {"fields": list(form.fields)})], {})
        return TemplateResponse(
            request,
            "admin/reviews/action/set_status.html",
            {
                **self.admin_site.each_context(request),
                "title": "Set the status of the selected actions",
                "form": form,
                "adminform": fields,
                "error_summary": error_summary([(fields, "")]) if form.errors else [],
                # Read again: a refused change has been rolled back, but not in these objects.
                "actions_selected": queryset.all(),
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(CommitteeMeeting)
class CommitteeMeetingAdmin(ErrorSummaryAdmin, AuditTrailAdmin):
    list_display = ["date", "committee", "title"]
    history_list_display = ["date", "title"]
    date_hierarchy = "date"
    formfield_overrides = DATE_FIELDS

    def save_model(self, request, obj, form, change):
        services.meeting_save(
            meeting=obj, user=request.user, note=form.cleaned_data.get("change_note", "")
        )

    def get_changeform_initial_data(self, request):
        return {
            "committee": settings.COMMITTEE_NAME,
            **super().get_changeform_initial_data(request),
        }
