"""The admin's "Import a tracker" page: upload a file, see what the import would do, confirm.

Between the preview and the confirmation the uploaded file is kept in the database (PendingImport),
under a random token, so that whichever server answers the confirmation finds it. The confirmation
form carries only a signed note of that token, the file's own name, the options and the uploader's
id: nobody can confirm another
person's upload, an altered note is refused, and a preview older than an hour must be uploaded
again. Confirming checks every row again, because the actions may have changed since the preview.
An upload is deleted once confirmed, and any left behind are deleted after a day.
"""

import re
import secrets
from datetime import timedelta
from functools import partial

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone

from .imports import MAX_FILE_BYTES, Refused, tracker_import
from .imports.reading import COLUMNS, KEEP
from .imports.service import Choices, column_meaning
from .imports.template import tracker_template
from .models import Agency, PendingImport, Review, Status, status_words

PREVIEW_MAX_AGE = 60 * 60  # seconds
LEFT_BEHIND = timedelta(days=1)  # an upload never confirmed is deleted after this
SALT = "reviews.admin_import"
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tracker file",
        help_text="An Excel workbook (.xlsx) or a CSV file, up to 10 MB.",
        error_messages={"required": "Choose the tracker file to import."},
        # The file chooser offers spreadsheets first; anything else is still read and refused
        # with the reason.
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    review = forms.ModelChoiceField(
        Review.objects.all(),
        required=False,
        empty_label="The file names the review",
        label="Review",
        help_text="Only needed if the file does not say which review its actions are for (in a "
        "Review column, the sheet’s name or a title row).",
    )
    create_agencies = forms.BooleanField(
        required=False,
        label="Add any agency the file names that is not known yet",
        help_text="Otherwise a row naming an unknown agency is an error. Only what is read as "
        "an agency is added, never an officer’s role or a group.",
    )
    blank_status = forms.ChoiceField(
        choices=[(status.value, status_words(status)) for status in Status],
        initial=Status.RED,
        required=False,
        label="Status of a new action whose row gives none",
    )
    lead_agency = forms.ModelChoiceField(
        Agency.objects.all(),
        required=False,
        empty_label="None: such a row is an error",
        label="Lead agency of actions whose row names none",
        help_text="For a plan with no agency column, or one that names a group or a role "
        "(“Training subgroup”): that text becomes the action’s lead officer.",
    )

    def choices(self, columns=None):
        data = self.cleaned_data
        return Choices(
            columns=columns or {},
            blank_status=data.get("blank_status") or Status.RED,
            lead_agency=data.get("lead_agency"),
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}: the largest file that can be "
                f"imported is {filesizeformat(MAX_FILE_BYTES)}."
            )
        return upload


def import_urls(model_admin):
    def wrap(view):
        wrapped = model_admin.admin_site.admin_view(view)
        # Like the admin site's own pages: someone signed out signs in on the admin's page.
        wrapped.login_url = reverse_lazy("admin:login")
        return wrapped

    return [
        path(
            "import/",
            wrap(partial(import_view, model_admin=model_admin)),
            name="reviews_action_import",
        ),
        path(
            "import/template.xlsx",
            wrap(partial(template_view, model_admin=model_admin)),
            name="reviews_action_import_template",
        ),
    ]


def check_permission(request, model_admin):
    if not (model_admin.has_add_permission(request) and model_admin.has_change_permission(request)):
        raise PermissionDenied("Only people who may add and change actions may import them.")


def template_view(request, model_admin):
    check_permission(request, model_admin)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    response = HttpResponse(tracker_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="action-plan-template.xlsx"'
    return response


def import_view(request, model_admin):
    check_permission(request, model_admin)
    context = {"form": ImportForm(), "result": None, "confirmation": None, "problem": ""}
    if request.method == "POST" and "confirmation" in request.POST:
        return confirm(request, model_admin)
    if request.method == "POST" and "rechoose" in request.POST:
        return rechoose(request, model_admin)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            review = form.cleaned_data["review"]
            create_agencies = form.cleaned_data["create_agencies"]
            choices = form.choices()
            try:
                result = tracker_import(
                    data=data,
                    file_name=upload.name,
                    user=request.user,
                    review=review,
                    create_agencies=create_agencies,
                    dry_run=True,
                    choices=choices,
                )
            except Refused as refused:
                form.add_error("file", str(refused))
            else:
                note = keep_upload(
                    data,
                    name=upload.name,
                    user=request.user,
                    review=review,
                    create_agencies=create_agencies,
                    choices=choices,
                )
                context |= preview_context(result, note, choices)
    # A form with errors is answered 200, as the admin's own forms are.
    return render(request, model_admin, context)


def preview_context(result, note, choices):
    """The preview's parts: the result, the columns as read with the meanings a manager may
    choose instead, and the confirmation where there is something to import."""
    meanings = [(name, label) for name, (label, _) in COLUMNS.items()]
    meanings += [(KEEP, "No field: kept with each action"), ("ignore", "Ignore")]
    importable = result.ok and (result.counts["new"] or result.counts["updated"])
    return {
        "result": result,
        "confirmation": note if importable else None,
        "choices_note": note,
        "meanings": meanings,
        "choices": choices,
        "statuses": [(status.value, status_words(status)) for status in Status],
        "agencies": Agency.objects.order_by("name"),
    }


def rechoose(request, model_admin):
    """The preview again, with the meanings and defaults the manager chose on it."""
    note = read_note(request, field="rechoose")
    if note is None:
        context = {
            "form": ImportForm(),
            "result": None,
            "confirmation": None,
            "problem": "This preview has expired or is not valid. Upload the file again.",
        }
        return render(request, model_admin, context, status=400)
    pending = note["pending"]
    columns = {}
    for index in range(int_or_zero(request.POST.get("columns"))):
        heading = request.POST.get(f"heading-{index}", "")
        meaning = request.POST.get(f"column-{index}", "")
        if not heading:
            continue
        try:
            columns[heading] = column_meaning(meaning)
        except ValueError:
            continue  # not one of the choices offered: left as read
    agency = Agency.objects.filter(pk=int_or_zero(request.POST.get("lead_agency"))).first()
    blank = request.POST.get("blank_status")
    choices = Choices(
        columns=columns,
        blank_status=blank if blank in Status.values else Status.RED,
        lead_agency=agency,
    )
    pending.choices = choices.as_data()
    pending.save(update_fields=["choices"])
    try:
        result = tracker_import(
            data=bytes(pending.data),
            file_name=pending.file_name,
            user=request.user,
            review=pending.review,
            create_agencies=pending.create_agencies,
            dry_run=True,
            choices=choices,
        )
    except Refused as refused:
        context = {"form": ImportForm(), "result": None, "confirmation": None, "problem": refused}
        return render(request, model_admin, context)
    context = {"form": ImportForm(), "problem": ""} | preview_context(
        result, request.POST["rechoose"], choices
    )
    return render(request, model_admin, context)


def int_or_zero(value):
    try:
        return max(0, min(int(value), 1000))
    except (TypeError, ValueError):
        return 0


def confirm(request, model_admin):
    note = read_note(request)
    if note is None:
        context = {
            "form": ImportForm(),
            "result": None,
            "confirmation": None,
            "problem": "This preview has expired or is not valid, so nothing was imported. "
            "Upload the file again.",
        }
        return render(request, model_admin, context, status=400)
    pending, name = note["pending"], note["pending"].file_name
    try:
        result = tracker_import(
            data=bytes(pending.data),
            file_name=name,
            user=request.user,
            review=pending.review,
            create_agencies=pending.create_agencies,
            choices=Choices.from_data(pending.choices),
        )
    except Refused as refused:
        context = {"form": ImportForm(), "result": None, "confirmation": None, "problem": refused}
        return render(request, model_admin, context, status=400)
    finally:
        pending.delete()  # used once, whatever came of it
    if not result.ok:
        context = {
            "form": ImportForm(),
            "result": result,
            "confirmation": None,
            "problem": "The actions changed after the preview, and the file no longer imports "
            "as it did, so nothing was imported. Fix the problems below and upload it again.",
        }
        return render(request, model_admin, context)
    counts = result.counts
    messages.success(
        request,
        f"Imported {name}: {counts['new']} new, {counts['updated']} updated and "
        f"{counts['unchanged']} unchanged actions. Each change is in its action’s history as "
        f"“Imported from {name}”.",
    )
    return HttpResponseRedirect(reverse("admin:reviews_action_changelist"))


def keep_upload(data, *, name, user, review, create_agencies, choices):
    """Keep the file for the confirmation, in the database so that whichever server answers the
    confirmation finds it; the signed note that finds it again. Files left unconfirmed for a day
    are deleted then."""
    PendingImport.objects.filter(created_at__lt=timezone.now() - LEFT_BEHIND).delete()
    # A new upload replaces the uploader's earlier preview, which can no longer be confirmed.
    PendingImport.objects.filter(user=user).delete()
    pending = PendingImport.objects.create(
        token=secrets.token_urlsafe(24),
        user=user,
        file_name=name[:255],
        data=data,
        review=review,
        create_agencies=create_agencies,
        choices=choices.as_data(),
    )
    return signing.dumps({"file": pending.token, "user": user.pk}, salt=SALT)


def read_note(request, field="confirmation"):
    """The signed note of a kept upload, if it is valid, recent and this user's, with the upload
    (`pending`), which must still be there."""
    try:
        note = signing.loads(request.POST.get(field, ""), salt=SALT, max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:  # altered, or expired
        return None
    if not isinstance(note, dict) or note.get("user") != request.user.pk:
        return None
    if not TOKEN.fullmatch(str(note.get("file"))):
        return None
    pending = (
        PendingImport.objects.filter(token=note["file"], user=request.user)
        .select_related("review")
        .first()
    )
    return None if pending is None else note | {"pending": pending}


def render(request, model_admin, context, *, status=200):
    opts = model_admin.model._meta
    result = context["result"]
    errors = bool(context["form"].errors or context["problem"] or (result and not result.ok))
    return TemplateResponse(
        request,
        "admin/reviews/import.html",
        {
            **model_admin.admin_site.each_context(request),
            **context,
            "title": "Import a tracker",
            "has_errors": errors,
            "opts": opts,
            "template_url": reverse("admin:reviews_action_import_template"),
        },
        status=status,
    )
