"""The audits' page: every audit as at a day, with its grades, findings and actions."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from as_at.history import as_at_context

from . import selectors

VIEW_PERMISSION = "audits.view_audit"


@require_safe
@permission_required(VIEW_PERMISSION, raise_exception=True)
def audit_list(request):
    context = as_at_context(request)
    audits = selectors.audits_overview(as_at=context["as_at"])
    context |= {
        "audits": audits,
        "summary": selectors.audits_summary(audits),
    }
    status = 400 if context["as_at_error"] else 200
    return render(request, "audits/audit_list.html", context, status=status)
