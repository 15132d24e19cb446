"""Security headers and cookies: on ordinary responses with the development settings, with production settings
overridden in the test, and with the real production settings (DEBUG=0), plus Django's deployment checks.

Production settings are decided at import time (settings.py reads DEBUG once), so the last group starts a
subprocess with DEBUG=0 and asks Django's test client there; the subprocess prints what it saw as JSON.
"""

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

BASE_DIR = Path(django_settings.BASE_DIR)

# Development settings, and production settings overridden in the test


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["home", "account_login", "account_signup"])
def test_security_headers_on_a_normal_page(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    directives = csp_directives(response)
    script_src = directives.get("script-src", directives["default-src"])
    assert "'self'" in script_src
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_csp_allows_the_inline_qr_code(client_for, resident):
    """The TOTP activation shows its QR code as a data: image."""
    response = client_for(resident).get(reverse("home"))
    assert "data:" in csp_directives(response)["img-src"]


@pytest.mark.django_db
def test_security_headers_with_production_settings(client, settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    assert client.get(reverse("home")).status_code == 301  # plain HTTP goes to HTTPS

    response = client.get(reverse("home"), headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


# Django's deployment checks and the real production settings, in subprocesses


def test_deploy_checks_pass_with_production_settings():
    secret_key = "".join(secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(50))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "KUDEQUA_TESTING", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DEBUG="0", SECRET_KEY=secret_key, ALLOWED_HOSTS="x.example.org", DJANGO_SETTINGS_MODULE="kudequa.settings"
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


PROBE = r"""
import json, django
django.setup()
from django.conf import settings
from django.test import Client

client = Client(HTTP_HOST="kudequa.example.org")
seen = {"settings": {name: getattr(settings, name, None) for name in (
    "DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_SSL_REDIRECT",
    "X_FRAME_OPTIONS", "SECURE_CONTENT_TYPE_NOSNIFF")}}
plain = client.get("/seite/impressum/")
seen["plain"] = {"status": plain.status_code, "location": plain.get("Location", "")}
https = {"HTTP_X_FORWARDED_PROTO": "https"}
page = client.get("/accounts/login/", **https)
seen["page"] = {"status": page.status_code, "headers": dict(page.headers)}
seen["cookies"] = {
    name: {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]), "samesite": morsel["samesite"]}
    for name, morsel in page.cookies.items()
}
switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, **https)
seen["cookies"].update({
    name: {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"]), "samesite": morsel["samesite"]}
    for name, morsel in switched.cookies.items()
})
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "KUDEQUA_TESTING", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="production-probe-" + "x" * 50,
        ALLOWED_HOSTS="kudequa.example.org",
        DJANGO_SETTINGS_MODULE="kudequa.settings",
        # Nothing here needs a database; an empty SQLite file keeps the probe away from any real one.
        DATABASE_URL=f"sqlite:///{tmp_path_factory.mktemp('probe') / 'probe.sqlite3'}",
    )
    env.pop("REDIS_URL", None)
    # Production pages need the hashed static files: collect them once, into a folder of this test run.
    env["STATIC_ROOT"] = str(tmp_path_factory.mktemp("static"))
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_settings_are_strict(production):
    values = production["settings"]
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["LANGUAGE_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SECURE_SSL_REDIRECT"] and values["X_FRAME_OPTIONS"] == "DENY"


def test_plain_http_is_sent_to_https(production):
    assert production["plain"]["status"] == 301
    assert production["plain"]["location"] == "https://kudequa.example.org/seite/impressum/"


def test_headers_on_a_production_response(production):
    assert production["page"]["status"] == 200
    headers = {name.lower(): value for name, value in production["page"]["headers"].items()}
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    csp = {part.split()[0]: part.split()[1:] for part in headers["content-security-policy"].split(";") if part.strip()}
    scripts = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in csp.get("style-src", [])


def test_every_cookie_is_secure_in_production(production):
    cookies = production["cookies"]
    assert "csrftoken" in cookies and django_settings.LANGUAGE_COOKIE_NAME in cookies
    for name, flags in cookies.items():
        assert flags["secure"], f"cookie {name} lacks the Secure flag"
    assert cookies["csrftoken"]["httponly"]
