"""The demo's yearly report: the last full April–March year's written parts and sign-offs, so
that the demo's yearly report reads as a real one.

Most tests read the demo as the `demo` fixture loads it (once a session); the last runs the
command again, with and without --reset."""

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from yearly import demo as yearly_demo
from yearly.models import SignOff, YearlyReport

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development(settings):
    settings.DEBUG = True


@pytest.mark.parametrize(
    ("today", "starts_on"),
    [
        (date(2026, 12, 3), date(2025, 4, 1)),
        (date(2027, 3, 31), date(2025, 4, 1)),
        (date(2027, 6, 29), date(2025, 4, 1)),  # 2026-27 ended less than 13 weeks before
        (date(2027, 6, 30), date(2026, 4, 1)),
        (date(2027, 1, 2), date(2025, 4, 1)),
    ],
)
def test_the_report_is_for_the_last_full_year_there_was_time_to_write(today, starts_on):
    assert yearly_demo.report_year_start(today) == starts_on


def test_the_last_full_years_report_is_written_signed_off_published_and_sent(demo):
    today = timezone.localdate()
    (report,) = YearlyReport.objects.all()
    year_end = date(report.starts_on.year + 1, 3, 31)

    assert report.starts_on == yearly_demo.report_year_start(today)
    assert (report.starts_on.month, report.starts_on.day) == (4, 1)
    assert year_end < today
    for section in (report.scrutineer_assessment, report.voice_of_children):
        assert len(section.split("\n\n")) >= 3
    assert year_end < report.published_on <= report.sent_to_panel_on < today


def test_the_three_lead_safeguarding_partners_signed_it_off_by_role(demo):
    (report,) = YearlyReport.objects.all()
    sign_offs = {s.agency.slug: s for s in report.sign_offs.select_related("agency")}

    assert set(sign_offs) == {"local-authority", "police", "icb"}
    assert sign_offs["local-authority"].role == "Director of Children's Services"
    assert sign_offs["icb"].role == "Chief Nurse"
    assert "Detective Superintendent" in sign_offs["police"].role
    year_end = date(report.starts_on.year + 1, 3, 31)
    assert all(year_end < s.signed_on <= report.published_on for s in sign_offs.values())


def test_the_scrutineer_wrote_the_assessment_and_nothing_is_in_the_future(demo):
    now = timezone.now()
    (report,) = YearlyReport.objects.all()
    scrutineer = get_user_model().objects.get(username="scrutineer")

    written = report.history.exclude(scrutineer_assessment="").earliest("history_date")
    assert written.history_user == scrutineer
    assert written.history_date.date() > date(report.starts_on.year + 1, 3, 31)
    assert not YearlyReport.history.filter(history_date__gte=now).exists()
    assert not SignOff.history.filter(history_date__gte=now).exists()


def test_the_demo_refuses_without_the_agencies(db):
    with pytest.raises(yearly_demo.DemoContentMissing, match="icb"):
        yearly_demo.load(today=timezone.localdate(), scrutineer=None, manager=None)
    assert not YearlyReport.objects.exists()


def snapshot():
    return (
        list(
            YearlyReport.objects.values_list(
                "starts_on", "scrutineer_assessment", "voice_of_children", "published_on",
                "sent_to_panel_on",
            )
        ),
        sorted(SignOff.objects.values_list("role", "agency__slug", "signed_on")),
    )  # fmt: skip


def load(*args):
    out = io.StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def test_running_again_changes_nothing_and_reset_loads_it_afresh(demo):
    before = snapshot()
    counts = (YearlyReport.history.count(), SignOff.history.count())

    assert "yearly reports in the database: they are unchanged" in load()
    assert snapshot() == before
    assert (YearlyReport.history.count(), SignOff.history.count()) == counts

    stray = YearlyReport.objects.create(starts_on=timezone.localdate() - timedelta(days=900))

    output = load("--reset")

    assert f"Loaded the yearly report {YearlyReport.objects.get().label}" in output
    assert not YearlyReport.objects.filter(pk=stray.pk).exists()
    assert snapshot() == before
    assert (YearlyReport.history.count(), SignOff.history.count()) == counts
