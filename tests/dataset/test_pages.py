"""The scorecard, one indicator's page, the download, the dashboard's panel and the report's
dataset section: what a committee member reads, as at today and as at an earlier day."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from dataset import selectors, services
from reviews.models import Theme
from tests.factories import AgencyFactory, ThemeFactory

from .helpers import make_indicator, recorded

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset():
    early_help, neglect = ThemeFactory(name="Early help"), ThemeFactory(name="Neglect")
    health = AgencyFactory(name="Health providers", short_name="Health")
    police = AgencyFactory(name="Police", short_name="Police")
    return {
        "assessments": make_indicator(
            "DS02", name="Assessments within 45 working days", polarity="higher",
            unit="percentage", target=85, tolerance=5, values=[78, 80, 82, 84, 86, 87, 88, 89],
            themes=[early_help], source_agency=police,
        ),
        "health": make_indicator(
            "DS05", name="Initial health assessments within 20 working days", polarity="higher",
            unit="percentage", target=90, tolerance=10, values=[70, 66, 60, 55, 52],
            themes=[neglect], source_agency=health,
        ),
        "rereferrals": make_indicator(
            "DS01", name="Re-referrals within 12 months", polarity="lower", unit="percentage",
            target=22, tolerance=2, values=[25, 24, 23.9], themes=[early_help, neglect],
        ),
        "plans": make_indicator(
            "DS03", name="Children on child protection plans per 10,000", polarity="range",
            unit="rate", target=35, target_high=45, tolerance=3, values=[48, 47],
        ),
        "missing": make_indicator(
            "DS09", name="Children missing education", polarity="context", unit="number",
            values=[12, 3],
        ),
        "new": make_indicator("DS10", name="A measure with no target yet", values=[40, 41]),
        "themes": (early_help, neglect),
        "agencies": (health, police),
    }  # fmt: skip


def rows_of(html):
    """The scorecard's rows, in order, as text with the tags' words in it."""
    body = html.split('<tbody class="govuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    return body.split("<tr")[1:]


def test_the_scorecard_rates_each_indicator_and_says_which_way_it_went(committee_client, dataset):
    response = committee_client.get("/dataset/")
    assert response.status_code == 200
    rows = rows_of(response.content.decode())
    assert [row.split("app-cell-note\">", 1)[1].split("<", 1)[0] for row in rows] == [
        "DS01", "DS02", "DS03", "DS05", "DS09", "DS10",
    ]  # fmt: skip
    by_ref = dict(zip(["DS01", "DS02", "DS03", "DS05", "DS09", "DS10"], rows, strict=True))
    assert "Amber – near target" in by_ref["DS01"] and "Improving" in by_ref["DS01"]
    assert "23.9%" in by_ref["DS01"] and "from 24%" in by_ref["DS01"]
    assert "Green – on target" in by_ref["DS02"] and "Improving" in by_ref["DS02"]
    assert "Amber – near target" in by_ref["DS03"] and "35–45" in by_ref["DS03"]
    assert "Red – off target" in by_ref["DS05"] and "Worsening" in by_ref["DS05"]
    assert "data-quality gap" in by_ref["DS05"]  # red, and no commentary
    assert "Context only" in by_ref["DS09"] and "Down" in by_ref["DS09"]
    assert "Not rated" in by_ref["DS10"] and "Up" not in by_ref["DS10"]
    assert "No target" in by_ref["DS10"] and "No target" in by_ref["DS09"]
    # The trend: a picture hidden from screen readers, and its figures in words.
    assert 'class="app-sparkline"' in by_ref["DS02"] and 'aria-hidden="true"' in by_ref["DS02"]
    assert "Trend: Q3 2024/25 78%, Q4 2024/25 80%" in by_ref["DS02"]
    # The counts by rating, and whether practice is improving.
    text = response.content.decode()
    assert (
        "Since the period before, 4 of the 5 indicators judged by which way is good improved,"
        " 1 worsened and none stayed the same." in text
    )
    assert text.count('class="app-figure app-figure--rating-') == 5


def test_commentary_on_a_red_figure_closes_the_gap(committee_client, dataset):
    figure = dataset["health"].figures.order_by("period_start").last()
    figure.commentary = "Delays in notifications from placing authorities."
    services.figure_save(figure, note="Commentary added")
    row = [r for r in rows_of(committee_client.get("/dataset/").content.decode()) if "DS05" in r]
    assert "Red – off target" in row[0] and "data-quality gap" not in row[0]


@pytest.mark.parametrize(
    ("query", "references"),
    [
        ("rating=red", ["DS05"]),
        ("rating=amber", ["DS01", "DS03"]),
        ("rating=context", ["DS09"]),
        ("rating=not_rated", ["DS10"]),
        ("theme=early-help", ["DS01", "DS02"]),
        ("theme=neglect&rating=red", ["DS05"]),
        ("agency=police", ["DS02"]),
        ("agency=health-providers&rating=green", []),
    ],
)
def test_the_filters(committee_client, dataset, query, references):
    Theme.objects.filter(name="Early help").update(slug="early-help")
    Theme.objects.filter(name="Neglect").update(slug="neglect")
    for agency in dataset["agencies"]:
        agency.slug = agency.name.lower().replace(" ", "-")
        agency.save()
    response = committee_client.get(f"/dataset/?{query}")
    assert response.status_code == 200
    text = response.content.decode()
    references_shown = ["DS01", "DS02", "DS03", "DS05", "DS09", "DS10"]
    found = [ref for ref in references_shown if f'<span class="app-cell-note">{ref}</span>' in text]
    assert found == references
    if not references:
        assert "No indicators match these filters" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("rating=purple", "Rating: Choose a rating from the list."),
        ("theme=nothing-like-it", "Theme: Choose a theme from the list."),
        ("agency=nowhere", "Source agency: Choose an agency from the list."),
    ],
)
def test_a_filter_it_cannot_apply_is_named_and_nothing_is_shown(
    committee_client, dataset, query, message
):
    response = committee_client.get(f"/dataset/?{query}")
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text and "<title>Error: Partnership dataset" in text
    assert "DS02" not in text


def test_the_csv_download_has_the_issues_columns_and_the_scorecards_figures(
    committee_client, dataset
):
    response = committee_client.get("/dataset/?_export=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Reference", "Indicator", "Unit", "Good is", "Target", "Tolerance", "Latest period",
        "Latest value", "Rating", "Direction", "Previous period", "Previous value", "England",
        "Statistical neighbours", "Region", "Commentary",
    ]  # fmt: skip
    by_ref = {row[0]: row for row in rows[1:]}
    assert by_ref["DS03"][:12] == [
        "DS03", "Children on child protection plans per 10,000", "Rate per 10,000 children",
        "Within a range", "35–45", "3", "Q4 2024/25", "47", "Amber – near target", "Improving",
        "Q3 2024/25", "48",
    ]  # fmt: skip
    assert by_ref["DS09"][8:10] == ["Context only", "Down"]
    assert len(rows) == 7


def test_the_download_keeps_the_filters_and_writes_numbers(committee_client, dataset):
    response = committee_client.get("/dataset/?rating=amber&_export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["DS01", "DS03"]
    assert rows[1][7] == 23.9 and rows[2][7] == 47


def test_the_scorecard_as_at_an_earlier_day_shows_the_figures_and_target_of_then(
    committee_client, db
):
    days = [40, 30, 20, 10]
    indicator = make_indicator(
        "DS20", name="Visits within 10 working days", polarity="higher", target=90,
        tolerance=5, values=[80, 86, 91, 70], at=[recorded(d) for d in days],
    )  # fmt: skip
    indicator.target = Decimal(80)
    services.indicator_save(indicator, note="Target lowered", at=recorded(5))
    day = (recorded(25)).date()
    response = committee_client.get(f"/dataset/?as_at={day:%Y-%m-%d}")
    text = response.content.decode()
    assert response.status_code == 200
    assert "86%" in text and "Amber – near target" in text and "90%" in text
    assert "Q4 2024/25" in text and "Q1 2025/26" not in text
    today = committee_client.get("/dataset/").content.decode()
    assert "70%" in today and "Red – off target" in today and "80%" in today
    # Before the indicator was added, the scorecard has nothing.
    before = committee_client.get(f"/dataset/?as_at={recorded(60).date():%Y-%m-%d}")
    assert "No indicators have been added to the dataset yet" in before.content.decode()
    # The indicator's own page as at then, and a 404 before it existed.
    page = committee_client.get(f"/dataset/ds20/?as_at={day:%Y-%m-%d}").content.decode()
    assert "86%" in page and "70%" not in page and "Target lowered" not in page
    assert committee_client.get(f"/dataset/ds20/?as_at={recorded(60).date()}").status_code == 404


def test_a_figure_corrected_later_shows_its_first_value_as_at_the_day_before(committee_client, db):
    indicator = make_indicator(
        "DS21", polarity="lower", target=10, values=[12, 9], at=[recorded(30), recorded(20)]
    )
    figure = indicator.figures.order_by("period_start").last()
    figure.value = Decimal(11)
    figure.validation = "validated"
    services.figure_save(figure, note="Validated: corrected", at=recorded(10))
    before = committee_client.get(f"/dataset/?as_at={recorded(15).date()}").content.decode()
    assert "Green – on target" in before and "9%" in before
    now = committee_client.get("/dataset/").content.decode()
    assert "Red – off target" in now and "11%" in now and "provisional" not in now


def test_an_invalid_as_at_is_a_400_with_todays_position(committee_client, dataset):
    response = committee_client.get("/dataset/?as_at=next tuesday")
    assert response.status_code == 400
    assert "Today’s position is shown instead" in response.content.decode()


def test_the_indicator_page_has_the_chart_the_table_the_commentary_and_the_history(
    committee_client, dataset
):
    figure = dataset["health"].figures.order_by("period_start").last()
    figure.commentary = "Notifications from placing authorities arrive late."
    figure.corrective_action = "A weekly tracker with the designated nurse."
    figure.england = Decimal("81.5")
    services.figure_save(figure, note="Commentary for the committee")
    response = committee_client.get("/dataset/ds05/")
    text = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="app-chart"' in text and 'role="img"' in text
    assert "Figures by period" in text and text.count('<th scope="row"') == 5
    assert "Notifications from placing authorities arrive late." in text
    assert "A weekly tracker with the designated nurse." in text
    assert "81.5%" in text  # the comparator, in the table and on the chart
    assert "Note: Commentary for the committee" in text
    assert "Higher is better" in text and "90% (tolerance 10 percentage points)" in text
    assert "Health providers" in text


def test_an_unknown_indicator_is_a_404(committee_client, dataset):
    assert committee_client.get("/dataset/nothing/").status_code == 404


def test_a_suppressed_figure_is_said_so_and_not_rated(committee_client, db):
    make_indicator("DS30", polarity="lower", unit="number", target=5, values=[6, "suppressed"])
    text = committee_client.get("/dataset/").content.decode()
    assert "Suppressed (a small number)" in text and "Not rated" in text


def test_the_dashboard_counts_the_indicators_by_rating_and_lists_the_reds(
    committee_client, dataset
):
    text = committee_client.get("/").content.decode()
    panel = text.split('id="dataset"', 1)[1]
    assert "6 indicators" in panel
    assert 'href="/dataset/?rating=red"' in panel
    assert "DS05 Initial health assessments within 20 working days" in panel
    assert "No commentary" in panel


def test_the_report_has_the_scorecard_then_each_red_with_small_counts_hidden(
    committee_client, dataset
):
    figure = dataset["health"].figures.order_by("period_start").last()
    figure.corrective_action = "A weekly tracker with the designated nurse."
    services.figure_save(figure, note="")
    text = committee_client.get("/report/").content.decode()
    section = text.split('id="dataset"', 1)[1].split('id="key"', 1)[0]
    assert "9. Partnership dataset" in section
    assert "DS02 Assessments within 45 working days" in section
    # DS09 is a count of 3 children: published as "fewer than 5"; its figure before, 12, shown.
    ds09 = section.split("DS09", 1)[1].split("</tr>", 1)[0]
    assert "fewer than 5" in ds09 and ">3<" not in ds09 and "from 12" in ds09
    reds = section.split("Indicators off target", 1)[1]
    assert "DS05" in reds and "DS02" not in reds
    assert "None given: a gap in the data’s quality." in reds
    assert "A weekly tracker with the designated nurse." in reds


def test_the_report_pdf_has_the_dataset_section(committee_client, dataset):
    import pypdf

    response = committee_client.get("/report/pdf/")
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "9. Partnership dataset" in text and "Indicators off target" in text
    assert "Red – off target" in text and "fewer than 5" in text, text


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("rating=red", "the one indicator judged by which way is good worsened."),
        ("rating=context", "No indicator judged by which way is good has two figures"),
        ("theme=early-help", "2 of the 2 indicators judged by which way is good improved, none"),
    ],
)
def test_whether_practice_is_improving_counts_only_indicators_with_a_good_direction(
    committee_client, dataset, query, sentence
):
    Theme.objects.filter(name="Early help").update(slug="early-help")
    text = committee_client.get(f"/dataset/?{query}").content.decode()
    assert sentence in text


def test_a_range_with_a_figure_moving_inside_it_stayed_the_same(committee_client, db):
    make_indicator(
        "DS30", polarity="range", unit="rate", target=35, target_high=45, values=[38, 41]
    )
    make_indicator("DS31", polarity="context", unit="number", values=[10, 10])
    summary = selectors.dataset_summary(as_at=timezone.localdate())
    assert (summary["progress"].no_change, summary["progress"].judged) == (1, 1)
    text = committee_client.get("/").content.decode()
    assert "the one indicator judged by which way is good stayed the same." in text


def test_an_indicator_with_no_figures_yet_is_in_every_page_and_the_report(committee_client, db):
    make_indicator("DS40", name="A measure added before its first figures", target=50)
    make_indicator("DS41", polarity="higher", unit="percentage", target=80, values=[85])
    for url in ["/", "/dataset/", "/dataset/ds40/", "/report/", "/report/pdf/"]:
        assert committee_client.get(url).status_code == 200, url
    text = committee_client.get("/report/").content.decode()
    section = text.split('id="dataset"', 1)[1].split('id="key"', 1)[0]
    row = section.split("DS40", 1)[1].split("</tr>", 1)[0]
    assert "No figures" in row and "Not rated" in row
    # No red: the counts start with the first rating there is.
    assert "2 indicators: 1 green – on target; 1 not rated." in section
