"""The manager keeps the voice of children, the sign-offs and the dates in the admin, each change
recorded with its note through the services; the scrutineer's assessment is read-only there."""

import pytest

from tests.factories import AgencyFactory
from yearly.models import SignOff, YearlyReport

pytestmark = pytest.mark.django_db

ADD = "/admin/yearly/yearlyreport/add/"


def form_data(**fields):
    return {
        "starts_on": "1 April 2024",
        "voice_of_children": "Children told us they want to be seen alone.",
        "published_on": "",
        "sent_to_panel_on": "",
        "change_note": "",
        "sign_offs-TOTAL_FORMS": "1",
        "sign_offs-INITIAL_FORMS": "0",
        "sign_offs-MIN_NUM_FORMS": "0",
        "sign_offs-MAX_NUM_FORMS": "1000",
        "sign_offs-0-role": "",
        "sign_offs-0-agency": "",
        "sign_offs-0-signed_on": "",
        **fields,
    }


def test_a_manager_records_the_voice_of_children_a_sign_off_and_the_dates(manager_client, manager):
    police = AgencyFactory(name="Police")
    response = manager_client.post(
        ADD,
        form_data(
            published_on="6 June 2025",
            sent_to_panel_on="13 June 2025",
            change_note="Signed and published",
            scrutineer_assessment="Not the manager's to write",
            **{
                "sign_offs-0-role": "Chief Constable",
                "sign_offs-0-agency": str(police.pk),
                "sign_offs-0-signed_on": "30 May 2025",
            },
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    report = YearlyReport.objects.get()
    assert report.voice_of_children.startswith("Children told us")
    assert report.scrutineer_assessment == ""  # read-only here
    assert (str(report.published_on), str(report.sent_to_panel_on)) == ("2025-06-06", "2025-06-13")
    sign_off = SignOff.objects.get()
    assert (sign_off.role, sign_off.agency, str(sign_off.signed_on)) == (
        "Chief Constable", police, "2025-05-30",
    )  # fmt: skip
    record = report.history.get()
    assert (record.history_user, record.history_change_reason) == (manager, "Signed and published")
    assert sign_off.history.get().history_change_reason == "Signed and published"


def test_the_rules_are_shown_in_an_error_summary_and_nothing_is_saved(manager_client):
    response = manager_client.post(ADD, form_data(sent_to_panel_on="13 June 2025"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Give the date it was published before the date it was sent." in page
    assert "app-with-error-summary" in page
    assert not YearlyReport.objects.exists()


def test_the_assessment_is_shown_read_only(manager_client):
    report = YearlyReport.objects.create(
        starts_on="2024-04-01", scrutineer_assessment="Written by the scrutineer."
    )
    page = manager_client.get(f"/admin/yearly/yearlyreport/{report.pk}/change/").content.decode()
    assert "Written by the scrutineer." in page
    assert 'name="scrutineer_assessment"' not in page
    assert "/report/yearly/?year=2024-25" in page
