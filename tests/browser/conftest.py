"""Browser tests: a real Chromium driven by Playwright against Django's live server.

Debian's Chromium is used (`/usr/bin/chromium`, or `CHROMIUM_PATH`); `playwright install` is never
needed. When Chromium, the playwright package, Java or the Nu Html Checker's jar is missing, the
tests that need it skip with the reason; `BROWSER_TESTS_REQUIRED=1` (set by `.ci/run`) turns those
skips into failures. A failing test leaves a screenshot in `tests/browser/screenshots/`.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import DEMO_PASSWORD, FAST_HASHERS, restore

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run while one is
# running unless told the code is really synchronous, which it is.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE / "screenshots"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
DEFAULT_VNU_JAR = ROOT / "assets" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000


def unavailable(reason):
    """Skip the test for a missing tool, or fail it when CI requires the browser tests."""
    if os.environ.get("BROWSER_TESTS_REQUIRED") == "1":
        pytest.fail(f"{reason} (BROWSER_TESTS_REQUIRED=1, so this is a failure)", pytrace=False)
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session; each test gets its own context."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        unavailable("Browser tests need the playwright package: .venv/bin/pip install -e '.[test]'")
    path = os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        unavailable(
            f"No Chromium at {path}: install Debian's chromium package "
            "(apt-get install chromium) or set CHROMIUM_PATH to a Chromium executable"
        )
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    except Error as error:
        playwright.stop()
        unavailable(f"Chromium at {path} did not start: {error.message.splitlines()[0]}")
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture(scope="session")
def axe(browser):
    """axe-core, run in the page by axe-playwright-python."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        unavailable(
            "Accessibility tests need axe-playwright-python: .venv/bin/pip install -e '.[test]'"
        )
    return Axe()


@pytest.fixture
def page(browser, request):
    """A fresh browser context (no cookies) and page for each test, 1280 by 900."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    if getattr(request.node, "browser_test_failed", False):
        SCREENSHOTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.nodeid.split("::", 1)[-1])
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    context.close()


@pytest.fixture
def demo(browser, transactional_db, live_server, demo_snapshot, settings):
    """The demo data, served by the live server (another thread, hence transactional_db).

    Returns the live server. The demo users are `committee` and `manager`, password
    `partnership-demo`. DEBUG is off, as in production: error pages use the styled templates.
    """
    restore(demo_snapshot)
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.DEBUG = False
    # The live server speaks plain HTTP, so secure-only cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    return live_server


def sign_in(page, live_server, username, password=DEMO_PASSWORD):
    """Sign in through the sign-in form, as a person would; ends on the page it leads to."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"Signing in as {username} failed"


def action_path(review_slug, reference):
    """The public path of one action, found by its review and reference."""
    from reviews.models import Action

    action = Action.objects.get(review__slug=review_slug, reference=reference)
    return f"/actions/{action.pk}/"


def figures(page):
    """The status figures on a dashboard or review page: {label: number}."""
    found = {}
    for item in page.locator(".app-status-figures li.app-figure").all():
        label = item.locator(".app-figure__label").inner_text().strip()
        found[label] = int(item.locator(".app-figure__number").inner_text().strip())
    return found


def figure(page, label_start):
    """The number of the one status figure whose label starts with `label_start`."""
    matches = [n for label, n in figures(page).items() if label.startswith(label_start)]
    assert len(matches) == 1, f"One figure labelled {label_start!r} expected: {figures(page)}"
    return matches[0]


@pytest.fixture(scope="session")
def vnu_command():
    """The command that runs the Nu Html Checker (vnu.jar from assets/node_modules)."""
    jar = Path(os.environ.get("VNU_JAR") or DEFAULT_VNU_JAR)
    if not jar.is_file():
        unavailable(
            f"No Nu Html Checker at {jar}: run `npm ci --ignore-scripts` in assets/ "
            "(it installs the vnu-jar devDependency) or set VNU_JAR"
        )
    java = shutil.which("java")
    if java is None:
        unavailable(
            "The Nu Html Checker needs Java, and there is no java on PATH "
            "(apt-get install default-jre-headless)"
        )
    return [java, "-jar", str(jar)]


def vnu_errors(command, pages):
    """Validate many HTML documents in one run of the checker (the JVM is slow to start).

    `pages` maps each page's URL to its HTML; returns the errors, one entry per page and message,
    with the lines where it occurs and an extract of the first.
    """
    with tempfile.TemporaryDirectory(prefix="vnu-") as directory:
        names = {}
        for index, (url, html) in enumerate(pages.items()):
            path = Path(directory) / f"page-{index:02d}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = url
        result = subprocess.run(
            [*command, "--errors-only", "--format", "json", "--stdout", *sorted(names)],
            cwd=directory,
            capture_output=True,
            text=True,
            timeout=300,
        )
    if result.returncode not in (0, 1) or not result.stdout.strip():
        pytest.fail(f"The Nu Html Checker did not run: {result.stderr or result.stdout}")
    grouped = defaultdict(list)  # (url, message) -> [(line, extract)], in document order
    for message in json.loads(result.stdout)["messages"]:
        if message.get("type") == "info":
            continue
        url = names.get(Path(message.get("url", "")).name, message.get("url", "?"))
        extract = " ".join(message.get("extract", "").split())
        grouped[url, message.get("message", "?")].append((message.get("lastLine", "?"), extract))
    errors = []
    for (url, text), places in grouped.items():
        lines = ", ".join(str(line) for line, _ in places[:12])
        more = f" and {len(places) - 12} more" if len(places) > 12 else ""
        errors.append(f"{url} line {lines}{more}: {text}\n    e.g. {places[0][1]}")
    return errors
