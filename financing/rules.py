"""Who may do what in the financing catalogue: the one place that decides.

Everyone reads the catalogue. Platform admins keep the shared catalogue; a municipality's coordinators keep
its own programmes (the shared ones are read-only for them) and, together, the service models.
"""

import rules

from quarters.rules import is_platform_admin, staff_municipality_ids


@rules.predicate
def is_any_coordinator(user):
    return bool(staff_municipality_ids(user, "coordinator"))


@rules.predicate
def is_coordinator_of_programme(user, programme):
    if programme is None or programme.municipality_id is None:
        return False  # the shared catalogue is kept by platform admins
    return programme.municipality_id in staff_municipality_ids(user, "coordinator")


can_keep_catalogue = is_any_coordinator | is_platform_admin

rules.add_perm("financing.add_programme", can_keep_catalogue)
rules.add_perm("financing.change_programme", is_coordinator_of_programme | is_platform_admin)
rules.add_perm("financing.delete_programme", is_coordinator_of_programme | is_platform_admin)
rules.add_perm("financing.import_programmes", can_keep_catalogue)
rules.add_perm("financing.export_programmes", can_keep_catalogue)
rules.add_perm("financing.add_servicemodel", can_keep_catalogue)
rules.add_perm("financing.change_servicemodel", can_keep_catalogue)
