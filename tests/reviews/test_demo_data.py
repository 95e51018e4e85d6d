import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from reviews.models import Action, CommitteeMeeting, Review, ReviewStage, Theme
from reviews.selectors import reviews_with_counts

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
