"""The safeguarding manager's journeys in the admin, in Chromium on the demo data: a status change
with its note and evidence, the same without a note, the bulk status change, a new committee
meeting, and the action list's columns at 1280 pixels."""

import datetime
import re

from django.conf import settings

from dates.forms import DATE_HINT
from dates.written import DATE_FORMS

from .conftest import sign_in

BLUE = "Blue – embedded"
GREEN = "Green – complete, but not yet embedded"
SUMMARY = ".app-error-summary"


def action(review_slug, reference):
    from reviews.models import Action

    return Action.objects.get(review__slug=review_slug, reference=reference)


def open_action(page, live_server, review_slug, reference):
    """From the action list, as a manager finds an action: search for it, click its reference."""
    page.goto(f"{live_server.url}/admin/reviews/action/?q={reference}")
    row = page.locator("#result_list tbody tr").filter(
        has=page.locator(".field-reference", has_text=re.compile(rf"^{reference}$"))
    )
    assert row.count() == 1
    row.locator(".field-reference a").click()
    pk = action(review_slug, reference).pk
    page.wait_for_url(re.compile(rf"/admin/reviews/action/{pk}/change/(\?.*)?$"))


def test_manager_marks_an_action_blue_with_a_note_and_evidence(page, demo):
    sign_in(page, demo, "manager")
    open_action(page, demo, "frankie", "F8")
    # What the page is about, then the status, the note and the evidence before anything else.
    assert "Provide designated safeguarding leads" in page.locator(".app-admin-action").inner_text()
    fields = page.locator("#action_form").locator("select, textarea, input[type=text]")
    assert [fields.nth(i).get_attribute("id") for i in range(3)] == [
        "id_status",
        "id_change_note",
        "id_evidence",
    ]

    page.select_option("#id_status", label=BLUE)
    page.fill("#id_change_note", "Embedded: the reflective tool is in every DSL's supervision.")
    page.fill("#id_evidence", "Spring audit: 18 of 20 schools' DSLs use the tool in supervision.")
    page.get_by_role("button", name="Save", exact=True).click()

    page.wait_for_url(re.compile(r"/admin/reviews/action/(\?.*)?$"))
    assert "Frankie F8" in page.locator(".messagelist .success").inner_text()
    row = page.locator("#result_list tbody tr").filter(
        has=page.locator(".field-reference", has_text=re.compile(r"^F8$"))
    )
    assert row.locator(".field-status_label").inner_text() == BLUE
    f8 = action("frankie", "F8")
    assert f8.status == "blue"
    assert f8.evidence.startswith("Spring audit")
    assert f8.embedded_on is not None
    record = f8.history.latest()
    assert record.history_change_reason == (
        "Embedded: the reflective tool is in every DSL's supervision."
    )
    assert record.history_user.username == "manager"


def test_a_status_change_without_a_note_is_named_at_the_top_and_nothing_is_saved(page, demo):
    f12 = action("frankie", "F12")
    records = f12.history.count()
    sign_in(page, demo, "manager")
    open_action(page, demo, "frankie", "F12")

    page.select_option("#id_status", label=GREEN)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()

    assert page.title().startswith("Error:")
    summary = page.locator(SUMMARY)
    assert summary.get_by_role("heading", name="There is a problem").is_visible()
    # The box takes the focus, so that a screen reader starts there.
    assert page.evaluate("document.activeElement.classList.contains('app-error-summary')")
    link = summary.get_by_role("link")
    assert link.count() == 1
    assert link.inner_text() == (
        "Note for this change: Add a note saying why the status changed from Amber to Green."
    )
    # Django's "Please correct the error below" would only say it again.
    assert not page.locator(".errornote").is_visible()
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_change_note"
    # What was chosen is kept, and the message is beside the note's box too.
    assert page.locator("#id_status option:checked").inner_text() == GREEN
    assert "Add a note saying why" in page.locator(".field-change_note .errorlist").inner_text()

    f12.refresh_from_db()
    assert f12.status == "amber"
    assert f12.history.count() == records


def test_manager_sets_two_actions_green_at_once(page, demo):
    from reviews.models import Review

    sam_and_kyle = Review.objects.get(slug="sam-and-kyle")
    sign_in(page, demo, "manager")
    page.goto(
        f"{demo.url}/admin/reviews/action/?review__id__exact={sam_and_kyle.pk}&status__exact=amber"
    )
    rows = page.locator("#result_list tbody tr")
    assert [rows.nth(i).locator(".field-reference").inner_text() for i in range(2)] == [
        "SK4",
        "SK17",
    ]
    for i in range(2):
        rows.nth(i).locator("input.action-select").check()
    page.select_option("select[name=action]", label="Set the status of the selected actions…")
    page.get_by_role("button", name="Go").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", name="Set the status of the selected actions").is_visible()
    assert "These 2 actions will be changed" in page.locator("#content").inner_text()
    page.select_option("#id_status", label=GREEN)
    page.get_by_role("button", name="Set status").click()  # no note yet
    page.wait_for_load_state()
    link = page.locator(SUMMARY).get_by_role("link")
    assert link.inner_text() == "Note for this change: Add a note saying why the status changed."
    assert {action("sam-and-kyle", ref).status for ref in ("SK4", "SK17")} == {"amber"}

    page.fill("#id_note", "Both signed off at the partnership executive (browser test).")
    page.get_by_role("button", name="Set status").click()
    page.wait_for_url(re.compile(r"/admin/reviews/action/(\?.*)?$"))

    assert page.locator(".messagelist .success").inner_text() == (
        f"Status set to {GREEN} on 2 actions."
    )
    for reference in ("SK4", "SK17"):
        changed = action("sam-and-kyle", reference)
        assert changed.status == "green"
        record = changed.history.latest()
        assert record.history_change_reason == (
            "Both signed off at the partnership executive (browser test)."
        )
        assert record.history_user.username == "manager"


def test_manager_adds_a_committee_meeting_with_a_typed_date(page, demo):
    from reviews.models import CommitteeMeeting

    meetings = CommitteeMeeting.objects.count()
    sign_in(page, demo, "manager")
    page.goto(f"{demo.url}/admin/reviews/committeemeeting/")
    page.get_by_role("link", name="Add committee meeting").click()
    page.wait_for_url("**/admin/reviews/committeemeeting/add/")

    assert page.input_value("#id_committee") == settings.COMMITTEE_NAME
    date = page.locator("#id_date")
    assert date.get_attribute("type") == "text"
    assert page.locator(".datetimeshortcuts").count() == 0  # no calendar
    assert DATE_HINT in page.locator(".field-date").inner_text()

    date.fill("30/02/2027")  # no such day: refused in the words every date box uses
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(SUMMARY).get_by_role("link").inner_text() == (
        f"Date: “30/02/2027” is not a real date. Use {DATE_FORMS}."
    )
    # On an add page too, the focus is on the box, not in the first field.
    assert page.evaluate("document.activeElement.classList.contains('app-error-summary')")
    assert CommitteeMeeting.objects.count() == meetings

    page.fill("#id_date", "3 March 2027")  # as people write it
    page.fill("#id_title", "Spring meeting")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/reviews/committeemeeting/(\?.*)?$"))

    assert "3 March 2027" in page.locator(".messagelist .success").inner_text()
    meeting = CommitteeMeeting.objects.get(date=datetime.date(2027, 3, 3))
    assert (meeting.committee, meeting.title) == (settings.COMMITTEE_NAME, "Spring meeting")
    assert CommitteeMeeting.objects.count() == meetings + 1


def test_action_list_shows_status_target_date_and_overdue_at_1280_pixels(page, demo):
    from reviews.models import Action

    # One action past its target date (the demo's are all on course), to see both answers.
    Action.objects.filter(pk=action("frankie", "F8").pk).update(target_date="2020-01-31")
    sign_in(page, demo, "manager")
    page.goto(f"{demo.url}/admin/reviews/action/")
    assert page.viewport_size["width"] == 1280

    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    results = page.locator("#changelist-form .results")
    assert results.evaluate("e => e.scrollWidth <= e.clientWidth"), "the table scrolls sideways"
    edge = results.bounding_box()
    edge = edge["x"] + edge["width"]
    filters = page.locator("#changelist-filter").bounding_box()
    assert filters["x"] >= edge  # the filters sit beside the table, not over it
    for column in ("status_label", "target_date", "overdue"):
        for cell in (
            page.locator(f"#result_list th.column-{column}"),
            page.locator(f"#result_list tbody tr:first-child .field-{column}"),
        ):
            assert cell.is_visible()
            box = cell.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= min(edge, width), column

    rows = page.locator("#result_list tbody tr")
    overdue = {
        rows.nth(i).locator(".field-reference").inner_text(): rows.nth(i)
        .locator(".field-overdue")
        .inner_text()
        for i in range(rows.count())
    }
    assert len(overdue) == 50
    assert overdue.pop("F8") == "Yes"
    assert set(overdue.values()) == {"No"}
