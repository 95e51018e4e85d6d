"""The statutory timeline (reviews.timeline): each deadline derived from the dates recorded, on
both sides of its boundary; a reason for a delay needed when a stage is recorded late, and only
then, kept with the history; reviews recorded without their early stages untouched; the
timeline page, the review page, the dashboard and the report, as at any day; the manager's form."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reviews import services, timeline
from reviews.models import Decision, Review, ReviewKind, ReviewStage
from reviews.selectors import statutory_timeline
from tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db

D = date


def statutory_review(**fields):
    """A review at the stage its latest date gives, saved through the service (with its rules)."""
    values = {"name": "Rapid review 01", "slug": "rapid-review-01", "kind": ReviewKind.RAPID}
    values |= fields
    stage = values.pop("stage", None)
    if stage is None:
        reached = [s for s, f in timeline_fields() if values.get(f)]
        stage = reached[-1]
    review = Review(stage=stage, **values)
    return services.review_save(review=review, note="Recorded")


def timeline_fields():
    from reviews.models import STAGE_DATE_FIELDS

    return list(STAGE_DATE_FIELDS.items())


def recorded_long_ago():
    """Every review's history moved to 2020, so that the timeline as at a fixed day reads it
    whatever day the tests run."""
    Review.history.update(history_date=timezone.make_aware(datetime(2020, 1, 1)))


def unsaved(**fields):
    return Review(name="R", slug="r", kind=ReviewKind.CSPR, **fields)


# Each deadline on both sides of its boundary: (dates, the deadline, the day it is due, whether
# the stage recorded then is late and by how much).
@pytest.mark.parametrize(
    "fields, deadline, due, state, count",
    [
        # Notification: 5 working days after the incident was known. Known on a Friday: due the
        # next Friday; that Friday is on time, the Monday after is one working day late.
        ({"incident_known_on": D(2026, 11, 27), "notified_on": D(2026, 12, 4)},
         timeline.NOTIFICATION, D(2026, 12, 4), timeline.ON_TIME, 0),
        ({"incident_known_on": D(2026, 11, 27), "notified_on": D(2026, 12, 7)},
         timeline.NOTIFICATION, D(2026, 12, 4), timeline.LATE, 1),
        # Across Easter: known on Monday 30 March 2026, due Wednesday 8 April.
        ({"incident_known_on": D(2026, 3, 30), "notified_on": D(2026, 4, 8)},
         timeline.NOTIFICATION, D(2026, 4, 8), timeline.ON_TIME, 0),
        ({"incident_known_on": D(2026, 3, 30), "notified_on": D(2026, 4, 9)},
         timeline.NOTIFICATION, D(2026, 4, 8), timeline.LATE, 1),
        # Rapid review: 15 working days after the notification, past Christmas and the
        # substitute day for Boxing Day.
        ({"notified_on": D(2026, 12, 4), "rapid_review_sent_on": D(2026, 12, 29)},
         timeline.RAPID_REVIEW, D(2026, 12, 29), timeline.ON_TIME, 0),
        ({"notified_on": D(2026, 12, 4), "rapid_review_sent_on": D(2026, 12, 30)},
         timeline.RAPID_REVIEW, D(2026, 12, 29), timeline.LATE, 1),
        # Sent the weekend after the deadline, then the Monday: one working day late either way
        # on the Monday, none counted for the weekend days themselves.
        ({"notified_on": D(2026, 12, 4), "rapid_review_sent_on": D(2027, 1, 4)},
         timeline.RAPID_REVIEW, D(2026, 12, 29), timeline.LATE, 3),
        # Publication: 6 months after the decision to hold a local review, in calendar days; a
        # decision on 31 August is due on the last day of February.
        ({"decided_on": D(2026, 8, 31), "decision": Decision.LOCAL_REVIEW,
          "learning_published_on": D(2027, 2, 28)},
         timeline.PUBLICATION, D(2027, 2, 28), timeline.ON_TIME, 0),
        ({"decided_on": D(2026, 8, 31), "decision": Decision.LOCAL_REVIEW,
          "learning_published_on": D(2027, 3, 1)},
         timeline.PUBLICATION, D(2027, 2, 28), timeline.LATE, 1),
    ],
)  # fmt: skip
def test_each_deadline_on_both_sides_of_its_boundary(fields, deadline, due, state, count):
    review = unsaved(**fields)
    standing = timeline.standing(deadline, review, today=D(2027, 6, 1))
    assert (standing.due, standing.state, standing.count) == (due, state, count)
    assert deadline.is_late(review) is (state == timeline.LATE)


@pytest.mark.parametrize(
    "today, state, count, words",
    [
        (D(2026, 12, 3), timeline.DUE, 1, "Due in 1 working day"),
        (D(2026, 11, 30), timeline.DUE, 4, "Due in 4 working days"),
        (D(2026, 12, 4), timeline.DUE, 0, "Due today"),
        (D(2026, 12, 5), timeline.OVERDUE, 0, "Overdue: due 4 December 2026"),  # a Saturday
        (D(2026, 12, 7), timeline.OVERDUE, 1, "Overdue by 1 working day"),
        (D(2026, 12, 9), timeline.OVERDUE, 3, "Overdue by 3 working days"),
    ],
)
def test_a_deadline_not_yet_met_is_due_then_overdue(today, state, count, words):
    review = unsaved(incident_known_on=D(2026, 11, 27))  # notification due Friday 4 December
    standing = timeline.standing(timeline.NOTIFICATION, review, today)
    assert (standing.state, standing.count, standing.words) == (state, count, words)
    assert standing.late is (state == timeline.OVERDUE)


def test_a_stage_recorded_on_the_weekend_after_its_deadline_is_late_by_no_working_day():
    review = unsaved(incident_known_on=D(2026, 11, 27), notified_on=D(2026, 12, 5))
    standing = timeline.standing(timeline.NOTIFICATION, review, D(2026, 12, 10))
    assert (standing.state, standing.count) == (timeline.LATE, 0)
    assert standing.words == "Late: due 4 December 2026"
    assert timeline.delay_errors(review) == {
        "notification_delay_reason": "Enter the reason for the delay: the notification was due "
        "by 4 December 2026 (5 working days after the incident was known) and is recorded after "
        "it."
    }


def test_publication_has_a_deadline_only_after_a_decision_to_hold_a_local_review():
    for decision in (Decision.NO_FURTHER_REVIEW, Decision.OTHER):
        review = unsaved(decided_on=D(2026, 1, 10), decision=decision)
        assert timeline.standing(timeline.PUBLICATION, review, D(2027, 1, 1)) is None
    review = unsaved(decided_on=D(2026, 1, 10), decision=Decision.LOCAL_REVIEW)
    standing = timeline.standing(timeline.PUBLICATION, review, D(2026, 7, 11))
    assert (standing.due, standing.state, standing.words) == (
        D(2026, 7, 10),
        timeline.OVERDUE,
        "Overdue by 1 day",
    )


def test_a_deadline_with_no_date_to_count_from_is_not_shown():
    review = unsaved(notified_on=D(2026, 12, 4))  # notified, with no date the incident was known
    assert timeline.standing(timeline.NOTIFICATION, review, D(2027, 1, 1)) is None
    assert [one.deadline for one in timeline.standings(review, D(2026, 12, 7))] == [
        timeline.RAPID_REVIEW
    ]


def test_the_delay_reason_is_needed_when_a_stage_is_recorded_late_and_kept_with_the_history(
    manager,
):
    review = statutory_review(incident_known_on=D(2026, 11, 27))
    with pytest.raises(ValidationError) as refused:
        services.review_set_stage(
            review=review, stage=ReviewStage.NOTIFIED, on=D(2026, 12, 7), user=manager
        )
    assert refused.value.message_dict["notification_delay_reason"] == [
        "Enter the reason for the delay: the notification was due by 4 December 2026 (5 working "
        "days after the incident was known) and was 1 working day late."
    ]
    review.refresh_from_db()
    assert (review.stage, review.notified_on, review.history.count()) == (
        ReviewStage.INCIDENT_KNOWN,
        None,
        1,
    )
    reason = "The incident was reported to a team outside children's services first."
    services.review_set_stage(
        review=review,
        stage=ReviewStage.NOTIFIED,
        on=D(2026, 12, 7),
        delay_reason=f"  {reason} ",
        user=manager,
    )
    review.refresh_from_db()
    assert (review.stage, review.notified_on, review.notification_delay_reason) == (
        ReviewStage.NOTIFIED,
        D(2026, 12, 7),
        reason,
    )
    record = review.history.latest()
    assert (record.notification_delay_reason, record.history_user) == (reason, manager)
    assert record.history_change_reason == "Stage changed to notified to the Panel"


def test_the_delay_reason_is_refused_when_the_stage_was_on_time(manager):
    review = statutory_review(incident_known_on=D(2026, 11, 27))
    with pytest.raises(ValidationError) as refused:
        services.review_set_stage(
            review=review,
            stage=ReviewStage.NOTIFIED,
            on=D(2026, 12, 4),
            delay_reason="Not late at all",
            user=manager,
        )
    assert "Leave the reason for a delay blank" in " ".join(
        refused.value.message_dict["notification_delay_reason"]
    )
    review.refresh_from_db()
    services.review_set_stage(
        review=review, stage=ReviewStage.NOTIFIED, on=D(2026, 12, 4), user=manager
    )
    review.refresh_from_db()
    assert (review.stage, review.notification_delay_reason) == (ReviewStage.NOTIFIED, "")


def test_the_decision_needs_what_was_decided_and_the_dates_stay_in_order(manager):
    review = statutory_review(
        incident_known_on=D(2026, 11, 2),
        notified_on=D(2026, 11, 4),
        rapid_review_sent_on=D(2026, 11, 20),
    )
    with pytest.raises(ValidationError) as refused:
        services.review_set_stage(
            review=review, stage=ReviewStage.DECIDED, on=D(2026, 11, 27), user=manager
        )
    assert refused.value.message_dict == {
        "decision": ["Choose what was decided after the rapid review."]
    }
    review.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.review_set_stage(
            review=review,
            stage=ReviewStage.DECIDED,
            on=D(2026, 11, 19),  # before the rapid review was sent
            decision=Decision.LOCAL_REVIEW,
            user=manager,
        )
    assert "Stage dates must be in order" in refused.value.message_dict["decided_on"][0]


def test_a_review_at_a_statutory_stage_records_the_dates_before_it():
    review = unsaved(stage=ReviewStage.RAPID_REVIEW_SENT, rapid_review_sent_on=D(2026, 11, 20))
    with pytest.raises(ValidationError) as refused:
        review.full_clean()
    assert refused.value.message_dict["incident_known_on"] == [
        "Enter the date the incident was known."
    ]
    assert refused.value.message_dict["notified_on"] == ["Enter the date the Panel was notified."]


def test_reviews_recorded_without_their_early_stages_are_untouched():
    """A review that began at "in progress" (every review before the statutory stages) is valid,
    has no deadlines, and its page shows no statutory stage unless it is a practice review."""
    peer = ReviewFactory(kind=ReviewKind.PEER)
    practice = ReviewFactory(kind=ReviewKind.CSPR)
    for review in (peer, practice):
        review.full_clean()
        services.review_save(review=review, note="Saved again")
        assert timeline.standings(review, timezone.localdate()) == []
        assert not timeline.in_early_stages(review, timezone.localdate())
    assert [step.stage for step in peer.timeline(timezone.localdate())] == [
        ReviewStage.IN_PROGRESS, ReviewStage.LEARNING_PUBLISHED, ReviewStage.RATIFIED,
        ReviewStage.CLOSED,
    ]  # fmt: skip
    steps = practice.timeline(timezone.localdate())
    assert [step.reached_on for step in steps[:4]] == [None] * 4
    assert all(step.standing is None for step in steps)
    found = statutory_timeline(as_at=timezone.localdate())
    assert (found.due, found.late) == ([], [])


def test_the_timeline_lists_early_reviews_soonest_first_and_counts_the_year():
    today = D(2026, 12, 4)
    soon = statutory_review(
        name="Soon", slug="soon", incident_known_on=D(2026, 11, 9), notified_on=D(2026, 11, 13)
    )  # rapid review due 4 December: today
    later = statutory_review(name="Later", slug="later", incident_known_on=D(2026, 12, 2))
    overdue = statutory_review(name="Overdue", slug="overdue", incident_known_on=D(2026, 11, 20))
    decided = statutory_review(
        name="Decided",
        slug="decided",
        incident_known_on=D(2026, 5, 1),
        notified_on=D(2026, 5, 12),  # due 11 May: the Early May bank holiday is not counted
        notification_delay_reason="Reported late.",
        rapid_review_sent_on=D(2026, 5, 29),
        decided_on=D(2026, 6, 5),
        decision=Decision.LOCAL_REVIEW,
    )  # publication due 5 December 2026
    ReviewFactory(kind=ReviewKind.CSPR)  # an older review with none of these dates
    recorded_long_ago()
    found = statutory_timeline(as_at=today)
    assert [(row.review, row.next_due.due) for row in found.due] == [
        (overdue, D(2026, 11, 27)),
        (soon, D(2026, 12, 4)),
        (decided, D(2026, 12, 5)),
        (later, D(2026, 12, 9)),
    ]
    assert [row.review for row in found.overdue] == [overdue]
    late = {
        row.review.name: [(m.what, m.words, m.reason) for m in row.missed] for row in found.late
    }
    assert late == {
        "Overdue": [("Notification", "Overdue by 5 working days", "")],
        "Decided": [("Notification", "Late by 1 working day", "Reported late.")],
    }
    figures = {f.deadline.name: (f.total, f.on_time, f.late) for f in found.figures}
    assert figures == {
        "notification": (2, 1, 1),
        "rapid review": (1, 1, 0),
        "publication": (0, 0, 0),
    }
    assert (found.year_first, found.year_last) == (D(2026, 4, 1), D(2027, 3, 31))


def test_a_ratified_reviews_missed_deadlines_are_history_not_the_committees_exceptions():
    review = statutory_review(
        name="Done",
        slug="done",
        incident_known_on=D(2024, 5, 1),
        notified_on=D(2024, 5, 8),
        rapid_review_sent_on=D(2024, 5, 29),
        decided_on=D(2024, 6, 5),
        decision=Decision.LOCAL_REVIEW,
        started_on=D(2024, 6, 10),
        learning_published_on=D(2025, 1, 10),
        publication_delay_reason="Criminal proceedings.",
    )
    today = timezone.localdate()
    assert [row.review for row in statutory_timeline(as_at=today).late] == [review]
    review.stage, review.ratified_on = ReviewStage.RATIFIED, D(2025, 2, 1)
    services.review_save(review=review)
    assert statutory_timeline(as_at=today).late == []
    assert [m.words for m in timeline.late_standings(review, today)] == ["Late by 36 days"]


def test_the_timeline_as_at_a_day_reads_the_stages_recorded_by_then(manager):
    review = statutory_review(incident_known_on=D(2026, 11, 27))
    review.history.update(history_date=timezone.now() - timedelta(days=3))
    services.review_set_stage(
        review=review, stage=ReviewStage.NOTIFIED, on=D(2026, 12, 4), user=manager
    )
    before = statutory_timeline(as_at=timezone.localdate() - timedelta(days=1))
    (row,) = before.due
    assert (row.review.stage, row.next_due.deadline) == (
        ReviewStage.INCIDENT_KNOWN,
        timeline.NOTIFICATION,
    )
    (row,) = statutory_timeline(as_at=timezone.localdate()).due
    assert (row.review.stage, row.next_due.deadline) == (
        ReviewStage.NOTIFIED,
        timeline.RAPID_REVIEW,
    )


def test_the_manager_records_the_next_stage_on_the_form(manager_client, manager):
    known = timezone.localdate() - timedelta(days=30)
    review = statutory_review(incident_known_on=known)
    url = f"/reviews/{review.slug}/stage/"
    page = manager_client.get(url, HTTP_HOST="127.0.0.1")
    assert page.status_code == 200
    due = timeline.NOTIFICATION.due(review)
    assert f"The notification is due by {due:%-d %B %Y}" in page.content.decode()
    # Late, with no reason: refused, nothing saved, the date kept.
    late = f"{timezone.localdate():%Y-%m-%d}"
    answer = manager_client.post(
        url, {"stage": "notified", "reached_on": late, "delay_reason": ""}, HTTP_HOST="127.0.0.1"
    )
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "Enter the reason for the delay: the notification was due by" in body
    assert f'value="{late}"' in body
    review.refresh_from_db()
    assert (review.stage, review.history.count()) == (ReviewStage.INCIDENT_KNOWN, 1)
    # With the reason: saved, and the review's page says so.
    answer = manager_client.post(
        url,
        {"stage": "notified", "reached_on": late, "delay_reason": "Reported to us late."},
        HTTP_HOST="127.0.0.1",
    )
    assert answer.status_code == 302 and answer["Location"] == review.get_absolute_url()
    review.refresh_from_db()
    assert (review.stage, review.notified_on, review.notification_delay_reason) == (
        ReviewStage.NOTIFIED,
        timezone.localdate(),
        "Reported to us late.",
    )
    assert review.history.latest().history_user == manager
    shown = manager_client.get(review.get_absolute_url(), HTTP_HOST="127.0.0.1").content.decode()
    assert "The notification to the Panel is recorded:" in shown and "late by" in shown
    assert "Reason for the delay: Reported to us late." in shown
    # A form opened for the notification, sent again after it was recorded: refused (409).
    again = manager_client.post(
        url, {"stage": "notified", "reached_on": late, "delay_reason": "x"}, HTTP_HOST="127.0.0.1"
    )
    assert again.status_code == 409
    assert "Someone else recorded a stage of this review" in again.content.decode()
    review.refresh_from_db()
    assert (review.stage, review.history.count()) == (ReviewStage.NOTIFIED, 2)


def test_the_decision_form_asks_what_was_decided(manager_client):
    review = statutory_review(
        incident_known_on=D(2026, 11, 2),
        notified_on=D(2026, 11, 4),
        rapid_review_sent_on=D(2026, 11, 20),
    )
    url = f"/reviews/{review.slug}/stage/"
    body = manager_client.get(url, HTTP_HOST="127.0.0.1").content.decode()
    assert "What was decided" in body and "Reason for the delay" not in body
    answer = manager_client.post(
        url, {"stage": "decided", "reached_on": "2026-11-25"}, HTTP_HOST="127.0.0.1"
    )
    assert answer.status_code == 400
    assert "Choose what was decided after the rapid review." in answer.content.decode()
    answer = manager_client.post(
        url,
        {"stage": "decided", "reached_on": "25 November 2026", "decision": "local_review"},
        HTTP_HOST="127.0.0.1",
    )
    assert answer.status_code == 302
    review.refresh_from_db()
    assert (review.stage, review.decided_on, review.decision) == (
        ReviewStage.DECIDED,
        D(2026, 11, 25),
        Decision.LOCAL_REVIEW,
    )


def test_only_managers_record_stages(committee_client):
    review = statutory_review(incident_known_on=D(2026, 11, 2))
    url = f"/reviews/{review.slug}/stage/"
    assert committee_client.get(url, HTTP_HOST="127.0.0.1").status_code == 403
    answer = committee_client.post(
        url, {"stage": "notified", "reached_on": "2026-11-04"}, HTTP_HOST="127.0.0.1"
    )
    assert answer.status_code == 403
    review.refresh_from_db()
    assert review.stage == ReviewStage.INCIDENT_KNOWN
    page = committee_client.get(review.get_absolute_url(), HTTP_HOST="127.0.0.1").content.decode()
    assert "Record the next stage" not in page


def test_a_closed_review_has_no_later_stage(manager_client):
    review = ReviewFactory(stage=ReviewStage.CLOSED, closed_on=D(2025, 1, 1))
    page = manager_client.get(f"/reviews/{review.slug}/stage/", HTTP_HOST="127.0.0.1")
    assert page.status_code == 200
    assert "there is no later stage to record" in page.content.decode()
    assert (
        "Record the next stage"
        not in manager_client.get(review.get_absolute_url(), HTTP_HOST="127.0.0.1").content.decode()
    )


def test_the_pages_say_which_reviews_are_late_and_why(committee_client):
    statutory_review(
        name="Late one",
        slug="late-one",
        incident_known_on=D(2026, 5, 1),
        notified_on=D(2026, 5, 12),
        notification_delay_reason="Reported to us late.",
    )
    due = statutory_review(
        name="Due one", slug="due-one", incident_known_on=timezone.localdate() - timedelta(days=1)
    )
    for url in ("/reviews/timeline/", "/", "/report/"):
        body = committee_client.get(url, HTTP_HOST="127.0.0.1").content.decode()
        assert "Late one" in body and "Reported to us late." in body, url
        assert "Due one" in body, url
    timeline_page = committee_client.get("/reviews/timeline/", HTTP_HOST="127.0.0.1")
    body = timeline_page.content.decode()
    assert f"{timeline.NOTIFICATION.due(due):%-d %B %Y}" in body
    assert "Late by 1 working day" in body
    report = committee_client.get("/report/", HTTP_HOST="127.0.0.1").content.decode()
    assert "7. Statutory review timeline" in report
    pdf = committee_client.get("/report/pdf/", HTTP_HOST="127.0.0.1")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


# Signed in (session, user, permissions) and the reviews, in one query;
# the dashboard and the report as tests/reviews/test_query_counts.py counts them.
TIMELINE_QUERIES = {
    "timeline": 5,
    "timeline as at": 5,
    "review": 12,
    "stage form": 7,
    "review as at": 12,
    "dashboard": 26,
    "dashboard as at": 26,
    "report": 33,
}


def early_reviews(number, start):
    """`number` reviews at the statutory stages, in turn, with their history."""
    made = []
    for n in range(number):
        known = D(2026, 9, 1) + timedelta(days=n % 60)
        fields = {"incident_known_on": known, "stage": ReviewStage.INCIDENT_KNOWN}
        if n % 4 >= 1:
            fields |= {"notified_on": known + timedelta(days=2), "stage": ReviewStage.NOTIFIED}
        if n % 4 >= 2:
            fields |= {
                "rapid_review_sent_on": known + timedelta(days=20),
                "stage": ReviewStage.RAPID_REVIEW_SENT,
            }
        if n % 4 == 3:
            fields |= {
                "decided_on": known + timedelta(days=25),
                "decision": Decision.LOCAL_REVIEW,
                "stage": ReviewStage.DECIDED,
            }
        made.append(
            ReviewFactory(
                name=f"Early {start + n}", slug=f"early-{start + n}", kind=ReviewKind.RAPID,
                started_on=None, learning_published_on=None, ratified_on=None, **fields,
            )
        )  # fmt: skip
    return made


def timeline_queries(committee_client, manager_client, review):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    day = timezone.localdate() - timedelta(days=1)
    urls = {
        "timeline": (committee_client, "/reviews/timeline/"),
        "timeline as at": (committee_client, f"/reviews/timeline/?as_at={day}"),
        "review": (committee_client, review.get_absolute_url()),
        "stage form": (manager_client, f"/reviews/{review.slug}/stage/"),
        "review as at": (committee_client, f"{review.get_absolute_url()}?as_at={day}"),
        "dashboard": (committee_client, "/"),
        "dashboard as at": (committee_client, f"/?as_at={day}"),
        "report": (committee_client, "/report/"),
    }
    counts = {}
    for name, (client, url) in urls.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200, url
        counts[name] = len(queries)
    return counts


def test_the_timeline_pages_use_a_constant_number_of_queries(committee_member, manager):
    from django.test import Client

    committee_client, manager_client = Client(), Client()
    committee_client.force_login(committee_member)
    manager_client.force_login(manager)
    (review, *_) = early_reviews(4, 0)
    recorded_long_ago()
    small = timeline_queries(committee_client, manager_client, review)
    early_reviews(200, 4)
    for one in Review.objects.filter(slug__startswith="early-")[:50]:
        services.review_save(review=one, note="Saved again")
    recorded_long_ago()
    large = timeline_queries(committee_client, manager_client, review)
    assert small == large == TIMELINE_QUERIES
    assert len(statutory_timeline(as_at=timezone.localdate()).due) == 204


@pytest.mark.parametrize(
    "fields, deadline, today, words",
    [
        ({"notified_on": D(2026, 12, 4)}, timeline.RAPID_REVIEW, D(2026, 12, 29), "Due today"),
        ({"notified_on": D(2026, 12, 4)}, timeline.RAPID_REVIEW, D(2026, 12, 30),
         "Overdue by 1 working day"),
        ({"notified_on": D(2026, 12, 4)}, timeline.RAPID_REVIEW, D(2026, 12, 24),
         "Due in 1 working day"),  # Christmas Day, the weekend and the substitute day between
        ({"decided_on": D(2026, 8, 31), "decision": Decision.LOCAL_REVIEW}, timeline.PUBLICATION,
         D(2027, 2, 28), "Due today"),
        ({"decided_on": D(2026, 8, 31), "decision": Decision.LOCAL_REVIEW}, timeline.PUBLICATION,
         D(2027, 3, 1), "Overdue by 1 day"),
        ({"decided_on": D(2026, 8, 31), "decision": Decision.LOCAL_REVIEW}, timeline.PUBLICATION,
         D(2027, 2, 26), "Due in 2 days"),  # calendar days, the weekend counted
    ],
)  # fmt: skip
def test_the_rapid_review_and_publication_fall_due_then_overdue(fields, deadline, today, words):
    assert timeline.standing(deadline, unsaved(**fields), today).words == words


@pytest.mark.parametrize(
    "fields, field, reason_needed",
    [
        ({"notified_on": D(2026, 12, 4), "rapid_review_sent_on": D(2026, 12, 30)},
         "rapid_review_delay_reason", True),
        ({"notified_on": D(2026, 12, 4), "rapid_review_sent_on": D(2026, 12, 29)},
         "rapid_review_delay_reason", False),
        ({"decided_on": D(2026, 8, 31), "decision": Decision.LOCAL_REVIEW,
          "learning_published_on": D(2027, 3, 1)}, "publication_delay_reason", True),
        ({"decided_on": D(2026, 8, 31), "decision": Decision.LOCAL_REVIEW,
          "learning_published_on": D(2027, 2, 28)}, "publication_delay_reason", False),
        # Published long after a decision on no further review: no deadline, so no reason.
        ({"decided_on": D(2026, 8, 31), "decision": Decision.NO_FURTHER_REVIEW,
          "learning_published_on": D(2028, 1, 1)}, "publication_delay_reason", False),
    ],
)  # fmt: skip
def test_each_reason_is_needed_only_when_its_stage_was_late(fields, field, reason_needed):
    review = unsaved(**fields)
    assert (field in timeline.delay_errors(review)) is reason_needed
    setattr(review, field, "The reason.")
    assert (field in timeline.delay_errors(review)) is not reason_needed


def test_a_decision_on_no_further_review_ends_the_timeline(manager_client):
    review = statutory_review(
        incident_known_on=D(2026, 11, 2),
        notified_on=D(2026, 11, 4),
        rapid_review_sent_on=D(2026, 11, 20),
        decided_on=D(2026, 11, 25),
        decision=Decision.NO_FURTHER_REVIEW,
    )
    assert review.next_stage() is None
    assert statutory_timeline(as_at=timezone.localdate()).due == []
    page = manager_client.get(f"/reviews/{review.slug}/stage/", HTTP_HOST="127.0.0.1")
    assert "decided on no further review" in page.content.decode()
    answer = manager_client.post(
        f"/reviews/{review.slug}/stage/", {"stage": "in_progress"}, HTTP_HOST="127.0.0.1"
    )
    assert answer.status_code == 409
    review.refresh_from_db()
    assert (review.stage, review.history.count()) == (ReviewStage.DECIDED, 1)


@pytest.mark.parametrize(
    "answers, status, said",
    [
        ({"reached_on": "2026-11-04"}, 400, "sent without the stage it records"),
        ({"stage": "xyz", "reached_on": "2026-11-04"}, 400, "sent without the stage it records"),
        ({"stage": "closed", "reached_on": "2026-11-04"}, 409, "Someone else recorded a stage"),
        ({"stage": "notified", "reached_on": ""}, 400, "Enter the date the Panel was notified."),
        ({"stage": "notified", "reached_on": "31/02/2026"}, 400, "is not a real date"),
        ({"stage": "notified", "reached_on": "Ongoing"}, 400, "is not a date"),
        ({"stage": "notified", "reached_on": "2999-01-01"}, 400, "today or earlier"),
        ({"stage": "notified", "reached_on": "2026-11-04", "delay_reason": "x" * 2001}, 400,
         "at most 2000 characters"),
    ],
)  # fmt: skip
def test_odd_answers_to_the_stage_form_save_nothing(manager_client, answers, status, said):
    review = statutory_review(incident_known_on=D(2026, 11, 2))
    answer = manager_client.post(f"/reviews/{review.slug}/stage/", answers, HTTP_HOST="127.0.0.1")
    assert answer.status_code == status
    assert said in answer.content.decode()
    review.refresh_from_db()
    assert (review.stage, review.notified_on, review.history.count()) == (
        ReviewStage.INCIDENT_KNOWN,
        None,
        1,
    )


def test_a_forged_decision_is_refused(manager_client):
    review = statutory_review(
        incident_known_on=D(2026, 11, 2),
        notified_on=D(2026, 11, 4),
        rapid_review_sent_on=D(2026, 11, 20),
    )
    answer = manager_client.post(
        f"/reviews/{review.slug}/stage/",
        {"stage": "decided", "reached_on": "2026-11-25", "decision": "close_it"},
        HTTP_HOST="127.0.0.1",
    )
    assert answer.status_code == 400
    assert "Select a valid choice" in answer.content.decode()
    review.refresh_from_db()
    assert (review.stage, review.decision) == (ReviewStage.RAPID_REVIEW_SENT, "")


def test_a_form_opened_for_the_rapid_review_is_not_saved_as_the_decision(manager_client):
    """Someone else recorded the rapid review after the form opened: the form's date is not
    taken for the decision, which comes next now."""
    review = statutory_review(incident_known_on=D(2026, 11, 2), notified_on=D(2026, 11, 4))
    services.review_set_stage(
        review=review, stage=ReviewStage.RAPID_REVIEW_SENT, on=D(2026, 11, 20)
    )
    answer = manager_client.post(
        f"/reviews/{review.slug}/stage/",
        {"stage": "rapid_review_sent", "reached_on": "2026-11-23", "decision": "local_review"},
        HTTP_HOST="127.0.0.1",
    )
    assert answer.status_code == 409
    body = answer.content.decode()
    assert "Record the decision after the rapid review" in body
    review.refresh_from_db()
    assert (review.stage, review.rapid_review_sent_on) == (
        ReviewStage.RAPID_REVIEW_SENT,
        D(2026, 11, 20),
    )


def test_an_older_practice_review_shows_its_early_stages_as_not_recorded(committee_client):
    review = ReviewFactory(kind=ReviewKind.CSPR)
    page = committee_client.get(review.get_absolute_url(), HTTP_HOST="127.0.0.1").content.decode()
    timeline_html = page.split('id="timeline"', 1)[1].split("</ol>", 1)[0]
    assert timeline_html.count("Not recorded") == 4  # the four statutory stages
    assert "Due by" not in timeline_html and "Not yet" in timeline_html  # closed: not yet
