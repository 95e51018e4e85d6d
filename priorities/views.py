"""The delivery plan's pages: the current and upcoming plans' priorities with their roll-ups, and
one priority with everything it links and its progress notes, as at any day."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from as_at.history import as_at_context

from . import selectors

VIEW_PERMISSION = "priorities.view_priority"


def priorities_page(view):
    """A read-only page for whoever may read the plans: the committee, managers, leads and the
    independent scrutineers."""
    return require_safe(permission_required(VIEW_PERMISSION, raise_exception=True)(view))


@priorities_page
def priority_list(request):
    context = as_at_context(request)
    context["overview"] = selectors.priorities_overview(as_at=context["as_at"])
    status = 400 if context["as_at_error"] else 200
    return render(request, "priorities/priority_list.html", context, status=status)


@priorities_page
def priority_detail(request, slug):
    context = as_at_context(request)
    detail = selectors.priority_at(as_at=context["as_at"], slug=slug)
    if detail is None:
        raise Http404("No such priority on that date")
    context |= {
        "detail": detail,
        "row": detail.row,
        "priority": detail.row.priority,
        "roll_up": detail.row.roll_up,
    }
    status = 400 if context["as_at_error"] else 200
    return render(request, "priorities/priority_detail.html", context, status=status)
