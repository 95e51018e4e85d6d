"""The committee's and the partnership's papers as accessible PDFs (tagged PDF/UA), made with
WeasyPrint."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def render_pdf(template, context):
    """A paper's PDF from its template: A4, titled, in English, tagged so that screen readers
    can read it, styled by css/report.css (the paper's own @page rules are there)."""
    from weasyprint import CSS, HTML  # imported here: it loads Pango, which only the PDF needs

    html = render_to_string(template, context)
    stylesheet = CSS(filename=finders.find("css/report.css"))
    return HTML(string=html, base_url=None).write_pdf(
        stylesheets=[stylesheet], pdf_variant="pdf/ua-1", uncompressed_pdf=False
    )


def render_report_pdf(context):
    """The committee report's PDF."""
    return render_pdf("reports/report_pdf.html", context)


def warm():
    """Make a one-page PDF with the papers' stylesheet, so that a new process's first paper is no
    slower than its later ones: WeasyPrint, Pango and the fonts load here, at start-up
    (gunicorn.conf.py's `post_worker_init`), rather than while a councillor waits."""
    render_pdf("reports/warm_pdf.html", {})
