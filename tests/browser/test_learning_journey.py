"""The learning programme in Chromium, on the demo: a manager records a session's places by
agency and then its follow-up in the admin, and reads them on the session's page; a committee
member filters the programme by theme and opens a session; a manager imports a training log."""

import datetime
import re

from .conftest import sign_in


def new_session():
    """A session held four months ago with nothing recorded yet but its places offered."""
    from learning import services
    from learning.models import LearningSession
    from reviews.models import Theme

    held = datetime.date.today() - datetime.timedelta(days=120)
    return services.session_save(
        LearningSession(
            title="Neglect: spotting the signs early",
            slug="neglect-spotting-the-signs-early",
            date=held,
            format="in_person",
            places_offered=30,
        ),
        themes=[Theme.objects.order_by("name").first()],
        note="Session added",
    )


def agency(slug):
    from reviews.models import Agency

    return Agency.objects.get(slug=slug)


def save(page):
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()


def test_manager_records_places_then_the_follow_up_and_reads_them_on_the_session_page(page, demo):
    from learning.models import SessionAgency

    session = new_session()
    police, icb = agency("police"), agency("icb")
    sign_in(page, demo, "manager")
    change = f"{demo.url}/admin/learning/learningsession/{session.pk}/change/"
    page.goto(change)

    # The places by agency: booked, attended, did not attend.
    for n, (who, booked, attended, missed) in enumerate([(police, 12, 10, 2), (icb, 6, 4, 1)]):
        page.select_option(f"#id_agencies-{n}-agency", value=str(who.pk))
        page.fill(f"#id_agencies-{n}-booked", str(booked))
        page.fill(f"#id_agencies-{n}-attended", str(attended))
        page.fill(f"#id_agencies-{n}-not_attended", str(missed))
    page.fill("#id_change_note", "Attendance from the sign-in sheet")
    save(page)
    assert page.locator(".app-error-summary").count() == 0, page.locator("#content").inner_text()
    assert "was changed successfully" in page.locator(".messagelist .success").inner_text()
    rows = SessionAgency.objects.filter(session=session).order_by("-booked")
    assert [(r.agency, r.booked, r.attended, r.not_attended) for r in rows] == [
        (police, 12, 10, 2),
        (icb, 6, 4, 1),
    ]
    for row in rows:
        assert row.history.get().history_change_reason == "Attendance from the sign-in sheet"

    # Opened again: the follow-up three months later.
    page.goto(change)
    recorded = datetime.date.today() - datetime.timedelta(days=7)
    page.fill("#id_follow_up_recorded_on", f"{recorded:%-d %B %Y}")
    page.fill("#id_follow_up_responses", "9")
    page.fill("#id_follow_up_changed_practice", "6")
    page.fill("#id_follow_up_examples", "Health visitors now use the graded care profile.")
    page.fill("#id_change_note", "Three-month follow-up returned")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/learning/learningsession/(\?.*)?$"))
    message = page.locator(".messagelist .success").inner_text()
    assert "Neglect: spotting the signs early" in message and "was changed successfully" in message

    session.refresh_from_db()
    assert session.follow_up_recorded_on == recorded
    assert (session.follow_up_responses, session.follow_up_changed_practice) == (9, 6)
    record = session.history.latest()
    assert record.history_change_reason == "Three-month follow-up returned"
    assert record.history_user.username == "manager"
    assert session.history.count() == 3  # added, attendance, follow-up

    page.goto(f"{demo.url}/learning/{session.pk}/")
    places = page.get_by_role("region", name="Places by agency").inner_text()
    assert re.search(r"Police\s+12\s+10\s+2", places), places
    summary = page.locator("dl.govuk-summary-list").first.inner_text()
    assert re.search(r"Attended\s+14 \(attendance rate", summary), summary
    follow_up = page.locator("#follow-up ~ dl.govuk-summary-list").first.inner_text()
    assert f"{recorded:%-d %B %Y}" in follow_up
    assert re.search(r"Reported a change in practice\s+\S+ \(6 of 9\)", follow_up), follow_up
    assert "Health visitors now use the graded care profile." in follow_up
    assert "Note: Three-month follow-up returned" in page.locator(".app-history").inner_text()


def test_committee_member_filters_the_programme_by_theme_and_opens_a_session(page, demo):
    from learning.models import LearningSession
    from reviews.models import Theme

    theme = Theme.objects.filter(learning_sessions__isnull=False).distinct().order_by("name")[0]
    titles = set(LearningSession.objects.filter(themes=theme).values_list("title", flat=True))
    others = set(LearningSession.objects.exclude(themes=theme).values_list("title", flat=True))
    assert titles and others
    sign_in(page, demo, "committee")

    page.locator(".govuk-header").get_by_role("link", name="Learning", exact=True).click()
    page.wait_for_url(f"{demo.url}/learning/")
    assert page.get_by_role("heading", level=1).inner_text() == "Learning programme"

    filters = page.locator("form[aria-label='Filter the sessions']")
    filters.get_by_label("Theme").select_option(label=theme.name)
    filters.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"/learning/\?.*theme="))

    # The sessions' tables link each session's page; the agency and review tables do not.
    links = page.locator("table tbody a").all()
    listed = {
        link.inner_text().strip()
        for link in links
        if re.match(r"^/learning/\d+/", link.get_attribute("href") or "")
    }
    assert listed == titles, (listed, titles)
    assert f"{len(titles)} session" in page.locator("#sessions + p").inner_text()

    first = sorted(titles)[0]
    page.get_by_role("link", name=first, exact=True).first.click()
    page.wait_for_url(re.compile(r"/learning/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == first
    assert theme.name in page.locator("dl.govuk-summary-list").first.inner_text()


def test_manager_imports_a_training_log_previews_it_and_confirms(page, demo, tmp_path):
    from learning.models import LearningSession
    from tests.learning.files import day, log_xlsx

    year = datetime.date.today().year - 1
    rows = [
        "Quarter 1",
        [day(year, 5, 14), "Escalation: when to use the policy", "Face to face", None, None,
         25, 12, 10, 2.5, 4, 8, "6/5", 3],
        [f"2nd June {year}", "Seven minute briefing: neglect", "MS Teams", None, None,
         40, None, None, None, None, 4, 2, "3 of 4"],
    ]  # fmt: skip
    path = tmp_path / "training log.xlsx"
    path.write_bytes(log_xlsx(rows, ["Police", "ICB", "Education"], total=False))
    before = LearningSession.objects.count()
    sign_in(page, demo, "manager")

    page.goto(f"{demo.url}/admin/learning/learningsession/")
    page.get_by_role("link", name="Import sessions spreadsheet").click()
    page.wait_for_url(f"{demo.url}/admin/learning/learningsession/import/")
    page.locator("input[type=file]").set_input_files(path)
    page.get_by_role("button", name=re.compile("Preview")).click()
    page.wait_for_load_state()
    preview = page.locator("#content").inner_text()
    assert "What importing training log.xlsx would do" in preview, preview
    assert "Escalation: when to use the policy" in preview
    assert LearningSession.objects.count() == before  # nothing written yet

    page.get_by_role("button", name=re.compile(r"^Import ")).click()
    page.wait_for_url(f"{demo.url}/admin/learning/learningsession/")
    assert "Imported training log.xlsx" in page.locator(".messagelist").inner_text()

    assert LearningSession.objects.count() == before + 2
    escalation = LearningSession.objects.get(title="Escalation: when to use the policy")
    assert escalation.date == datetime.date(year, 5, 14)
    places = {row.agency.slug: (row.booked, row.attended) for row in escalation.agencies.all()}
    assert places["police"] == (8, 8) and places["icb"] == (6, 5)
    assert escalation.history.get().history_change_reason == "Imported from training log.xlsx"
