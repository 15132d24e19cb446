"""The role matrix: every URL of the project, requested as every role, with the status we expect.

Each app lists its URLs in `tests/<app>/matrix.py` as `CASES` (and may add objects to the shared
world with `build(world)`). `tests/test_role_matrix.py` runs them all and fails when a URL of ours
has no case, so the matrix grows with every app.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace

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
