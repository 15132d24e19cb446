"""Sign-up through allauth's real views: verification by code, enumeration protection, password rules."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.accounts.helpers import STRONG_PASSWORD, code_from_mail, german, last_mail_to, text

pytestmark = pytest.mark.django_db

SIGNUP = reverse("account_signup")
VERIFY = reverse("account_email_verification_sent")


def signup_data(**overrides):
    data = {
        "email": "nina@example.org",
        "display_name": "Nina Neu",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        "privacy_accepted": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_signup_sends_a_german_code_and_the_account_waits_for_it(client):
    response = client.post(SIGNUP, signup_data())

    assert response.status_code == 302
    assert response["Location"] == VERIFY
    user = User.objects.get(email="nina@example.org")
    assert user.display_name == "Nina Neu"
    assert user.preferred_language == "de"
    assert not EmailAddress.objects.get(user=user).verified

    message = last_mail_to("nina@example.org")
    assert message.subject.startswith("[KuDeQua] ")
    assert "Bitte bestätige deine E-Mail-Adresse" in message.subject
    assert "Hallo von KuDeQua!" in message.body
    assert "E-Mail-Verifizierungscode" in message.body
    code = code_from_mail(message)

    # Until the code is entered the person is not signed in.
    page = client.get(VERIFY)
    assert page.status_code == 200
    assert german("Enter Email Verification Code") in text(page)
    assert client.get(reverse("accounts:profile")).status_code == 302

    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("accounts:profile")).status_code == 200  # signed in on confirmation


def test_signup_with_a_taken_address_looks_like_success_and_warns_the_owner(client, resident):
    """allauth prevents enumeration: same redirect, same page; the owner gets an "account exists" mail."""
    users_before = User.objects.count()
    password_before = resident.password

    response = client.post(SIGNUP, signup_data(email="resident@example.org"))

    assert response.status_code == 302
    assert response["Location"] == VERIFY
    assert User.objects.count() == users_before
    resident.refresh_from_db()
    assert resident.password == password_before
    message = last_mail_to("resident@example.org")
    assert "Konto existiert bereits" in message.subject
    assert reverse("account_reset_password") in message.body
    page = text(client.get(VERIFY))
    assert german("Confirmation email sent to %(email)s.") % {"email": "resident@example.org"} in page
    assert german("Enter Email Verification Code") in page

    # A fresh address gets exactly the same answer.
    client.logout()
    mail.outbox.clear()
    response = client.post(SIGNUP, signup_data(email="fresh@example.org"))
    assert response["Location"] == VERIFY
    assert german("Confirmation email sent to %(email)s.") % {"email": "fresh@example.org"} in text(client.get(VERIFY))


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Kurz-1a", "Dieses Passwort ist zu kurz. Es muss mindestens 10 Zeichen enthalten."),
        ("qwertyuiop", "Dieses Passwort ist zu üblich."),
        ("8405729164", "Dieses Passwort ist komplett numerisch."),
    ],
    ids=["too-short", "too-common", "numeric"],
)
def test_weak_passwords_are_refused_in_german_and_the_typed_data_stays(client, password, message):
    response = client.post(SIGNUP, signup_data(password1=password, password2=password))

    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert 'value="nina@example.org"' in page
    assert 'value="Nina Neu"' in page
    assert password not in page  # passwords are never sent back
    assert 'id="id_password1_error" class="invalid-feedback"' in page
    assert not User.objects.filter(email="nina@example.org").exists()
    assert mail.outbox == []


def test_signup_without_privacy_consent_is_refused(client):
    response = client.post(SIGNUP, signup_data(privacy_accepted=None))

    assert response.status_code == 200
    assert german("Please confirm that you have read the privacy notice.") in text(response)
    assert 'id="id_privacy_accepted_error"' in text(response)
    assert not User.objects.filter(email="nina@example.org").exists()


def test_wrong_verification_code_is_refused_in_german(client):
    client.post(SIGNUP, signup_data())

    response = client.post(VERIFY, {"code": "AAAA-BBBB"})

    assert response.status_code == 200
    assert "Falscher Code." in text(response)
    assert not EmailAddress.objects.get(email="nina@example.org").verified


def test_three_wrong_codes_invalidate_the_code(client, settings):
    assert settings.ACCOUNT_EMAIL_VERIFICATION_BY_CODE_MAX_ATTEMPTS == 3
    client.post(SIGNUP, signup_data())
    code = code_from_mail(last_mail_to("nina@example.org"))

    for _attempt in range(2):
        verify_page = client.post(VERIFY, {"code": "AAAA-BBBB"})
        assert verify_page.status_code == 200
    response = client.post(VERIFY, {"code": "AAAA-BBBB"}, follow=True)

    assert response.redirect_chain[0] == (reverse("account_login"), 302)
    assert "Zu viele gescheiterte Anmeldeversuche. Bitte versuche es später erneut." in text(response)
    # The right code, typed into the page still open before, no longer helps: the verification has been abandoned.
    response = client.post(VERIFY, {"code": code}, page=verify_page)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert not EmailAddress.objects.get(email="nina@example.org").verified
