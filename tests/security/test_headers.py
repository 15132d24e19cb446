"""Security headers and cookies with the production settings (DEBUG=0), checked on real responses.

tests/test_security_headers.py checks the headers of the development settings and HSTS with overridden
settings. Production settings are decided at import time (settings.py reads DEBUG once), so this test starts
a subprocess with DEBUG=0 and asks Django's test client there; the subprocess prints what it saw as JSON.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

BASE_DIR = Path(django_settings.BASE_DIR)

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
