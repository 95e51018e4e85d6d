"""Sign-in lockout, idle sessions, security headers and Django's deployment check."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from reviews import services

from .factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
REAL_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN"
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's
LOCKED_OUT = "Too many failed attempts to sign in."
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def variables():
    """The names of every variable in .env.example, set or commented out."""
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def run(code, *, argv=None, **env):
    """Run code in a fresh interpreter with these settings only, as a server process would."""
    names = variables()
    environment = {
        k: v for k, v in os.environ.items() if k not in names and not k.startswith("DJANGO_")
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "safeguarding.settings", **env}
    result = subprocess.run(
        [sys.executable, *(argv or ["-c", "import django; django.setup(); " + code])],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def production(code, tmp_path, **env):
    """Run code under production settings (DEBUG off), with a database of its own."""
    settings = {
        "DEBUG": "false",
        "SECRET_KEY": REAL_KEY,
        "ALLOWED_HOSTS": "testserver,actions.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
    }
    return run(code, **(settings | env))


def show(*names):
    """Code printing the named settings, one per line."""
    return "; ".join(
        ["from django.conf import settings"] + [f"print(repr(settings.{name}))" for name in names]
    )


def lines(output):
    return output.strip().splitlines()


# Django's deployment check


def test_check_deploy_finds_no_issues(tmp_path):
    output = production(
        "",
        tmp_path,
        argv=["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        ALLOWED_HOSTS="example.org",
    )
    # HSTS preloading is off until the operator asks for it (SECURE_HSTS_PRELOAD), and its
    # warning with it; asked for, nothing is silenced.
    assert output.strip() == "System check identified no issues (1 silenced)."
    output = production(
        "",
        tmp_path,
        argv=["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        ALLOWED_HOSTS="example.org",
        SECURE_HSTS_PRELOAD="true",
    )
    assert output.strip() == "System check identified no issues (0 silenced)."


def test_production_turns_on_https_only(tmp_path):
    output = production(
        show(
            "SECURE_HSTS_SECONDS",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS",
            "SECURE_SSL_REDIRECT",
            "SECURE_PROXY_SSL_HEADER",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "SESSION_COOKIE_HTTPONLY",
            "SECURE_REDIRECT_EXEMPT",
        ),
        tmp_path,
    )
    assert lines(output) == [
        "31536000",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO', 'https')",
        "True",
        "True",
        "True",
        "['^healthz$']",
    ]


def test_production_redirects_plain_http_and_sends_hsts(tmp_path):
    code = (
        "from django.test import Client; client = Client(); "
        "plain = client.get('/accounts/login/'); "
        "print(plain.status_code, plain['Location']); "
        "proxied = client.get('/accounts/login/', headers={'X-Forwarded-Proto': 'https'}); "
        "print(proxied.status_code, proxied['Strict-Transport-Security']); "
        "print(proxied.cookies['csrftoken']['secure'])"
    )
    assert lines(production(code, tmp_path)) == [
        "301 https://testserver/accounts/login/",
        "200 max-age=31536000; includeSubDomains",
        "True",
    ]


def test_production_settings_come_from_the_environment(tmp_path):
    output = production(
        show(
            "SECURE_HSTS_SECONDS",
            "SECURE_SSL_REDIRECT",
            "SESSION_COOKIE_SECURE",
            "CSRF_COOKIE_SECURE",
            "STORAGES['staticfiles']['BACKEND']",
            "EMAIL_BACKEND",
            "SITE_URL",
            "SECURE_PROXY_SSL_HEADER",
        ),
        tmp_path,
        SECURE_HSTS_SECONDS="600",
        SECURE_SSL_REDIRECT="false",
        BEHIND_PROXY="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STATICFILES_MANIFEST="true",
        SITE_URL="https://actions.example.org/",
    )
    assert lines(output) == [
        "600",
        "False",
        "False",
        "False",
        "'whitenoise.storage.CompressedManifestStaticFilesStorage'",
        "'django.core.mail.backends.smtp.EmailBackend'",
        "'https://actions.example.org'",
        "None",
    ]


def test_development_sends_email_to_the_console_and_keeps_cookies_on_http():
    output = run(
        show("EMAIL_BACKEND", "SESSION_COOKIE_SECURE", "SITE_URL", "SECURE_SSL_REDIRECT"),
        DEBUG="true",
    )
    assert lines(output) == [
        "'django.core.mail.backends.console.EmailBackend'",
        "False",
        "'http://127.0.0.1:8000'",
        "False",
    ]


def test_every_setting_read_from_the_environment_is_in_env_example():
    settings = (ROOT / "safeguarding" / "settings.py").read_text()
    read = set(
        re.findall(r"""(?:environ\.get|env_bool|env_int|env_list)\(\s*"([A-Z0-9_]+)""", settings)
    )
    assert read - variables() == set()
    assert {"DATABASE_URL", "DEMO_PASSWORD"} <= variables()


def test_every_variable_is_in_the_deployment_guide():
    guide = (ROOT / "docs" / "deployment.md").read_text()
    assert {name for name in variables() if f"`{name}`" not in guide} == set()


# Sessions and passwords


def test_idle_session_length_comes_from_the_environment():
    code = show(
        "SESSION_COOKIE_AGE",
        "SESSION_REFRESH_SECONDS",
        "SESSION_SAVE_EVERY_REQUEST",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    )
    assert lines(run(code, DEBUG="true")) == ["1800", "60", "False", "True"]
    limits = run(code, DEBUG="true", SESSION_IDLE_MINUTES="10")
    assert lines(limits) == ["600", "60", "False", "True"]


def test_a_session_is_pushed_on_at_most_once_a_minute(committee_client, settings):
    """The idle sign-out is exact to the minute without a write on every page: a request pushes
    the expiry on only when it was last pushed on a minute ago or more."""
    settings.SESSION_REFRESH_SECONDS = 60
    soon = timezone.now() + datetime.timedelta(minutes=10)

    def expiry_after_a_request():
        Session.objects.update(expire_date=soon)
        assert committee_client.get("/").status_code == 200
        return Session.objects.get().expire_date

    # Signed in just now: within the minute, a page does not write the session.
    assert expiry_after_a_request() == soon
    session = committee_client.session
    session["refreshed_at"] -= 61  # pushed on 61 seconds ago
    session.save()
    pushed = expiry_after_a_request()
    assert pushed > timezone.now() + datetime.timedelta(minutes=29)
    # And then not again within the minute.
    assert expiry_after_a_request() == soon


@pytest.mark.django_db
def test_an_anonymous_request_makes_no_session(client):
    client.get("/accounts/login/")
    assert not Session.objects.exists()


def test_lockout_limits_come_from_the_environment():
    code = show("AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME", "AXES_LOCKOUT_PARAMETERS")
    assert lines(run(code, DEBUG="true")) == [
        "5",
        "datetime.timedelta(seconds=900)",
        "[['username', 'ip_address']]",
    ]
    limits = run(code, DEBUG="true", AXES_FAILURE_LIMIT="3", AXES_COOLOFF_MINUTES="0")
    assert lines(limits)[:2] == ["3", "None"]


def test_an_idle_session_ends(committee_client):
    assert committee_client.get("/").status_code == 200
    session = Session.objects.get()
    # Each request pushes the expiry on by the idle time.
    assert session.expire_date > timezone.now() + datetime.timedelta(minutes=29)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = committee_client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_session_cookie_lasts_until_the_browser_closes(client, committee_member, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    committee_member.set_password(PASSWORD)
    committee_member.save()
    response = sign_in(client, committee_member.username, PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["max-age"] == "" and cookie["expires"] == ""


def test_passwords_need_twelve_characters(db):
    with pytest.raises(ValidationError, match="at least 12 characters"):
        password_validation.validate_password("Tr0ub4dor&3")
    password_validation.validate_password("harbour-lantern-sixty")


# Sign-in lockout


def sign_in(client, username, password, path="/accounts/login/"):
    return client.post(path, {"username": username, "password": password, "next": "/"})


@pytest.fixture
def councillor(db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    return UserFactory(username="councillor", group=services.COMMITTEE_MEMBERS)


@override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=datetime.timedelta(minutes=15))
def test_repeated_failures_lock_the_sign_in_even_with_the_right_password(client, councillor):
    for _ in range(2):
        response = sign_in(client, "councillor", "wrong-password-here")
        assert response.status_code == 200
        assert LOCKED_OUT not in response.content.decode()
    response = sign_in(client, "councillor", "wrong-password-here")
    assert response.status_code == 429
    page = " ".join(response.content.decode().split())
    assert "<title>Error: Sign in" in page
    assert (
        "Too many failed attempts to sign in. Wait 15 minutes and try again, or ask the "
        "partnership’s business unit to unlock your account." in page
    )
    assert 'value="councillor"' in page

    response = sign_in(client, "councillor", PASSWORD)
    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302

    # Another person at the same address is not locked out.
    UserFactory(username="manager", group=services.SAFEGUARDING_MANAGERS)
    assert sign_in(client, "manager", PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=datetime.timedelta(minutes=15))
def test_the_lock_lifts_after_the_cool_off(client, councillor):
    for _ in range(3):
        sign_in(client, "councillor", "wrong-password-here")
    assert sign_in(client, "councillor", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=16))
    response = sign_in(client, "councillor", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/"


@override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=None)
def test_without_a_cool_off_the_lock_lasts_until_lifted(client, councillor):
    for _ in range(3):
        response = sign_in(client, "councillor", "wrong-password-here")
    assert response.status_code == 429
    assert "Ask the partnership’s business unit to unlock your account." in (
        response.content.decode()
    )
    AccessAttempt.objects.all().delete()  # what "axes_reset_username councillor" does
    assert sign_in(client, "councillor", PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_successful_sign_in_clears_the_failures(client, councillor):
    for _ in range(2):
        sign_in(client, "councillor", "wrong-password-here")
    assert sign_in(client, "councillor", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(2):
        assert sign_in(client, "councillor", "wrong-password-here").status_code == 200


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_admin_sign_in_is_locked_out_too(client, db, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    UserFactory(username="lscp-manager", group=services.SAFEGUARDING_MANAGERS, is_staff=True)
    for _ in range(3):
        response = sign_in(client, "lscp-manager", "wrong-password-here", "/admin/login/")
    assert response.status_code == 429
    assert LOCKED_OUT in response.content.decode()
    # The lock covers both ways in.
    assert sign_in(client, "lscp-manager", PASSWORD, "/admin/login/").status_code == 429
    assert sign_in(client, "lscp-manager", PASSWORD).status_code == 429
    assert client.get("/admin/").status_code == 302


# Response headers


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/healthz", "/no-such-page/"])
def test_every_response_carries_the_security_headers(committee_client, path):
    response = committee_client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Permissions-Policy"] == (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
    )
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_content_security_policy_allows_this_site_only(committee_client):
    response = committee_client.get("/")
    assert response.status_code == 200
    assert directives(response) == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }


def test_exports_are_kept_out_of_search_engines(committee_client):
    response = committee_client.get("/actions/?_export=csv")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_pages_have_no_inline_script_or_style():
    """The policy would block them: scripts and styles belong in static/."""
    found = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(template.read_text().splitlines(), start=1):
            if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", line):
                found.append(f"{template.relative_to(ROOT)}:{number}")
    assert found == []
