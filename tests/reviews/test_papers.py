"""A paper's PDF is made once for the records it shows (reports.papers): asked for again with
nothing changed it is the same document, served without reading the records; after any change to
them, or on another day or for other dates, it is made afresh."""

import io

import pypdf
import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import papers
from reviews import services
from reviews.models import Action

pytestmark = pytest.mark.django_db

# Signed in (session, user, the user's and the groups' permissions), then the fingerprint.
KEPT_PDF_QUERIES = 5


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/pdf"
    return response, len(queries)


def text(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.parametrize("url", ["/report/pdf/", "/report/pdf/?as_at=2026-03-06"])
def test_the_committee_pdf_of_unchanged_records_is_served_again(committee_client, demo, url):
    first, made = get(committee_client, url)
    again, served = get(committee_client, url)
    assert again.content == first.content
    assert again["Content-Disposition"] == first["Content-Disposition"]
    assert (made > 30, served) == (True, KEPT_PDF_QUERIES)


def test_any_change_to_the_records_makes_a_new_pdf(committee_client, demo):
    first, _ = get(committee_client, "/report/pdf/")
    action = Action.objects.filter(status="amber").order_by("pk").first()
    services.action_update(
        action=action, progress_note="A note written after the first PDF.", note="Update"
    )
    again, made = get(committee_client, "/report/pdf/")
    assert made > KEPT_PDF_QUERIES
    assert "A note written after the first PDF." in text(again.content)
    assert "A note written after the first PDF." not in text(first.content)


def test_other_dates_are_another_pdf(committee_client, demo):
    today, _ = get(committee_client, "/report/pdf/")
    earlier, made = get(committee_client, f"/report/pdf/?as_at={demo[0].date:%Y-%m-%d}")
    assert made > KEPT_PDF_QUERIES and earlier.content != today.content


def test_the_yearly_pdf_of_unchanged_records_is_served_again(committee_client, demo):
    first, made = get(committee_client, "/report/yearly/pdf/?year=2025-26")
    again, served = get(committee_client, "/report/yearly/pdf/?year=2025-26")
    assert again.content == first.content and served == KEPT_PDF_QUERIES < made
    other, made = get(committee_client, "/report/yearly/pdf/?year=2024-25")
    assert made > KEPT_PDF_QUERIES and other.content != first.content


def test_a_bad_date_is_refused_and_nothing_kept(committee_client, demo):
    for _ in range(2):
        response = committee_client.get("/report/pdf/?as_at=31/02/2026", HTTP_HOST="127.0.0.1")
        assert response.status_code == 400


def test_the_fingerprint_reads_every_recorded_models_history():
    """A model given a history later is in the fingerprint without a change here."""
    recorded = {
        model.history.model
        for model in apps.get_models()
        if hasattr(model, "history") and not model.__name__.startswith("Historical")
    }
    assert set(papers.recorded_models()) == recorded
    assert len(recorded) >= 18
    with CaptureQueriesContext(connection) as queries:
        fingerprint = papers.records_fingerprint()
    assert len(queries) == 1 and len(fingerprint) == len(recorded)


def test_each_worker_loads_the_pdf_machinery_when_it_starts(monkeypatch):
    """gunicorn.conf.py's `post_worker_init` makes a one-page PDF with the papers' stylesheet, so
    that a worker's first paper is no slower than its later ones."""
    import runpy
    from pathlib import Path

    from reports import pdf

    made = []
    original = pdf.render_pdf
    monkeypatch.setattr(pdf, "render_pdf", lambda *a: made.append(original(*a)) or made[-1])
    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    config["post_worker_init"](worker=None)
    (document,) = made
    assert document.startswith(b"%PDF") and len(pypdf.PdfReader(io.BytesIO(document)).pages) == 1
