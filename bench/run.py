"""The performance benchmark: `make bench` (see bench/README.md).

The parent process makes one database per scale (never the one DATABASE_URL names), then runs a
child process per scale that migrates it, fills it (bench/data.py) and times each page with
Django's test client. Export memory is measured in a fresh process per export, so that its peak
is the export's own. The parent prints one markdown table and writes the same as JSON.
"""

import argparse
import json
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_SCALES = [1, 10, 100, 1000]
KEPT_PDF = "Report PDF, unchanged records, again"
PDF_SCALES = {1, 100}  # the PDF of every action at 1000× would run to thousands of pages
# A page that takes longer than this (the PDF of thousands of actions) is timed SLOW_REPEAT times.
SLOW_SECONDS = 10
SLOW_REPEAT = 3
KEEP_DIR = Path(tempfile.gettempdir()) / "safeguarding-bench"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default=",".join(map(str, DEFAULT_SCALES)))
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per page")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the benchmark databases, and reuse any kept from an earlier run",
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--memory", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory:
        return memory_child(args.memory, args.out)
    if args.child:
        return scale_child(args.child, args.repeat, args.out)
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    if not scales or min(scales) < 1:
        parser.error("--scales takes whole numbers of 1 or more, like 1,100,1000")
    return parent(scales, args.repeat, args.keep)


# --- the parent: databases, children, the table -------------------------------------------------


def bench_environment(database_url):
    return os.environ | {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "safeguarding.settings",
        "DEBUG": "false",  # as served: no query log, no debug templates
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


class Databases:
    """One database per scale: on the PostgreSQL server DATABASE_URL names (as <name>_bench_Nx),
    else a temporary SQLite file."""

    def __init__(self, keep):
        self.keep = keep
        self.url = os.environ.get("DATABASE_URL", "")
        self.postgres = self.url.startswith(("postgres://", "postgresql://"))
        if self.url and not self.postgres:
            sys.exit("make bench runs on PostgreSQL (DATABASE_URL=postgres://…) or SQLite (unset).")
        self.folder = KEEP_DIR if keep else Path(tempfile.mkdtemp(prefix="safeguarding-bench-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.made = []

    @property
    def vendor(self):
        return "postgresql" if self.postgres else "sqlite"

    def for_scale(self, scale):
        """The URL of the scale's database, created empty unless a kept one is reused."""
        if not self.postgres:
            path = self.folder / f"bench-{scale}x.sqlite3"
            if not self.keep:
                path.unlink(missing_ok=True)
            self.made.append(path)
            return f"sqlite:///{path}"
        parts = urlsplit(self.url)
        name = f"{parts.path.lstrip('/') or 'safeguarding'}_bench_{scale}x"
        exists = self._admin(f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
        if exists and not self.keep:
            self._admin(f'DROP DATABASE "{name}"')
        if not exists or not self.keep:
            self._admin(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return urlunsplit(parts._replace(path=f"/{name}"))

    def _admin(self, sql):
        import psycopg2

        parts = urlsplit(self.url)
        connection = psycopg2.connect(
            host=parts.hostname or "",
            port=parts.port or 5432,
            user=parts.username or "",
            password=parts.password or "",
            dbname="postgres",
        )
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall() if cursor.description else None
        finally:
            connection.close()

    def drop(self):
        if self.keep:
            print(f"Kept the benchmark databases: {', '.join(map(str, self.made))}")
            return
        if self.postgres:
            for name in self.made:
                self._admin(f'DROP DATABASE IF EXISTS "{name}"')
        shutil.rmtree(self.folder, ignore_errors=True)


def parent(scales, repeat, keep):
    databases = Databases(keep)
    started = time.monotonic()
    results = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "database": databases.vendor,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
        "repeat": repeat,
        "scales": {},
    }
    try:
        for scale in scales:
            url = databases.for_scale(scale)
            with tempfile.NamedTemporaryFile(suffix=".json") as out:
                subprocess.run(
                    [sys.executable, "-m", "bench.run", "--child", str(scale)]
                    + ["--repeat", str(repeat), "--out", out.name],
                    cwd=ROOT,
                    env=bench_environment(url),
                    check=True,
                )
                results["scales"][str(scale)] = json.loads(Path(out.name).read_text())
    finally:
        databases.drop()
    results["seconds"] = round(time.monotonic() - started)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%dT%H%M")
    path = RESULTS / f"{stamp}-{databases.vendor}.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    print()
    print(markdown(results))
    print(f"\nWritten to {path.relative_to(ROOT)} in {results['seconds']} s.")


def markdown(results):
    """Rows: pages; per scale: median and p95 ms, queries, and ratios to the floor and admin."""
    scales = list(results["scales"])
    head = ["Page"]
    for scale in scales:
        head += [f"{scale}× median ms", "p95 ms", "queries", "× floor", "× admin"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    pages = list(next(iter(results["scales"].values()))["pages"])
    for scale in scales:
        pages += [p for p in results["scales"][scale]["pages"] if p not in pages]
    for page in pages:
        cells = [page]
        for scale in scales:
            row = results["scales"][scale]["pages"].get(page)
            if row is None:
                cells += ["–"] * 5
                continue
            cells += [
                f"{row['median_ms']:.1f}",
                f"{row['p95_ms']:.1f}",
                str(row["queries"]),
                f"{row['floor_ratio']:.1f}",
                f"{row['admin_ratio']:.2f}",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    notes = []
    for scale in scales:
        data = results["scales"][scale]
        fewer = [
            f"{page} ({row['requests']} requests)"
            for page, row in data["pages"].items()
            if row["requests"] < results["repeat"]
        ]
        if fewer:
            notes.append(f"- {scale}×: timed fewer times, being slow: {', '.join(fewer)}.")
        memory = ", ".join(
            f"{name} peak {row['peak_mb']:.0f} MB ({row['ms_per_1000_rows']:.1f} ms per 1,000 rows)"
            for name, row in data["exports"].items()
        )
        notes.append(
            f"- {scale}×: {data['reviews']:,} reviews, {data['actions']:,} actions, "
            f"{data['history']:,} history records, {data['meetings']} meetings "
            f"(built in {data['build_seconds']} s). Exports: {memory}."
        )
    return "\n".join(lines) + "\n\n" + "\n".join(notes)


# --- a scale's child: fill, then time every page ------------------------------------------------

FLOOR = "Floor: a signed-in page (accessibility statement)"
ADMIN = "Admin: actions changelist"


def setup_django():
    import warnings

    import django

    # WhiteNoise warns that collectstatic has not run: the benchmark serves no static files.
    warnings.filterwarnings("ignore", message="No directory at")

    django.setup()


def scale_child(scale, repeat, out):
    setup_django()
    from django.core.management import call_command

    from bench import data
    from reviews.models import Action

    call_command("migrate", verbosity=0, interactive=False)
    started = time.monotonic()
    if not Action.objects.exists():
        print(f"Building {scale}× the demo partnership…", flush=True)
        data.build(scale, log=lambda line: print(line, flush=True))
    build_seconds = round(time.monotonic() - started)
    result = describe_data() | {"build_seconds": build_seconds}
    pages = page_list(scale)
    print(f"Timing {len(pages)} pages at {scale}× ({repeat} requests each)…", flush=True)
    timings = {}
    for name, (url, user) in pages.items():
        timings[name] = time_page(url, user, repeat, kept=name == KEPT_PDF)
        print(f"  {name}: {timings[name]['median_ms']:.1f} ms median", flush=True)
    floor, admin = timings[FLOOR]["median_ms"], timings[ADMIN]["median_ms"]
    for row in timings.values():
        row["floor_ratio"] = row["median_ms"] / floor
        row["admin_ratio"] = row["median_ms"] / admin
    result["pages"] = timings
    result["exports"] = {}
    for export in ["csv", "xlsx"]:
        name = f"{export.upper()} export of all actions"
        result["exports"][name] = {
            "peak_mb": export_memory(f"/actions/?_export={export}"),
            "ms_per_1000_rows": timings[name]["median_ms"] / result["actions"] * 1000,
        }
    Path(out).write_text(json.dumps(result))


def describe_data():
    from reviews.models import Action, CommitteeMeeting, Review

    return {
        "reviews": Review.objects.count(),
        "actions": Action.objects.count(),
        "history": Action.history.count(),
        "meetings": CommitteeMeeting.objects.count(),
    }


def page_list(scale):
    """Each page's URL and who asks for it (committee member, or the manager for the admin)."""
    from django.db.models import Count
    from django.utils import timezone

    from reviews.models import Action, CommitteeMeeting, Review

    earliest = CommitteeMeeting.objects.order_by("date").first().date
    latest = CommitteeMeeting.objects.filter(date__lt=timezone.localdate()).order_by("date").last()
    largest = Review.objects.annotate(n=Count("actions")).order_by("-n", "pk").first()
    # The action with the longest history.
    action = (
        Action.history.values("id").annotate(n=Count("history_id")).order_by("-n", "id").first()
    )["id"]
    pages = {
        FLOOR: ("/accessibility/", "committee"),
        ADMIN: ("/admin/reviews/action/", "manager"),
        "Dashboard": ("/", "committee"),
        "Dashboard as at the earliest meeting": (f"/?as_at={earliest:%Y-%m-%d}", "committee"),
        # the latest meeting before today (none in a database of one day's data)
        **(
            {"Dashboard as at the latest meeting": (f"/?as_at={latest.date:%Y-%m-%d}", "committee")}
            if latest
            else {}
        ),
        "Largest review's page": (f"/reviews/{largest.slug}/", "committee"),
        "Actions, amber, first page": ("/actions/?status=amber", "committee"),
        "CSV export of all actions": ("/actions/?_export=csv", "committee"),
        "XLSX export of all actions": ("/actions/?_export=xlsx", "committee"),
        "Report (HTML)": ("/report/", "committee"),
        "Report (PDF)": ("/report/pdf/", "committee"),
        KEPT_PDF: ("/report/pdf/", "committee"),
        "Action with its history": (f"/actions/{action}/", "committee"),
        **other_pages(),
    }
    if scale not in PDF_SCALES:
        del pages["Report (PDF)"], pages[KEPT_PDF]
    return pages


def other_pages():
    """The list and detail pages beside the plans (issue 20): a theme, an agency, the statutory
    timeline, the dataset and an indicator, the audits, the learning programme and a session, the
    priorities and a priority, the challenge log, a lead's actions and the yearly report. Each is
    the demo's (the copies add reviews and actions, which most of them count)."""
    from django.db.models import Count

    from dataset.models import Indicator
    from learning.models import LearningSession
    from priorities.models import Priority
    from reviews.models import Agency, Theme

    theme = Theme.objects.annotate(n=Count("actions")).order_by("-n", "pk").first()
    agency = Agency.objects.annotate(n=Count("led_actions")).order_by("-n", "pk").first()
    pages = {
        "Theme with the most actions": (f"/themes/{theme.slug}/", "committee"),
        "Agency leading the most actions": (f"/agencies/{agency.slug}/", "committee"),
        "Statutory timeline": ("/reviews/timeline/", "committee"),
        "My actions (an agency lead)": ("/my-actions/", "police-lead"),
        "Challenge log": ("/challenges/", "committee"),
        "Yearly report (HTML)": ("/report/yearly/", "committee"),
    }
    if indicator := Indicator.objects.order_by("pk").first():
        pages["Dataset scorecard"] = ("/dataset/", "committee")
        pages["Indicator"] = (f"/dataset/{indicator.slug}/", "committee")
    if session := LearningSession.objects.order_by("pk").first():
        pages["Learning programme"] = ("/learning/", "committee")
        pages["Learning session"] = (f"/learning/{session.pk}/", "committee")
    if priority := Priority.objects.order_by("pk").first():
        pages["Priorities"] = ("/priorities/", "committee")
        pages["Priority"] = (f"/priorities/{priority.slug}/", "committee")
    pages["Audits"] = ("/audits/", "committee")
    return pages


def signed_in_client(username):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def fetch(client, url):
    """One request, read to the end (a streamed answer included); its size in bytes."""
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def time_page(url, user, repeat, *, kept=False):
    """A page's median and 95th percentile. A paper's PDF is made afresh for each request (the
    kept PDFs forgotten first) unless `kept`: then it is served again, as for unchanged records."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in_client(user)
    if not kept:
        client = Forgetful(client)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        size = fetch(client, url)  # warm: templates, connections, the database's caches
    count = len(queries)  # read now: the next request clears the log it is read from
    if time.perf_counter() - started > SLOW_SECONDS:
        repeat = min(repeat, SLOW_REPEAT)  # and its queries are those of the warming request
    else:
        with CaptureQueriesContext(connection) as queries:
            size = fetch(client, url)
        count = len(queries)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fetch(client, url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "url": url,
        "median_ms": statistics.median(times),
        "p95_ms": times[max(0, round(0.95 * len(times)) - 1)],
        "queries": count,
        "requests": repeat,
        "bytes": size,
    }


class Forgetful:
    """A client that forgets the kept PDFs (reports.papers) before each request."""

    def __init__(self, client):
        self.client = client

    def get(self, *args, **kwargs):
        from django.core.cache import caches

        caches["papers"].clear()
        return self.client.get(*args, **kwargs)


def export_memory(url):
    """The peak resident memory an export adds, measured in a fresh process."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [sys.executable, "-m", "bench.run", "--memory", url, "--out", out.name],
            cwd=ROOT,
            env=os.environ,
            check=True,
        )
        return json.loads(Path(out.name).read_text())["peak_mb"]


def memory_child(url, out):
    setup_django()
    client = signed_in_client("committee")
    fetch(client, "/accessibility/")  # the process as it is when serving
    before = _status_kb("VmRSS")
    fetch(client, url)
    peak = _status_kb("VmHWM")
    Path(out).write_text(json.dumps({"peak_mb": (peak - before) / 1024}))


def _status_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise SystemExit("Measuring memory needs Linux's /proc/self/status.")


if __name__ == "__main__":
    sys.exit(main())
