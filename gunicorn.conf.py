"""How the site runs in production: `.venv/bin/gunicorn --config gunicorn.conf.py`.

docs/deployment.md runs this command under systemd, and scripts/smoke.sh runs the same one (on a
port of its own) in CI. An option given on the command line wins over the value here.

Why gunicorn's asyncio worker ("asgi") and not its default "sync" one: a sync worker reads a
request's headers itself, so a client that sends them slowly holds the worker until it gives up.
Three clients sending a header line every ten seconds held all three workers, and nobody else got
an answer for a minute. The asyncio worker reads requests without tying anything up, so a slow
client costs only a socket; Django runs a request's views only once the request has arrived, at
most a few at a time per worker (safeguarding/asgi.py). scripts/load/slow_clients.py measures it.
"""

wsgi_app = "safeguarding.asgi:application"
worker_class = "asgi"
bind = "127.0.0.1:8000"
# Three processes suit a small server (two cores); each runs up to four views at once.
workers = 3
# A worker silent this long is restarted; a request body that stalls this long is dropped.
timeout = 30
accesslog = "-"
# Under ASGI each request runs in a thread of its own, so a database connection is never used by a
# second request: close it when its request ends (Django's advice for ASGI) instead of letting
# it linger until the thread is collected. This overrides CONN_MAX_AGE for the site only.
raw_env = ["CONN_MAX_AGE=0"]
# No gunicornc control socket: nothing uses it, and it would be made in the service user's home.
control_socket_disable = True


def on_starting(server):
    # gunicorn reads this file whenever it starts in this folder, even as `gunicorn
    # safeguarding.wsgi`; the asyncio worker cannot serve the WSGI application, so say so at once
    # instead of answering every request with an error.
    if server.cfg.worker_class_str == "asgi" and not server.app.app_uri.startswith(
        "safeguarding.asgi"
    ):
        raise SystemExit(
            f"gunicorn.conf.py serves {wsgi_app} with the asgi worker, not {server.app.app_uri}: "
            "run `gunicorn --config gunicorn.conf.py` (docs/deployment.md)."
        )


def post_worker_init(worker):
    # A worker's first PDF no slower than its later ones: WeasyPrint, Pango and the fonts load
    # now, once the application is loaded, not while the first councillor waits for a paper.
    from reports.pdf import warm

    warm()
