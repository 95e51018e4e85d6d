"""The request body limit at the server's door, for the site served over ASGI.

Django's ASGI handler reads a request's whole body (to disk past 2.5 MB) before any middleware
runs, so RequestBodyLimitMiddleware alone would see a 50 MB upload only once it had been stored.
This wrapper refuses it first: by its Content-Length before reading a byte of it, or as soon as a
body without one (or longer than it said) streams past the limit.

The limit is REQUEST_BODY_LIMIT, and IMPORT_BODY_LIMIT on an import page (IMPORT_PAGES) for a
request that carries a session (only a signed-in manager may send that much: the middleware
checks who it is once the request is in Django, and refuses anyone else).
"""

import asyncio

from django.conf import settings
from django.urls import reverse

# The mark a refused request carries into Django, whose middleware answers it with the styled page.
REFUSED = "safeguarding.body_refused"

PLAIN_REFUSAL = (
    b"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>What you sent is too "
    b"large</title></head><body><h1>What you sent is too large</h1><p>Nothing you sent has been "
    b"saved.</p></body></html>"
)


def header(scope, name):
    for key, value in scope.get("headers", ()):
        if key == name:
            return value
    return None


# The pages that take a file of up to IMPORT_FILE_LIMIT, and who may send one: the tracker import
# and the dataset import (dataset.admin_import.PERMISSIONS).
IMPORT_PAGES = {
    "admin:reviews_action_import": ["reviews.add_action", "reviews.change_action"],
    "admin:dataset_indicator_import": [
        "dataset.add_indicator",
        "dataset.change_indicator",
        "dataset.add_figure",
        "dataset.change_figure",
    ],
    "admin:learning_learningsession_import": [
        "learning.add_learningsession",
        "learning.change_learningsession",
        "learning.add_sessionagency",
        "learning.change_sessionagency",
    ],
}


def import_pages():
    """{path: the permissions needed to send a file to it} of the import pages."""
    return {reverse(name): permissions for name, permissions in IMPORT_PAGES.items()}


def limit_for(scope):
    cookie = header(scope, b"cookie") or b""
    signed_in = settings.SESSION_COOKIE_NAME.encode() + b"=" in cookie
    if signed_in and scope.get("path") in import_pages():
        return settings.IMPORT_BODY_LIMIT
    return settings.REQUEST_BODY_LIMIT


def body_limited(application):
    """`application` with request bodies past their limit refused."""

    async def limited(scope, receive, send):
        if scope["type"] != "http":
            return await application(scope, receive, send)
        limit = limit_for(scope)
        try:
            declared = int(header(scope, b"content-length") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            # Nothing is read: Django sees an empty body and the mark, and answers 413.
            given = False

            async def nothing():
                nonlocal given
                if not given:
                    given = True
                    return {"type": "http.request", "body": b"", "more_body": False}
                # Django then listens for the client leaving; the unread body is no answer to
                # that, so it waits until the response is sent and the listening is cancelled.
                await asyncio.Future()

            return await application({**scope, REFUSED: limit}, nothing, send)

        received, overflowed, started = 0, False, False

        async def counted():
            nonlocal received, overflowed
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    overflowed = True
                    return {"type": "http.disconnect"}  # Django stops reading and answers nothing
            return message

        async def watched(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        await application(scope, counted, watched)
        if overflowed and not started:
            await send(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [
                        (b"content-type", b"text/html; charset=utf-8"),
                        (b"cache-control", b"no-store, private"),
                        (b"connection", b"close"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": PLAIN_REFUSAL})

    return limited
