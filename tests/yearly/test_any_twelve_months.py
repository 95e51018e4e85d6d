"""Any twelve months, not only April to March: `?from=2025-07` is July 2025 to June 2026, its
figures as they stood at the end of June 2026; a month it cannot read, or twelve months not yet
ended, is a clear 400."""

import datetime

import pytest

from yearly.forms import parse_year
from yearly.selectors import Year

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 3)


@pytest.mark.parametrize("raw", ["2025-07", "2025-07-01", "07/2025", "7/2025"])
def test_a_month_starts_twelve_months(raw):
    year, error = parse_year("", start=raw, today=TODAY)
    assert error == ""
    assert (year.start, year.end) == (datetime.date(2025, 7, 1), datetime.date(2026, 6, 30))
    assert year.label == "July 2025 to June 2026"
    assert year.query == "from=2025-07"
    assert year.slug == "2025-07-to-2026-06"


def test_april_is_the_financial_year_with_its_own_name():
    year, _ = parse_year("", start="2025-04", today=TODAY)
    assert (year.label, year.query) == ("2025-26", "year=2025-26")
    assert Year(datetime.date(2026, 1, 1)).label == "January 2026 to December 2026"


@pytest.mark.parametrize(
    "raw, said",
    [
        ("2025-13", "no such month"),
        ("July", "not a month"),
        ("2026-01", "has not ended yet"),  # January to December 2026 ends after today
        ("2027-01", "in the future"),
        ("1899-01", "too early"),
    ],
)
def test_a_start_it_cannot_show_is_refused_with_the_reason(raw, said):
    year, error = parse_year("", start=raw, today=TODAY)
    assert year is None and said in error


def test_twelve_months_ended_the_day_before_today_can_be_shown():
    year, error = parse_year("", start="2025-12", today=datetime.date(2026, 12, 1))
    assert error == "" and year.end == datetime.date(2026, 11, 30)


def test_the_year_box_wins_over_the_month(committee_client):
    year, _ = parse_year("2024-25", start="2025-07", today=TODAY)
    assert year.label == "2024-25"


def test_the_page_and_pdf_show_any_twelve_months(committee_client):
    response = committee_client.get("/report/yearly/?from=2025-07")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Yearly report July 2025 to June 2026" in page
    assert 'href="/report/yearly/pdf/?from=2025-07"' in page
    pdf = committee_client.get("/report/yearly/pdf/?from=2025-07")
    assert pdf["Content-Disposition"] == (
        'attachment; filename="yearly-report-2025-07-to-2026-06.pdf"'
    )
    refused = committee_client.get("/report/yearly/?from=2025-13")
    assert refused.status_code == 400
    assert "no such month" in refused.content.decode()
