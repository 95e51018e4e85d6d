import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


REAL_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN"
SETTINGS = ["DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "PARTNERSHIP_NAME"]


def start(*, show="", **env):
    """Load the settings in a fresh interpreter, as a server process would, and print some."""
    environment = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    environment |= {"DJANGO_SETTINGS_MODULE": "safeguarding.settings", **env}
    code = (
        "import django; django.setup(); from django.conf import settings; "
        f"print(repr(({show or 1},)))"  # the values shown, as a tuple
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = start(DEBUG="false")
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment" in result.stderr


def test_it_refuses_a_short_repetitive_or_development_secret_key():
    for key in ["short", "a" * 60, "development-only-not-secret"]:
        result = start(DEBUG="false", SECRET_KEY=key)
        assert result.returncode != 0, key
        assert "SECRET_KEY must be a random value" in result.stderr


def test_it_starts_with_a_real_secret_key():
    result = start(DEBUG="false", SECRET_KEY=REAL_KEY, show="settings.DEBUG")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(False,)"


def test_with_no_configuration_it_is_production_and_refuses_to_start():
    """A server started without DEBUG must not show tracebacks: DEBUG is off unless asked for,
    and then a SECRET_KEY is needed."""
    result = start()
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment: DEBUG is off" in result.stderr
    assert "set DEBUG=true instead" in result.stderr


def test_development_starts_with_debug_alone():
    result = start(DEBUG="true", show="settings.DEBUG, settings.LANGUAGE_CODE, settings.TIME_ZONE")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(True, 'en-gb', 'Europe/London')"


def test_production_defaults_fail_closed():
    result = start(
        SECRET_KEY=REAL_KEY,
        show="settings.DEBUG, settings.SECURE_HSTS_PRELOAD, settings.SESSION_COOKIE_SECURE, "
        "settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(False, False, True, True, True)"


def test_settings_come_from_the_environment(tmp_path):
    result = start(
        DEBUG="false",
        SECRET_KEY=REAL_KEY,
        ALLOWED_HOSTS="actions.example.org, localhost",
        DATABASE_URL=f"sqlite:///{tmp_path / 'other.sqlite3'}",
        PARTNERSHIP_NAME="Example Safeguarding Children Partnership",
        show="settings.ALLOWED_HOSTS, settings.DATABASES['default']['NAME'], "
        "settings.PARTNERSHIP_NAME",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == repr(
        (
            ["actions.example.org", "localhost"],
            str(tmp_path / "other.sqlite3"),
            "Example Safeguarding Children Partnership",
        )
    )


def test_the_partnership_name_is_in_the_header(settings, committee_client):
    settings.PARTNERSHIP_NAME = "Example Safeguarding Children Partnership"
    page = committee_client.get("/").content.decode()
    assert "Example Safeguarding Children Partnership" in page
