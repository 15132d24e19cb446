"""Fixtures for the advisory tests: an initiative with a lead, core member and supporter, and its case."""

import pytest

from advisory import services
from tests.advisory.factories import InitiativeFactory, MembershipFactory
from tests.conftest import verified_user

SECRET = "STRENG-VERTRAULICH-Familie-Krüger-Schulden"


@pytest.fixture
def initiative(municipality, quarter):
    return InitiativeFactory(
        name="Elterninitiative Eving", slug="elterninitiative-eving", municipality=municipality, quarters=[quarter]
    )


@pytest.fixture
def lead(initiative):
    user = verified_user(email="lead@example.org", display_name="Lena Lead")
    MembershipFactory(initiative=initiative, user=user, role="lead")
    return user


@pytest.fixture
def core(initiative):
    user = verified_user(email="core@example.org", display_name="Carl Core")
    MembershipFactory(initiative=initiative, user=user, role="core")
    return user


@pytest.fixture
def supporter(initiative):
    user = verified_user(email="supporter@example.org", display_name="Susi Supporter")
    MembershipFactory(initiative=initiative, user=user, role="supporter")
    return user


@pytest.fixture
def case(municipality, quarter, initiative, advisor, coordinator):
    return services.case_open(
        municipality=municipality, quarter=quarter, initiative=initiative, by=coordinator, advisor=advisor
    )


@pytest.fixture
def consultation(case, advisor, lead):
    import datetime

    from django.utils import timezone

    return services.consultation_log(
        case=case,
        held_on=timezone.localdate() - datetime.timedelta(days=3),
        duration_minutes=90,
        format="on_site",
        topics=["legal_form", "financing"],
        summary="Gründung einer eG besprochen.",
        outcomes="Satzungsentwurf folgt.",
        next_steps="Satzung prüfen lassen.",
        participants=[lead],
        participants_text="Lena Lead (Vorstand), Adam Advisor",
        confidential_note=SECRET,
        by=advisor,
    )
