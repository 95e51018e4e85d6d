"""?as_at=YYYY-MM-DD shows the position at the end of that day, from the recorded history."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from as_at.history import BackdatedChange, end_of_day, records_at
from reviews import services
from reviews.models import Action, Status
from tests.factories import AgencyFactory, ReviewFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def counts_from_history(day):
    records = list(Action.history.as_of(end_of_day(day)))
    return {
        "action_count": len(records),
        **{status: sum(r.status == status for r in records) for status in Status.values},
    }


def test_dashboard_as_at_each_meeting_matches_the_history(committee_client, demo):
    today = committee_client.get("/").context["totals"]
    for meeting in demo:
        response = committee_client.get("/", {"as_at": meeting.date.isoformat()})
        assert response.status_code == 200
        totals = response.context["totals"]
        expected = counts_from_history(meeting.date)
        assert {key: totals[key] for key in expected} == expected
        assert totals["blue"] < today["blue"]
        page = response.content.decode()
        assert f"as it stood at the end of {meeting.date:%-d %B %Y}" in page
        assert 'href="/">See today’s position</a>' in page


def test_review_stage_is_as_it_was(committee_client, demo):
    shay_published = (timezone.localdate() - datetime.timedelta(days=45)).isoformat()
    before = (timezone.localdate() - datetime.timedelta(days=46)).isoformat()

    then = committee_client.get("/reviews/shay-and-ashley/", {"as_at": before})
    now = committee_client.get("/reviews/shay-and-ashley/", {"as_at": shay_published})

    assert then.context["review"].stage == "in_progress"
    assert now.context["review"].stage == "learning_published"


def test_actions_that_did_not_exist_yet_are_absent(committee_client, manager):
    review, agency, theme = ReviewFactory(), AgencyFactory(), ThemeFactory()
    then = timezone.now() - datetime.timedelta(days=10)
    services.action_create(
        review=review, reference="OLD", recommendation="r", description="Older action",
        lead_agency=agency, lead_officer_role="Lead", themes=[theme], status=Status.AMBER,
        at=then,
    )  # fmt: skip
    services.action_create(
        review=review, reference="NEW", recommendation="r", description="Newer action",
        lead_agency=agency, lead_officer_role="Lead", themes=[theme], status=Status.RED,
    )  # fmt: skip
    day = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()

    response = committee_client.get(reverse("reviews:action-list"), {"as_at": day})

    assert [row.record.reference for row in response.context["table"].rows] == ["OLD"]
    export = committee_client.get(reverse("reviews:action-list"), {"as_at": day, "_export": "csv"})
    assert export["Content-Disposition"] == f'attachment; filename="actions-as-at-{day}.csv"'
    rows = list(csv.reader(io.StringIO(export.getvalue().decode())))
    assert [row[1] for row in rows[1:]] == ["OLD"]
    assert rows[1][10] == theme.name
    theme_page = committee_client.get(theme.get_absolute_url(), {"as_at": day})
    assert theme_page.context["totals"]["action_count"] == 1
    agency_page = committee_client.get(agency.get_absolute_url(), {"as_at": day})
    assert agency_page.context["totals"]["amber"] == 1


def test_status_and_target_date_are_as_they_were(committee_client):
    review, agency, theme = ReviewFactory(), AgencyFactory(), ThemeFactory()
    long_ago = timezone.now() - datetime.timedelta(days=30)
    action = services.action_create(
        review=review, reference="A1", recommendation="r", description="d", lead_agency=agency,
        lead_officer_role="Lead", themes=[theme], status=Status.AMBER,
        target_date=timezone.localdate() - datetime.timedelta(days=20), at=long_ago,
    )  # fmt: skip
    services.action_update(
        action=action,
        status=Status.GREEN,
        target_date=timezone.localdate() + datetime.timedelta(days=20),
        target_date_change_reason="Moved",
        note="Done",
    )
    before = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()

    then = committee_client.get("/", {"as_at": before}).context["totals"]
    now = committee_client.get("/").context["totals"]

    assert (then["amber"], then["green"], then["overdue"]) == (1, 0, 1)
    assert (now["amber"], now["green"], now["overdue"]) == (0, 1, 0)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", "“2026-02-30” is not a real date."),
        ("2026/03/31", "“2026/03/31” is not a date that can be read."),
        ("yesterday", "“yesterday” is not a date that can be read."),
        ("9999-12-31", "cannot be in the future"),
    ],
)
def test_a_bad_date_gets_a_clear_message_and_todays_position(committee_client, value, message):
    for url in ["/", "/actions/"]:
        response = committee_client.get(url, {"as_at": value})
        page = response.content.decode()
        assert response.status_code == 400
        assert message in page
        assert "Today’s position is shown instead." in page
        assert response.context["as_at"] == timezone.localdate()


def test_a_date_is_read_as_people_write_it(committee_client):
    day = timezone.localdate() - datetime.timedelta(days=40)
    for typed in [day.isoformat(), f"{day:%d/%m/%Y}", f"{day:%-d %B %Y}"]:
        response = committee_client.get("/", {"as_at": typed})
        assert response.status_code == 200
        assert response.context["as_at"] == day


def test_links_keep_the_date(committee_client, demo):
    day = demo[0].date.isoformat()
    page = committee_client.get("/", {"as_at": day}).content.decode()
    assert f'href="/reviews/leo/?as_at={day}"' in page
    assert f'href="/themes/information-sharing/?as_at={day}"' in page
    review_page = committee_client.get("/reviews/leo/", {"as_at": day}).content.decode()
    assert f'<input type="hidden" name="as_at" value="{day}">' in review_page


# The invariant "as at" rests on (as_at.history): each object's records' periods follow one
# another, so that at any moment exactly one record of a living object is in force.


def in_force(moment):
    """How many actions the range test finds at `moment`, and how many django-simple-history's
    own as_of finds (each action's latest record by then)."""
    return records_at(Action, moment).count(), len(list(Action.history.as_of(moment)))


def agreed_action(days_ago):
    agency, theme = AgencyFactory(), ThemeFactory()
    return services.action_create(
        review=ReviewFactory(),
        reference="B1",
        recommendation="Share information promptly.",
        description="Revise the transfer procedure.",
        lead_agency=agency,
        lead_officer_role="Head of Service",
        themes=[theme],
        at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_a_change_dated_before_the_latest_record_is_refused():
    action = agreed_action(days_ago=10)
    services.action_update(action=action, progress_note="Started", note="Update")  # now
    before = action.history.count()

    with pytest.raises(BackdatedChange, match="Record changes in the order they happened"):
        services.action_update(
            action=action,
            progress_note="Back-dated",
            note="Update",
            at=timezone.now() - datetime.timedelta(days=5),
        )

    assert action.history.count() == before
    action.refresh_from_db()
    assert action.progress_note == "Started"  # the change and its record, both undone
    for days in (7, 3, 0):
        moment = timezone.now() - datetime.timedelta(days=days)
        assert in_force(moment) == (1, 1)


def test_a_change_dated_after_the_latest_record_is_kept_in_order():
    action = agreed_action(days_ago=10)
    services.action_update(
        action=action,
        progress_note="Started",
        note="Update",
        at=timezone.now() - datetime.timedelta(days=5),
    )
    for days in (7, 3, 0):
        moment = timezone.now() - datetime.timedelta(days=days)
        assert in_force(moment) == (1, 1)


@pytest.mark.parametrize("days_ago", [5, 15], ids=["after the first", "before the first"])
def test_history_inserted_in_bulk_keeps_one_record_in_force(days_ago):
    """django-simple-history's bulk insert sets no period: without the periods worked out
    again, the range test found 2 where as_of finds 1."""
    action = agreed_action(days_ago=10)
    action.progress_note = "Bulk update"
    moment = timezone.now() - datetime.timedelta(days=days_ago)

    Action.history.bulk_history_create([action], update=True, default_date=moment)

    records = list(action.history.order_by("history_date"))
    assert [r.history_valid_until for r in records] == [records[1].history_date, None]
    for days in (12, 7, 3, 0):
        moment = timezone.now() - datetime.timedelta(days=days)
        found, as_of = in_force(moment)
        assert found == as_of
    assert in_force(timezone.now()) == (1, 1)
