"""Request bodies are refused unread past the address's limit; nothing but static files may be
kept by a browser's or a proxy's cache."""

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import RequestDataTooBig
from django.test import Client, override_settings
from django.urls import reverse

from reviews import services
from reviews.models import Action
from safeguarding.middleware import CappedStream
from tests.factories import ActionFactory, UserFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture
def no_spooling(monkeypatch):
    """Fails the test if Django spools an upload to a temporary file."""
    from django.core.files import uploadedfile

    def refuse(*args, **kwargs):
        raise AssertionError("An upload was written to disk")

    monkeypatch.setattr(uploadedfile.tempfile, "NamedTemporaryFile", refuse)


def multipart(size):
    return {"file": io.BytesIO(b"x" * size), "username": "someone", "password": "x"}


@pytest.mark.parametrize("path", ["/accounts/login/", "/healthz", "/admin/login/", "/no-such/"])
def test_a_large_anonymous_body_is_refused_unread(client, path, no_spooling):
    response = client.post(path, multipart(12 * MB))
    assert response.status_code == 413
    assert response["Connection"] == "close"
    assert "What you sent is too large" in response.content.decode()
    assert "at most 1.0\xa0MB" in response.content.decode()


def test_a_claimed_length_is_refused_before_reading(client, no_spooling):
    response = client.generic(
        "POST", "/accounts/login/", b"a=1", CONTENT_TYPE="text/plain", CONTENT_LENGTH=str(50 * MB)
    )
    assert response.status_code == 413


def test_only_a_manager_may_send_a_tracker_sized_body_to_the_import_page(
    client, manager, committee_member
):
    url = reverse("admin:reviews_action_import")
    client.force_login(committee_member)
    assert client.post(url, multipart(5 * MB)).status_code == 413
    client.force_login(manager)
    # Under the import limit: it reaches the page, which judges the file itself.
    response = client.post(url, {"file": io.BytesIO(b"x" * (5 * MB)), "review": ""})
    assert response.status_code != 413
    assert "What you sent is too large" not in response.content.decode()
    # Past it: refused unread.
    assert client.post(url, multipart(11 * MB)).status_code == 413
    # Elsewhere a manager's form is held to the ordinary limit.
    assert client.post("/admin/reviews/action/add/", multipart(2 * MB)).status_code == 413


def test_an_ordinary_form_still_saves(client):
    lead = UserFactory(group=services.AGENCY_LEADS)
    action = ActionFactory()
    action.lead_agency.leads.add(lead)
    client.force_login(lead)
    response = client.post(
        reverse("reviews:action-progress", args=[action.pk]),
        {
            "status": action.status,
            "progress_note": "A note " * 500,
            "evidence": "",
            "target_date": "",
            "version": services.version_of(action),
        },
    )
    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).progress_note.startswith("A note")


def test_a_body_that_streams_past_the_limit_is_stopped():
    stream = CappedStream(io.BytesIO(b"x" * 100), limit=60)
    assert stream.read(50) == b"x" * 50
    with pytest.raises(RequestDataTooBig):
        stream.read(50)
    line = CappedStream(io.BytesIO(b"y" * 100 + b"\n"), limit=60)
    with pytest.raises(RequestDataTooBig):
        line.readline()


def no_store(response):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_every_page_and_download_is_not_stored(committee_client, manager, demo):
    pages = [
        "/",
        "/actions/",
        "/actions/?_export=csv",
        "/actions/?_export=xlsx",
        "/report/",
        "/report/pdf/",
        "/meetings/",
        "/reviews/leo/",
        "/no-such-page/",
        "/accessibility/",
    ]
    for path in pages:
        response = committee_client.get(path)
        assert no_store(response), (path, response.get("Cache-Control"))
    manager_client = Client()
    manager_client.force_login(manager)
    for path in ["/admin/", "/admin/reviews/action/", "/admin/reviews/action/import/template.xlsx"]:
        assert no_store(manager_client.get(path)), path
    anonymous = Client()
    for path in ["/accounts/login/", "/healthz", "/"]:
        assert no_store(anonymous.get(path)), path
    assert no_store(anonymous.post("/accounts/login/", multipart(2 * MB)))


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)
def test_static_files_keep_their_cache():
    response = Client().get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "max-age" in response["Cache-Control"]


# The same limit at the ASGI door, where production serves the site (gunicorn.conf.py): Django's
# ASGI handler reads a whole body, to disk past 2.5 MB, before any middleware runs.


def asgi_post(path, chunks, *, content_length=None, cookie=b""):
    """POST through safeguarding.asgi.application; returns (status, body, bytes it read)."""
    from safeguarding.asgi import application

    headers = [(b"content-type", b"application/octet-stream"), (b"host", b"testserver")]
    if content_length is not None:
        headers.append((b"content-length", str(content_length).encode()))
    if cookie:
        headers.append((b"cookie", cookie))
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
        "root_path": "", "headers": headers, "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
    }  # fmt: skip
    pending, read, sent = list(chunks), [0], []

    async def receive():
        if pending:
            body = pending.pop(0)
            read[0] += len(body)
            return {"type": "http.request", "body": body, "more_body": bool(pending)}
        await asyncio.sleep(3600)  # the client stays connected until the answer comes

    async def send(message):
        sent.append(message)

    # In a thread of its own, with its own event loop, as a server runs it: the test's thread may
    # already have one (Playwright's, once the browser tests have started).
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, asyncio.wait_for(application(scope, receive, send), 30)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body.decode(), read[0]


@pytest.mark.django_db(transaction=True)
def test_at_the_asgi_door_a_declared_large_body_is_refused_unread(no_spooling):
    chunks = [b"x" * MB] * 50
    status, page, read = asgi_post("/accounts/login/", chunks, content_length=50 * MB)
    assert status == 413
    assert "What you sent is too large" in page
    assert read == 0


@pytest.mark.django_db(transaction=True)
def test_at_the_asgi_door_a_body_streaming_past_the_limit_is_cut_off(no_spooling):
    status, page, read = asgi_post("/healthz", [b"x" * (256 * 1024)] * 40)
    assert status == 413
    assert read <= MB + 256 * 1024  # stopped once past the limit, not after 10 MB
    # Only the import page takes more, and only with a session (the middleware then checks whose).
    status, _, read = asgi_post(
        "/admin/reviews/action/import/", [b"x" * MB] * 3, cookie=b"sessionid=forged"
    )
    assert read == 3 * MB  # read whole: within the import page's limit
    assert status in (403, 413)  # and then refused: a forged session is nobody who may import
