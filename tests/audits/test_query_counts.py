"""The audits' pages use the same number of queries however many audits there are: measured
with two audits, then with two hundred more, each with its cases, grades by agency and findings
and their history."""

import datetime

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audits.models import AgencyGrade, Audit, AuditCase, Finding
from audits.vocabulary import FindingKind
from reviews.models import Review
from tests.factories import ActionFactory, AgencyFactory, ThemeFactory

from .helpers import add_findings, grade_agencies, make_audit

pytestmark = pytest.mark.django_db

EXPECTED = {
    # The audits, the scale, their agencies, their cases, their grades by agency, their
    # findings, the findings' actions, their actions' counts; around them the sign-in's 4 (the
    # session is not written within a minute of its last push).
    "audits": 12,
    "audits as at": 12,
    # The review page's own with its learning sessions, then the audit's eight.
    "audit's review": 19,
    "audit's review as at": 19,
    # The dashboard's and the report's audits: the same eight queries (and, with no plan in
    # force, one for the delivery plans; the report one more for its open challenges).
    "dashboard": 34,
    "report": 40,
}


def add_many(count, *, agencies, theme, start):
    for n in range(start, start + count):
        audit = make_audit(
            name=f"Bulk audit {n}",
            cases=6,
            grades=["Good", "Inadequate", "Good"],
            agencies=agencies,
            audited_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
        )
        grade_agencies(audit, [(1, agencies[0], "Good"), (2, agencies[1], "Inadequate")])
        action = ActionFactory(review=audit.review, lead_agency=agencies[0])
        add_findings(
            audit,
            [
                (FindingKind.STRENGTH, "Good.", theme, None, ""),
                (FindingKind.AREA, "Late.", theme, action, ""),
                (FindingKind.AREA, "Unanswered.", theme, None, ""),
            ],
        )


def backdate_history():
    two_days = datetime.timedelta(days=2)
    for model in (Review, Audit, AuditCase, AgencyGrade, Finding):
        model.history.update(
            history_date=F("history_date") - two_days,
            history_valid_until=F("history_valid_until") - two_days,
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_audit_page_uses_a_constant_number_of_queries(committee_client):
    agencies = [AgencyFactory(), AgencyFactory()]
    theme = ThemeFactory()
    first = make_audit(name="Measured audit", cases=4, grades=["Good"], agencies=agencies)
    make_audit(
        name="Measured re-audit",
        cases=4,
        grades=["Good", "Good"],
        re_audit_of=first,
        audited_on=datetime.date(2026, 1, 5),
    )
    add_many(2, agencies=agencies, theme=theme, start=0)
    backdate_history()
    day = f"as_at={timezone.localdate() - datetime.timedelta(days=1)}"
    urls = {
        "audits": "/audits/",
        "audits as at": f"/audits/?{day}",
        "audit's review": f"/reviews/{first.review.slug}/",
        "audit's review as at": f"/reviews/{first.review.slug}/?{day}",
        "dashboard": "/",
        "report": "/report/",
    }
    small = {name: count_queries(committee_client, url) for name, url in urls.items()}
    add_many(200, agencies=agencies, theme=theme, start=100)
    backdate_history()
    large = {name: count_queries(committee_client, url) for name, url in urls.items()}
    assert Audit.objects.count() == 204
    assert Finding.history.count() > 600
    assert small == large
    assert large == EXPECTED
