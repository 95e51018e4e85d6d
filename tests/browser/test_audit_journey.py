"""Multi-agency audits in Chromium, on the demo: a manager adds an audit with its cases' grades
and a finding answered by an action chosen in the autocomplete; a committee member reads an
audit's grades and findings on /audits/ and follows it to its review page."""

import datetime
import re

from .conftest import sign_in

REVIEW = "Audit: neglect in the early years"


def audit_review(name=REVIEW):
    """A review of kind multi-agency audit with one action, and no audit details yet."""
    from django.utils.text import slugify

    from reviews import services
    from reviews.models import Agency, ReviewKind, Theme
    from tests.factories import ActionFactory, ReviewFactory

    review = services.review_save(
        review=ReviewFactory.build(name=name, slug=slugify(name), kind=ReviewKind.AUDIT),
        note="Review added",
    )
    action = ActionFactory(
        review=review,
        reference="EY1",
        description="Health visitors use the graded care profile at every visit.",
        lead_agency=Agency.objects.get(slug="health-providers"),
        themes=[Theme.objects.order_by("name").first()],
    )
    return review, action


def choose_agencies(page, names):
    """The two-box chooser: pick each agency in "Available", then the arrow to choose it."""
    for name in names:
        page.select_option("#id_agencies_from", label=name)
        page.locator("#id_agencies_add").click()


def test_manager_adds_an_audit_with_grades_and_a_finding_answered_by_an_action(page, demo):
    from audits.models import Audit
    from audits.vocabulary import FindingKind
    from reviews.models import Agency, Theme

    review, action = audit_review()
    police, health = Agency.objects.get(slug="police"), Agency.objects.get(slug="health-providers")
    theme = Theme.objects.order_by("name").first()
    sign_in(page, demo, "manager")

    page.goto(f"{demo.url}/admin/audits/audit/")
    page.locator(".object-tools").get_by_role("link", name=re.compile("Add")).click()
    page.wait_for_url(f"{demo.url}/admin/audits/audit/add/")
    page.select_option("#id_review", label=REVIEW)
    page.fill("#id_audited_on", "12 May 2025")
    page.fill("#id_cases", "3")
    choose_agencies(page, [police.name, health.name])

    page.fill("#id_audit_cases-0-number", "1")
    page.select_option("#id_audit_cases-0-grade", label="Good")
    page.fill("#id_audit_cases-1-number", "2")
    page.select_option("#id_audit_cases-1-grade", label="Requires improvement")

    page.select_option("#id_findings-0-kind", value=FindingKind.AREA)
    page.select_option("#id_findings-0-theme", label=theme.name)
    page.fill("#id_findings-0-text", "Neglect was seen late where no one agency held the picture.")
    # The action's autocomplete (select2): open it, search, pick the one found.
    page.locator("#id_findings-0-action + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("EY1")
    option = page.locator(".select2-results__option", has_text="EY1")
    option.click()
    assert "EY1" in page.locator("#select2-id_findings-0-action-container").inner_text()

    page.fill("#id_change_note", "Panel of 12 May")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/audits/audit/(\?.*)?$"))
    message = page.locator(".messagelist .success").inner_text()
    assert REVIEW in message and "was added successfully" in message

    audit = Audit.objects.get(review=review)
    assert (audit.audited_on, audit.cases) == (datetime.date(2025, 5, 12), 3)
    assert set(audit.agencies.all()) == {police, health}
    grades = [(case.number, case.grade.name) for case in audit.audit_cases.all()]
    assert grades == [(1, "Good"), (2, "Requires improvement")]
    (finding,) = audit.findings.all()
    assert (finding.kind, finding.theme, finding.action) == (FindingKind.AREA, theme, action)
    assert not finding.needs_response
    for obj in [audit, finding, *audit.audit_cases.all()]:
        record = obj.history.get()
        assert record.history_change_reason == "Panel of 12 May"
        assert record.history_user.username == "manager"


def test_committee_member_reads_an_audit_s_grades_and_findings_and_follows_it(page, demo):
    from audits.vocabulary import FindingKind
    from reviews.models import Agency, Theme
    from tests.audits.helpers import add_findings, grade_agencies, make_audit

    review, action = audit_review()
    police = Agency.objects.get(slug="police")
    theme = Theme.objects.order_by("name").first()
    audit = make_audit(
        review=review,
        cases=4,
        grades=["Good", "Good", "Inadequate"],
        agencies=[police],
        audited_on=datetime.date(2025, 5, 12),
    )
    grade_agencies(audit, [(1, police, "Good"), (3, police, "Requires improvement")])
    add_findings(
        audit,
        [
            (FindingKind.STRENGTH, "Strong information sharing early on.", theme, None, ""),
            (FindingKind.AREA, "Plans did not say who would visit.", theme, action, ""),
            (FindingKind.AREA, "Fathers were rarely seen.", theme, None, ""),
        ],
    )
    sign_in(page, demo, "committee")

    page.locator(".govuk-header").get_by_role("link", name="Audits", exact=True).click()
    page.wait_for_url(f"{demo.url}/audits/")
    assert page.get_by_role("heading", level=1).inner_text() == "Multi-agency audits"
    section = page.locator("section.app-audit").filter(
        has=page.get_by_role("heading", name=REVIEW, level=2)
    )
    assert section.count() == 1
    figures = section.get_by_role("list", name="Cases by overall grade").inner_text()
    assert re.search(r"Good: 2 of 4 \(50%\)", figures), figures
    assert re.search(r"Inadequate: 1 of 4 \(25%\)", figures), figures
    assert re.search(r"Not graded: 1 of 4 \(25%\)", figures, re.IGNORECASE), figures
    assert "Good or better: 67%" in section.locator(".app-grades__summary").inner_text()
    assert "Strong information sharing early on." in section.inner_text()
    areas = section.get_by_role("region", name=f"{REVIEW}: areas for improvement").inner_text()
    assert re.search(r"Plans did not say who would visit\..*Action EY1", areas, re.S), areas
    assert re.search(r"Fathers were rarely seen\..*No action or reason", areas, re.S), areas
    assert "1 area for improvement with no action and no reason" in section.inner_text()
    agencies = section.get_by_role("region", name=f"{REVIEW}: grades by agency").inner_text()
    assert "Police" in agencies

    section.get_by_role("link", name=REVIEW, exact=True).click()
    page.wait_for_url(f"{demo.url}/reviews/{review.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == REVIEW
    the_audit = page.locator("section[aria-labelledby=audit-heading]")
    assert the_audit.get_by_role("heading", name="The audit", level=2).is_visible()
    text = the_audit.inner_text()
    assert "12 May 2025" in text
    assert re.search(r"Good: 2 of 4", text)
    assert "No action or reason" in text
