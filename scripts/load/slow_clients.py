"""Slow clients against a local server: do other people's pages still answer?

Opens --slow connections to 127.0.0.1:--port, each sending its request one header line every
--interval seconds and never finishing it (a "slowloris"). Meanwhile one ordinary user signs in
through /accounts/login/ (CSRF cookie and token, as a browser does) and, once a second, asks for
/healthz and the dashboard. At the end it prints how many ordinary requests were answered, their
median and worst latency and the errors, and how many slow connections the server still held.

It exits 1 if any ordinary request failed or took longer than --limit seconds, so it can be a
check. It stops by itself after --seconds, sends traffic to this machine only, and never opens
more than MAX_SLOW connections. Standard library only:

    .venv/bin/python scripts/load/slow_clients.py --port 8000 --slow 50 --seconds 30
"""

import argparse
import http.client
import os
import re
import socket
import statistics
import sys
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

LOOPBACK = {"127.0.0.1", "localhost"}
MAX_SLOW = 500
MAX_SECONDS = 300
REQUEST_TIMEOUT = 10  # an ordinary request not answered by then counts as an error
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1", help="loopback only")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--slow", type=int, default=50, help="slow connections to hold open")
    parser.add_argument("--seconds", type=float, default=30, help="how long the test runs")
    parser.add_argument("--interval", type=float, default=10, help="seconds between header lines")
    parser.add_argument("--limit", type=float, default=1.0, help="slowest acceptable page (s)")
    parser.add_argument(
        "--sign-in-limit",
        type=float,
        default=3.0,
        help="slowest acceptable sign-in (s): checking a password costs most of a second by design",
    )
    parser.add_argument("--username", default="committee")
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "partnership-demo"))
    args = parser.parse_args()
    if args.host not in LOOPBACK:
        parser.error(f"refusing {args.host}: this script only talks to this machine")
    if not 0 <= args.slow <= MAX_SLOW:
        parser.error(f"--slow must be between 0 and {MAX_SLOW}")
    if not 1 <= args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be between 1 and {MAX_SECONDS}")
    if args.interval <= 0:
        parser.error("--interval must be positive")
    return args


class SlowClient(threading.Thread):
    """One connection that sends a header line every `interval` seconds until `until`."""

    def __init__(self, number, args, until):
        super().__init__(daemon=True)
        self.number, self.args, self.until = number, args, until
        self.connected = False
        self.closed_by_server = None  # seconds after connecting, if the server hung up

    def lines(self):
        yield b"GET /healthz HTTP/1.1\r\n"
        yield f"Host: {self.args.host}\r\n".encode()
        number = 0
        while True:
            number += 1
            yield f"X-Slow-{number}: {self.number}\r\n".encode()

    def run(self):
        try:
            sock = socket.create_connection((self.args.host, self.args.port), timeout=5)
        except OSError:
            return
        self.connected = True
        opened = time.monotonic()
        try:
            with sock:
                for line in self.lines():
                    left = self.until - time.monotonic()
                    if left <= 0:
                        break
                    sock.sendall(line)
                    # Wait until the next line is due. Anything from the server (an error page,
                    # or the end of the connection) means it has stopped waiting for this one.
                    sock.settimeout(min(self.args.interval, left))
                    try:
                        sock.recv(1)
                    except TimeoutError:
                        continue
                    raise ConnectionAbortedError("the server answered or hung up")
        except OSError:
            self.closed_by_server = time.monotonic() - opened


class OrdinaryUser:
    """Signs in, then reads /healthz and the dashboard once a second, timing every request.

    Each second's requests go in a thread of their own, so a request the server keeps waiting
    does not hold back the next second's: the count shows how many people were kept waiting.
    """

    def __init__(self, args, until):
        self.args, self.until = args, until
        self.lock = threading.Lock()
        self.cookies = {}
        self.signing_in = False
        self.results = {}  # name -> list of (seconds or None, error or None)

    def request(self, name, method, path, check, body=None, headers=None):
        """One request on a new connection; `check(response, text)` names what is wrong."""
        headers = dict(headers or {})
        with self.lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.monotonic()
        try:
            conn = http.client.HTTPConnection(
                self.args.host, self.args.port, timeout=REQUEST_TIMEOUT
            )
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
            conn.close()
        except (OSError, http.client.HTTPException) as error:
            self.record(
                name, None, f"{type(error).__name__} after {time.monotonic() - started:.0f} s"
            )
            return None, ""
        elapsed = time.monotonic() - started
        with self.lock:
            for header in response.msg.get_all("Set-Cookie") or []:
                for key, morsel in SimpleCookie(header).items():
                    self.cookies[key] = morsel.value
        self.record(name, elapsed, check(response, text))
        return response, text

    def record(self, name, elapsed, error):
        with self.lock:
            self.results.setdefault(name, []).append((elapsed, error))

    def sign_in(self):
        def form_page(response, text):
            if response.status != 200 or not TOKEN.search(text) or "csrftoken" not in self.cookies:
                return f"status {response.status}, no CSRF token or cookie"

        def signed_in(response, text):
            if response.status != 302 or "sessionid" not in self.cookies:
                return f"status {response.status}, not signed in"

        try:
            response, text = self.request("sign-in page", "GET", "/accounts/login/", form_page)
            token = TOKEN.search(text)
            if response is None or not token:
                return
            form = {
                "csrfmiddlewaretoken": token[1],
                "username": self.args.username,
                "password": self.args.password,
                "next": "/",
            }
            referer = f"http://{self.args.host}:{self.args.port}/accounts/login/"
            self.request(
                "sign in",
                "POST",
                "/accounts/login/",
                signed_in,
                body=urlencode(form),
                headers={"Content-Type": "application/x-www-form-urlencoded", "Referer": referer},
            )
        finally:
            with self.lock:
                self.signing_in = False

    def healthz(self):
        def ok(response, text):
            if response.status != 200 or text.strip() != "ok":
                return f"status {response.status}"

        self.request("/healthz", "GET", "/healthz", ok)

    def dashboard(self):
        def ok(response, text):
            if response.status != 200:
                return f"status {response.status}"

        self.request("dashboard", "GET", "/", ok)

    def run(self):
        threads = []
        while time.monotonic() < self.until:
            tick = time.monotonic()
            with self.lock:
                signed_in = "sessionid" in self.cookies
                start_sign_in = not signed_in and not self.signing_in
                self.signing_in = self.signing_in or start_sign_in
            jobs = [self.healthz]
            if signed_in:
                jobs.append(self.dashboard)
            elif start_sign_in:
                jobs.append(self.sign_in)
            for job in jobs:
                thread = threading.Thread(target=job, daemon=True)
                thread.start()
                threads.append(thread)
            time.sleep(
                max(0.0, min(1.0 - (time.monotonic() - tick), self.until - time.monotonic()))
            )
        for thread in threads:  # each ends within REQUEST_TIMEOUT (x2 for the sign-in)
            thread.join(timeout=max(0.1, self.until + 2 * REQUEST_TIMEOUT - time.monotonic()))


def main():
    args = parse_args()
    started = time.monotonic()
    until = started + args.seconds
    slow = [SlowClient(n, args, until) for n in range(args.slow)]
    for client in slow:
        client.start()
        time.sleep(0.01)  # not all in the same instant, as real clients would not be
    time.sleep(min(1.0, args.seconds / 10))  # let every slow client send its first line
    user = OrdinaryUser(args, until)
    user.run()
    for client in slow:
        client.join(timeout=max(0.1, until + 2 - time.monotonic()))

    print(
        f"slow clients: {args.slow} connections, a header line every {args.interval:g} s, "
        f"for {args.seconds:g} s against {args.host}:{args.port}"
    )
    connected = sum(c.connected for c in slow)
    dropped = [c.closed_by_server for c in slow if c.closed_by_server is not None]
    print(
        f"  opened {connected}, still open at the end {connected - len(dropped)}, "
        f"closed by the server {len(dropped)}"
        + (f" (after {min(dropped):.0f}-{max(dropped):.0f} s)" if dropped else "")
    )
    failures = 0
    print(
        f"  {'ordinary request':16} {'sent':>5} {'answered':>9} {'in time':>8} "
        f"{'median s':>9} {'worst s':>8}  errors"
    )
    names = ["/healthz", "sign-in page", "sign in", "dashboard"]
    for name in sorted(user.results, key=names.index):
        results = user.results[name]
        limit = args.sign_in_limit if name == "sign in" else args.limit
        times = [t for t, error in results if t is not None and error is None]
        in_time = [t for t in times if t <= limit]
        errors = sorted({error for _, error in results if error is not None})
        failures += len(results) - len(in_time)
        median = f"{statistics.median(times):.3f}" if times else "-"
        worst = f"{max(times):.3f}" if times else "-"
        print(
            f"  {name:16} {len(results):>5} {len(times):>9} {len(in_time):>8} "
            f"{median:>9} {worst:>8}  {'; '.join(errors) or 'none'}"
        )
    if failures:
        print(
            f"FAILED: {failures} ordinary requests failed or took over {args.limit:g} s "
            f"(the sign-in {args.sign_in_limit:g} s)"
        )
        return 1
    print(
        f"OK: every ordinary request answered within {args.limit:g} s "
        f"(the sign-in within {args.sign_in_limit:g} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
