"""Security headers on ordinary responses, and Django's deployment checks with production settings."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

BASE_DIR = Path(django_settings.BASE_DIR)


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


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


def test_csp_allows_the_inline_qr_code(client_for, resident):
    """The TOTP activation shows its QR code as a data: image."""
    response = client_for(resident).get(reverse("home"))
    assert "data:" in csp_directives(response)["img-src"]


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
