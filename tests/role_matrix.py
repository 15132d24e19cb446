"""The role matrix: every URL of the project, requested as every role, with the status we expect.

Each app lists its URLs in `tests/<app>/matrix.py` as `CASES` (and may add objects to the shared
world with `build(world)`); `tests/<app>/test_role_matrix.py` runs that app's cases, and
`tests/test_role_matrix.py` the project's own pages and fails when a URL of ours has no case, so the
matrix grows with every app.

Every module builds the whole world once (the `matrix_world` fixture in tests/conftest.py), and every
role's request is rolled back (`check_case`), so each role of each case sees the world as built: no
case and no role depends on the order in which they run.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType, SimpleNamespace

from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

import tests
from tests.conftest import verified_user
from tests.initiatives.factories import InitiativeFactory

ROLES = (
    "visitor",
    "resident",
    "member",  # member of an initiative of the first municipality
    "other_lead",  # lead of another initiative in the same quarter
    "advisor",
    "coordinator",
    "other_advisor",  # advisor of another municipality
    "other_coordinator",  # coordinator of another municipality
    "admin",
)

OK, FOUND, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 403, 404, 405


def expect(default: int, **per_role: int) -> dict[str, int]:
    unknown = set(per_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {role: per_role.get(role, default) for role in ROLES}


PUBLIC = expect(OK)
SIGNED_IN = expect(OK, visitor=FOUND)
STAFF_OF_MUNICIPALITY = expect(FORBIDDEN, visitor=FOUND, advisor=OK, coordinator=OK, admin=OK)
COORDINATOR_OF_MUNICIPALITY = expect(FORBIDDEN, visitor=FOUND, coordinator=OK, admin=OK)
ADMIN_ONLY = expect(FORBIDDEN, visitor=FOUND, admin=OK)


@dataclass
class Case:
    """One URL: `url` builds it from the world; `expected` maps each role to a status code."""

    name: str  # the URL name, e.g. "quarters:detail"
    url: Callable[[SimpleNamespace], str]
    expected: dict[str, int]
    method: str = "get"
    data: Callable[[SimpleNamespace], dict] = field(default=lambda world: {})
    headers: dict = field(default_factory=dict)


def matrix_modules() -> list[ModuleType]:
    """tests/matrix.py and every tests/<app>/matrix.py."""
    modules = [importlib.import_module("tests.matrix")]
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                modules.append(importlib.import_module(f"tests.{info.name}.matrix"))
            except ModuleNotFoundError as error:
                if error.name != f"tests.{info.name}.matrix":
                    raise
    return modules


def all_cases() -> list[Case]:
    return [case for module in matrix_modules() for case in getattr(module, "CASES", [])]


def case_ids(cases: list[Case]) -> list[str]:
    return [f"{case.method}-{case.name}" for case in cases]


# URL names that belong to third parties (allauth, admin) are covered by a few explicit cases only.
THIRD_PARTY_PREFIXES = ("admin:", "account_", "mfa_", "socialaccount_", "headless", "usersessions_")


def our_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from our_url_names(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def build_world(
    *,
    municipality,
    other_municipality,
    quarter,
    other_quarter,
    resident,
    advisor,
    coordinator,
    other_advisor,
    other_coordinator,
    admin,
) -> SimpleNamespace:
    """The world every case is requested in: the given people and places, and what each matrix module's
    `build(world)` adds."""
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
        "admin": admin,
    }
    world = SimpleNamespace(
        municipality=municipality,
        other_municipality=other_municipality,
        quarter=quarter,
        other_quarter=other_quarter,
        users=users,
    )
    for module in matrix_modules():
        if hasattr(module, "build"):
            module.build(world)
    return world


def send(client, case: Case, world: SimpleNamespace):
    """The case's request as is. The matrix asks what the server answers each role, buttons or not (a visitor
    posting where they see no button), so a post carries a valid CSRF token without a page's form."""
    headers = dict(case.headers)
    if case.method != "get":
        headers.setdefault("X-CSRFToken", client.token_without_page())
    return getattr(client, case.method)(case.url(world), data=case.data(world), headers=headers)


def status_as(role: str, case: Case, world: SimpleNamespace, client_for) -> int:
    """The status of the case's request as `role`, on the world as built: whatever the request writes (to the
    database or the cache) is undone, so the next role finds what this one found."""
    cache.clear()
    with transaction.atomic():
        client = client_for(world.users[role])
        response = send(client, case, world)
        transaction.set_rollback(True)
    cache.clear()
    return response.status_code


def check_case(case: Case, world: SimpleNamespace, client_for):
    assert set(case.expected) == set(ROLES)
    mismatches = []
    for role in ROLES:
        status = status_as(role, case, world, client_for)
        if status != case.expected[role]:
            mismatches.append(f"{role}: expected {case.expected[role]}, got {status}")
    assert not mismatches, f"{case.method.upper()} {case.name}:\n" + "\n".join(mismatches)
