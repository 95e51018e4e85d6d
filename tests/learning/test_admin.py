"""The manager keeps sessions in the admin: the session and its agencies' places on one page,
saved through the services with the change note, refused whole with a message when a rule is
broken; the committee reads, never writes."""

import datetime

import pytest
from django.urls import reverse

from learning.models import LearningSession, SessionAgency
from tests.factories import AgencyFactory, ReviewFactory, ThemeFactory

from .helpers import make_session

pytestmark = pytest.mark.django_db

ADD = reverse("admin:learning_learningsession_add")


def inline(rows, initial=0):
    """The inline's management form and rows: (agency, booked, attended, not attended, id)."""
    data = {
        "agencies-TOTAL_FORMS": str(len(rows)),
        "agencies-INITIAL_FORMS": str(initial),
        "agencies-MIN_NUM_FORMS": "0",
        "agencies-MAX_NUM_FORMS": "1000",
    }
    for n, (agency, booked, attended, not_attended, *pk) in enumerate(rows):
        data |= {
            f"agencies-{n}-agency": str(agency.pk),
            f"agencies-{n}-booked": str(booked),
            f"agencies-{n}-attended": str(attended),
            f"agencies-{n}-not_attended": str(not_attended),
            f"agencies-{n}-id": str(pk[0]) if pk else "",
        }
    return data


def form(**fields):
    return {
        "title": "Professional curiosity",
        "slug": "professional-curiosity",
        "date": "3 March 2025",
        "format": "in_person",
        "places_offered": "30",
        "change_note": "Session added",
    } | fields


def test_a_manager_adds_a_session_with_its_agencies_places_in_one_go(client, manager):
    client.force_login(manager)
    police, health = AgencyFactory(), AgencyFactory()
    theme, review = ThemeFactory(), ReviewFactory()
    data = form(themes=[theme.pk], reviews=[review.pk], evaluation_responses="15") | inline(
        [(police, 12, 10, 2), (health, 8, 6, 2)]
    )
    response = client.post(ADD, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    session = LearningSession.objects.get()
    assert (session.date, session.evaluation_responses) == (datetime.date(2025, 3, 3), 15)
    assert list(session.themes.all()) == [theme]
    assert list(session.reviews.all()) == [review]
    record = session.history.get()
    assert (record.history_user, record.history_change_reason) == (manager, "Session added")
    rows = SessionAgency.objects.order_by("booked")
    assert [(r.agency, r.booked, r.attended) for r in rows] == [(health, 8, 6), (police, 12, 10)]
    for row in rows:
        assert row.history.get().history_change_reason == "Session added"


def test_more_responses_than_attended_are_refused_whole_with_the_reason(client, manager):
    client.force_login(manager)
    police = AgencyFactory()
    data = form(evaluation_responses="11") | inline([(police, 12, 10, 2)])
    response = client.post(ADD, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "There are more evaluation responses (11) than people attended (10)" in page
    assert not LearningSession.objects.exists()
    assert not SessionAgency.objects.exists()


def test_counts_that_do_not_add_up_are_refused_with_the_reason(client, manager):
    client.force_login(manager)
    data = form() | inline([(AgencyFactory(), 5, 4, 2)])
    page = client.post(ADD, data).content.decode()
    assert "Attended and did not attend add up to 6, more than the 5 places booked." in page
    assert not LearningSession.objects.exists()


def test_a_change_to_the_session_and_its_rows_is_one_note_each(client, manager):
    client.force_login(manager)
    police, health = AgencyFactory(), AgencyFactory()
    session = make_session(places={police: (12, 10, 2), health: (8, 6, 2)}, evaluation_responses=16)
    police_row, health_row = (session.agencies.get(agency=a) for a in (police, health))
    url = reverse("admin:learning_learningsession_change", args=[session.pk])
    # Fewer came from the police and more from health; the total still covers the responses,
    # though it would not if the police's row were saved alone first.
    data = form(
        slug=session.slug,
        date="3 March 2025",
        evaluation_responses="16",
        follow_up_recorded_on="5 June 2025",
        follow_up_responses="9",
        follow_up_changed_practice="7",
        change_note="Registers checked; follow-up returned",
    ) | inline([(police, 12, 8, 4, police_row.pk), (health, 8, 8, 0, health_row.pk)], initial=2)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    session.refresh_from_db()
    assert (session.follow_up_responses, session.follow_up_changed_practice) == (9, 7)
    assert session.history.latest().history_change_reason == "Registers checked; follow-up returned"
    police_row.refresh_from_db()
    assert police_row.attended == 8
    assert police_row.history.count() == 2
    assert police_row.history.latest().history_change_reason == (
        "Registers checked; follow-up returned"
    )


def test_taking_a_row_off_leaving_too_few_attended_is_refused(client, manager):
    client.force_login(manager)
    police, health = AgencyFactory(), AgencyFactory()
    session = make_session(places={police: (12, 10, 2), health: (8, 6, 2)}, evaluation_responses=12)
    rows = [(a, 1, 1, 0, session.agencies.get(agency=a).pk) for a in (police, health)]
    data = form(slug=session.slug, evaluation_responses="12") | inline(rows, initial=2)
    data |= {"agencies-1-DELETE": "on", "agencies-0-attended": "10", "agencies-0-booked": "12"}
    page = client.post(
        reverse("admin:learning_learningsession_change", args=[session.pk]), data
    ).content.decode()
    assert "There are more evaluation responses (12) than people attended (10)" in page
    assert session.agencies.count() == 2


def test_the_committee_reads_sessions_but_cannot_change_them(client, committee_member):
    session = make_session(places={AgencyFactory(): (5, 5, 0)})
    committee_member.is_staff = True  # even were they let into the admin
    committee_member.save()
    client.force_login(committee_member)
    url = reverse("admin:learning_learningsession_change", args=[session.pk])
    assert client.get(url).status_code == 200
    client.post(url, form(slug=session.slug, title="Changed") | inline([]))
    session.refresh_from_db()
    assert session.title != "Changed"
    assert session.history.count() == 1


def test_an_agency_s_row_changed_on_its_own_page_is_checked_against_the_responses(client, manager):
    client.force_login(manager)
    police = AgencyFactory()
    session = make_session(places={police: (12, 10, 2)}, evaluation_responses=10)
    row = session.agencies.get()
    url = reverse("admin:learning_sessionagency_change", args=[row.pk])
    data = {"session": session.pk, "agency": police.pk, "booked": 12, "not_attended": 3}
    page = client.post(url, data | {"attended": 9, "change_note": "Miscounted"}).content.decode()
    assert "There are more evaluation responses (10) than people attended (9)" in page
    assert client.post(url, data | {"attended": 10, "not_attended": 2, "change_note": "Checked"})[
        "Location"
    ].endswith(reverse("admin:learning_sessionagency_changelist"))
    assert row.history.latest().history_change_reason == "Checked"
    assert row.history.count() == 2
