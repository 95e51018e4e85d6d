"""Every form of the committee's and the agency leads' pages, submitted in Chromium as a person
does: fill it in, click the button, read the page that follows, and check the database."""

import re

from .conftest import figure, sign_in
from .test_accessibility import AXE_OPTIONS, axe_report, check_axe

AMBER = "Amber – started, not yet complete"
GREEN = "Green – complete, but not yet embedded"
BLUE = "Blue – embedded"
# A real update runs to a few sentences: longer than django-simple-history's default note column.
LONG_NOTE = (
    "Procedure rewritten with the custody sergeants and signed off by the chief inspector; "
    "briefings given to all four custody suites, and the first dip-sample of 20 arrests found "
    "children's services notified in 19 (browser test)."
)


def police_action(reference):
    from reviews.models import Action

    return Action.objects.get(lead_agency__slug="police", reference=reference)


def test_a_lead_signs_in_to_their_agencies_actions_and_signs_out(page, demo):
    from reviews.models import Action

    sign_in(page, demo, "police-lead")
    assert page.url == f"{demo.url}/my-actions/"
    assert page.get_by_role("heading", level=1).inner_text() == "Your agencies’ actions"
    assert page.get_by_role("link", name="Your actions").get_attribute("aria-current") == "page"

    police = Action.objects.filter(lead_agency__slug="police")
    rows = page.locator("table tbody tr")
    assert rows.count() == police.count()
    # Open ones first, soonest target date first; each row has its update link.
    open_refs = [
        f"{a.review.name} {a.reference}"
        for a in police.filter(status__in=["red", "amber"]).order_by("target_date", "id")
    ]
    shown = [row.locator("th").inner_text().strip() for row in rows.all()]
    assert shown[: len(open_refs)] == open_refs
    assert rows.first.get_by_role("link", name=re.compile("^Update progress")).is_visible()

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert "signed out" in page.locator("main").inner_text().lower()
    page.goto(f"{demo.url}/my-actions/")
    assert page.url.startswith(f"{demo.url}/accounts/login/")


def test_a_wrong_password_is_named_and_signs_no_one_in(page, demo):
    page.goto(f"{demo.url}/accounts/login/")
    page.fill("#id_username", "committee")
    page.fill("#id_password", "not-the-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert page.get_by_role("alert").is_visible()
    page.goto(f"{demo.url}/")
    assert page.url.startswith(f"{demo.url}/accounts/login/")


def test_a_lead_records_progress_from_their_list(page, demo):
    from reviews.models import Action

    sign_in(page, demo, "police-lead")
    first = page.locator("table tbody tr").first
    reference = first.locator("th").inner_text().strip()
    first.get_by_role("link", name=re.compile("^Update progress")).click()
    page.wait_for_url(re.compile(r"/actions/\d+/#progress$"))
    pk = int(re.search(r"/actions/(\d+)/", page.url).group(1))
    action = Action.objects.get(pk=pk)
    assert f"{action.review.name} {action.reference}" == reference

    form = page.locator("form#progress")
    assert form.get_by_text("Evidence (needed for blue)").is_visible()
    assert form.get_by_text("(needed if you change the target date)").is_visible()

    # Blue without evidence: refused, named at the top, nothing saved.
    form.get_by_label(BLUE).check()
    form.get_by_label("Progress note").fill("Training delivered to every team (browser test).")
    form.get_by_label(re.compile("^Evidence")).fill("")
    form.get_by_role("button", name="Save progress update").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert "evidence of embedding" in summary.inner_text()
    action.refresh_from_db()
    assert action.status == "amber"

    # Moving the date without a reason: refused; with one: saved.
    form = page.locator("form#progress")
    form.get_by_label(GREEN).check()
    form.get_by_label("Progress note").fill(LONG_NOTE)
    original = action.original_target_date
    form.get_by_label(re.compile("^Target date")).fill("2030-03-31")
    form.get_by_role("button", name="Save progress update").click()
    page.wait_for_load_state()
    assert (
        "Give the reason for changing the target date"
        in page.locator(".govuk-error-summary").inner_text()
    )
    page.locator("form#progress").get_by_label(re.compile("^Reason for changing")).fill(
        "Board sign-off moved to its March meeting."
    )
    page.locator("form#progress").get_by_role("button", name="Save progress update").click()
    page.wait_for_url(re.compile(rf"/actions/{pk}/$"))
    assert "Your progress update has been saved." in page.get_by_role("alert").inner_text()

    action.refresh_from_db()
    assert action.status == "green"
    assert action.progress_note == LONG_NOTE
    assert str(action.target_date) == "2030-03-31"
    assert action.original_target_date == original  # the first agreed date is kept
    latest = action.history.order_by("-history_date").first()
    assert latest.history_change_reason == LONG_NOTE
    assert latest.history_user.username == "police-lead"
    history = page.locator(".app-history").inner_text()
    assert f"{AMBER} → {GREEN}" in history
    assert "Police agency lead (demo)" in history


def test_a_manager_records_progress_on_any_agencys_action(page, demo):
    from reviews.models import Action

    action = Action.objects.filter(status="amber").exclude(lead_agency__slug="police").first()
    sign_in(page, demo, "manager")
    page.goto(f"{demo.url}/actions/{action.pk}/")
    form = page.locator("form#progress")
    form.get_by_label(BLUE).check()
    form.get_by_label("Progress note").fill("Re-audit shows the change in practice (browser test).")
    form.get_by_label(re.compile("^Evidence")).fill("Re-audit of 20 cases: 19 met the standard.")
    form.get_by_role("button", name="Save progress update").click()
    page.wait_for_url(re.compile(rf"/actions/{action.pk}/$"))
    assert "Your progress update has been saved." in page.get_by_role("alert").inner_text()
    action.refresh_from_db()
    assert action.status == "blue"
    assert action.evidence == "Re-audit of 20 cases: 19 met the standard."
    assert action.embedded_on is not None


def test_a_lead_whose_agency_stops_leading_an_action_is_told_so(axe, page, demo):
    from reviews.models import Agency

    action = police_action("L11")
    sign_in(page, demo, "police-lead")
    page.goto(f"{demo.url}/actions/{action.pk}/")
    form = page.locator("form#progress")
    form.get_by_label("Progress note").fill("Dip-sample done (browser test).")
    # Meanwhile the manager gives the action to another agency.
    action.lead_agency = Agency.objects.get(slug="local-authority")
    action.save()
    form.get_by_role("button", name="Save progress update").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "You cannot update this action"
    assert "nothing has been saved" in page.locator("main").inner_text()
    assert "Forbidden" not in page.content()
    action.refresh_from_db()
    assert action.progress_note != "Dip-sample done (browser test)."
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, axe_report(violations)
    page.get_by_role("link", name=re.compile("^Back to Leo action L11")).click()
    page.wait_for_url(f"{demo.url}/actions/{action.pk}/")
    assert page.locator("form#progress").count() == 0


def test_the_progress_address_opened_directly_points_to_the_form(axe, page, demo):
    action = police_action("L11")
    sign_in(page, demo, "police-lead")
    url = f"{demo.url}/actions/{action.pk}/progress/"
    check_axe(axe, page, url, expected_status=405)
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Update progress on the action’s page"
    )
    page.get_by_role("link", name="Go to Leo action L11").click()
    page.wait_for_url(f"{demo.url}/actions/{action.pk}/#progress")
    assert page.get_by_role("button", name="Save progress update").is_visible()


def test_the_date_box_shows_the_last_meeting_and_names_a_bad_date(page, demo):
    from reviews import selectors
    from reviews.models import CommitteeMeeting

    latest = CommitteeMeeting.objects.order_by("-date").first()
    sign_in(page, demo, "committee")
    hint = page.locator("#as_at-hint").inner_text()
    assert latest.date.isoformat() in hint

    page.get_by_role("textbox", name="See the position on another date").fill(
        latest.date.isoformat()
    )
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(f"{demo.url}/?as_at={latest.date.isoformat()}")
    assert (
        f"as it stood at the end of {latest.date:%-d %B %Y}"
        in page.locator(".app-as-at-banner").inner_text()
    )
    then = selectors.action_totals(as_at=latest.date)
    assert figure(page, "Blue – embedded") == then["blue"]
    assert figure(page, AMBER) == then["amber"]

    page.get_by_role("textbox", name="See the position on another date").fill("31/02/2026")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert "“31/02/2026” is not a real date." in page.locator(".govuk-error-summary").inner_text()
    assert figure(page, "actions in total") == 72


def test_the_dashboard_compares_with_the_last_meeting(page, demo):
    from reviews import selectors
    from reviews.models import CommitteeMeeting

    latest = CommitteeMeeting.objects.order_by("-date").first()
    then = selectors.action_totals(as_at=latest.date)
    sign_in(page, demo, "committee")
    page.set_viewport_size({"width": 1280, "height": 800})
    changes = page.locator(".app-figure__change")
    assert changes.count() == 6
    blue = page.locator(".app-figure--blue .app-figure__change").inner_text()
    moved = 51 - then["blue"]
    assert f"Up {moved} since {latest.date:%-d %b %Y} (was {then['blue']})" in blue
    # The comparison and both reports are on the first screen.
    for locator in [
        page.locator(".app-status-figures").first,  # the BRAG figures
        page.get_by_role("link", name=f"Report for the meeting of {latest.date:%-d %B %Y}"),
        page.get_by_role("link", name="Today’s report"),
    ]:
        box = locator.bounding_box()
        assert box["y"] + box["height"] <= 800, locator
    page.get_by_role("link", name=f"Report for the meeting of {latest.date:%-d %B %Y}").click()
    page.wait_for_url(f"{demo.url}/meetings/{latest.pk}/")


def test_the_filter_forms_narrow_each_list(page, demo):
    from django.db.models import Q

    from reviews.models import Action

    sign_in(page, demo, "committee")
    cases = [
        ("/actions/", {"status": AMBER, "Lead agency": "Police"}, Action.objects.filter(
            status="amber", lead_agency__slug="police")),
        ("/themes/information-sharing/", {"status": AMBER}, Action.objects.filter(
            status="amber", themes__slug="information-sharing")),
        ("/agencies/police/", {"status": BLUE}, Action.objects.filter(
            status="blue", lead_agency__slug="police")),
        ("/reviews/frankie/", {"Search": "escalation"}, Action.objects.filter(
            Q(description__icontains="escalation") | Q(recommendation__icontains="escalation")
            | Q(progress_note__icontains="escalation") | Q(reference__icontains="escalation")
            | Q(lead_officer_role__icontains="escalation"), review__slug="frankie")),
    ]  # fmt: skip
    for path, answers, expected in cases:
        page.goto(f"{demo.url}{path}")
        filters = page.get_by_role("form", name="Filter the actions")
        for label, value in answers.items():
            if label == "status":
                filters.get_by_label(value).check()
            elif label == "Search":
                filters.get_by_label("Search").fill(value)
            else:
                filters.get_by_label(label).select_option(label=value)
        filters.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(re.escape(path) + r"\?"))
        rows = page.locator("table:not(.app-learning-sessions) tbody tr")  # the actions'
        assert rows.count() == expected.count() > 0, path
        for row in rows.all():
            assert row.locator("th").inner_text().strip() in {a.reference for a in expected} | {
                f"{a.review.name} {a.reference}" for a in expected
            }, path


VISIBLE_CONTROLS = """() => [...document.querySelectorAll('input, select, textarea, button')]
  .filter(e => e.type !== 'hidden' && e.checkVisibility({visibilityProperty: true}))
  .map(e => e.outerHTML.slice(0, 80))"""


def test_printed_pages_show_no_form_controls_or_links_to_filter(page, demo):
    action = police_action("L11")
    sign_in(page, demo, "police-lead")
    page.emulate_media(media="print")
    for path in ["/", "/actions/", "/reviews/leo/", "/agencies/police/", f"/actions/{action.pk}/",
                 "/my-actions/", "/meetings/"]:  # fmt: skip
        page.goto(f"{demo.url}{path}")
        assert page.evaluate(VISIBLE_CONTROLS) == [], path
        for text in ["See, filter and download", "Download them", "Clear filters"]:
            assert not page.get_by_text(text).first.is_visible(), (path, text)
