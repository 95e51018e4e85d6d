import io
from collections import defaultdict

import pytest
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test.utils import override_settings

from reviews import services

from .factories import UserFactory

DEMO_PASSWORD = "partnership-demo"
# Signing in with Django's default hasher costs most of a second; these tests are not about it.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Every user the tests make has a password (tests/factories.py), and Django's own hasher
    spends most of a second on each: the suite makes hundreds. What the production settings
    hash with is Django's default, untouched by this."""
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def session_pushed_on_hourly(settings):
    """A page's queries are counted as most requests make them: within a minute of the session's
    last push (safeguarding.middleware.IdleSessionMiddleware), so without writing the session.
    Here the minute is an hour, so that a slow build between two requests never adds the
    session's write to a count; tests/test_security.py tests the minute itself."""
    settings.SESSION_REFRESH_SECONDS = 3600


@pytest.fixture(autouse=True)
def no_kept_papers():
    """Each test makes its own PDFs: one test's records may have another's ids (reports.papers
    keeps a PDF under its records' newest history ids)."""
    from django.core.cache import caches

    caches["papers"].clear()
    yield
    caches["papers"].clear()


def demo_first(request):
    """A test that also asks for the demo gets it before its other data: loading the demo
    empties the database first."""
    if "demo" in request.fixturenames:
        request.getfixturevalue("demo")


@pytest.fixture
def committee_member(request, db):
    demo_first(request)
    return UserFactory(username="councillor", group=services.COMMITTEE_MEMBERS)


@pytest.fixture
def manager(request, db):
    demo_first(request)
    return UserFactory(username="lscp-manager", group=services.SAFEGUARDING_MANAGERS, is_staff=True)


@pytest.fixture
def outsider(request, db):
    """Signed in, but in no group."""
    demo_first(request)
    return UserFactory(username="outsider")


@pytest.fixture
def committee_client(client, committee_member):
    client.force_login(committee_member)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def demo(db, demo_snapshot):
    """The demo data (loaded as in development, once per session), and its committee meetings,
    earliest first."""
    from reviews.models import CommitteeMeeting

    restore(demo_snapshot)
    yield list(CommitteeMeeting.objects.order_by("date"))
    forget_content_types()  # the test's rows, and their ids, are rolled back


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """The demo data, loaded once per session and kept as a serialized snapshot of the database.

    demo_data takes seconds (thousands of queries through the services); restoring the snapshot
    takes a fraction of that, so each test starts from the same fresh demo cheaply. The snapshot
    holds every table of every migrated app: the reviews' and the dataset's (indicators, figures,
    their history and the history of the indicators' themes) alike
    (tests/dataset/test_demo.py::test_the_demo_snapshot_keeps_the_dataset_and_its_history).
    """
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
        with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHERS):
            call_command("demo_data", stdout=io.StringIO())
        snapshot = connection.creation.serialize_db_to_string()
        call_command("flush", interactive=False, verbosity=0)
        forget_content_types()  # made again by the flush, perhaps under other ids
    return snapshot


def restore(snapshot):
    """Empty the database and load a snapshot made by serialize_db_to_string, in bulk."""
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    rows, links = defaultdict(list), defaultdict(list)
    for item in serializers.deserialize("json", snapshot):
        instance = item.object
        rows[type(instance)].append(instance)
        for name, pks in (item.m2m_data or {}).items():
            field = instance._meta.get_field(name)
            through = field.remote_field.through
            source = through._meta.get_field(field.m2m_field_name()).attname
            target = through._meta.get_field(field.m2m_reverse_field_name()).attname
            links[through].extend(through(**{source: instance.pk, target: pk}) for pk in pks)
    with transaction.atomic(), connection.constraint_checks_disabled():
        for model, instances in [*rows.items(), *links.items()]:
            model._base_manager.bulk_create(instances)
    models = [*rows, *links]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    forget_content_types()


def forget_content_types():
    """Django keeps content types by id for the process: after the rows change under it (a flush
    makes them again, a restore or a rollback brings others back), it must read them again."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
