import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import escape

from reviews.models import OPEN_STATUSES, Action, CommitteeMeeting, Review, ReviewStage, Theme
from reviews.selectors import actions_at, reviews_with_counts

pytestmark = pytest.mark.django_db

# DESIGN.md §3: name, stage, actions, blue, green, amber, red.
EXPECTED = [
    ("Frankie", ReviewStage.RATIFIED, 14, 11, 0, 3, 0),
    ("Sam and Kyle", ReviewStage.RATIFIED, 18, 16, 0, 2, 0),
    ("Leo", ReviewStage.RATIFIED, 14, 1, 4, 9, 0),
    ("Shay and Ashley", ReviewStage.LEARNING_PUBLISHED, 0, 0, 0, 0, 0),
    ("Partnership peer review", ReviewStage.RATIFIED, 26, 23, 0, 3, 0),
]


@pytest.fixture(autouse=True)
def development(settings):
    """demo_data runs in development, where DEBUG is on."""
    settings.DEBUG = True


def figures():
    today = timezone.localdate()
    return [
        (r.name, r.stage, r.action_count, r.blue, r.green, r.amber, r.red)
        for r in reviews_with_counts(as_at=today)
    ]


def load(*args):
    call_command("demo_data", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


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


def test_it_reproduces_the_seed_figures():
    load()
    assert_seed_figures()
    assert Review.objects.get(name="Frankie").kind == "cspr"
    assert Review.objects.get(name="Partnership peer review").kind == "peer_review"
    assert Review.objects.get(name="Shay and Ashley").ratified_on is None


def test_running_twice_changes_nothing():
    load()
    before = (Action.history.count(), Review.history.count(), CommitteeMeeting.objects.count())

    load()

    assert (Action.history.count(), Review.history.count(),
            CommitteeMeeting.objects.count()) == before  # fmt: skip
    assert_seed_figures()


def test_reset_rebuilds_the_same_figures():
    load()
    Action.objects.filter(status="amber").update(status="red")

    load("--reset")

    assert_seed_figures()
    assert get_user_model().objects.filter(username__in=["committee", "manager"]).count() == 2


def test_it_creates_earlier_meetings_with_fewer_actions_blue():
    load()
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


def test_demo_users_can_sign_in(client):
    load()
    assert client.login(request=HttpRequest(), username="committee", password="partnership-demo")
    assert client.get("/").status_code == 200
    manager = get_user_model().objects.get(username="manager")
    assert manager.is_staff and not manager.is_superuser
    # The demo's history reads as the manager's own updates.
    assert Action.history.count() > 72
    assert not Action.history.exclude(history_user=manager).exists()


def test_it_uses_demo_password_from_the_environment(monkeypatch, client):
    monkeypatch.setenv("DEMO_PASSWORD", "another-long-password")
    load()
    assert client.login(request=HttpRequest(), username="manager", password="another-long-password")


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        load()
    assert not Review.objects.exists()
    load("--force")
    assert Review.objects.count() == 5


def test_the_demo_history_is_all_in_the_past():
    load()
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
