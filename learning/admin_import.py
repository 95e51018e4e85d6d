"""The admin's "Import sessions spreadsheet" page: upload the training log, see what importing it
would do, confirm.

As the dataset's import page (dataset/admin_import.py): between the preview and the confirmation
the file is kept in the database (SessionUpload), under a random token, so that whichever server
answers the confirmation finds it; the confirmation carries only a signed note of the token and
the uploader's id, valid for an hour and for that person only. Confirming reads the file again,
because the sessions may have changed since the preview. An upload is deleted once confirmed,
and any left behind are deleted after a day.
"""

import secrets
from functools import partial

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone

from reviews.admin_import import LEFT_BEHIND, PREVIEW_MAX_AGE, TOKEN
from spreadsheets.reading import MAX_FILE_BYTES, Refused

from .imports import learning_import
from .models import SessionUpload

SALT = "learning.admin_import"
# Importing creates sessions and their agencies' places, and changes and removes places.
PERMISSIONS = [
    "learning.add_learningsession",
    "learning.change_learningsession",
    "learning.add_sessionagency",
    "learning.change_sessionagency",
]
TITLE = "Import sessions spreadsheet"


class SessionImportForm(forms.Form):
    file = forms.FileField(
        label="Sessions spreadsheet",
        help_text="An Excel workbook (.xlsx) or a CSV file, up to 10 MB.",
        error_messages={"required": "Choose the sessions spreadsheet to import."},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
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
    view = model_admin.admin_site.admin_view(partial(import_view, model_admin=model_admin))
    view.login_url = reverse_lazy("admin:login")  # signed out: sign in on the admin's page
    return [path("import/", view, name="learning_learningsession_import")]


def import_view(request, model_admin):
    if not request.user.has_perms(PERMISSIONS):
        raise PermissionDenied(
            "Only people who may add and change sessions and their agencies' places may import "
            "them."
        )
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if request.method == "POST" and "confirmation" in request.POST:
        return confirm(request, model_admin)
    form = SessionImportForm(request.POST, request.FILES) if request.method == "POST" else None
    context = {"form": form or SessionImportForm(), "result": None, "confirmation": None}
    if form is not None and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            result = learning_import(
                data=data, file_name=upload.name, user=request.user, dry_run=True
            )
        except Refused as refused:
            form.add_error("file", str(refused))
        else:
            context["result"] = result
            if result.ok and result.changes_anything:
                context["confirmation"] = keep_upload(data, name=upload.name, user=request.user)
    return render(request, model_admin, context)


def confirm(request, model_admin):
    upload = read_note(request)
    if upload is None:
        problem = (
            "This preview has expired or is not valid, so nothing was imported. Upload the "
            "file again."
        )
        return render(request, model_admin, {"problem": problem}, status=400)
    name = upload.file_name
    try:
        result = learning_import(data=bytes(upload.data), file_name=name, user=request.user)
    except Refused as refused:
        return render(request, model_admin, {"problem": str(refused)}, status=400)
    finally:
        upload.delete()  # used once, whatever came of it
    if not result.ok:
        problem = (
            "The sessions changed after the preview, and the file no longer imports as it "
            "did, so nothing was imported. Fix the problems below and upload it again."
        )
        return render(request, model_admin, {"result": result, "problem": problem})
    counts = result.counts
    messages.success(
        request,
        f"Imported {name}: {counts['created']} sessions created, {counts['updated']} updated "
        f"and {counts['unchanged']} unchanged; agencies' places: {counts['places_added']} "
        f"added, {counts['places_changed']} changed and {counts['places_removed']} removed. "
        f"Each change is in the history as “Imported from {name}”.",
    )
    return HttpResponseRedirect(reverse("admin:learning_learningsession_changelist"))


def keep_upload(data, *, name, user):
    """Keep the file for the confirmation; the signed note that finds it again. A new upload
    replaces the uploader's earlier one, and any left unconfirmed for a day are deleted."""
    SessionUpload.objects.filter(created_at__lt=timezone.now() - LEFT_BEHIND).delete()
    SessionUpload.objects.filter(user=user).delete()
    upload = SessionUpload.objects.create(
        token=secrets.token_urlsafe(24), user=user, file_name=name[:255], data=data
    )
    return signing.dumps({"file": upload.token, "user": user.pk}, salt=SALT)


def read_note(request):
    """The upload a confirmation's signed note names, if the note is valid, recent and this
    user's, and the upload still there; else None."""
    try:
        note = signing.loads(
            request.POST.get("confirmation", ""), salt=SALT, max_age=PREVIEW_MAX_AGE
        )
    except signing.BadSignature:  # altered, or expired
        return None
    if not isinstance(note, dict) or note.get("user") != request.user.pk:
        return None
    if not TOKEN.fullmatch(str(note.get("file"))):
        return None
    return SessionUpload.objects.filter(token=note["file"], user=request.user).first()


def render(request, model_admin, context, *, status=200):
    context = {"form": SessionImportForm(), "result": None, "confirmation": None} | context
    result = context["result"]
    errors = context["form"].errors or context.get("problem") or (result and not result.ok)
    return TemplateResponse(
        request,
        "admin/learning/import.html",
        {
            **model_admin.admin_site.each_context(request),
            **context,
            "title": TITLE,
            "has_errors": bool(errors),
            "opts": model_admin.model._meta,
        },
        status=status,
    )
