"""Guessing passwords and codes is cut short.

- Passwords: the sixth failed login for one account within five minutes answers 429, on the site's login and
  on the admin's (which goes through the same allauth login): tests/accounts/test_login.py tests both, and
  that failures on either count together; the test below only keeps that reference from going stale.
- E-mail verification codes: three wrong tries abandon the code (tests/accounts/test_signup.py).
- Login codes: three wrong tries abandon the login (tested here, with login by code switched on).
- TOTP codes: allauth counts wrong codes per account with the "login_failed" limit (5 per 5 minutes): the sixth
  try is refused even with the right code. A used code cannot be used again within its period.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.accounts.helpers import PASSWORD, code_from_mail, last_mail_to, sign_in, text, totp_code
from tests.conftest import TOTP_SECRET

pytestmark = pytest.mark.django_db

TOO_MANY = re.compile("Zu viele|Too many", re.IGNORECASE)


def test_the_password_and_verification_code_limits_are_tested_in_the_accounts_tests():
    from tests.accounts import test_login, test_signup

    for module, name in [
        (test_login, "test_the_sixth_failed_login_within_five_minutes_answers_429"),
        (test_login, "test_the_sixth_failed_admin_login_answers_429"),
        (test_login, "test_failures_on_the_site_and_the_admin_login_count_together"),
        (test_signup, "test_three_wrong_codes_invalidate_the_code"),
    ]:
        assert callable(getattr(module, name, None)), f"{module.__name__}.{name} is gone"
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"
    assert settings.ACCOUNT_EMAIL_VERIFICATION_BY_CODE_MAX_ATTEMPTS == 3
    assert settings.ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS == 3


def test_login_by_code_is_off(client, resident):
    """The platform signs in with password (and TOTP for staff) only; the code page leads back to the login."""
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("account_request_login_code")
    response = client.forge_post(reverse("account_confirm_login_code"), {"code": "ABCDEF"})  # no page offers it
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.urls("tests.security.login_code_urls")
def test_three_wrong_login_codes_abandon_the_login(client, resident, settings):
    settings.ACCOUNT_LOGIN_BY_CODE_ENABLED = True
    response = client.post(reverse("account_request_login_code"), {"email": resident.email})
    assert response.status_code == 302
    code = code_from_mail(last_mail_to(resident.email))
    confirm = reverse("account_confirm_login_code")

    for _attempt in range(2):
        confirm_page = client.post(confirm, {"code": "AAAAAA"})
        assert confirm_page.status_code == 200
    response = client.post(confirm, {"code": "AAAAAA"}, follow=True)
    # Back to asking for a new code, with the reason.
    assert response.redirect_chain[0] == (reverse("account_request_login_code"), 302)
    assert TOO_MANY.search(text(response))
    assert "_auth_user_id" not in client.session
    # The right code, typed into the page still open before, no longer helps: the login has been abandoned.
    response = client.post(confirm, {"code": code}, page=confirm_page)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.urls("tests.security.login_code_urls")
def test_a_right_login_code_signs_in(client, resident, settings):
    """The counterpart of the test above: the flow itself works, so the refusal there is the limit's."""
    settings.ACCOUNT_LOGIN_BY_CODE_ENABLED = True
    client.post(reverse("account_request_login_code"), {"email": resident.email})
    code = code_from_mail(last_mail_to(resident.email))
    client.post(reverse("account_confirm_login_code"), {"code": "AAAAAA"})
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_the_sixth_totp_try_is_refused_even_with_the_right_code(client, coordinator):
    assert sign_in(client, coordinator.email).status_code == 302
    authenticate = reverse("mfa_authenticate")
    for attempt in range(5):
        response = client.post(authenticate, {"code": f"{attempt:06d}"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    response = client.post(authenticate, {"code": totp_code(TOTP_SECRET)})
    assert response.status_code == 200
    assert TOO_MANY.search(text(response)), text(response)[:2000]
    assert "_auth_user_id" not in client.session


def test_a_totp_code_works_once(client, coordinator):
    code = totp_code(TOTP_SECRET)
    sign_in(client, coordinator.email)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    client.post(reverse("account_logout"))

    sign_in(client, coordinator.email)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200  # refused: the code has been used
    assert "_auth_user_id" not in client.session


def test_no_totp_bypass_code_is_configured():
    assert not getattr(settings, "MFA_TOTP_INSECURE_BYPASS_CODE", None)


def test_the_password_alone_never_signs_staff_in(client, coordinator, advisor, admin_user):
    for user in (coordinator, advisor, admin_user):
        client.logout()
        response = sign_in(client, user.email, PASSWORD)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
        assert "_auth_user_id" not in client.session
