"""Walks every URL of the project for every role (see tests/role_matrix.py)."""

import importlib
import pkgutil
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

import tests
from tests.role_matrix import ROLES, Case


def _matrix_modules():
    modules = [importlib.import_module("tests.matrix")]
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                modules.append(importlib.import_module(f"tests.{info.name}.matrix"))
            except ModuleNotFoundError as error:
                if error.name != f"tests.{info.name}.matrix":
                    raise
    return modules


MODULES = _matrix_modules()
CASES: list[Case] = [case for module in MODULES for case in getattr(module, "CASES", [])]

# URL names that belong to third parties (allauth, admin) are covered by a few explicit cases only.
THIRD_PARTY_PREFIXES = ("admin:", "account_", "mfa_", "socialaccount_", "headless", "usersessions_")


def _our_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _our_url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


@pytest.fixture
def world(
    municipality,
    other_municipality,
    quarter,
    other_quarter,
    resident,
    advisor,
    coordinator,
    other_advisor,
    other_coordinator,
    admin_user,
):
    from tests.conftest import verified_user
    from tests.initiatives.factories import InitiativeFactory

    other_lead = verified_user(email="other-lead@example.org", display_name="Ole Other-Lead")
    # The other lead's own initiative, in the same quarter: leading one initiative opens no other one.
    InitiativeFactory(name="Andere Initiative", slug="andere-initiative", quarter=quarter, lead=other_lead)
    users = {
        "visitor": None,
        "resident": resident,
        "member": verified_user(email="member@example.org", display_name="Mia Member"),
        "other_lead": other_lead,
        "advisor": advisor,
        "coordinator": coordinator,
        "other_advisor": other_advisor,
        "other_coordinator": other_coordinator,
        "admin": admin_user,
    }
    world = SimpleNamespace(
        municipality=municipality,
        other_municipality=other_municipality,
        quarter=quarter,
        other_quarter=other_quarter,
        users=users,
    )
    for module in MODULES:
        if hasattr(module, "build"):
            module.build(world)
    return world


def test_every_url_of_ours_has_a_case():
    covered = {case.name for case in CASES}
    ours = {name for name in _our_url_names() if not name.startswith(THIRD_PARTY_PREFIXES)}
    missing = sorted(ours - covered)
    assert not missing, f"URLs without a role-matrix case: {missing}"


@pytest.mark.parametrize("case", CASES, ids=[f"{case.method}-{case.name}" for case in CASES])
def test_role_matrix(case, world, client_for):
    assert set(case.expected) == set(ROLES)
    mismatches = []
    for role in ROLES:
        client = client_for(world.users[role])
        url = case.url(world)
        response = getattr(client, case.method)(url, data=case.data(world), headers=case.headers)
        if response.status_code != case.expected[role]:
            mismatches.append(f"{role}: expected {case.expected[role]}, got {response.status_code}")
    assert not mismatches, f"{case.method.upper()} {case.name}:\n" + "\n".join(mismatches)
