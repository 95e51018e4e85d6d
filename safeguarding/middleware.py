"""Response headers that Django's SecurityMiddleware does not set."""

# The pages need none of these browser features; no page may ask for them.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class ResponseHeadersMiddleware:
    """Adds Permissions-Policy, and X-Robots-Tag to keep every response out of search engines.

    The pages carry <meta name="robots">, but downloads (CSV, XLSX, PDF) and static files cannot.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("X-Robots-Tag", "noindex, nofollow")
        return response
