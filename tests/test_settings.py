import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(**env):
    """Load the settings in a fresh interpreter, as a server process would."""
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment |= {"DJANGO_SETTINGS_MODULE": "safeguarding.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = start(DEBUG="false")
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment" in result.stderr


def test_it_refuses_a_short_or_development_secret_key():
    assert start(DEBUG="false", SECRET_KEY="short").returncode != 0
    assert start(DEBUG="false", SECRET_KEY="development-only-not-secret").returncode != 0


def test_it_starts_with_a_real_secret_key():
    result = start(DEBUG="false", SECRET_KEY="x" * 20 + "a-real-random-value-here")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_development_starts_with_no_configuration():
    result = start()
    assert result.returncode == 0, result.stderr


def test_partnership_name_comes_from_the_environment(settings, committee_client):
    settings.PARTNERSHIP_NAME = "Example Safeguarding Children Partnership"
    page = committee_client.get("/").content.decode()
    assert "Example Safeguarding Children Partnership" in page
