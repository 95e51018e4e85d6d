"""The committee report: HTML that prints and a tagged PDF, as at a date, compared with another."""

import datetime
import io
import re

import pypdf
import pytest
from django.db import connection
from django.test.html import Element, parse_html
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from reviews.changes import changes_between
from reviews.models import Agency, CommitteeMeeting
from tests.factories import ActionFactory, CommitteeMeetingFactory

pytestmark = pytest.mark.django_db

REVIEWS = ["Frankie", "Sam and Kyle", "Leo", "Shay and Ashley", "Partnership peer review"]


def pdf_text(content):
    reader = pypdf.PdfReader(io.BytesIO(content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_is_a_tagged_a4_pdf_with_every_review_and_the_totals(committee_client, demo):
    response = committee_client.get("/report/pdf/")

    today = timezone.localdate()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="committee-report-{today:%Y-%m-%d}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    reader, text = pdf_text(response.content)
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])  # tagged
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith("Safeguarding review action plans: report as at")
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
    for name in REVIEWS:
        assert name in text
    flat = " ".join(text.split())
    assert "72 actions across 6 reviews and 2 multi-agency audits" in flat
    # The audits and the learning programme, in the PDF as in the page.
    for said in [
        "7. Statutory review timeline",
        "Publication waited for criminal proceedings",
        "8. The delivery plan’s priorities",
        "10. Multi-agency audits",
        "up 37 percentage points",
        "No action or reason",
        "11. Learning programme",
        "12. Open challenges",
        "The agencies least reached",
        "Integrated Care Board",
        "Three-month follow-ups overdue",
    ]:
        assert said in flat, said
    assert f"Page 1 of {len(reader.pages)}" in flat
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in flat


def test_the_summary_compares_with_the_previous_meeting(committee_client, demo):
    response = committee_client.get("/report/")

    context = response.context
    assert context["since"] == demo[-1].date
    summary = {row["status"]: row for row in context["summary"]}
    assert (summary["blue"]["then"], summary["blue"]["now"]) == (47, 51)
    assert summary["blue"]["words"] == "Blue – embedded"
    assert (summary["blue"]["arrow"], summary["blue"]["change"]) == ("↑", "up 4")
    assert (summary["red"]["arrow"], summary["red"]["change"]) == ("→", "no change")
    page = response.content.decode()
    assert "up 4" in page
    assert "(the previous committee meeting)" in page


def test_a_meeting_report_is_as_at_the_meeting_and_compared_with_the_one_before(
    committee_client, demo
):
    first, second, third = demo

    response = committee_client.get(f"/meetings/{second.pk}/")

    context = response.context
    assert (context["as_at"], context["since"]) == (second.date, first.date)
    expected = changes_between(since=first.date, until=second.date)
    assert context["changes"] == expected
    assert len(expected.status_changes) > 0
    for change in expected.status_changes:
        assert first.date < timezone.localtime(change.when).date() <= second.date
    assert context["totals"]["blue"] == 36
    first_report = committee_client.get(f"/meetings/{first.pk}/").context
    assert first_report["since"] == first.date - datetime.timedelta(days=91)


def test_the_report_holds_every_section(committee_client, demo):
    page = committee_client.get("/report/").content.decode()
    headings = re.findall(r'<h2 class="govuk-heading-l" id="[a-z]+">([^<]+)</h2>', page)
    assert headings == [
        "1. Summary",
        "2. The RAG plan",
        "3. Exceptions: red and amber actions",
        f"4. Changes since {demo[-1].date:%-d %B %Y}",
        "5. Themes",
        "6. Trend across committee meetings",
        "7. Statutory review timeline",
        "8. The delivery plan’s priorities",
        "9. Partnership dataset",
        "10. Multi-agency audits",
        "11. Learning programme",
        "12. Open challenges",
        "13. Status key",
    ]
    assert 'aria-labelledby="trend-title trend-desc"' in page
    assert "Learning published, awaiting ratification" in page or "awaiting ratification" in page


def test_exceptions_put_overdue_actions_first(committee_client):
    today = timezone.localdate()
    ActionFactory(reference="LATER", target_date=today + datetime.timedelta(days=10))
    ActionFactory(reference="OVERDUE", target_date=today - datetime.timedelta(days=10))
    ActionFactory(reference="SOONER", target_date=today + datetime.timedelta(days=1))

    context = committee_client.get("/report/").context

    assert [a.reference for a in context["exceptions"]] == ["OVERDUE", "SOONER", "LATER"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"since": "2026-13-01"}, "“2026-13-01” is not a real date."),
        ({"since": "2999-01-01"}, "cannot be in the future"),
        ({"as_at": "2025-01-01", "since": "2025-06-01"}, "must be before the report’s date"),
    ],
)
def test_bad_dates_get_a_clear_message(committee_client, query, message):
    response = committee_client.get("/report/", query)
    assert response.status_code == 400
    assert message in response.content.decode()
    pdf = committee_client.get("/report/pdf/", query)
    assert pdf.status_code == 400
    assert message in pdf.content.decode()


def test_meetings_are_listed_with_links_to_their_reports(committee_client):
    meeting = CommitteeMeetingFactory(date=datetime.date(2025, 2, 12), title="February meeting")
    page = committee_client.get("/meetings/").content.decode()
    assert "February meeting" in page
    assert f'href="/meetings/{meeting.pk}/"' in page
    assert committee_client.get("/meetings/999999/").status_code == 404


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_report_query_counts_do_not_grow(committee_client):
    today = timezone.localdate()
    for days in (300, 200, 100):
        CommitteeMeetingFactory(date=today - datetime.timedelta(days=days))
    ActionFactory.create_batch(3)
    meeting = CommitteeMeeting.objects.order_by("date").last()
    urls = ["/report/", f"/meetings/{meeting.pk}/", "/report/pdf/", "/meetings/"]
    small = [queries(committee_client, url) for url in urls]

    ActionFactory.create_batch(60)
    for days in range(400, 1400, 50):  # twenty more meetings: the trend shows at most eight
        CommitteeMeetingFactory(date=today - datetime.timedelta(days=days))
    large = [queries(committee_client, url) for url in urls]

    assert small == large


def test_the_trend_gives_the_same_figures_as_each_date_on_its_own(committee_client, demo):
    from reviews.selectors import action_totals

    trend = committee_client.get("/report/").context["trend"]

    assert [point["date"] for point in trend] == [m.date for m in demo] + [timezone.localdate()]
    for point in trend:
        expected = action_totals(as_at=point["date"])
        for key in ["action_count", "blue", "green", "amber", "red", "overdue"]:
            assert point[key] == expected[key], (point["date"], key)


# The demo's PDF as measured on 2 December 2026 with Liberation Sans: 12 pages today and 15 as at
# the earliest meeting before the sections ran on from one another; 9 and 12 after; 15 and 18
# with the statutory review timeline (section 7).
DEMO_PDF_PAGES = {"today": 15, "earliest meeting": 18}


def elements(node, name):
    """Every element called `name` inside a node of `django.test.html.parse_html`, in order."""
    for child in getattr(node, "children", []):
        if isinstance(child, Element):
            if child.name == name:
                yield child
            yield from elements(child, name)


def attribute(element, name):
    return dict(element.attributes).get(name)


def classes(element):
    return set((attribute(element, "class") or "").split())


def text(node):
    if isinstance(node, str):
        return node
    return " ".join(text(child) for child in node.children).strip()


def report_part(response, *, tag="div", class_name="app-report"):
    """The report's body (or a part of it) of a report page, parsed."""
    assert response.status_code == 200
    page = parse_html(response.content.decode())
    (part,) = [e for e in elements(page, tag) if class_name in classes(e)]
    return part


def section(report, heading_id):
    (found,) = [
        s for s in elements(report, "section") if attribute(s, "aria-labelledby") == heading_id
    ]
    return found


def test_the_demo_pdf_wastes_no_pages(committee_client, demo):
    earliest = demo[0].date.isoformat()
    for name, query in [("today", {}), ("earliest meeting", {"as_at": earliest})]:
        reader, _ = pdf_text(committee_client.get("/report/pdf/", query).content)

        assert len(reader.pages) <= DEMO_PDF_PAGES[name], name
        for number, page in enumerate(reader.pages, start=1):
            lines = [line for line in page.extract_text().splitlines() if line.strip()]
            body = "\n".join(line for line in lines if "committee report Page" not in line)
            assert len(body) > 400, f"{name}: page {number} is nearly empty: {body!r}"


def test_every_report_table_is_a_govuk_table_with_a_label_on_every_cell(committee_client, demo):
    report = report_part(committee_client.get("/report/"))

    tables = list(elements(report, "table"))
    # The summary, four reviews' plans (Shay and Ashley has no actions), the exceptions, the
    # status changes, the themes, the trend, the statutory timeline's deadlines missed, reviews in
    # their early stages and the year's figures, the dataset's scorecard, each audit's areas for
    # improvement, the learning programme's agencies least reached and reach by review, and the
    # open challenges.
    assert len(tables) == 18
    wrapped = [id(t) for w in elements(report, "div") if "app-table-wrapper" in classes(w)
               for t in elements(w, "table")]  # fmt: skip
    assert sorted(wrapped) == sorted(id(t) for t in tables)  # so that phones show cards
    cells = 0
    for table in tables:
        assert "govuk-table" in classes(table)
        (thead,) = elements(table, "thead")
        (tbody,) = elements(table, "tbody")
        assert "govuk-table__head" in classes(thead)
        assert "govuk-table__body" in classes(tbody)
        headers = list(elements(thead, "th"))
        for header in headers:
            assert attribute(header, "scope") == "col"
            assert "govuk-table__header" in classes(header)
        for row in elements(tbody, "tr"):
            assert "govuk-table__row" in classes(row)
            row_cells = [c for c in row.children if isinstance(c, Element)]
            assert len(row_cells) == len(headers)
            first, *others = row_cells
            assert (first.name, attribute(first, "scope")) == ("th", "row")
            assert "govuk-table__header" in classes(first)
            for header, cell in zip(headers[1:], others, strict=True):
                assert cell.name == "td"
                assert "govuk-table__cell" in classes(cell)
                label = attribute(cell, "data-label")
                assert label in (text(header), "") and (label or not text(cell)), (label, cell)
                numeric = "govuk-table__header--numeric" in classes(header)
                assert numeric == ("govuk-table__cell--numeric" in classes(cell)), header
                cells += 1
    assert cells > 72 * 5  # every action's plan row at least


def test_report_tables_name_each_lead_agency_in_full(committee_client, demo):
    report = report_part(committee_client.get("/report/"))

    cells = [
        text(td) for td in elements(report, "td") if attribute(td, "data-label") == "Lead agency"
    ]

    assert len(cells) == 72 + 17  # each action in the plan, each amber one in the exceptions
    assert set(cells) <= set(Agency.objects.values_list("name", flat=True))
    assert "Local authority children's services" in cells
    assert "Council" not in cells  # its short name


@pytest.mark.parametrize("meeting", [None, 1])
def test_each_status_change_is_listed_once_completions_included(committee_client, demo, meeting):
    response = committee_client.get(
        "/report/" if meeting is None else f"/meetings/{demo[meeting].pk}/"
    )

    changes = response.context["changes"]
    assert changes.completed and changes.embedded  # the period has both
    listed = text(section(report_part(response), "changes"))
    entries = [c.action for c in [*changes.status_changes, *changes.slipped, *changes.new_actions]]
    for action in {(a.review_name, a.reference) for a in entries}:
        name = " ".join(action)
        expected = sum((a.review_name, a.reference) == action for a in entries)
        assert len(re.findall(rf"{re.escape(name)}\b", listed)) == expected, name
    assert (
        f"{len(changes.status_changes)} changes of status in the period. Completed (red or amber "
        f"to green or blue): {len(changes.completed)}. Embedded (to blue): {len(changes.embedded)}."
    ) in " ".join(listed.split())


def test_the_cover_states_the_report_date_once(committee_client, demo):
    today = timezone.localdate()
    cover = text(
        report_part(committee_client.get("/report/"), tag="section", class_name="app-report__cover")
    )
    assert cover.count(f"{today:%-d %B %Y}") == 1
    assert "The end of" in cover

    meeting = demo[1]
    response = committee_client.get(f"/meetings/{meeting.pk}/")
    cover = text(report_part(response, tag="section", class_name="app-report__cover"))
    assert cover.count(f"{meeting.date:%-d %B %Y}") == 1
    assert "The end of the meeting’s day" in cover

    reader, _ = pdf_text(committee_client.get("/report/pdf/").content)
    first_page = " ".join(reader.pages[0].extract_text().split())
    assert first_page.split("1. Summary")[0].count(f"{today:%-d %B %Y}") == 1
