"""The delivery plan in Chromium, on the demo: a committee member opens Priorities from the
header, opens a priority and reads its roll-up and what it links; a manager updates a priority's
progress note in the admin and the new note shows on the priority's page."""

import re

from .conftest import sign_in


def current_priority():
    """The first priority of the plan in force today, with its roll-up as the selector says it."""
    from django.utils import timezone

    from priorities.selectors import priorities_overview

    return priorities_overview(as_at=timezone.localdate()).current.priorities[0]


def test_committee_member_opens_a_priority_from_the_header_and_reads_its_links(page, demo):
    row = current_priority()
    assert not row.roll_up.nothing_linked
    sign_in(page, demo, "committee")

    page.locator(".govuk-header").get_by_role("link", name="Priorities", exact=True).click()
    page.wait_for_url(f"{demo.url}/priorities/")
    assert page.get_by_role("heading", level=1).inner_text() == "Delivery plan priorities"
    section = page.get_by_role("region", name=re.compile(re.escape(row.priority.title)))
    assert row.roll_up.words in section.inner_text()

    section.get_by_role("link", name=row.priority.title, exact=True).click()
    page.wait_for_url(f"{demo.url}/priorities/{row.priority.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == row.priority.title
    assert row.roll_up.words in page.locator(".app-roll-up-words").inner_text()
    if row.roll_up.actions:
        actions = page.get_by_role("region", name="Actions serving the priority").inner_text()
        first = row.roll_up.actions[0]
        assert first["reference"] in actions and first["review__name"] in actions
    if row.roll_up.indicators:
        score = row.roll_up.indicators[0]
        link = page.get_by_role("link", name=score.indicator.name, exact=True)
        assert link.get_attribute("href") == f"/dataset/{score.indicator.slug}/"
    if row.roll_up.sessions:
        session = row.roll_up.sessions[0]
        link = page.get_by_role("link", name=session.session.title, exact=True).first
        assert link.get_attribute("href") == f"/learning/{session.id}/"
    if row.roll_up.audits:
        audit = row.roll_up.audits[0]
        region = page.get_by_role("region", name="Audits of the priority")
        link = region.get_by_role("link", name=audit.name, exact=True)
        assert link.get_attribute("href") == f"/reviews/{audit.slug}/"


def test_manager_updates_a_progress_note_and_it_shows_on_the_page(page, demo):
    from priorities.models import Priority

    priority = Priority.objects.get(pk=current_priority().id)
    links = {name: set(getattr(priority, name).values_list("pk", flat=True))
             for name in ("actions", "indicators", "audits", "sessions", "themes")}  # fmt: skip
    sign_in(page, demo, "manager")
    page.goto(f"{demo.url}/admin/priorities/priority/{priority.pk}/change/")
    page.fill("#id_progress_note", "Every team briefed; the audit in June shows the change.")
    page.fill("#id_progress_noted_on", "1 December 2026")
    page.fill("#id_change_note", "Quarter 3 update")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/priorities/priority/(\?.*)?$"))
    assert "was changed successfully" in page.locator(".messagelist .success").inner_text()

    priority.refresh_from_db()
    assert priority.progress_note.startswith("Every team briefed")
    latest = priority.history.latest()
    assert latest.history_change_reason == "Quarter 3 update"
    assert latest.history_user.username == "manager"
    for name, before in links.items():  # the links kept as they were
        assert set(getattr(priority, name).values_list("pk", flat=True)) == before, name

    page.goto(f"{demo.url}/priorities/{priority.slug}/")
    notes = page.locator("ol.app-history li").first.inner_text()
    assert "Every team briefed; the audit in June shows the change." in notes
    assert "Noted on 1 December 2026" in notes and "by " in notes
    latest_progress = page.locator("dl.govuk-summary-list").first.inner_text()
    assert "Every team briefed" in latest_progress
