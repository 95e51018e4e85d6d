"""The demo's learning programme: a year of sessions on the four themes sharing the reviews'
learning, and the story the committee reads in it, today and as at an earlier day.

Most tests read the demo as the `demo` fixture loads it (once a session); the last runs the
command again, with and without --reset."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from as_at.history import end_of_day, records_at
from learning import demo as learning_demo
from learning import rules
from learning.models import LearningSession, SessionAgency
from learning.selectors import (
    attendance_by_agency,
    programme_totals,
    session_figures,
    sessions_with_figures,
)
from learning.vocabulary import Format
from reviews.models import ReviewKind, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development(settings):
    settings.DEBUG = True


def figures():
    today = timezone.localdate()
    return [(s, session_figures(s)) for s in sessions_with_figures(today)]


def test_it_loads_a_year_of_weekday_sessions_on_all_four_themes(demo):
    today = timezone.localdate()
    sessions = list(LearningSession.objects.prefetch_related("themes"))

    assert 16 <= len(sessions) <= 24
    assert all(today - timedelta(days=365) < s.date < today for s in sessions)
    assert all(s.date.weekday() < 5 for s in sessions)
    themes = {theme.slug for s in sessions for theme in s.themes.all()}
    assert themes == set(Theme.objects.values_list("slug", flat=True))
    assert len(themes) == 4
    # Spread across the year: a session in each quarter of it.
    assert {(today - s.date).days // 92 for s in sessions} == {0, 1, 2, 3}


def test_every_session_shares_a_published_reviews_learning(demo):
    audits = set()
    for session in LearningSession.objects.prefetch_related("reviews"):
        reviews = [r for r in session.reviews.all() if r.kind != ReviewKind.AUDIT]
        audits |= {r.name for r in session.reviews.all() if r.kind == ReviewKind.AUDIT}
        assert 1 <= len(reviews) <= 2, session
        assert all(
            r.learning_published_on and r.learning_published_on < session.date
            for r in session.reviews.all()
        )
    # The audits' learning is shared too, the re-audit's in a session after it.
    assert audits == {
        "Multi-agency audit: working with resistance",
        "Re-audit: working with resistance",
    }


def test_formats_are_mixed_and_e_learning_has_no_places(demo):
    formats = list(LearningSession.objects.values_list("format", flat=True))

    assert formats.count(Format.IN_PERSON) >= 6 and formats.count(Format.ONLINE) >= 6
    assert formats.count(Format.BRIEFING) >= 2
    (e_learning,) = LearningSession.objects.filter(format=Format.E_LEARNING)
    assert e_learning.places_offered is None
    assert not LearningSession.objects.exclude(format=Format.E_LEARNING).filter(
        places_offered__isnull=True
    )


def test_some_sessions_are_well_attended_and_some_half_empty(demo):
    rows = [(s, f) for s, f in figures() if f.fill_rate is not None]
    full = [(s, f) for s, f in rows if f.fill_rate > 0.9]
    empty = [(s, f) for s, f in rows if f.fill_rate < 0.6]

    assert len(full) >= 5 and len(empty) >= 3
    assert all(f.attendance_rate > 0.85 for _, f in full)
    assert all(s.not_attended_total >= 3 for s, _ in empty)
    totals = programme_totals(timezone.localdate())
    assert 0.8 < totals["attendance_rate"] < 0.95
    assert 0.6 < totals["fill_rate"] < 0.9
    # Never more booked than offered, nor attended and did-not-attend more than booked.
    assert all(s.booked_total <= s.places_offered for s, _ in rows)
    assert all(r.attended + r.not_attended == r.booked for r in SessionAgency.objects.all())


def test_the_gp_practices_and_schools_are_the_least_reached(demo):
    least = [agency.slug for agency in attendance_by_agency()[:2]]

    assert least == ["icb", "education"]


def test_evaluations_are_within_the_attendance_and_confidence_rises(demo):
    for session, figure in figures():
        assert session.evaluation_responses <= session.attended_total, session
        assert 0.7 <= figure.good_or_better_share <= 0.95, session
        assert 2.5 <= session.confidence_before <= 3.2, session
        assert 3.8 <= session.confidence_after <= 4.4, session
        if session.follow_up_responses is not None:
            assert session.follow_up_responses <= session.attended_total, session


def test_follow_ups_are_recorded_when_due_and_three_are_overdue(demo):
    today = timezone.localdate()
    sessions = list(sessions_with_figures(today))
    due = [s for s in sessions if s.follow_up_due < today]
    not_due = [s for s in sessions if s.follow_up_due >= today]
    overdue = [s for s in sessions if s.follow_up_overdue]

    assert 2 <= len(overdue) <= 3
    assert programme_totals(today)["follow_ups_overdue"] == len(overdue)
    recorded = [s for s in due if s.follow_up_recorded_on is not None]
    assert len(recorded) == len(due) - len(overdue) >= 8
    assert all(s.follow_up_recorded_on <= s.follow_up_due < today for s in recorded)
    assert all(s.follow_up_recorded_on > s.date + timedelta(days=80) for s in recorded)
    assert all(s.follow_up_examples and s.follow_up_changed_practice for s in recorded)
    assert not_due and all(
        s.follow_up_recorded_on is None and s.follow_up_responses is None for s in not_due
    )


def test_the_history_is_the_managers_and_all_in_the_past(demo):
    now = timezone.now()

    for model in (LearningSession, SessionAgency):
        assert not model.history.filter(history_date__gte=now).exists()
        assert set(model.history.values_list("history_user__username", flat=True)) == {"manager"}
    for session in LearningSession.objects.all():
        dates = list(
            session.history.order_by("history_date").values_list("history_date", flat=True)
        )
        # Added weeks before the session; evaluated after it; followed up later still.
        assert dates[0].date() <= session.date - timedelta(days=14)
        assert dates[1].date() > session.date


def test_as_at_a_day_mid_year_the_later_sessions_do_not_exist(demo):
    today = timezone.localdate()
    day = today - timedelta(days=182)
    then = {record.id: record for record in records_at(LearningSession, end_of_day(day))}
    sessions = list(LearningSession.objects.all())
    earlier = [s for s in sessions if s.date < day - timedelta(days=3)]
    later = [s for s in sessions if s.date > day + timedelta(weeks=7)]

    assert earlier and later
    assert {s.pk for s in earlier} <= set(then)
    assert not {s.pk for s in later} & set(then)
    # Then, no follow-up had been recorded that was recorded after the day.
    assert all(
        record.follow_up_recorded_on is None or record.follow_up_recorded_on <= day
        for record in then.values()
    )
    assert not rules.follow_up_overdue(
        earlier[-1].date, earlier[-1].follow_up_recorded_on, day
    )  # not yet due then
    places = records_at(SessionAgency, end_of_day(day))
    assert not places.filter(session_id__in=[s.pk for s in later]).exists()


def test_it_needs_the_demos_reviews():
    with pytest.raises(learning_demo.DemoContentMissing, match="Frankie"):
        learning_demo.load(today=timezone.localdate(), user=None)
    assert not LearningSession.objects.exists()


def snapshot():
    fields = ("title", "date", "format", "places_offered", "evaluation_responses")
    sessions = LearningSession.objects.values_list(*fields, "follow_up_recorded_on")
    places = SessionAgency.objects.values_list(
        "session__title", "agency__slug", "booked", "attended"
    )
    return sorted(sessions), sorted(places)


def load(*args):
    out = io.StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def test_running_again_changes_nothing_and_reset_loads_it_afresh(demo):
    before = snapshot()
    counts = (LearningSession.history.count(), SessionAgency.history.count())

    assert "the learning programme is unchanged" in load()
    assert snapshot() == before
    assert (LearningSession.history.count(), SessionAgency.history.count()) == counts

    stray = LearningSession.objects.create(
        title="Not the demo's", slug="stray", date=timezone.localdate(), places_offered=10
    )

    output = load("--reset")

    assert f"Loaded the learning programme: {len(before[0])} sessions" in output
    assert not LearningSession.objects.filter(pk=stray.pk).exists()
    assert snapshot() == before
    assert (LearningSession.history.count(), SessionAgency.history.count()) == counts


def test_a_database_with_the_reviews_but_no_sessions_gains_them(demo):
    count = LearningSession.objects.count()
    learning_demo.services.delete_all()

    assert "Loaded the learning programme" in load()
    assert LearningSession.objects.count() == count
