"""The demo's multi-agency audits: an audit of working with resistance and its re-audit, which
shows practice improving, with findings answered by the seed's actions and one area left
unanswered (the flag); recorded when it happened, so that the audits as at an earlier day are
those of that day; reloaded afresh by --reset, unchanged by a second run."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from audits import selectors
from audits.models import Audit, Finding
from reviews.models import Action

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development(settings):
    settings.DEBUG = True


def test_the_demo_has_an_audit_and_its_re_audit_showing_improvement(demo):
    first, again = selectors.audits_overview(as_at=timezone.localdate())
    assert again.re_audit_of is first
    assert first.distribution.good_or_better_share == pytest.approx(0.3)
    assert again.distribution.good_or_better_share == pytest.approx(10 / 15)
    assert again.change_in_good_or_better > 0.3
    assert first.by_agency and again.by_agency
    assert all(shares.graded == first.cases for _, shares in first.by_agency)


def test_its_findings_are_answered_by_the_seeds_actions_but_one(demo):
    first, again = selectors.audits_overview(as_at=timezone.localdate())
    assert {area.action["review__name"] for area in first.areas if area.action} == {"Sam and Kyle"}
    assert [area.needs_response for area in first.areas].count(True) == 0
    assert [area.needs_response for area in again.areas].count(True) == 1
    assert first.strengths and again.strengths
    assert Action.objects.count() == 72  # the seed's figures stay exact
    assert not Action.objects.filter(review__kind="audit").exists()


def test_as_at_before_the_re_audit_there_is_only_the_first(demo):
    again = Audit.objects.get(re_audit_of__isnull=False)
    day_before = again.audited_on - datetime.timedelta(days=1)
    (only,) = selectors.audits_overview(as_at=day_before)
    assert only.name == "Multi-agency audit: working with resistance"
    assert only.re_audited_by == []
    first = Audit.objects.get(re_audit_of__isnull=True)
    assert selectors.audits_overview(as_at=first.audited_on - datetime.timedelta(days=1)) == []
    assert all(
        record.history_date.date() <= timezone.localdate()
        for record in [*Audit.history.all(), *Finding.history.all()]
    )


def test_a_second_run_changes_nothing_and_reset_loads_them_afresh(demo):
    records = Finding.history.count()
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert "There are already audits in the database" in out.getvalue()
    assert Finding.history.count() == records
    Finding.objects.create(
        audit=Audit.objects.first(), kind="strength", text="Added by hand.", theme_id=1
    )
    call_command("demo_data", reset=True, stdout=io.StringIO())
    assert Audit.objects.count() == 2
    assert not Finding.objects.filter(text="Added by hand.").exists()
    assert Finding.history.count() == records
