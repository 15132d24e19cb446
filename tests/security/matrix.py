"""Role-matrix cases the security review added (tests/security/test_role_matrix_coverage.py found them missing).

needs:unblock is POST only and had only its GET case. The block here belongs to the other municipality: its
coordinator and the admin lift it (302; every role's request is rolled back, so each finds the block in place).
That the first municipality's coordinator is refused is the point.
"""

from django.urls import reverse

from tests.factories import UserFactory
from tests.role_matrix import FORBIDDEN, FOUND, Case, expect


def build(world):
    world.security_block = world.other_municipality.posting_blocks.create(user=UserFactory(), reason="Spam")


CASES = [
    Case(
        "needs:unblock",
        lambda w: reverse("needs:unblock", args=[w.security_block.pk]),
        expect(FORBIDDEN, visitor=FOUND, other_coordinator=FOUND, admin=FOUND),
        method="post",
    ),
]
