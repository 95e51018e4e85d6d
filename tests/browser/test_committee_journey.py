"""A committee member reads the dashboard, a review's amber actions and one action's history."""

import re

from .conftest import figure, sign_in

AMBER = "Amber – started, not yet complete"


def test_committee_member_follows_leo_amber_actions_to_a_history(page, demo):
    sign_in(page, demo, "committee")

    assert page.url == f"{demo.url}/"
    assert figure(page, "actions in total") == 72
    assert figure(page, "Blue – embedded") == 51
    assert figure(page, "Green – complete, but not yet embedded") == 4
    assert figure(page, AMBER) == 17
    assert figure(page, "Red – not started, or off track") == 0

    page.get_by_role("link", name="Leo", exact=True).click()
    page.wait_for_url(f"{demo.url}/reviews/leo/")
    assert page.get_by_role("heading", level=1).inner_text() == "Leo"

    filters = page.locator("form[method=get]")
    filters.get_by_label(re.compile(r"^Amber")).check()
    filters.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"/reviews/leo/\?.*status=amber"))

    rows = page.locator("table:not(.app-learning-sessions) tbody tr")  # the actions
    assert rows.count() == 9
    for row in rows.all():
        assert AMBER in row.inner_text()

    first = rows.first.locator("th a")
    reference = first.inner_text().strip()
    first.click()
    page.wait_for_url(re.compile(r"/actions/\d+/$"))
    assert f"action {reference}" in page.locator(".govuk-caption-l").inner_text()

    history = page.get_by_role("heading", name="History", exact=True)
    assert history.is_visible()
    entries = page.locator(".app-history__entry")
    assert entries.count() >= 2
    assert "Note:" in page.locator(".app-history").inner_text()
