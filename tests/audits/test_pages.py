"""The audits' page and an audit's review page: what a committee member reads, as at today and
as at an earlier day, and what everyone else gets."""

import datetime

import pytest
from django.utils import timezone

from audits import services
from audits.models import AuditCase
from audits.vocabulary import FindingKind
from reviews.models import ReviewKind
from reviews.vocabulary import Status
from tests.factories import ActionFactory, AgencyFactory, ReviewFactory, ThemeFactory

from .helpers import add_findings, grade, grade_agencies, make_audit

pytestmark = pytest.mark.django_db
D = datetime.date


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def audits():
    police, health = AgencyFactory(name="Police"), AgencyFactory(name="Health providers")
    theme = ThemeFactory(name="Working with resistance")
    first = make_audit(
        name="Resistance audit 2025",
        cases=4,
        grades=["Good", "Requires improvement", "Inadequate", "Inadequate"],
        agencies=[police, health],
        audited_on=D(2025, 3, 10),
        at=days_ago(30),
    )
    grade_agencies(
        first, [(1, police, "Good"), (1, health, "Requires improvement")], at=days_ago(30)
    )
    action = ActionFactory(
        review=first.review, reference="MA1", status=Status.AMBER, target_date=D(2030, 1, 1)
    )
    add_findings(
        first,
        [
            (FindingKind.STRENGTH, "Chronologies were shared promptly.", theme, None, ""),
            (FindingKind.AREA, "Disguised compliance was not challenged.", theme, action, ""),
            (FindingKind.AREA, "Fathers were rarely seen.", theme, None, ""),
            (
                FindingKind.AREA,
                "Meeting minutes were late.",
                theme,
                None,
                "A new minute-taker started in April.",
            ),
        ],
        at=days_ago(30),
    )
    later = make_audit(
        name="Resistance re-audit 2026",
        cases=4,
        grades=["Outstanding", "Good", "Good", "Requires improvement"],
        agencies=[police],
        audited_on=D(2026, 3, 9),
        re_audit_of=first,
        at=days_ago(10),
    )
    return {"first": first, "later": later, "action": action}


def text(response):
    return " ".join(response.content.decode().split())


def test_the_audits_page_shows_each_audit_its_grades_findings_and_actions(committee_client, audits):
    response = committee_client.get("/audits/")
    assert response.status_code == 200
    page = text(response)
    assert "Resistance audit 2025" in page and "Resistance re-audit 2026" in page
    assert "Good: <strong>1</strong> of 4 (25%)" in page
    assert "Inadequate: <strong>2</strong> of 4 (50%)" in page
    assert "Good or better: <strong>75%</strong> of the 4 cases graded" in page
    assert "Change in cases graded good or better: up 50 percentage points." in page
    assert "Chronologies were shared promptly." in page
    assert "Action MA1" in page and "Amber – started, not yet complete" in page
    assert "No action: A new minute-taker started in April." in page
    assert '<span class="app-gap">No action or reason</span>' in page
    assert "1 area for improvement with no action and no reason" in page
    assert "Grades by agency" in page
    assert 'aria-hidden="true"' in page and "<svg" in page


def test_an_audits_review_page_shows_the_audit(committee_client, audits):
    response = committee_client.get(f"/reviews/{audits['later'].review.slug}/")
    page = text(response)
    assert response.status_code == 200
    assert "The audit" in page
    assert "Re-audit of" in page and "Before and after" in page
    first = text(committee_client.get(f"/reviews/{audits['first'].review.slug}/"))
    assert "Re-audited by" in first and "Resistance re-audit 2026" in first


def test_a_review_that_is_not_an_audit_shows_no_audit(committee_client, audits):
    review = ReviewFactory(kind=ReviewKind.CSPR)
    assert "The audit" not in text(committee_client.get(f"/reviews/{review.slug}/"))


def test_as_at_an_earlier_day_the_page_shows_what_was_recorded_then(committee_client, audits):
    first = audits["first"]
    services.audit_save(
        first,
        cases=[AuditCase.objects.get(audit=first, number=4)],
        note="Regraded",
    )
    case = AuditCase.objects.get(audit=first, number=4)
    case.grade = grade("Good")
    services.audit_save(first, cases=[case], note="Regraded")
    day = (timezone.localdate() - datetime.timedelta(days=20)).isoformat()
    then = text(committee_client.get(f"/audits/?as_at={day}"))
    assert "Resistance re-audit 2026" not in then  # recorded 10 days ago
    assert "Inadequate: <strong>2</strong> of 4 (50%)" in then
    now = text(committee_client.get("/audits/"))
    assert "Inadequate: <strong>1</strong> of 4 (25%)" in now
    before_any = (timezone.localdate() - datetime.timedelta(days=40)).isoformat()
    assert "No multi-agency audits had been recorded by then" in text(
        committee_client.get(f"/audits/?as_at={before_any}")
    )


def test_a_bad_day_is_said_and_answered_400(committee_client, audits):
    response = committee_client.get("/audits/?as_at=31/02/2026")
    assert response.status_code == 400
    assert "Today’s position is shown instead" in response.content.decode()


def test_with_no_audits_the_page_says_how_to_add_one(committee_client):
    assert "No multi-agency audits have been recorded" in text(committee_client.get("/audits/"))


def test_who_may_see_the_page(client, outsider, audits):
    response = client.get("/audits/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/audits/")
    client.force_login(outsider)
    assert client.get("/audits/").status_code == 403
    assert client.post("/audits/").status_code in (403, 405)
