"""Fixtures of the financing app, on top of the shared ones in tests/conftest.py."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """Sentences and messages are compared as English message ids (pages too: the default language)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def english_client_for(client_for):
    """client_for(user) for a user who reads the platform in English."""

    def sign_in(user):
        if user is not None:
            user.preferred_language = "en"
            user.save(update_fields=["preferred_language"])
        return client_for(user)

    return sign_in
