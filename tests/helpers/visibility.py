"""Visibility grids: a `<model>s_visible_to(user)` query against the model's view permission, object by object.

For each role of the role matrix's world (tests/role_matrix.py), the query must return exactly the objects of
the model for which `user.has_perm("<app>.view_<model>", obj)` holds. The visitor is the anonymous user.
"""

from django.contrib.auth.models import AnonymousUser

from accounts.models import User


def person(world, role: str):
    """The role's user, read afresh: permission checks cache roles on the user object."""
    user = world.users[role]
    return AnonymousUser() if user is None else User.objects.get(pk=user.pk)


def assert_query_matches_permission(visible_to, model, perm: str, user):
    everything = list(model.objects.all())
    assert everything, f"no {model.__name__} in the world"
    allowed = {obj.pk for obj in everything if user.has_perm(perm, obj)}
    returned = set(visible_to(user).values_list("pk", flat=True))
    names = {obj.pk: str(obj) for obj in everything}
    assert returned == allowed, (
        f"{visible_to.__name__}({user}) against {perm}: "
        f"returned without the permission {sorted(names[pk] for pk in returned - allowed)}, "
        f"permitted but not returned {sorted(names[pk] for pk in allowed - returned)}"
    )
