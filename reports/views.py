"""The committee's papers: the report (HTML and PDF) as at any date, compared with the meeting
before, and the list of meetings with the report as at each."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django_tables2 import RequestConfig

from as_at.history import as_at_context, parse_as_at
from audits import selectors as audit_selectors
from challenges import selectors as challenge_selectors
from dataset.selectors import dataset_summary
from dataset.views import rating_key
from learning import selectors as learning_selectors
from priorities import selectors as priority_selectors
from reviews import selectors
from reviews.context_processors import service
from reviews.models import CommitteeMeeting, ReviewKind
from reviews.views import committee_page

from . import papers
from .pdf import render_report_pdf
from .tables import MeetingTable

LEAST_REACHED_IN_REPORT = 5


def report_context(request, *, as_at=None, meeting=None):
    """The report's dates: `as_at` (default today) and `since` (default the meeting before
    `as_at`, or three months before it when there was none), with any problem with them."""
    context = as_at_context(request) if as_at is None else {
        "as_at": as_at, "as_at_error": "", "viewing_past": as_at < timezone.localdate(),
        "as_at_query": "",
    }  # fmt: skip
    as_at = context["as_at"]
    previous = selectors.meetings_before(as_at).first()
    since, since_error = (previous.date if previous else as_at - timedelta(days=91)), ""
    raw = request.GET.get("since", "").strip()
    if raw:
        day, since_error = parse_as_at(raw, today=timezone.localdate())
        if day and day >= as_at:
            since_error = "The date to compare with must be before the report’s date."
        elif day:
            since = day
    context |= selectors.committee_report(as_at=as_at, since=since)
    context["dataset"] = dataset_summary(as_at=as_at) | {"rating_key": rating_key()}
    # The summary counts the audits apart from the other reviews.
    context["audit_reviews"] = sum(1 for r in context["reviews"] if r.kind == ReviewKind.AUDIT)
    context["other_reviews"] = len(context["reviews"]) - context["audit_reviews"]
    context["timeline"] = selectors.statutory_timeline(as_at=as_at)
    context["priorities"] = priority_selectors.priorities_report(as_at)
    context["challenges"] = challenge_selectors.open_challenges(as_at)
    audits = audit_selectors.audits_overview(as_at=as_at)
    context["audits"] = {"list": audits, "summary": audit_selectors.audits_summary(audits)}
    programme = learning_selectors.programme(as_at=as_at)
    context["learning"] = {
        "totals": programme.totals,
        "least_reached": programme.agencies[:LEAST_REACHED_IN_REPORT],
        "reviews": programme.reviews,
        "overdue": [row for row in programme.rows if row.follow_up_overdue],
    }
    return (
        context
        | service(request)
        | {
            "meeting": meeting,
            "previous_meeting": previous if since == getattr(previous, "date", None) else None,
            "since_error": since_error,
            "produced_at": timezone.localtime(),
            "committee_name": settings.COMMITTEE_NAME,
            "partnership_name": settings.PARTNERSHIP_NAME,
        }
    )


def report_query(context):
    return f"?as_at={context['as_at']:%Y-%m-%d}&since={context['since']:%Y-%m-%d}"


@committee_page
def report(request):
    context = report_context(request)
    context["pdf_url"] = reverse("reports:report-pdf") + report_query(context)
    status = 400 if context["as_at_error"] or context["since_error"] else 200
    return render(request, "reports/report.html", context, status=status)


@committee_page
def report_pdf(request):
    """The committee report's PDF, made once for unchanged records (reports.papers)."""
    key = papers.paper_key("committee report", (request.GET.get(n, "") for n in PDF_ASKED))
    if found := papers.kept(key):
        return papers.pdf_response(*found)
    context = report_context(request)
    if context["as_at_error"] or context["since_error"]:
        message = context["as_at_error"] or context["since_error"]
        return HttpResponseBadRequest(f"{message}\n", content_type="text/plain; charset=utf-8")
    filename = f"committee-report-{context['as_at']:%Y-%m-%d}.pdf"
    pdf = render_report_pdf(context)
    papers.keep(key, pdf, filename)
    return papers.pdf_response(pdf, filename)


# What the report's address may ask for: what it shows depends on these (and on today).
PDF_ASKED = ("as_at", "since")


@committee_page
def meeting_list(request):
    table = MeetingTable(CommitteeMeeting.objects.order_by("-date"))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "reports/meeting_list.html", {"table": table})


@committee_page
def meeting_detail(request, pk):
    meeting = get_object_or_404(CommitteeMeeting, pk=pk)
    as_at = min(meeting.date, timezone.localdate())
    context = report_context(request, as_at=as_at, meeting=meeting)
    context["pdf_url"] = reverse("reports:report-pdf") + report_query(context)
    status = 400 if context["since_error"] else 200
    return render(request, "reports/report.html", context, status=status)
