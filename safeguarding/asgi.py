"""The site as an ASGI application, served by gunicorn's asyncio worker (gunicorn.conf.py).

The server reads each request without a thread, so a client that sends it slowly holds nothing
up. Django then runs the (synchronous) views of each request in a thread of its own, as many at
once as requests arrive, and each thread opens a database connection of its own: a burst of a
hundred requests would ask PostgreSQL for more connections than it allows (100 by default) and be
refused. So each process runs the views of at most VIEWS_AT_ONCE requests at a time; the others
wait, with their bodies received, much as they would for a worker under WSGI.
"""

import asyncio
import os

from django.core.asgi import get_asgi_application

from safeguarding.body_limit import body_limited

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.settings")

VIEWS_AT_ONCE = 4


def views_at_once(application, limit=VIEWS_AT_ONCE):
    """`application` running the views of at most `limit` requests at a time."""
    slots = asyncio.Semaphore(limit)

    async def limited(scope, receive, send):
        if scope["type"] != "http":
            return await application(scope, receive, send)
        holding = False

        async def receive_then_take_a_slot():
            # Django reads the whole body before it runs anything in a thread, so a request
            # takes its slot once its body is in: a slow upload holds no slot while it arrives.
            nonlocal holding
            message = await receive()
            if message["type"] == "http.request" and not message.get("more_body") and not holding:
                await slots.acquire()
                holding = True
            return message

        try:
            await application(scope, receive_then_take_a_slot, send)
        finally:
            if holding:
                slots.release()

    return limited


# Bodies past their limit are refused before Django reads them (safeguarding/body_limit.py).
application = body_limited(views_at_once(get_asgi_application()))
