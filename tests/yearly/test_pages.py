"""The yearly report's pages: the year asked for (or the last full one), a clear 400 for a year
it cannot show, the written parts or "Not yet written", the published counts, the PDF, and a
constant number of queries."""

import datetime
import io
import time

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import LearningSession
from reviews.models import Agency, Status
from tests.factories import AgencyFactory
from tests.learning.helpers import make_session
from yearly.forms import last_full_year, parse_year
from yearly.models import SignOff, YearlyReport

from .helpers import YEAR_START, at, build_year, complete, make_action, make_review

pytestmark = pytest.mark.django_db

SECTION_HEADINGS = [
    "1. The year at a glance",
    "2. Reviews started, published, ratified and closed",
    "3. Decisions and actions on the reviews’ recommendations",
    "4. Impact: the partnership dataset over the year",
    "5. Learning and its three-month impact",
    "6. Multi-agency audits and their findings",
    "7. Progress on the delivery plan’s priorities",
    "8. Areas of little or no progress",
    "9. Independent scrutiny",
    "10. The voice of children and families",
    "11. Priorities for the next year",
    "12. Sign-off by the lead safeguarding partners",
]


# The year -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "first"),
    [
        (datetime.date(2026, 12, 3), 2025),
        (datetime.date(2026, 4, 1), 2025),  # 2025-26 ended the day before
        (datetime.date(2026, 3, 31), 2024),  # 2025-26 ends today: not yet a full year
        (datetime.date(2026, 1, 15), 2024),
    ],
)
def test_the_default_is_the_last_full_april_to_march_year(today, first):
    assert last_full_year(today).start == datetime.date(first, 4, 1)
    year, error = parse_year("", today=today)
    assert (year.start, error) == (datetime.date(first, 4, 1), "")


@pytest.mark.parametrize("raw", ["2024-25", "2024/25", "2024–25", "2024-2025", " 2024/2025 "])
def test_it_reads_a_year_as_people_write_it(raw):
    year, error = parse_year(raw, today=datetime.date(2026, 12, 3))
    assert error == ""
    assert (year.start, year.end, year.label) == (
        datetime.date(2024, 4, 1),
        datetime.date(2025, 3, 31),
        "2024-25",
    )


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        ("banana", "is not a year the report can show"),
        ("2024", "is not a year the report can show"),
        ("2024-26", "is not twelve months"),
        ("2024-2026", "is not twelve months"),
        ("1850-51", "too early"),
        ("2030-31", "is in the future"),
        ("2026-27", "has not ended yet"),
        ("9" * 300, "is not a year the report can show"),
    ],
)
def test_a_year_it_cannot_show_is_a_400_with_a_clear_message(committee_client, raw, said):
    year, error = parse_year(raw, today=datetime.date(2026, 12, 3))
    assert year is None and said in error
    response = committee_client.get("/report/yearly/", {"year": raw})
    assert response.status_code == 400
    page = response.content.decode()
    assert said in page
    assert "<title>Error: Yearly report" in page
    pdf = committee_client.get("/report/yearly/pdf/", {"year": raw})
    assert pdf.status_code == 400
    assert pdf["Content-Type"].startswith("text/plain")
    assert said in pdf.content.decode()


def test_the_page_shows_the_last_full_year_by_default(committee_client):
    response = committee_client.get("/report/yearly/")
    assert response.status_code == 200
    assert response.context["year"] == last_full_year(datetime.date.today())
    assert f"Yearly report {response.context['year'].label}" in response.content.decode()


# What the page says ---------------------------------------------------------------------------


def test_sections_not_yet_written_say_so(committee_client):
    build_year()
    page = committee_client.get("/report/yearly/", {"year": "2024-25"}).content.decode()
    assert page.count("Not yet written") == 2  # the assessment and the voice of children
    assert "Not yet signed off" in page
    assert "Not yet published" in page and "Not yet sent" in page
    for heading in SECTION_HEADINGS:
        assert heading in page


def test_what_people_wrote_is_shown(committee_client):
    build_year()
    report = YearlyReport.objects.create(
        starts_on=YEAR_START,
        scrutineer_assessment="The arrangements are working.",
        voice_of_children="Children told us they want to be seen alone.",
        published_on=datetime.date(2025, 6, 6),
        sent_to_panel_on=datetime.date(2025, 6, 13),
    )
    SignOff.objects.create(
        report=report,
        role="Director of Children's Services",
        agency=Agency.objects.get(name="Police"),
        signed_on=datetime.date(2025, 5, 23),
    )
    page = committee_client.get("/report/yearly/", {"year": "2024-25"}).content.decode()
    assert "Not yet written" not in page
    assert "The arrangements are working." in page
    assert "Children told us they want to be seen alone." in page
    assert "Director of Children&#x27;s Services" in page
    assert "23 May 2025" in page and "6 June 2025" in page and "13 June 2025" in page


def test_counts_of_people_from_1_to_4_are_fewer_than_5(committee_client):
    police = AgencyFactory(name="Police")
    make_session(
        title="A small group", date=datetime.date(2024, 6, 5), places={police: (4, 4, 0)},
        at=at(datetime.date(2024, 6, 5)),
    )  # fmt: skip
    page = committee_client.get("/report/yearly/", {"year": "2024-25"}).content.decode()
    assert "attended by fewer than 5 practitioners" in page
    assert ">4<" not in page


# The PDF --------------------------------------------------------------------------------------


def pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_is_a_tagged_a4_pdf_with_every_section(committee_client):
    build_year()
    response = committee_client.get("/report/yearly/pdf/", {"year": "2024-25"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="yearly-report-2024-25.pdf"'
    reader, text = pdf_text(response.content)
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith("Yearly report 2024-25")
    for page in reader.pages:
        width, height = page.mediabox.width, page.mediabox.height
        assert (round(float(width)), round(float(height))) == (595, 842)
    flat = " ".join(text.split())
    for heading in SECTION_HEADINGS:
        assert " ".join(heading.split()) in flat, heading
    assert "Not yet written" in flat
    pages = len(reader.pages)
    assert f"Page 1 of {pages}" in flat and f"Page {pages} of {pages}" in flat


def test_the_demo_pdf_has_no_nearly_empty_page(committee_client, demo):
    started = time.perf_counter()
    response = committee_client.get("/report/yearly/pdf/")
    elapsed = time.perf_counter() - started
    reader, _ = pdf_text(response.content)
    assert 3 <= len(reader.pages) <= 10
    for number, page in enumerate(reader.pages, start=1):
        lines = [line for line in page.extract_text().splitlines() if line.strip()]
        assert len(lines) > 8, f"page {number} is nearly empty"
    assert elapsed < 20


# Queries --------------------------------------------------------------------------------------


def queries(client, url, query):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query)
    assert response.status_code == 200
    return len(captured)


def test_the_query_counts_do_not_grow_with_the_records(committee_client):
    build_year()
    urls = ["/report/yearly/", "/report/yearly/pdf/"]
    few = {url: queries(committee_client, url, {"year": "2024-25"}) for url in urls}
    police = Agency.objects.get(name="Police")
    review = make_review("Many", started_on=datetime.date(2024, 5, 1), created=YEAR_START)
    for n in range(40):
        day = datetime.date(2024, 5, 1) + datetime.timedelta(days=n)
        action = make_action(review, f"M{n}", agency=police, created=day, status=Status.AMBER)
        complete(action, day + datetime.timedelta(days=60))
    for n in range(15):
        make_session(
            title=f"More {n}", date=datetime.date(2024, 7, 1) + datetime.timedelta(days=n),
            places={police: (10, 9, 1), AgencyFactory(): (5, 5, 0)},
            at=at(datetime.date(2024, 7, 1) + datetime.timedelta(days=n)),
        )  # fmt: skip
    assert LearningSession.objects.count() > 15
    many = {url: queries(committee_client, url, {"year": "2024-25"}) for url in urls}
    assert many == few
    assert few["/report/yearly/"] <= 70


def test_the_page_lists_the_areas_of_little_progress_and_nothing_else(committee_client):
    build_year()
    page = committee_client.get("/report/yearly/", {"year": "2024-25"}).content.decode()
    section = page.split('id="little-progress"')[1].split('id="scrutiny"')[0]
    for said in [
        "Alder A3",
        "Alder A5",
        "Birch B1",
        "I1 Indicator I1",
        "2. P2",
        "3. P3: no actions linked",
        "4. P4",
    ]:
        assert said in section, said
    for not_said in ["Alder A4", "Alder A1<", "Alder A2<", "Birch B2", "Indicator I2", "1. P1"]:
        assert not_said not in section, not_said
