"""What every response and request gets, whatever the page: headers that Django's
SecurityMiddleware does not set, no caching of anything but static files, a size limit on
request bodies checked before anything reads them, and the idle sign-out."""

import time
from functools import cached_property

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.cache import add_never_cache_headers

from .body_limit import REFUSED, import_pages

# The pages need none of these browser features; no page may ask for them.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class ResponseHeadersMiddleware:
    """Adds Permissions-Policy, and X-Robots-Tag to keep every response out of search engines.

    The pages carry <meta name="robots">, but downloads (CSV, XLSX, PDF) and static files cannot.
    Every response but a static file is marked not to be stored by the browser or any cache
    (`Cache-Control: no-store, private` and the rest of Django's never-cache headers): pages and
    downloads carry safeguarding data, and a shared computer must not keep them. Static files keep
    the long cache WhiteNoise gives them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        if not request.path_info.startswith(settings.STATIC_URL):
            add_never_cache_headers(response)
        return response


class CappedStream:
    """A request body that may not grow past `limit` bytes however it arrives."""

    def __init__(self, stream, limit):
        self.stream, self.limit, self.read_so_far = stream, limit, 0

    def _count(self, data):
        self.read_so_far += len(data)
        if self.read_so_far > self.limit:
            raise RequestDataTooBig("The request body is larger than this address accepts.")
        return data

    def read(self, size=-1):
        return self._count(self.stream.read(size))

    def readline(self, size=-1):
        return self._count(self.stream.readline(size))

    def close(self):
        close = getattr(self.stream, "close", None)
        if close is not None:
            close()


class RequestBodyLimitMiddleware:
    """Refuses a request whose body is larger than the address takes, before anything reads it
    (Django would otherwise spool a large upload to disk while parsing it, before sign-in is even
    checked). The limit is REQUEST_BODY_LIMIT everywhere, and IMPORT_BODY_LIMIT only for the
    import pages (body_limit.IMPORT_PAGES) and only for those who may import there (a signed-in
    manager). Needs the user, so it comes after AuthenticationMiddleware; nothing before it
    reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def import_pages(self):
        return import_pages()

    def limit_for(self, request):
        user = getattr(request, "user", None)
        permissions = self.import_pages.get(request.path_info)
        if permissions and user is not None and user.has_perms(permissions):
            return settings.IMPORT_BODY_LIMIT
        return settings.REQUEST_BODY_LIMIT

    def __call__(self, request):
        refused_at_the_door = getattr(request, "scope", {}).get(REFUSED)  # see body_limit.py
        if refused_at_the_door:
            return too_large(request, refused_at_the_door)
        limit = self.limit_for(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return too_large(request, limit)
        request._stream = CappedStream(request._stream, limit)
        return self.get_response(request)


def too_large(request, limit):
    response = render(
        request,
        "413.html",
        {
            "limit": filesizeformat(limit),
            "import_limit": filesizeformat(settings.IMPORT_FILE_LIMIT),
        },
        status=413,
    )
    # The body was not read: the connection cannot carry another request after this one.
    response["Connection"] = "close"
    return response


# The session key that holds when the session's expiry was last pushed on (seconds since the
# epoch), and how long before it is pushed on again.
SESSION_REFRESHED = "refreshed_at"


class IdleSessionMiddleware:
    """Ends a signed-in session after SESSION_COOKIE_AGE without a request, to the minute,
    without writing the session on every page: the expiry is pushed on (the session saved) only
    when it was last pushed on SESSION_REFRESH_SECONDS ago or more, so an idle session ends
    between SESSION_COOKIE_AGE less SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE after the
    last request. A request that changes the session is saved anyway, and pushes it on too.
    Anonymous requests, with no session, are left alone. Comes after SessionMiddleware, so that
    SessionMiddleware saves what this marks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        now = int(time.time())
        if session.modified or now - session.get(SESSION_REFRESHED, 0) >= (
            settings.SESSION_REFRESH_SECONDS
        ):
            session[SESSION_REFRESHED] = now
        return response


def session_refreshed_on_sign_in(sender, request, user, **kwargs):
    """A new session counts as pushed on when it starts (`user_logged_in`)."""
    request.session[SESSION_REFRESHED] = int(time.time())
