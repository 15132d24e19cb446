"""Every allauth page in the site's layout: our base template, one h1, a title, labelled fields, no inline
script or style (CSP), Bootstrap form markup, German by default and English on request."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.accounts.helpers import PASSWORD, Page, german, last_mail_to, sign_in, text, totp_code

pytestmark = pytest.mark.django_db


def assert_our_page(response, h1: str, language: str = "de"):
    """`h1` is the heading's message id; the page must show it in `language`, translated where German."""
    assert response.status_code == 200
    html = response.content.decode()
    page = Page(html)
    assert 'href="#main"' in html, "extends base.html (skip link)"
    assert reverse("privacy") in html, "extends base.html (footer)"
    assert page.h1_count == 1, f"{page.h1_count} h1 elements"
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.DOTALL).group(1)
    expected = german(h1) if language == "de" else h1
    if language == "de":
        assert expected != h1, f"{h1!r} has no German translation"
    assert expected in re.sub(r"\s+", " ", heading)
    assert page.clean_title.endswith("– KuDeQua")
    assert len(page.clean_title) > len("– KuDeQua"), "the page names itself in the title"
    assert page.unlabelled_fields() == []
    assert page.inline_scripts == 0
    assert page.style_attributes == 0
    return page


@pytest.fixture
def reauthenticated(client, resident):
    """The resident, signed in through the real login and freshly re-authenticated (as MFA set-up needs)."""
    sign_in(client, resident.email)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


@pytest.fixture
def with_totp(reauthenticated):
    """The resident after activating an authenticator app (which also creates recovery codes)."""
    page = reauthenticated.get(reverse("mfa_activate_totp"))
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', text(page)).group(1)
    response = reauthenticated.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    return reauthenticated


@pytest.mark.parametrize(
    ("url_name", "h1"),
    [
        ("account_login", "Sign In"),
        ("account_signup", "Sign Up"),
        ("account_reset_password", "Password Reset"),
        ("account_reset_password_done", "Password Reset"),
    ],
)
def test_entrance_pages(client, url_name, h1):
    assert_our_page(client.get(reverse(url_name)), h1)


@pytest.mark.parametrize(
    ("url_name", "h1"),
    [
        ("account_email", "Email Address"),
        ("account_change_password", "Change Password"),
        ("account_logout", "Sign Out"),
        ("mfa_index", "Two-Factor Authentication"),
        ("mfa_activate_totp", "Activate Authenticator App"),
    ],
)
def test_account_pages(reauthenticated, url_name, h1):
    response = reauthenticated.get(reverse(url_name))
    assert_our_page(response, h1)
    assert 'class="nav nav-pills' in text(response)  # the account navigation of the manage layout


def test_reauthentication_page(client, resident):
    sign_in(client, resident.email)
    assert_our_page(client.get(reverse("account_reauthenticate")), "Confirm Access")


@pytest.mark.parametrize(
    ("url_name", "h1"),
    [
        ("mfa_index", "Two-Factor Authentication"),
        ("mfa_view_recovery_codes", "Recovery Codes"),
        ("mfa_generate_recovery_codes", "Recovery Codes"),
        ("mfa_deactivate_totp", "Deactivate Authenticator App"),
    ],
)
def test_two_factor_pages(with_totp, url_name, h1):
    assert_our_page(with_totp.get(reverse(url_name)), h1)


def test_totp_activation_shows_the_qr_code_and_the_secret(reauthenticated):
    response = reauthenticated.get(reverse("mfa_activate_totp"))
    page = assert_our_page(response, "Activate Authenticator App")

    (qr,) = [image for image in page.images if image["src"].startswith("data:image/svg+xml;base64,")]
    assert qr["alt"], "the QR code has a text alternative"
    secret = [field for field in page.fields if field.get("id") == "authenticator_secret"]
    assert secret and re.fullmatch(r"[A-Z2-7]{32}", secret[0]["value"])
    assert "readonly" in secret[0]  # selectable for copying, unlike a disabled field
    assert 'aria-describedby="authenticator_secret_helptext"' in text(response)


def test_mfa_authenticate_page(client, coordinator):
    sign_in(client, coordinator.email)
    assert_our_page(client.get(reverse("mfa_authenticate")), "Two-Factor Authentication")


def test_email_verification_code_page(client):
    password = "Quartiersgarten-Marten-2026"
    client.post(
        reverse("account_signup"),
        {"email": "nina@example.org", "password1": password, "password2": password, "privacy_accepted": "on"},
    )
    assert_our_page(client.get(reverse("account_email_verification_sent")), "Enter Email Verification Code")


def test_password_reset_from_the_mailed_key(client, resident):
    client.post(reverse("account_reset_password"), {"email": resident.email})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", last_mail_to(resident.email).body)
    response = client.get(link.group(1), follow=True)
    assert_our_page(response, "Change Password")

    new_password = "Stadtteilcafe-Eving-2026"
    response = client.post(response.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    assert_our_page(client.get(response["Location"]), "Change Password")
    resident.refresh_from_db()
    assert resident.check_password(new_password)


def test_the_429_page(client, resident):
    for attempt in range(6):
        response = sign_in(client, resident.email, f"wrong {attempt}")
    assert response.status_code == 429
    page = Page(response.content.decode())
    assert page.h1_count == 1
    assert page.clean_title.endswith("– KuDeQua")


def test_signup_form_markup(client):
    response = client.post(reverse("account_signup"), {"email": "not-an-address", "password1": "x", "password2": "y"})
    html = text(response)

    # Labels, required marks (hidden from screen readers: the input says "required") and their explanation.
    label = '<label class="form-label" for="id_email">E-Mail-Adresse</label>'
    assert label + '<span class="asteriskField" aria-hidden="true">*</span>' in html
    assert german("Fields marked with * are required.") in html
    # Errors: the input is marked invalid and points at its message.
    email_input = re.search(r"<input [^>]*id=\"id_email\"[^>]*>", html).group(0)
    assert "is-invalid" in email_input
    assert 'aria-invalid="true"' in email_input
    assert 'aria-describedby="id_email_error"' in email_input
    assert '<div id="id_email_error" class="invalid-feedback">' in html
    # Help text is tied to its input too.
    display_name = re.search(r"<input [^>]*id=\"id_display_name\"[^>]*>", html).group(0)
    assert 'aria-describedby="id_display_name_helptext"' in display_name
    # The consent checkbox is a Bootstrap form-check whose label links to the privacy notice.
    consent = re.search(r'<div class="form-check mb-3">\s*(<input [^>]*id="id_privacy_accepted".*?)</label>', html)
    consent = consent.group(1)
    assert "form-check-input is-invalid" in consent
    assert f'<a href="{reverse("privacy")}" target="_blank" rel="noopener">' in consent
    # The consent comes last, right before the button.
    order = [html.index(f'id="id_{name}"') for name in ("email", "display_name", "password1", "privacy_accepted")]
    assert order == sorted(order)


def test_form_errors_appear_as_danger_alert(client, resident):
    html = text(sign_in(client, resident.email, "wrong"))
    alert = '<div class="alert alert-danger" role="alert"> <ul class="list-unstyled mb-0"> <li>{}</li>'
    assert alert.format("Die E-Mail-Adresse und/oder das Passwort sind leider falsch.") in html


@pytest.mark.parametrize(
    ("url_name", "h1"),
    [("account_login", "Sign In"), ("account_signup", "Sign Up"), ("account_reset_password", "Password Reset")],
)
def test_pages_in_english(client, url_name, h1):
    client.post(reverse("set_language"), {"language": "en", "next": "/"}, page="/")

    response = client.get(reverse(url_name))

    assert '<html lang="en"' in response.content.decode()
    assert_our_page(response, h1, language="en")


def test_signup_in_english_sends_english_mail_and_stores_the_language(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"}, page="/")
    password = "Quartiersgarten-Marten-2026"
    response = client.post(
        reverse("account_signup"),
        {"email": "emma@example.org", "password1": password, "password2": password, "privacy_accepted": "on"},
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == "[KuDeQua] Please Confirm Your Email Address"
    assert "Hello from KuDeQua!" in message.body
    assert User.objects.get(email="emma@example.org").preferred_language == "en"
