"""The independent scrutineer writes the year's assessment on the site; no one else may."""

import pytest
from django.test import Client

from yearly.models import YearlyReport

pytestmark = pytest.mark.django_db

URL = "/report/yearly/assessment/?year=2024-25"


def test_it_lets_the_scrutineer_write_the_assessment(client, scrutineer):
    client.force_login(scrutineer)
    form = client.get(URL)
    assert form.status_code == 200
    assert "The independent scrutineer’s assessment" in form.content.decode()

    response = client.post(
        URL, {"scrutineer_assessment": "The arrangements are working.", "note": "First draft"}
    )

    assert response.status_code == 302
    assert response["Location"] == URL
    report = YearlyReport.objects.get()
    assert str(report.starts_on) == "2024-04-01"
    assert report.scrutineer_assessment == "The arrangements are working."
    record = report.history.get()
    assert (record.history_user, record.history_change_reason) == (scrutineer, "First draft")
    page = client.get(URL).content.decode()
    assert "Your assessment for 2024-25 has been saved." in page
    assert "First draft" in page  # in the history
    report_page = client.get("/report/yearly/?year=2024-25").content.decode()
    assert "The arrangements are working." in report_page
    assert "Change your assessment for 2024-25" in report_page


def test_it_keeps_each_change_in_the_history(client, scrutineer):
    client.force_login(scrutineer)
    client.post(URL, {"scrutineer_assessment": "First.", "note": ""})
    client.post(URL, {"scrutineer_assessment": "Second.", "note": "Rewritten after the panel"})
    report = YearlyReport.objects.get()
    assert report.scrutineer_assessment == "Second."
    notes = list(report.history.order_by("history_date").values_list("history_change_reason"))
    assert notes == [("Assessment written",), ("Rewritten after the panel",)]


def test_an_empty_assessment_is_refused_with_an_error_summary(client, scrutineer):
    client.force_login(scrutineer)
    response = client.post(URL, {"scrutineer_assessment": "  ", "note": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error: Your assessment" in page
    assert "govuk-error-summary" in page
    assert '<a href="#id_scrutineer_assessment">Enter your assessment.</a>' in page
    assert not YearlyReport.objects.exists()


def test_a_bad_year_is_a_400(client, scrutineer):
    client.force_login(scrutineer)
    response = client.post(
        "/report/yearly/assessment/?year=2099-00", {"scrutineer_assessment": "Text"}
    )
    assert response.status_code == 400
    assert not YearlyReport.objects.exists()


@pytest.mark.parametrize("role", ["manager", "committee_member", "lead", "outsider"])
def test_no_one_else_may_write_it(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403
    response = client.post(URL, {"scrutineer_assessment": "Not mine to write"})
    assert response.status_code == 403
    assert not YearlyReport.objects.exists()


def test_the_report_page_offers_the_form_to_the_scrutineer_only(client, scrutineer, manager):
    client.force_login(manager)
    assert "your assessment" not in client.get("/report/yearly/").content.decode()
    client.force_login(scrutineer)
    assert "Write your assessment for" in client.get("/report/yearly/").content.decode()


def test_anyone_signed_out_is_sent_to_sign_in(client):
    response = client.post(URL, {"scrutineer_assessment": "Text"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not YearlyReport.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(scrutineer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(scrutineer)
    response = client.post(URL, {"scrutineer_assessment": "Forged"})
    assert response.status_code == 403
    assert not YearlyReport.objects.exists()
