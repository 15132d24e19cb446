from django.db import transaction

from .models import Municipality, RoleChange, StaffRole


@transaction.atomic
def staff_role_grant(*, user, municipality: Municipality, role: str, by) -> StaffRole:
    staff_role, created = StaffRole.objects.get_or_create(user=user, municipality=municipality, role=role)
    if created:
        RoleChange.objects.create(
            actor=by, subject=user, municipality=municipality, role=role, action=RoleChange.Action.GRANTED
        )
    return staff_role


@transaction.atomic
def staff_role_revoke(*, staff_role: StaffRole, by) -> None:
    RoleChange.objects.create(
        actor=by,
        subject=staff_role.user,
        municipality=staff_role.municipality,
        role=staff_role.role,
        action=RoleChange.Action.REVOKED,
    )
    staff_role.delete()
