"""The challenge log's pages: the log as at any day, one challenge with its history, and the
forms that put a challenge, record its response, and close or reopen it. Who may do what is
challenges.rules'; every change goes through challenges.services.challenge_save with its note."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from as_at.history import as_at_context

from . import rules, selectors, services
from .forms import CloseForm, LogFilters, RaiseForm, ReopenForm, RespondForm
from .models import Challenge, ChallengeStatus

VIEW_PERMISSION = "challenges.view_challenge"


def challenge_page(view):
    """A read-only page for whoever may read the log: the committee, managers, leads and the
    scrutineer."""
    return require_safe(permission_required(VIEW_PERMISSION, raise_exception=True)(view))


@challenge_page
def challenge_list(request):
    context = as_at_context(request)
    as_at = context["as_at"]
    agencies = selectors.agencies_asked()
    form = LogFilters(request.GET or None, agencies=agencies)
    valid = not form.is_bound or form.is_valid()
    data = form.cleaned_data if form.is_bound and valid else {}
    rows = (
        selectors.challenge_log(
            as_at=as_at, status=data.get("status") or None, agency=data.get("agency")
        )
        if valid
        else []
    )
    context |= {
        "filter_form": form,
        "rows": rows,
        "counts": selectors.log_counts(rows),
        "filtered": bool(data.get("status") or data.get("agency")),
        "may_raise": rules.may_raise(request.user),
    }
    status = 400 if context["as_at_error"] or not valid else 200
    return render(request, "challenges/challenge_list.html", context, status=status)


def render_challenge(request, challenge, *, forms=None, stale=None, status=200):
    """A challenge's page, with the forms the user may use on it (those given, as typed)."""
    today = timezone.localdate()
    row = selectors.row_of(challenge, today)
    version = selectors.version_of(challenge)
    shown = {}
    if row.is_open and rules.may_respond(request.user, challenge):
        initial = {"response": challenge.response, "version": version}
        if challenge.responded_on:
            initial["responded_on"] = f"{challenge.responded_on:%Y-%m-%d}"
        shown["respond_form"] = RespondForm(initial=initial)
    if rules.may_close(request.user):
        if row.is_open:
            shown["close_form"] = CloseForm(initial={"version": version})
        else:
            shown["reopen_form"] = ReopenForm(initial={"version": version})
    for name, form in (forms or {}).items():
        if name in shown:
            shown[name] = form
    errors = [form for form in (forms or {}).values() if form.errors]
    context = {
        "challenge": row,
        "history": selectors.challenge_history(challenge),
        "stale": stale,
        "form_errors": errors[0] if errors else None,
        **shown,
    }
    return render(request, "challenges/challenge_detail.html", context, status=status)


def get_challenge(pk, *, lock=False):
    rows = Challenge.objects.select_related("agency")
    try:
        # Only the challenge's own row is locked: PostgreSQL locks no row of an outer join's
        # nullable side (the agency a challenge to a group has not).
        return (rows.select_for_update(of=("self",)) if lock else rows).get(pk=pk)
    except Challenge.DoesNotExist:
        raise Http404("No such challenge") from None


@challenge_page
def challenge_detail(request, pk):
    return render_challenge(request, get_challenge(pk))


def add_errors(form, error):
    problems = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for field, words in problems.items():
        form.add_error(field if field in form.fields else None, words)


@require_http_methods(["GET", "HEAD", "POST"])
def challenge_add(request):
    """Put a challenge: the scrutineer's form (managers may too, as in the admin)."""
    if not rules.may_raise(request.user):
        raise PermissionDenied
    if request.method != "POST":
        form = RaiseForm(initial={"raised_on": f"{timezone.localdate():%Y-%m-%d}"})
        return render(request, "challenges/challenge_add.html", {"form": form})
    form = RaiseForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        challenge = Challenge(
            raised_on=data["raised_on"],
            question=data["question"],
            agency=data["agency"],
            group=data["group"],
            raised_by=request.user,
        )
        try:
            services.challenge_save(challenge, user=request.user, note="Challenge put")
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Your challenge to {challenge.asked} has been recorded.")
            return redirect("challenges:challenge-detail", pk=challenge.pk)
    return render(request, "challenges/challenge_add.html", {"form": form}, status=400)


def change(request, pk, *, form_name, form_class, may, apply, done):
    """A change to a challenge from one of its page's forms: refused (403) unless `may`; the
    answers checked; refused (409) if the challenge changed since the form was opened; else
    `apply(challenge, data)` gives the note, saved through challenge_save, and the page again
    with `done` as its banner."""
    form = form_class(request.POST)
    with transaction.atomic():
        challenge = get_challenge(pk, lock=True)
        if not may(challenge):
            raise PermissionDenied
        if not form.is_valid():
            return render_challenge(request, challenge, forms={form_name: form}, status=400)
        data = form.cleaned_data
        if data["version"] != selectors.version_of(challenge):
            stale = selectors.changes_since(challenge, data["version"])
            # Keep what they typed, against the challenge as it is now, so that a second save
            # (after reading what changed) goes through.
            answers = request.POST.copy()
            answers["version"] = selectors.version_of(challenge)
            retry = form_class(answers)
            retry.is_valid()
            return render_challenge(
                request, challenge, forms={form_name: retry}, stale=stale, status=409
            )
        try:
            with transaction.atomic():
                note = apply(challenge, data)
                services.challenge_save(challenge, user=request.user, note=note)
        except ValidationError as error:
            add_errors(form, error)
            challenge = get_challenge(pk)
            return render_challenge(request, challenge, forms={form_name: form}, status=400)
    messages.success(request, done)
    return redirect("challenges:challenge-detail", pk=pk)


def refuse_unless(allowed):
    """Refuse (403) before reading anything a user without `allowed(user)` may not use."""

    def decorator(view):
        def checked(request, *args, **kwargs):
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return checked

    return decorator


def closed_refused(challenge):
    if challenge.status != ChallengeStatus.OPEN:
        raise ValidationError("The challenge is closed: reopen it to change the response.")


@refuse_unless(lambda user: user.has_perm("challenges.respond_challenge"))
@require_POST
def challenge_respond(request, pk):
    def apply(challenge, data):
        closed_refused(challenge)
        challenge.response, challenge.responded_on = data["response"], data["responded_on"]
        return "Response recorded"

    return change(
        request,
        pk,
        form_name="respond_form",
        form_class=RespondForm,
        may=lambda challenge: rules.may_respond(request.user, challenge),
        apply=apply,
        done="The response has been recorded.",
    )


@refuse_unless(rules.may_close)
@require_POST
def challenge_close(request, pk):
    def apply(challenge, data):
        if challenge.status != ChallengeStatus.OPEN:
            raise ValidationError("The challenge is already closed.")
        challenge.status = ChallengeStatus.CLOSED
        challenge.closing_note, challenge.closed_on = data["closing_note"], data["closed_on"]
        return f"Challenge closed: {data['closing_note']}"

    return change(
        request,
        pk,
        form_name="close_form",
        form_class=CloseForm,
        may=lambda challenge: True,
        apply=apply,
        done="The challenge has been closed.",
    )


@refuse_unless(rules.may_close)
@require_POST
def challenge_reopen(request, pk):
    def apply(challenge, data):
        if challenge.status != ChallengeStatus.CLOSED:
            raise ValidationError("The challenge is already open.")
        challenge.status, challenge.closing_note, challenge.closed_on = (
            ChallengeStatus.OPEN,
            "",
            None,
        )
        return f"Challenge reopened: {data['reason']}"

    return change(
        request,
        pk,
        form_name="reopen_form",
        form_class=ReopenForm,
        may=lambda challenge: True,
        apply=apply,
        done="The challenge has been reopened.",
    )
