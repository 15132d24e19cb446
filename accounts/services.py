from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import timezone

from . import gdpr
from .models import User


def user_language_set(*, user: User, language: str) -> None:
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def user_profile_update(*, user: User, display_name: str, preferred_language: str) -> User:
    user.display_name = display_name
    user.preferred_language = preferred_language
    user.full_clean()
    user.save(update_fields=["display_name", "preferred_language"])
    return user


def user_data_export(*, user: User) -> dict:
    """Everything the platform holds about the user, as one JSON-serialisable document."""
    data = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": list(EmailAddress.objects.filter(user=user).values("email", "verified", "primary")),
            "two_factor_methods": list(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        }
    }
    for section, export in sorted(gdpr.exporters.items()):
        data[section] = export(user)
    return data


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account: personal data goes, contributions stay with an anonymous author."""
    for erase in gdpr.erasers.values():
        erase(user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.email = f"geloescht-{user.pk}@invalid.kudequa"
    user.display_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.anonymised_at = timezone.now()
    # A new password hash also ends every other session of the account (Django checks the hash).
    user.set_unusable_password()
    user.save()
