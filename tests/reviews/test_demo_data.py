"""The demo: its figures, its history and how it is loaded.

Most tests read the demo as the `demo` fixture loads it (once a session); only
test_running_again_changes_nothing_and_reset_loads_the_tracker_afresh runs the command itself,
because loading the demo takes seconds."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape

from reviews import demo_content
from reviews.imports import UNCHANGED, tracker_import
from reviews.management.commands import demo_data
from reviews.models import (
    OPEN_STATUSES,
    Action,
    CommitteeMeeting,
    Review,
    ReviewKind,
    ReviewStage,
    Theme,
)
from reviews.selectors import actions_at, reviews_with_counts
from tests.conftest import DEMO_PASSWORD, FAST_HASHERS

pytestmark = pytest.mark.django_db

# The figures the committee minutes report: name, stage, actions, blue, green, amber, red.
EXPECTED = [
    ("Frankie", ReviewStage.RATIFIED, 14, 11, 0, 3, 0),
    ("Sam and Kyle", ReviewStage.RATIFIED, 18, 16, 0, 2, 0),
    ("Leo", ReviewStage.RATIFIED, 14, 1, 4, 9, 0),
    ("Shay and Ashley", ReviewStage.LEARNING_PUBLISHED, 0, 0, 0, 0, 0),
    ("Partnership peer review", ReviewStage.RATIFIED, 26, 23, 0, 3, 0),
]


@pytest.fixture(autouse=True)
def development(settings):
    """demo_data runs in development, where DEBUG is on. Signing in is not what these tests are
    about: the fast hasher is the one the demo fixture's users were given."""
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = FAST_HASHERS


def figures():
    """The seed's reviews' figures. The demo's multi-agency audits (audits.demo) are reviews too,
    with no actions of their own (the seed's actions answer their findings), so the seed's
    figures stay exact: they are checked apart. So is the new incident in rapid review, which has
    no actions either."""
    today = timezone.localdate()
    rows = reviews_with_counts(as_at=today)
    audits = [r for r in rows if r.kind == ReviewKind.AUDIT]
    assert len(audits) == 2 and all(r.action_count == 0 for r in audits)
    (incident,) = [r for r in rows if r.kind == ReviewKind.RAPID]
    assert (incident.stage, incident.action_count) == (ReviewStage.NOTIFIED, 0)
    return [
        (r.name, r.stage, r.action_count, r.blue, r.green, r.amber, r.red)
        for r in rows
        if r.kind not in (ReviewKind.AUDIT, ReviewKind.RAPID)
    ]


def load(*args):
    out = io.StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def assert_seed_figures():
    assert sorted(figures()) == sorted(EXPECTED)
    today = timezone.localdate()
    open_actions = Action.objects.open()
    # Every amber action is on course: a target date after today.
    assert open_actions.count() == 17
    assert not open_actions.filter(Q(target_date__isnull=True) | Q(target_date__lte=today))
    # Every action carries at least one of the four themes.
    assert Theme.objects.count() == 4
    assert not Action.objects.annotate(n=Count("themes")).filter(n=0).exists()


def tracker_rows(path=None):
    with open(path or demo_content.TRACKER, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_it_reproduces_the_seed_figures(demo):
    assert_seed_figures()
    assert Review.objects.get(name="Frankie").kind == "cspr"
    assert Review.objects.get(name="Partnership peer review").kind == "peer_review"
    assert Review.objects.get(name="Shay and Ashley").ratified_on is None


def test_running_again_changes_nothing_and_reset_loads_the_tracker_afresh(
    settings, monkeypatch, tmp_path, client
):
    imported = []

    def recording_import(**kwargs):
        result = tracker_import(**kwargs)
        imported.append((kwargs["at"], kwargs["note"], result))
        return result

    monkeypatch.setattr(demo_data, "tracker_import", recording_import)
    load()
    assert_seed_figures()
    # Each ratified review's plan came in through the import, as agreed at its ratification.
    assert [(result.counts["new"], result.written) for _, _, result in imported] == [
        (14, True),
        (18, True),
        (14, True),
        (26, True),
    ]
    for at, note, _ in imported:
        assert note == "Action agreed when the review's learning was ratified"
        assert Review.objects.filter(ratified_on=timezone.localtime(at).date()).exists()

    # Running again changes nothing but the demo users' password, set on each run.
    before = (Action.history.count(), Review.history.count(), CommitteeMeeting.objects.count())
    monkeypatch.setenv("DEMO_PASSWORD", "another-long-password")

    assert "nothing changed" in load()

    assert (Action.history.count(), Review.history.count(),
            CommitteeMeeting.objects.count()) == before  # fmt: skip
    assert_seed_figures()
    assert client.login(request=HttpRequest(), username="manager", password="another-long-password")
    assert len(imported) == 4

    # --reset deletes it all and loads the demo afresh, from the tracker as it is now (an
    # edited copy here); with DEBUG off only when forced.
    Action.objects.filter(status="amber").update(status="red")
    rows = tracker_rows()
    edited = tmp_path / "action-plan-tracker.csv"
    with open(edited, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        rows[0]["Action"] = "Brief every social worker on the revised transfer procedure."
        writer.writerows(rows)
    monkeypatch.setattr(demo_content, "TRACKER", edited)
    settings.DEBUG = False

    load("--reset", "--force")

    assert_seed_figures()
    assert get_user_model().objects.filter(username__in=["committee", "manager"]).count() == 2
    first = Action.objects.get(review__name=rows[0]["Review"], reference=rows[0]["Reference"])
    assert first.description == "Brief every social worker on the revised transfer procedure."
    assert first.history.earliest().description == first.description  # agreed so
    assert len(imported) == 8


def test_the_demos_actions_are_its_trackers_rows_in_order(demo):
    rows = tracker_rows()
    actions = list(
        Action.objects.order_by("id")
        .select_related("review", "lead_agency")
        .prefetch_related("themes", "supporting_agencies")
    )

    assert len(rows) == len(actions) == 72
    for row, action in zip(rows, actions, strict=True):
        assert (
            row["Review"], row["Reference"], row["Recommendation"], row["Action"],
            row["Lead agency"], row["Lead officer"], row["Status"].lower(), row["Progress"],
            row["Evidence"],
        ) == (
            action.review.name, action.reference, action.recommendation, action.description,
            action.lead_agency.short_name, action.lead_officer_role, action.status,
            action.progress_note, action.evidence,
        )  # fmt: skip
        assert set(row["Themes"].split("; ")) == {t.name for t in action.themes.all()}
        assert set(filter(None, row["Supporting agencies"].split("; "))) == {
            a.short_name for a in action.supporting_agencies.all()
        }
        # Agreed as red, with no progress yet, when the review's learning was ratified.
        agreed = action.history.earliest()
        assert agreed.history_change_reason == (
            "Action agreed when the review's learning was ratified"
        )
        assert (agreed.status, agreed.progress_note, agreed.evidence) == ("red", "", "")
        assert timezone.localtime(agreed.history_date).date() == action.review.ratified_on


def test_the_tracker_is_a_tracker_the_import_reads_as_the_demo_stands(demo):
    """Imported as it is, the demo's tracker changes nothing: it is the actions as they are."""
    tracker = demo_content.TRACKER

    result = tracker_import(data=tracker.read_bytes(), file_name=tracker.name, dry_run=True)

    assert result.ok, [str(e) for e in result.errors]
    assert not result.notices
    assert result.counts[UNCHANGED] == 72


def test_it_creates_earlier_meetings_with_fewer_actions_blue(demo):
    meetings = list(CommitteeMeeting.objects.order_by("date"))
    assert len(meetings) == 3
    assert meetings[-1].date < timezone.localdate()

    blue_then = []
    for meeting in meetings:
        end_of_day = timezone.make_aware(
            timezone.datetime.combine(meeting.date, timezone.datetime.max.time())
        )
        blue_then.append(sum(a.status == "blue" for a in Action.history.as_of(end_of_day)))
    assert 0 < blue_then[0] < blue_then[1] < blue_then[2] < 51


def test_demo_users_can_sign_in(demo, client):
    assert client.login(request=HttpRequest(), username="committee", password=DEMO_PASSWORD)
    assert client.get("/").status_code == 200
    manager = get_user_model().objects.get(username="manager")
    assert manager.is_staff and not manager.is_superuser
    # The demo's history reads as the manager's own updates.
    assert Action.history.count() > 72
    assert not Action.history.exclude(history_user=manager).exists()


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        load()
    assert not Review.objects.exists()


def test_with_debug_off_it_does_not_reset_the_data_either(settings, demo):
    settings.DEBUG = False
    before = (Action.history.count(), Review.history.count())

    with pytest.raises(CommandError, match="Use --force if you are sure"):
        load("--reset")

    assert (Action.history.count(), Review.history.count()) == before
    assert_seed_figures()


def test_the_demo_history_is_all_in_the_past(demo):
    today = timezone.localdate()
    assert not Review.history.filter(history_date__date=today).exists()
    assert not Action.history.filter(history_date__date=today).exists()


def exceptions_at(meeting):
    """The red and amber actions as the report at the meeting lists them: the history records in
    force at the end of its day."""
    return list(actions_at(meeting.date).filter(status__in=OPEN_STATUSES).order_by("id"))


def note_given(record):
    """The earliest history record of the action that carries the record's progress note: when
    the lead agency gave it."""
    return (
        Action.history.filter(id=record.id, progress_note=record.progress_note)
        .order_by("history_date")
        .first()
    )


def test_every_exception_at_an_earlier_meeting_has_the_note_given_for_that_meeting(demo):
    today_notes = dict(Action.objects.values_list("id", "progress_note"))
    before = None
    notes_before = {}
    for meeting in demo:
        exceptions = exceptions_at(meeting)
        assert exceptions

        notes = {}
        for record in exceptions:
            assert record.progress_note.strip(), f"{record} has no note at {meeting}"
            given = timezone.localtime(note_given(record).history_date).date()
            # Given for this meeting: before it, and after the one before.
            assert given < meeting.date
            assert before is None or before < given
            assert record.progress_note != today_notes[record.id]
            assert record.progress_note != notes_before.get(record.id)
            notes[record.id] = record.progress_note
        # Every note differs from every other note reported at the meeting before.
        assert not set(notes.values()) & set(notes_before.values())
        before, notes_before = meeting.date, notes


def test_a_past_meetings_report_shows_each_exceptions_note_from_then(committee_client, demo):
    today_notes = set(
        Action.objects.exclude(progress_note="").values_list("progress_note", flat=True)
    )
    for meeting in demo:
        response = committee_client.get(f"/meetings/{meeting.pk}/")

        assert response.status_code == 200
        page = response.content.decode()
        exceptions = exceptions_at(meeting)
        assert {a.id for a in response.context["exceptions"]} == {a.id for a in exceptions}
        for record in exceptions:
            assert escape(record.progress_note) in page
        assert "None recorded" not in page
        assert not [note for note in today_notes if escape(note) in page]


def test_the_report_as_at_an_earlier_meeting_date_shows_the_notes_from_then(committee_client, demo):
    first = demo[0]

    response = committee_client.get("/report/", {"as_at": first.date.isoformat()})

    page = response.content.decode()
    assert "None recorded" not in page
    for record in exceptions_at(first):
        assert escape(record.progress_note) in page


def test_the_back_dated_history_keeps_each_records_period(demo):
    records = {}
    for record in Action.history.order_by("history_date", "history_id"):
        records.setdefault(record.id, []).append(record)
    for chain in records.values():
        for record, following in zip(chain, chain[1:], strict=False):
            assert record.history_date < following.history_date
            assert record.history_valid_until == following.history_date
        assert chain[-1].history_valid_until is None
    # The latest record of each action is the action as it is today.
    assert {chain[-1].id: chain[-1].progress_note for chain in records.values()} == dict(
        Action.objects.values_list("id", "progress_note")
    )


def test_the_earlier_notes_read_forward_in_time(demo):
    """Each action open at several meetings has a different note for each, then today's."""
    meetings_open = {}
    for meeting in demo:
        for record in exceptions_at(meeting):
            meetings_open.setdefault(record.id, []).append(record.progress_note)
    assert max(len(notes) for notes in meetings_open.values()) == len(demo)
    for action in Action.objects.filter(id__in=meetings_open):
        notes = [*meetings_open[action.id], action.progress_note]
        assert len(set(notes)) == len(notes), action
