"""The partnership's yearly report (HTML that prints, and a tagged PDF) for a twelve-month year,
and the independent scrutineer's page for writing its assessment."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from reports import papers
from reports.pdf import render_pdf
from reviews.views import committee_page

from . import services
from .forms import AssessmentForm, parse_year
from .models import YearlyReport
from .selectors import yearly_report

WRITE_PERMISSION = "yearly.write_assessment"


def _year_or_error(request):
    return parse_year(
        request.GET.get("year", ""),
        start=request.GET.get("from", ""),
        today=timezone.localdate(),
    )


def _refused(request, raw, error):
    context = {"year_error": error, "year_raw": raw[:40]}
    return render(request, "yearly/year_error.html", context, status=400)


def _context(year):
    return yearly_report(year.start) | {
        "partnership_name": settings.PARTNERSHIP_NAME,
        "produced_at": timezone.localtime(),
        "year_query": f"?{year.query}",
    }


@committee_page
def report(request):
    year, error = _year_or_error(request)
    if error:
        return _refused(request, request.GET.get("year", "") or request.GET.get("from", ""), error)
    context = _context(year)
    context["pdf_url"] = reverse("yearly:report-pdf") + context["year_query"]
    context["may_write_assessment"] = request.user.has_perm(WRITE_PERMISSION)
    return render(request, "yearly/report.html", context)


@committee_page
def report_pdf(request):
    """The yearly report's PDF, made once for unchanged records (reports.papers)."""
    key = papers.paper_key("yearly report", (request.GET.get(n, "") for n in ("year", "from")))
    if found := papers.kept(key):
        return papers.pdf_response(*found)
    year, error = _year_or_error(request)
    if error:
        return HttpResponse(f"{error}\n", status=400, content_type="text/plain; charset=utf-8")
    pdf, filename = (
        render_pdf("yearly/report_pdf.html", _context(year)),
        f"yearly-report-{year.slug}.pdf",
    )
    papers.keep(key, pdf, filename)
    return papers.pdf_response(pdf, filename)


def _assessment_history(report):
    """The assessment's recorded changes, newest first: when, who and the note."""
    if report is None:
        return []
    entries, before = [], ""
    records = report.history.select_related("history_user").order_by("history_date", "history_id")
    for record in records:
        if record.scrutineer_assessment != before:
            user = record.history_user
            entries.append(
                {
                    "when": record.history_date,
                    "who": (user.get_full_name() or user.username) if user else "",
                    "note": record.history_change_reason or "",
                }
            )
        before = record.scrutineer_assessment
    return entries[::-1]


@permission_required(WRITE_PERMISSION, raise_exception=True)
def assessment(request):
    """The scrutineer writes (or rewrites) the year's assessment: POST, then back to this page
    with a banner."""
    if request.method not in ("GET", "HEAD", "POST"):
        response = HttpResponse("Use the form on this page.\n", status=405)
        response["Allow"] = "GET, HEAD, POST"
        return response
    year, error = _year_or_error(request)
    if error:
        return _refused(request, request.GET.get("year", "") or request.GET.get("from", ""), error)
    report = YearlyReport.objects.filter(starts_on=year.start).first()
    status = 200
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            report = report or YearlyReport(starts_on=year.start)
            report.scrutineer_assessment = form.cleaned_data["scrutineer_assessment"]
            services.report_save(
                report,
                user=request.user,
                note=form.cleaned_data["note"] or "Assessment written",
            )
            messages.success(request, f"Your assessment for {year.label} has been saved.")
            return redirect(reverse("yearly:assessment") + f"?{year.query}")
        status = 400
    else:
        form = AssessmentForm(
            initial={"scrutineer_assessment": report.scrutineer_assessment if report else ""}
        )
    context = {
        "year": year,
        "form": form,
        "history": _assessment_history(report),
        "report_url": reverse("yearly:report") + f"?{year.query}",
    }
    return render(request, "yearly/assessment.html", context, status=status)
