"""Signing in: allauth's login with its "login_failed" rate limit, which also guards the admin login."""

import time

import pytest
from django.urls import reverse

from tests.accounts.helpers import PASSWORD, sign_in, text

pytestmark = pytest.mark.django_db

WRONG_CREDENTIALS = "Die E-Mail-Adresse und/oder das Passwort sind leider falsch."


def test_login_with_the_right_password_signs_in(client, resident):
    response = sign_in(client, resident.email)

    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_wrong_password_is_a_german_form_error(client, resident):
    response = sign_in(client, resident.email, "not the password")

    assert response.status_code == 200
    page = text(response)
    assert WRONG_CREDENTIALS in page
    assert '<div class="alert alert-danger" role="alert">' in page  # the form's own error, above the fields
    assert 'value="resident@example.org"' in page


def test_the_sixth_failed_login_within_five_minutes_answers_429(client, resident, settings):
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"
    for attempt in range(1, 6):
        response = sign_in(client, resident.email, f"wrong {attempt}")
        assert response.status_code == 200, f"attempt {attempt}"
        assert WRONG_CREDENTIALS in text(response)

    response = sign_in(client, resident.email, "wrong 6")
    assert response.status_code == 429
    assert "<h1>" in response.content.decode()  # our 429 page, in the site's layout
    # Locked for this account, even with the right password, ...
    assert sign_in(client, resident.email, PASSWORD).status_code == 429
    # ... but not for another account.
    assert sign_in(client, "someone-else@example.org", "whatever").status_code == 200


def test_the_lock_ends_after_five_minutes(client, resident, monkeypatch):
    for attempt in range(5):
        sign_in(client, resident.email, f"wrong {attempt}")
    assert sign_in(client, resident.email, "wrong again").status_code == 429

    later = time.time() + 5 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)

    assert sign_in(client, resident.email, PASSWORD).status_code == 302


def test_the_admin_login_goes_through_allauth(client, admin_user):
    """Django's own admin login form is never used: it sends visitors to allauth's login and its limits."""
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")

    # Credentials posted to the admin login are not even looked at.
    response = client.forge_post(reverse("admin:login"), {"username": admin_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_the_sixth_failed_admin_login_answers_429(client, admin_user):
    admin_login = client.get(reverse("admin:login"))["Location"]  # /accounts/login/?next=/admin/login/
    for attempt in range(1, 6):
        response = client.post(admin_login, {"login": admin_user.email, "password": f"wrong {attempt}"})
        assert response.status_code == 200, f"attempt {attempt}"
        assert WRONG_CREDENTIALS in text(response)

    response = client.post(admin_login, {"login": admin_user.email, "password": "wrong 6"})
    assert response.status_code == 429


def test_failures_on_the_site_and_the_admin_login_count_together(client, resident):
    admin_login = client.get(reverse("admin:login"))["Location"]
    for attempt in range(3):
        assert sign_in(client, resident.email, f"wrong {attempt}").status_code == 200
    for attempt in range(2):
        assert client.post(admin_login, {"login": resident.email, "password": f"x{attempt}"}).status_code == 200

    assert client.post(admin_login, {"login": resident.email, "password": "wrong 6"}).status_code == 429
