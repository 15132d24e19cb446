"""Two-factor authentication: staff must set up TOTP first (quarters.middleware), and then sign in with it."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.accounts.helpers import PASSWORD, sign_in, text, totp_code
from tests.conftest import TOTP_SECRET, verified_user
from tests.factories import StaffRoleFactory

pytestmark = pytest.mark.django_db

ACTIVATE = reverse("mfa_activate_totp")


@pytest.fixture
def staff_without_totp(municipality):
    """One person per staff kind, none with an authenticator yet."""

    def make(kind):
        if kind == "superuser":
            return verified_user(email="new-admin@example.org", is_staff=True, is_superuser=True)
        user = verified_user(email=f"new-{kind}@example.org")
        StaffRoleFactory(user=user, municipality=municipality, role=kind)
        return user

    return make


def staff_area(municipality):
    return reverse("quarters:staff_area", args=[municipality.slug])


def open_activation(client):
    """The activation page; allauth first asks for the password again (MFA_REAUTHENTICATION_REQUIRED)."""
    response = client.get(ACTIVATE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE
    return client.get(ACTIVATE)


def secret_on(page) -> str:
    match = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', text(page))
    assert match, "the activation page shows the secret"
    return match.group(1)


@pytest.mark.parametrize("kind", ["coordinator", "advisor", "superuser"])
def test_staff_without_totp_are_sent_to_the_activation_first(client, staff_without_totp, municipality, kind):
    user = staff_without_totp(kind)
    assert sign_in(client, user.email).status_code == 302

    for url in (staff_area(municipality), reverse("admin:index"), reverse("home")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == ACTIVATE, url


@pytest.mark.parametrize("kind", ["coordinator", "advisor", "superuser"])
def test_after_activating_totp_staff_reach_their_pages(client, staff_without_totp, municipality, kind):
    user = staff_without_totp(kind)
    sign_in(client, user.email)

    page = open_activation(client)
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()  # the QR code
    secret = secret_on(page)

    response = client.post(ACTIVATE, {"code": totp_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get(staff_area(municipality)).status_code == 200
    if kind == "superuser":
        assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_activation_code_is_refused_in_german(client, staff_without_totp):
    user = staff_without_totp("coordinator")
    sign_in(client, user.email)
    open_activation(client)

    response = client.post(ACTIVATE, {"code": "000000"})

    assert response.status_code == 200
    assert "Falscher Code." in text(response)
    assert not Authenticator.objects.filter(user=user).exists()


def test_residents_without_totp_are_never_sent_to_the_activation(client, resident, municipality):
    sign_in(client, resident.email)

    for url in (reverse("home"), reverse("accounts:profile"), reverse("notifications:list")):
        assert client.get(url).status_code == 200, url
    assert client.get(staff_area(municipality)).status_code == 403
    response = client.get(reverse("admin:index"))
    assert response.get("Location", "") != ACTIVATE


def test_staff_with_totp_sign_in_with_a_code(client, coordinator, municipality):
    response = sign_in(client, coordinator.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(reverse("mfa_authenticate"))
    assert "Zwei-Faktor-Authentifizierung" in text(page)
    # Not signed in yet: the password alone is not enough.
    assert client.get(staff_area(municipality)).status_code == 302
    assert "_auth_user_id" not in client.session

    # Back to the second step (the login page leads there while it is pending); a wrong code is refused, the
    # right one signs in.
    assert client.get(reverse("account_login"), follow=True).redirect_chain[-1][0] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert "Falscher Code." in text(response)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get(staff_area(municipality)).status_code == 200
