"""The committee report as an accessible PDF (tagged PDF/UA), made with WeasyPrint."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def render_report_pdf(context):
    """The report's PDF: A4, titled, in English, tagged so that screen readers can read it."""
    from weasyprint import CSS, HTML  # imported here: it loads Pango, which only the PDF needs

    html = render_to_string("reports/report_pdf.html", context)
    stylesheet = CSS(filename=finders.find("css/report.css"))
    return HTML(string=html, base_url=None).write_pdf(
        stylesheets=[stylesheet], pdf_variant="pdf/ua-1", uncompressed_pdf=False
    )
