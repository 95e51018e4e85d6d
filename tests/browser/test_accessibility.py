"""WCAG 2.2 AA with axe, and valid HTML with the Nu Html Checker, on every committee page."""

import datetime

import pytest

from .conftest import action_path, sign_in, vnu_errors

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
# Pages anyone may see, checked signed out.
PUBLIC_PAGES = ["/accounts/login/", "/accessibility/"]
# Pages checked signed in as a committee member. ("leo", "L5") stands for that action's page.
COMMITTEE_PAGES = [
    "/",
    "/reviews/leo/",
    "/reviews/shay-and-ashley/",
    ("leo", "L5"),
    "/themes/information-sharing/",
    "/agencies/police/",
    "/actions/",
    "/actions/?status=amber&review=leo",
    "/no-such-page/",
    # Committee meetings, the report and the position on an earlier date.
    "/meetings/",
    ("meeting", "latest"),
    "/report/",
    ("as at", "/"),
    ("as at", "/reviews/leo/"),
    ("as at", "/actions/"),
    # The partnership dataset.
    "/dataset/",
    "/dataset/?rating=red",
    "/dataset/d11/",
    ("as at", "/dataset/"),
    ("as at", "/dataset/d11/"),
    # The delivery plan's priorities and one priority with everything it links.
    "/priorities/",
    "/priorities/information-sharing/",
    ("as at", "/priorities/"),
    ("as at", "/priorities/information-sharing/"),
    # The statutory timeline, and a review in rapid review.
    "/reviews/timeline/",
    ("as at", "/reviews/timeline/"),
    "new incident",
]
NOT_FOUND = {"/no-such-page/"}


def resolve(page_path):
    """A real path: ("leo", "L5") is that action's page, ("meeting", "latest") the latest
    meeting's report, ("as at", path) the path as at the first meeting's date, "new incident" the
    page of the demo's review in rapid review."""
    from reviews.models import CommitteeMeeting, Review

    if page_path == "new incident":
        return Review.objects.get(kind="rapid").get_absolute_url()
    if not isinstance(page_path, tuple):
        return page_path

    kind, value = page_path
    meetings = CommitteeMeeting.objects.order_by("date")
    if kind == "meeting":
        return f"/meetings/{meetings.last().pk}/"
    if kind == "as at":
        return f"{value}?as_at={meetings.first().date.isoformat()}"
    return action_path(kind, value)


def page_id(page_path):
    return "action-" + "-".join(page_path) if isinstance(page_path, tuple) else page_path


def axe_report(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node['target']}" for node in violation["nodes"][:10])
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


def check_axe(axe, page, url, expected_status=200):
    response = page.goto(url)
    assert response.status == expected_status, f"{url} answered {response.status}"
    assert page.url == url, f"{url} redirected to {page.url}"
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    if violations:
        pytest.fail(
            f"axe found {len(violations)} violation(s) on {url}:\n{axe_report(violations)}",
            pytrace=False,
        )


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_axe_signed_out(axe, page, demo, path):
    check_axe(axe, page, f"{demo.url}{path}")


@pytest.mark.parametrize("path", COMMITTEE_PAGES, ids=page_id)
def test_axe_committee(axe, page, demo, path):
    path = resolve(path)
    sign_in(page, demo, "committee")
    check_axe(axe, page, f"{demo.url}{path}", 404 if path in NOT_FOUND else 200)


def fetch(page, url, expected_status):
    """The raw HTML the server sends (no JavaScript applied), with the page's cookies."""
    response = page.context.request.get(url, max_redirects=0)
    assert response.status == expected_status, f"{url} answered {response.status}"
    return response.text()


def test_every_page_is_valid_html(page, demo, vnu_command):
    documents = {}
    for path in [*PUBLIC_PAGES, "/no-such-page/"]:
        url = f"{demo.url}{path}"
        documents[f"{url} (signed out)"] = fetch(page, url, 404 if path in NOT_FOUND else 200)
    sign_in(page, demo, "committee")
    for path in map(resolve, COMMITTEE_PAGES):
        url = f"{demo.url}{path}"
        documents[url] = fetch(page, url, 404 if path in NOT_FOUND else 200)

    errors = vnu_errors(vnu_command, documents)
    if errors:
        pytest.fail(
            f"The Nu Html Checker found {len(errors)} kind(s) of error:\n" + "\n".join(errors),
            pytrace=False,
        )


def test_the_progress_form_is_accessible_and_valid(axe, page, demo, vnu_command):
    """An agency lead's view of an action their agency leads, with the 'Update progress' form,
    their list of actions, and the page for the progress address opened directly."""
    path = action_path("leo", "L11")  # led by the police
    sign_in(page, demo, "police-lead")
    url = f"{demo.url}{path}"
    check_axe(axe, page, url)
    assert page.get_by_role("button", name="Save progress update").is_visible()
    documents = {url: fetch(page, url, 200)}
    for other, status in [("/my-actions/", 200), (f"{path}progress/", 405)]:
        check_axe(axe, page, f"{demo.url}{other}", status)
        documents[f"{demo.url}{other}"] = fetch(page, f"{demo.url}{other}", status)
    errors = vnu_errors(vnu_command, documents)
    assert not errors, "\n".join(errors)


# The learning programme and the multi-agency audits, at a desktop's width and a phone's. The
# audits are made here (made through the services, as the demo would), so that every part of
# an audit's summary is on the page: grades by agency, a re-audit's before and after, strengths,
# an area answered by an action, one by a reason and one flagged.
LEARNING_AND_AUDIT_PAGES = [
    "/learning/",
    "/learning/?theme=information-sharing",
    ("session", "followed up"),
    ("as at", "/learning/"),
    "/audits/",
    ("audit", "re-audit"),
    ("audit", "first"),
    "/reviews/leo/",  # its learning sessions' table
    "/reviews/re-audit-working-with-resistance/",  # the demo's re-audit
]
WIDTHS = [1280, 375]
RE_AUDIT = "Re-audit: neglect in the early years"


@pytest.fixture
def audits(demo):
    from audits.vocabulary import FindingKind
    from reviews.models import Action, Agency, Theme
    from tests.audits.helpers import add_findings, grade_agencies, make_audit

    agencies = list(Agency.objects.order_by("name")[:3])
    theme = Theme.objects.order_by("name").first()
    action = Action.objects.order_by("pk").first()
    first = make_audit(
        name="Audit: neglect in the early years",
        cases=6,
        grades=["Good", "Requires improvement", "Inadequate", "Requires improvement", "Good"],
        agencies=agencies,
        audited_on=datetime.date(2024, 9, 18),
    )
    later = make_audit(
        name=RE_AUDIT,
        cases=5,
        grades=["Outstanding", "Good", "Good", "Requires improvement", "Good"],
        agencies=agencies,
        audited_on=datetime.date(2025, 5, 12),
        re_audit_of=first,
    )
    by_agency = [
        (1, agencies[0], "Good"), (2, agencies[1], "Inadequate"), (2, agencies[0], "Good")
    ]  # fmt: skip
    findings = [
        (FindingKind.STRENGTH, "Information was shared early.", theme, None, ""),
        (FindingKind.AREA, "Plans did not say who would visit.", theme, action, ""),
        (FindingKind.AREA, "Chronologies were out of date.", theme, None, "A new system"),
        (FindingKind.AREA, "Fathers were rarely seen or asked.", theme, None, ""),
    ]
    for audit in (first, later):
        grade_agencies(audit, by_agency)
        add_findings(audit, findings)
    return {"first": first, "re-audit": later}


def resolve_learning_or_audit(page_path, audits):
    if not isinstance(page_path, tuple):
        return page_path
    from learning.models import LearningSession

    kind, value = page_path
    if kind == "session":
        session = LearningSession.objects.filter(follow_up_recorded_on__isnull=False).first()
        return f"/learning/{session.pk}/"
    if kind == "audit":
        return f"/reviews/{audits[value].review.slug}/"
    return resolve(page_path)


@pytest.mark.parametrize("width", WIDTHS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize(
    "path", LEARNING_AND_AUDIT_PAGES, ids=lambda p: "-".join(p) if isinstance(p, tuple) else p
)
def test_axe_learning_and_audits(axe, page, audits, demo, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    path = resolve_learning_or_audit(path, audits)
    sign_in(page, demo, "committee")
    check_axe(axe, page, f"{demo.url}{path}")
    # Reflow (WCAG 1.4.10): the page itself never scrolls sideways; a wide table scrolls in its
    # own region.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_learning_and_audit_pages_are_valid_html(page, audits, demo, vnu_command):
    sign_in(page, demo, "committee")
    documents = {}
    for path in LEARNING_AND_AUDIT_PAGES:
        url = f"{demo.url}{resolve_learning_or_audit(path, audits)}"
        documents[url] = fetch(page, url, 200)
    errors = vnu_errors(vnu_command, documents)
    if errors:
        pytest.fail(
            f"The Nu Html Checker found {len(errors)} kind(s) of error:\n" + "\n".join(errors),
            pytrace=False,
        )


# The challenge log, as the committee reads it and as those who write in it see its forms: the
# scrutineer (putting and closing a challenge) and the police lead (recording a response).
CHALLENGE_PAGES = [
    ("committee", "/challenges/"),
    ("committee", "/challenges/?status=open"),
    ("committee", ("as at", "/challenges/")),
    ("committee", "challenge"),
    ("scrutineer", "/challenges/new/"),
    ("scrutineer", "challenge"),
    ("police-lead", "police challenge"),
]


def resolve_challenge(path):
    from challenges.models import Challenge, ChallengeStatus

    if path == "challenge":
        return f"/challenges/{Challenge.objects.order_by('pk').first().pk}/"
    if path == "police challenge":
        asked = Challenge.objects.filter(agency__slug="police", status=ChallengeStatus.OPEN)
        challenge = asked.first() or Challenge.objects.filter(agency__slug="police").first()
        return f"/challenges/{challenge.pk}/"
    return resolve(path)


@pytest.mark.parametrize("width", WIDTHS, ids=lambda width: f"{width}px")
@pytest.mark.parametrize("who, path", CHALLENGE_PAGES, ids=lambda p: str(p))
def test_axe_challenges(axe, page, demo, who, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, demo, who)
    check_axe(axe, page, f"{demo.url}{resolve_challenge(path)}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_challenge_pages_are_valid_html(page, demo, vnu_command):
    documents = {}
    for who in ("committee", "scrutineer", "police-lead"):
        page.context.clear_cookies()
        sign_in(page, demo, who)
        for signed_in, path in CHALLENGE_PAGES:
            if signed_in == who:
                url = f"{demo.url}{resolve_challenge(path)}"
                documents[f"{url} ({who})"] = fetch(page, url, 200)
    errors = vnu_errors(vnu_command, documents)
    if errors:
        pytest.fail(
            f"The Nu Html Checker found {len(errors)} kind(s) of error:\n" + "\n".join(errors),
            pytrace=False,
        )


# The manager's form for a review's next stage: as it opens, and with its errors.
@pytest.mark.parametrize("width", WIDTHS, ids=lambda width: f"{width}px")
def test_the_stage_form_is_accessible_and_valid(axe, page, demo, vnu_command, width):
    from reviews.models import Review

    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, demo, "manager")
    url = f"{demo.url}{Review.objects.get(kind='rapid').get_absolute_url()}stage/"
    check_axe(axe, page, url)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    documents = {url: fetch(page, url, 200)}
    page.fill("#id_reached_on", "31 February 2026")
    page.get_by_role("button", name="Record the rapid review sent to the Panel").click()
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, axe_report(violations)
    documents[f"{url} (with errors)"] = page.content()
    errors = vnu_errors(vnu_command, documents)
    assert not errors, "\n".join(errors)
