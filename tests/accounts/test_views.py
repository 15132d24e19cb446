"""The account pages of our own: profile, language, data export (Art. 15/20 GDPR) and deletion (Art. 17)."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from accounts.models import User
from notifications.models import Kind, Notification
from notifications.services import notify
from tests.accounts.helpers import PASSWORD, STRONG_PASSWORD, german, last_mail_to, sign_in, text

pytestmark = pytest.mark.django_db


def test_profile_update(client_for, resident):
    client = client_for(resident)

    response = client.post(
        reverse("accounts:profile"), {"display_name": "Rita R.", "preferred_language": "en"}, follow=True
    )

    assert response.redirect_chain == [(reverse("accounts:profile"), 302)]
    resident.refresh_from_db()
    assert resident.display_name == "Rita R."
    assert resident.preferred_language == "en"
    # The message was written while the page was still German.
    assert german("Your profile has been saved.") in text(response)
    assert '<html lang="en"' in response.content.decode()  # the next page is in the chosen language


def test_profile_query_count(client_for, resident, django_assert_num_queries):
    client = client_for(resident)
    # user (the session comes from the cache), the staff roles (MFA middleware; cached on the user for the
    # rules), the unread count (badge) and the municipalities of staff (navigation). Nothing for the form.
    with django_assert_num_queries(4):
        assert client.get(reverse("accounts:profile")).status_code == 200


def test_language_switch_remembers_the_choice_on_the_account(client_for, resident):
    client = client_for(resident)

    response = client.post(
        reverse("set_language"),
        {"language": "en", "next": reverse("accounts:profile")},
        page=reverse("accounts:profile"),
    )

    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.preferred_language == "en"
    page = client.get(reverse("accounts:profile"))
    assert '<html lang="en"' in page.content.decode()
    assert "Sign out" in text(page)


def test_the_preferred_language_applies_without_a_cookie(client_for, resident):
    resident.preferred_language = "en"
    resident.save()
    client = client_for(resident)

    page = client.get(reverse("accounts:profile"))

    assert '<html lang="en"' in page.content.decode()


def test_data_export_contains_the_account_and_the_notifications(client_for, resident):
    notify(recipient=resident, kind=Kind.NEEDS, subject="Ihr Bedarf wurde veröffentlicht", url="/bedarfe/1/")
    client = client_for(resident)
    assert client.get(reverse("accounts:data_export")).status_code == 200

    response = client.post(reverse("accounts:data_export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="kudequa-daten-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "resident@example.org"
    assert data["account"]["display_name"] == "Rita Resident"
    assert data["account"]["email_addresses"] == [{"email": "resident@example.org", "verified": True, "primary": True}]
    assert [n["subject"] for n in data["notifications"]["notifications"]] == ["Ihr Bedarf wurde veröffentlicht"]
    assert "preferences" in data["notifications"]


def test_account_deletion_refuses_a_wrong_password(client_for, resident):
    client = client_for(resident)

    response = client.post(reverse("accounts:delete"), {"password": "not my password", "confirm": "on"})

    assert response.status_code == 200
    assert german("The password is not correct.") in text(response)
    resident.refresh_from_db()
    assert resident.is_active
    assert resident.anonymised_at is None


def test_account_deletion_needs_the_confirmation(client_for, resident):
    response = client_for(resident).post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 200
    resident.refresh_from_db()
    assert resident.is_active


def test_account_deletion_anonymises_and_frees_the_address(client, resident):
    notify(recipient=resident, kind=Kind.NEEDS, subject="Etwas Neues")
    sign_in(client, resident.email)

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert SESSION_KEY not in client.session
    resident.refresh_from_db()
    assert resident.email == f"geloescht-{resident.pk}@invalid.kudequa"
    assert resident.display_name == ""
    assert not resident.is_active
    assert not resident.has_usable_password()
    assert resident.anonymised_at is not None
    assert not EmailAddress.objects.filter(user=resident).exists()
    assert not Notification.objects.filter(recipient=resident).exists()

    # The old credentials no longer sign in.
    response = sign_in(client, "resident@example.org", PASSWORD)
    assert response.status_code == 200
    assert SESSION_KEY not in client.session

    # The address is free for a new account: a real verification code goes out, not "account exists".
    response = client.post(
        reverse("account_signup"),
        {
            "email": "resident@example.org",
            "password1": STRONG_PASSWORD,
            "password2": STRONG_PASSWORD,
            "privacy_accepted": "on",
        },
    )
    assert response.status_code == 302
    new_account = User.objects.get(email="resident@example.org")
    assert new_account.pk != resident.pk
    assert "Konto existiert bereits" not in last_mail_to("resident@example.org").subject
