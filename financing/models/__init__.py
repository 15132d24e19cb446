"""The financing catalogue: legal forms, instrument types, programmes, service models and combination rules.

Catalogue texts (facts about legal forms, guides, programme descriptions) are German content with their
sources, like demo data; labels, choices and messages are translatable message ids.
"""

from .base import Sourced, validate_profitability, validate_stages
from .combinations import CombinationRule
from .legal_forms import InstrumentType, LegalForm
from .programmes import Condition, Programme, ProgrammeQuerySet
from .service_models import ServiceModel, ServiceModelFinancing, ServiceModelLegalForm

__all__ = [
    "CombinationRule",
    "Condition",
    "InstrumentType",
    "LegalForm",
    "Programme",
    "ProgrammeQuerySet",
    "ServiceModel",
    "ServiceModelFinancing",
    "ServiceModelLegalForm",
    "Sourced",
    "validate_profitability",
    "validate_stages",
]
