import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.filters import REVIEW_LIST_LIMIT
from reviews.models import Status
from tests.factories import ActionFactory, AgencyFactory, ReviewFactory, ThemeFactory

pytestmark = pytest.mark.django_db

EXPORT_HEADERS = [
    "Review", "Reference", "Recommendation", "Action", "Lead agency", "Lead officer", "Status",
    "Target date", "Original target date", "Overdue", "Themes", "Last updated",
]  # fmt: skip


def make_plan(reviews=2, actions_per_review=4):
    """Reviews whose actions cycle through the statuses; one amber action per review overdue."""
    past = timezone.localdate() - datetime.timedelta(days=5)
    themes = [ThemeFactory(), ThemeFactory()]
    agency = AgencyFactory()
    for _ in range(reviews):
        review = ReviewFactory()
        for i in range(actions_per_review):
            status = [Status.BLUE, Status.GREEN, Status.AMBER, Status.RED][i % 4]
            ActionFactory(
                review=review,
                lead_agency=agency,
                status=status,
                evidence="Audit" if status == Status.BLUE else "",
                target_date=past if i == 2 else datetime.date(2031, 1, 1),
                themes=themes,
            )


def test_dashboard_shows_totals_and_per_review_counts(committee_client):
    make_plan(reviews=2, actions_per_review=4)
    ReviewFactory(name="Awaiting ratification", stage="learning_published", ratified_on=None)

    response = committee_client.get(reverse("reviews:dashboard"))

    assert response.status_code == 200
    assert response.context["totals"] == {
        "action_count": 8, "blue": 2, "green": 2, "amber": 2, "red": 2, "overdue": 2,
        "on_course": 2, "no_target_date": 0,
    }  # fmt: skip
    table = response.context["reviews_table"]
    rows = {row.record.name: row.record for row in table.paginated_rows}
    assert len(rows) == 3
    for name, row in rows.items():
        if name != "Awaiting ratification":
            assert (row.action_count, row.blue, row.green, row.amber, row.red,
                    row.overdue) == (4, 1, 1, 1, 1, 1)  # fmt: skip
    assert rows["Awaiting ratification"].action_count == 0
    page = response.getvalue().decode()
    assert "Blue – embedded" in page
    assert "Green – complete, but not yet embedded" in page


def test_csv_export_has_the_design_columns_and_every_matching_row(committee_client):
    make_plan(reviews=3, actions_per_review=30)  # 90 rows: more than one page of 50

    response = committee_client.get(reverse("reviews:action-list"), {"_export": "csv"})

    today = timezone.localdate()
    assert response["Content-Disposition"] == f'attachment; filename="actions-{today}.csv"'
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0] == EXPORT_HEADERS
    assert len(rows) == 1 + 90
    overdue = [row for row in rows[1:] if row[9] == "Yes"]
    assert len(overdue) == 3
    assert {row[6] for row in overdue} == {"Amber"}
    assert overdue[0][7] == (today - datetime.timedelta(days=5)).isoformat()


def test_csv_export_row_matches_the_action(committee_client):
    review = ReviewFactory(name="Leo")
    theme_a, theme_b = ThemeFactory(name="Information sharing"), ThemeFactory(name="Thresholds")
    action = ActionFactory(
        review=review,
        reference="L4",
        recommendation="Improve escalation",
        description="Brief every DSL",
        lead_agency=AgencyFactory(short_name="Police"),
        lead_officer_role="Detective Inspector",
        status=Status.AMBER,
        target_date=datetime.date(2031, 6, 30),
        original_target_date=datetime.date(2031, 3, 31),
        themes=[theme_a, theme_b],
    )

    response = committee_client.get(reverse("reviews:action-list"), {"_export": "csv"})

    row = list(csv.reader(io.StringIO(response.getvalue().decode())))[1]
    updated = timezone.localtime(action.updated_at).strftime("%Y-%m-%d %H:%M")
    assert row == [
        "Leo", "L4", "Improve escalation", "Brief every DSL", "Police", "Detective Inspector",
        "Amber", "2031-06-30", "2031-03-31", "No", "Information sharing; Thresholds", updated,
    ]  # fmt: skip


def test_export_follows_the_filters(committee_client):
    make_plan(reviews=2, actions_per_review=4)

    response = committee_client.get(
        reverse("reviews:action-list"), {"status": "amber", "_export": "csv"}
    )

    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))[1:]
    assert [row[6] for row in rows] == ["Amber", "Amber"]


def test_xlsx_export_has_the_same_columns(committee_client):
    make_plan(reviews=1, actions_per_review=4)

    response = committee_client.get(reverse("reviews:action-list"), {"_export": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == EXPORT_HEADERS
    assert len(rows) == 5


def test_action_list_filters(committee_client):
    make_plan(reviews=2, actions_per_review=4)
    url = reverse("reviews:action-list")

    assert committee_client.get(url, {"overdue": "true"}).context["table"].paginator.count == 2
    assert (
        committee_client.get(url, {"status": ["red", "blue"]}).context["table"].paginator.count == 4
    )


@pytest.mark.parametrize(
    "query",
    [{"review": "no-such-review"}, {"status": "purple"}, {"lead_agency": "x"}, {"theme": "?"}],
)
def test_bad_filters_say_what_is_wrong_and_export_nothing(committee_client, query):
    make_plan(reviews=1, actions_per_review=4)
    url = reverse("reviews:action-list")

    response = committee_client.get(url, query)

    page = response.getvalue().decode()
    assert response.status_code == 400
    assert "<title>Error: All actions" in page
    assert "There is a problem with the filters" in page
    assert "Select a valid choice" in page
    export = committee_client.get(url, {**query, "_export": "csv"})
    assert export.status_code == 400
    assert b"nothing was exported" in export.content


@pytest.mark.parametrize(
    "query",
    [{"page": "999"}, {"page": "abc"}, {"page": "-1"}, {"sort": "nonsense"},
     {"overdue": "maybe"}, {"_export": "pdf"}, {"status": ["amber", "amber"]}],
)  # fmt: skip
def test_odd_query_strings_still_show_the_list(committee_client, query):
    make_plan(reviews=1, actions_per_review=4)
    response = committee_client.get(reverse("reviews:action-list"), query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert len(list(response.context["table"].page.object_list)) > 0


def test_a_null_character_in_the_search_is_refused_with_a_message(committee_client):
    response = committee_client.get(reverse("reviews:action-list"), {"q": "abc\x00"})
    assert response.status_code == 400
    assert "Null characters are not allowed" in response.getvalue().decode()


def test_review_page_lists_its_actions(committee_client):
    leo = ReviewFactory(name="Leo", slug="leo")
    ActionFactory(review=leo, reference="L1", description="Audit escalation cases")
    ActionFactory(reference="X1", description="Another review's action")
    empty = ReviewFactory(name="Shay and Ashley", stage="learning_published", ratified_on=None)

    response = committee_client.get(reverse("reviews:review-detail", args=["leo"]))

    page = response.getvalue().decode()
    assert "Audit escalation cases" in page
    assert "Another review's action" not in page
    assert response.context["totals"]["action_count"] == 1
    empty_page = committee_client.get(empty.get_absolute_url()).content.decode()
    assert "awaiting ratification" in empty_page
    assert committee_client.get("/reviews/does-not-exist/").status_code == 404


def test_action_page_shows_its_history(committee_client, manager):
    from reviews import services

    action = ActionFactory(description="Deliver the escalation briefing")
    services.action_set_status(
        action=action, status=Status.GREEN, note="Briefings delivered", user=manager
    )

    page = committee_client.get(action.get_absolute_url()).content.decode()

    assert "Deliver the escalation briefing" in page
    assert "Green – complete, but not yet embedded" in page
    assert "Amber – started, not yet complete → Green – complete, but not yet embedded" in page
    assert "Briefings delivered" in page
    assert "lscp-manager" in page
    assert committee_client.get("/actions/999999/").status_code == 404


def test_dashboard_answers_whether_open_actions_are_on_course(committee_client):
    today = timezone.localdate()
    review = ReviewFactory(name="Leo")
    ActionFactory(review=review, reference="L2", target_date=today + datetime.timedelta(days=30))
    ActionFactory(review=review, reference="L1", target_date=today - datetime.timedelta(days=1))
    ActionFactory(review=review, reference="L3", target_date=None, original_target_date=None)
    ActionFactory(review=review, reference="L4", status=Status.BLUE, evidence="Audit")

    response = committee_client.get(reverse("reviews:dashboard"))

    rows = [
        (row.record.reference, row.get_cell("course"))
        for row in response.context["open_table"].rows
    ]
    assert [reference for reference, _ in rows] == ["L1", "L2", "L3"]
    assert ["Overdue" in rows[0][1], "On course" in rows[1][1], "No target date" in rows[2][1]] == [
        True, True, True,
    ]  # fmt: skip
    page = response.getvalue().decode()
    assert "3 actions are red or amber: 1 overdue, 1 on course, 1 with no target date." in page


def test_dashboard_counts_by_theme_and_lead_agency(committee_client):
    curiosity, sharing = ThemeFactory(name="Professional curiosity"), ThemeFactory(name="Sharing")
    police, council = AgencyFactory(name="Police"), AgencyFactory(name="Council")
    ActionFactory(lead_agency=police, themes=[curiosity, sharing], status=Status.AMBER)
    ActionFactory(lead_agency=police, themes=[curiosity], status=Status.RED)
    ActionFactory(lead_agency=council, themes=[sharing], status=Status.BLUE, evidence="Audit")

    response = committee_client.get(reverse("reviews:dashboard"))

    themes = {row.record.name: row.record for row in response.context["themes_table"].rows}
    assert (themes["Professional curiosity"].action_count, themes["Professional curiosity"].amber,
            themes["Professional curiosity"].red) == (2, 1, 1)  # fmt: skip
    assert (themes["Sharing"].action_count, themes["Sharing"].blue) == (2, 1)
    agencies = {row.record.name: row.record for row in response.context["agencies_table"].rows}
    assert (agencies["Police"].action_count, agencies["Council"].action_count) == (2, 1)
    page = response.getvalue().decode()
    assert 'aria-label="1 blue, 0 green, 0 amber, 0 red"' in page


def test_dashboard_says_why_a_review_has_no_actions(committee_client):
    ReviewFactory(name="Shay and Ashley", stage="learning_published", ratified_on=None)
    page = committee_client.get(reverse("reviews:dashboard")).content.decode()
    assert "Awaiting ratification: no actions yet" in page


def test_review_page_shows_the_stage_path_and_filters_its_actions(committee_client):
    review = ReviewFactory(name="Leo", slug="leo", ratified_on=datetime.date(2024, 7, 1))
    ActionFactory(review=review, reference="L1", status=Status.AMBER)
    ActionFactory(review=review, reference="L2", status=Status.GREEN,
                  completed_on=datetime.date(2025, 1, 1))  # fmt: skip

    response = committee_client.get(review.get_absolute_url(), {"status": "amber"})

    assert [row.record.reference for row in response.context["table"].rows] == ["L1"]
    page = response.getvalue().decode()
    assert "1 July 2024" in page  # ratified
    assert 'aria-current="step"' in page
    assert 'name="review"' not in page  # the page fixes the review


def test_theme_page_lists_the_actions_with_that_theme(committee_client):
    theme, other = ThemeFactory(name="Working with resistance"), ThemeFactory()
    ActionFactory(reference="A1", themes=[theme])
    ActionFactory(reference="A2", themes=[other])

    response = committee_client.get(theme.get_absolute_url())

    assert response.status_code == 200
    assert [row.record.reference for row in response.context["table"].rows] == ["A1"]
    assert response.context["totals"]["action_count"] == 1
    assert committee_client.get("/themes/no-such-theme/").status_code == 404


def test_agency_page_lists_the_actions_it_leads(committee_client):
    police, council = AgencyFactory(name="Police"), AgencyFactory(name="Council")
    led = ActionFactory(reference="P1", lead_agency=police)
    ActionFactory(reference="C1", lead_agency=council).supporting_agencies.set([police])

    response = committee_client.get(police.get_absolute_url())

    assert [row.record.reference for row in response.context["table"].rows] == [led.reference]
    assert "Police leads 1 action and supports 1 other." in response.getvalue().decode()
    assert committee_client.get(police.get_absolute_url(), {"status": "teal"}).status_code == 400


def test_accessibility_statement_is_public(client):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    assert "Accessibility statement" in response.getvalue().decode()


def test_a_missing_page_uses_the_service_404(committee_client):
    response = committee_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.getvalue().decode()
    assert "Go to the dashboard" in response.getvalue().decode()


def test_the_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    page = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in page


def test_with_many_reviews_the_review_filter_is_typed(committee_client):
    """Past REVIEW_LIST_LIMIT reviews a list would be too long to use (and to send): the review
    is typed, as part of its name or as the address name that links give."""
    leo = ReviewFactory(name="Leo", slug="leo")
    ActionFactory(review=leo, reference="L1")
    ActionFactory(review=ReviewFactory(name="Leonie"), reference="N1")
    ActionFactory(review=ReviewFactory(name="Frankie"), reference="F1")
    url = reverse("reviews:action-list")
    review_list = 'select class="govuk-select" id="id_review"'
    assert review_list in committee_client.get(url).content.decode()

    ReviewFactory.create_batch(REVIEW_LIST_LIMIT)
    page = committee_client.get(url).content.decode()
    assert review_list not in page
    assert "Type part of the review’s name." in page

    def references(review):
        table = committee_client.get(url, {"review": review}).context["table"]
        return sorted(row.record.reference for row in table.paginated_rows)

    assert references("leo") == ["L1"]  # the address name: exactly that review
    assert references("Leo") == ["L1", "N1"]  # part of a name
    assert references(" frank ") == ["F1"]
    assert references("no such review") == []


def test_an_action_with_no_theme_says_so(committee_client):
    action = ActionFactory(themes=[])
    page = committee_client.get(action.get_absolute_url()).content.decode()
    themes = page.split(">Themes</dt>", 1)[1].split("</dd>", 1)[0]
    assert themes.endswith("No theme yet")
