"""Reads of the initiative registry, one module per part; others import them from here.

`initiatives_visible_to(user)` is the list counterpart of the rule "initiatives.view_initiative"."""

from .concept import ConceptTotals, concept_of, concept_totals, concept_versions, line_items_in_order
from .network import actor_links, linked_initiatives
from .participation import (
    Activation,
    PledgeTotals,
    activation,
    help_offers,
    pledge_ledger,
    pledge_totals,
    viability_check,
    viability_plan,
)
from .profile import answered_needs_with_support, initiative_for_detail, need_choices
from .review import latest_review_decision, review_decisions, review_queue, staff_overview
from .takeover import active_takeover, takeovers_of
from .team import open_invitations, team_members
from .visibility import (
    DirectoryFilter,
    directory,
    initiatives_of_member,
    initiatives_visible_to,
    map_points,
    public_initiatives,
    search,
)

__all__ = [
    "Activation",
    "ConceptTotals",
    "DirectoryFilter",
    "PledgeTotals",
    "activation",
    "active_takeover",
    "actor_links",
    "answered_needs_with_support",
    "concept_of",
    "concept_totals",
    "concept_versions",
    "directory",
    "help_offers",
    "initiative_for_detail",
    "initiatives_of_member",
    "initiatives_visible_to",
    "latest_review_decision",
    "line_items_in_order",
    "linked_initiatives",
    "map_points",
    "need_choices",
    "open_invitations",
    "pledge_ledger",
    "pledge_totals",
    "public_initiatives",
    "review_decisions",
    "review_queue",
    "search",
    "staff_overview",
    "takeovers_of",
    "team_members",
    "viability_check",
    "viability_plan",
]
