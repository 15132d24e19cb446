"""Fixtures of the initiative tests: an initiative with a lead in the conftest's quarter, and its team."""

import pytest

from initiatives.models import Membership
from tests.conftest import verified_user
from tests.initiatives.factories import InitiativeFactory, MembershipFactory


@pytest.fixture
def lead(db):
    return verified_user(email="lead@example.org", display_name="Lena Lead")


@pytest.fixture
def core_member(db):
    return verified_user(email="core@example.org", display_name="Carl Core")


@pytest.fixture
def supporter(db):
    return verified_user(email="supporter@example.org", display_name="Sina Supporter")


@pytest.fixture
def initiative(quarter, lead, core_member, supporter):
    """A published initiative in Marten (Dortmund) with a lead, one core member and one supporter."""
    initiative = InitiativeFactory(name="Nachbarschaftscafé", slug="nachbarschaftscafe", quarter=quarter, lead=lead)
    MembershipFactory(initiative=initiative, user=core_member, role=Membership.Role.CORE)
    MembershipFactory(initiative=initiative, user=supporter, role=Membership.Role.SUPPORTER)
    return initiative


@pytest.fixture
def draft(quarter, lead):
    return InitiativeFactory(
        name="Entwurf", slug="entwurf", quarter=quarter, lead=lead, status="draft", wizard_step=2, motives=[]
    )


@pytest.fixture
def in_english(settings):
    """Messages and pages in English (the message ids)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def english_client_for(client_for, settings):
    """client_for whose browser asks for English pages."""

    def sign_in(user):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return sign_in
