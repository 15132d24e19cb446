from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common import cache_versions

from .models import Municipality, Quarter, RoleChange, StaffRole
from .queries import OVERVIEW_VERSION_KEY


def overview_changed() -> None:
    """Municipalities or quarters changed: the cached overview (home page) is read afresh.

    Connected to the models' post_save/post_delete (quarters/apps.py), since they are edited in the admin.
    """
    cache_versions.renew(OVERVIEW_VERSION_KEY)


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


@transaction.atomic
def funding_areas_update(*, municipality: Municipality, values: dict[Quarter, bool | None], by) -> int:
    """Whether quarters are Städtebauförderung areas (the financing check answers its funding-area question
    from here). Only the municipality's own quarters; returns how many changed."""
    if any(quarter.municipality_id != municipality.pk for quarter in values):
        raise ValidationError(_("Only the quarters of this municipality can be changed here."))
    changed = [quarter for quarter, value in values.items() if quarter.urban_development_area != value]
    for quarter in changed:
        quarter.urban_development_area = values[quarter]
    Quarter.objects.bulk_update(changed, ["urban_development_area"])
    return len(changed)
