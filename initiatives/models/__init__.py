"""The initiative registry's data: initiatives, their team, help offers and pledges, the business concept,
their network of actors and other initiatives, review decisions, municipal takeovers and the financing plan."""

from .concept import Concept, ConceptLineItem, ConceptVersion, Milestone
from .entities import Entity
from .initiatives import (
    COMMENT_MAX_LENGTH,
    MONEY,
    NAME_MAX_LENGTH,
    SHORT_DESCRIPTION_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Initiative,
    Motive,
    Photo,
    logo_path,
    photo_path,
    validate_motives,
    validate_target_groups,
)
from .network import Actor, InitiativeActor, InitiativeLink
from .participation import HelpOffer, Pledge
from .plan import MAX_TRANCHES, FinancingLine, FinancingPlan, validate_check_answers
from .review import ReviewDecision
from .takeover import MunicipalTakeover
from .team import Invitation, Membership

__all__ = [
    "COMMENT_MAX_LENGTH",
    "MAX_TRANCHES",
    "MONEY",
    "NAME_MAX_LENGTH",
    "SHORT_DESCRIPTION_MAX_LENGTH",
    "TEXT_MAX_LENGTH",
    "Actor",
    "Concept",
    "ConceptLineItem",
    "ConceptVersion",
    "Entity",
    "FinancingLine",
    "FinancingPlan",
    "HelpOffer",
    "Initiative",
    "InitiativeActor",
    "InitiativeLink",
    "Invitation",
    "Membership",
    "Milestone",
    "Motive",
    "MunicipalTakeover",
    "Photo",
    "Pledge",
    "ReviewDecision",
    "logo_path",
    "photo_path",
    "validate_check_answers",
    "validate_motives",
    "validate_target_groups",
]
