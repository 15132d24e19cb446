"""Writes of the initiative registry, one module per part; others import them from here.

Every function is keyword-only and atomic; a refusal is a ValidationError with a message for the person,
raised before anything changes. Permission checks live in rules.py and the views; the services check what
depends on the state (a draft cannot be published, an invitation works once)."""

from ..plan.services import (
    financing_fact_answer,
    financing_line_add,
    financing_line_delete,
    financing_line_update,
    financing_plan_update,
)
from ..service_base import initiative_index_search
from .concept import (
    concept_snapshot,
    concept_update,
    line_item_add,
    line_item_delete,
    milestone_add,
    milestone_delete,
    milestone_toggle,
    part_label,
    record_version,
    version_diff,
)
from .network import actor_link_add, actor_link_remove, link_add, link_remove
from .participation import help_offer_create, help_offer_decide, pledge_create, pledge_withdraw
from .photos import initiative_logo_set, photo_add, photo_delete
from .registration import initiative_create, initiative_update, unique_slug
from .review import (
    initiative_decide,
    initiative_publish,
    initiative_submit,
)
from .takeover import takeover_end, takeover_start
from .team import (
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_problem,
    invitation_revoke,
    membership_change_role,
    membership_remove,
)
from .transfer import concept_copy, initiative_start_from_model, model_prefill

__all__ = [
    "actor_link_add",
    "actor_link_remove",
    "concept_copy",
    "concept_snapshot",
    "concept_update",
    "coordinators_of",
    "financing_fact_answer",
    "financing_line_add",
    "financing_line_delete",
    "financing_line_update",
    "financing_plan_update",
    "help_offer_create",
    "help_offer_decide",
    "initiative_create",
    "initiative_decide",
    "initiative_index_search",
    "initiative_logo_set",
    "initiative_publish",
    "initiative_start_from_model",
    "initiative_submit",
    "initiative_update",
    "invitation_accept",
    "invitation_create",
    "invitation_for_token",
    "invitation_problem",
    "invitation_revoke",
    "line_item_add",
    "line_item_delete",
    "link_add",
    "link_remove",
    "lock_initiative",
    "membership_change_role",
    "membership_remove",
    "milestone_add",
    "milestone_delete",
    "milestone_toggle",
    "model_prefill",
    "notify_people",
    "part_label",
    "photo_add",
    "photo_delete",
    "pledge_create",
    "pledge_withdraw",
    "record_version",
    "refuse_if_closed",
    "takeover_end",
    "takeover_start",
    "team_users",
    "unique_slug",
    "version_diff",
]
