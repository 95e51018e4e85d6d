"""The statutory timeline in Chromium, on the demo: the manager adds a new incident in Manage,
records its notification to the Panel (late, so first refused without the reason for the delay)
and its rapid review on the review's page; a committee member then sees on the dashboard and the
timeline which reviews are late and why, and what is due next. Each page that follows is read,
and the database checked."""

import re

from .conftest import sign_in

REASON = "The incident was first reported to a team outside children's services."


def test_the_manager_records_a_notification_and_a_rapid_review_and_the_committee_sees_them(
    page, demo
):
    from django.utils import timezone

    from dates.working_days import add_working_days, working_days_before
    from reviews.models import Review, ReviewStage
    from reviews.selectors import statutory_timeline

    today = timezone.localdate()
    known = working_days_before(today, 7)  # the notification was due 2 working days ago
    notification_due = add_working_days(known, 5)

    # The manager adds the incident in Manage.
    sign_in(page, demo, "manager")
    page.goto(f"{demo.url}/admin/reviews/review/add/")
    page.fill("#id_name", "Rapid review journey/02")  # the admin makes the slug from it
    page.select_option("#id_kind", label="Rapid review")
    page.select_option("#id_stage", label="Incident known")
    page.fill("#id_incident_known_on", f"{known:%-d %B %Y}")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/reviews/review/(\?.*)?$"))
    review = Review.objects.get(name="Rapid review journey/02")
    assert (review.stage, review.incident_known_on) == (ReviewStage.INCIDENT_KNOWN, known)

    # On the review's page: the notification overdue, and the form to record it.
    page.goto(f"{demo.url}{review.get_absolute_url()}")
    timeline = page.locator(".app-stage-path").inner_text()
    assert f"Due by {notification_due:%-d %B %Y}" in timeline
    assert "Overdue by 2 working days" in timeline
    page.get_by_role("link", name="Record the next stage").click()
    page.wait_for_load_state()
    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == "Record the notification to the Panel"
    assert page.input_value("#id_reached_on") == f"{today:%Y-%m-%d}"
    page.get_by_role("button", name="Record the notification to the Panel").click()
    page.wait_for_load_state()
    # Late with no reason: refused, and nothing saved.
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter the reason for the delay: the notification was due by" in summary
    review.refresh_from_db()
    assert review.stage == ReviewStage.INCIDENT_KNOWN
    page.fill("#id_delay_reason", REASON)
    page.get_by_role("button", name="Record the notification to the Panel").click()
    page.wait_for_url(f"{demo.url}{review.get_absolute_url()}")
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert (
        f"The notification to the Panel is recorded: {today:%-d %B %Y}, late by 2 working days."
        in banner
    )
    assert f"Reason for the delay: {REASON}" in page.locator(".app-stage-path").inner_text()
    review.refresh_from_db()
    assert (review.stage, review.notified_on, review.notification_delay_reason) == (
        ReviewStage.NOTIFIED,
        today,
        REASON,
    )
    assert review.history.latest().history_user.username == "manager"

    # The rapid review, sent the same day: on time, no reason asked for.
    page.get_by_role("link", name="Record the next stage").click()
    page.wait_for_load_state()
    rapid_due = add_working_days(today, 15)
    assert f"due by {rapid_due:%-d %B %Y}" in page.locator("main").inner_text()
    page.get_by_role("button", name="Record the rapid review sent to the Panel").click()
    page.wait_for_url(f"{demo.url}{review.get_absolute_url()}")
    banner = page.locator(".govuk-notification-banner--success").inner_text()
    assert f"The rapid review sent to the Panel is recorded: {today:%-d %B %Y}, on time." in banner
    review.refresh_from_db()
    assert (review.stage, review.rapid_review_sent_on, review.rapid_review_delay_reason) == (
        ReviewStage.RAPID_REVIEW_SENT,
        today,
        "",
    )
    assert review.history.count() == 3

    # A committee member: the dashboard says which reviews are late and why, and what is due.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    sign_in(page, demo, "committee")
    panel = page.locator("main").inner_text()
    assert f"Rapid review journey/02: notification late by 2 working days. Reason: {REASON}" in (
        panel
    )
    assert "Shay and Ashley: publication late by" in panel
    demo_incident = Review.objects.get(kind="rapid", stage=ReviewStage.NOTIFIED)
    assert f"Next due: {demo_incident.name}, rapid review by" in panel
    assert "(due in 2 working days)" in panel
    page.get_by_role("link", name="Timeline", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Statutory review timeline"
    rows = page.locator("#due ~ .app-table-wrapper").first.locator("tbody tr")
    first = rows.first.inner_text()
    assert demo_incident.name in first and "Due in 2 working days" in first
    assert "Rapid review journey/02" in page.locator("#due ~ .app-table-wrapper").first.inner_text()
    late = page.locator("#late ~ .app-table-wrapper").first.inner_text()
    assert REASON in late
    # The year's notifications: this one among the late, as the records count them.
    (notified, *_) = statutory_timeline(as_at=today).figures
    assert notified.late >= 1
    row = page.locator(".app-timeline-figures tbody tr").first.inner_text().split()
    assert row[-3:] == [str(notified.total), str(notified.on_time), str(notified.late)]
