"""Permission predicates for municipalities, quarters and staff roles: the one place that decides.

Other apps build on `is_staff_of`, `is_coordinator_of` and `is_advisor_of`, passing the municipality
their object belongs to.
"""

import rules

from .models import Municipality, Quarter, StaffRole


def municipality_of(obj):
    if isinstance(obj, Municipality):
        return obj
    if isinstance(obj, Quarter):
        return obj.municipality
    return getattr(obj, "municipality", None)


def _roles(user):
    """The user's staff roles as {(municipality_id, role)}, read once per request-bound user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_kudequa_staff_roles", None)
    if cached is None:
        cached = frozenset(StaffRole.objects.filter(user=user).values_list("municipality_id", "role"))
        user._kudequa_staff_roles = cached
    return cached


def staff_municipality_ids(user, role=None):
    return {municipality_id for municipality_id, r in _roles(user) if role is None or r == role}


def has_role_in(user, municipality, role=None):
    if municipality is None:
        return False
    return municipality.pk in staff_municipality_ids(user, role)


@rules.predicate
def is_platform_admin(user):
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_any_staff(user):
    return bool(_roles(user))


@rules.predicate
def is_coordinator_of(user, obj):
    return has_role_in(user, municipality_of(obj), StaffRole.Role.COORDINATOR)


@rules.predicate
def is_advisor_of(user, obj):
    return has_role_in(user, municipality_of(obj), StaffRole.Role.ADVISOR)


@rules.predicate
def is_staff_of(user, obj):
    return has_role_in(user, municipality_of(obj))


rules.add_perm("quarters.view_staff_area", is_staff_of | is_platform_admin)
rules.add_perm("quarters.change_quarter_data", is_coordinator_of | is_platform_admin)
rules.add_perm("quarters.view_staff_roles", is_coordinator_of | is_platform_admin)


def must_use_mfa(user):
    """Coordinators, advisors and admins must sign in with a second factor."""
    return user.is_authenticated and (user.is_superuser or user.is_staff or is_any_staff(user))
