"""Choices shared by the models, the forms and the pure matcher (financing/matching/).

They live apart from models.py so the matcher can use them without importing any model.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    EU = "eu", _("EU")
    FEDERAL = "federal", _("Federal")
    STATE = "state", _("Federal state")
    MUNICIPAL = "municipal", _("Municipal")
    FOUNDATION = "foundation", _("Foundation")
    PLATFORM = "platform", _("Platform")


class Stage(models.TextChoices):
    IDEA = "idea", _("Idea")
    CONCEPT = "concept", _("Concept")
    FOUNDING = "founding", _("Founding")
    BUILDING_UP = "building_up", _("Building up")
    OPERATING = "operating", _("Operating")
    PAUSED = "paused", _("Paused")


class Profitability(models.TextChoices):
    PROFITABLE = "profitable", _("Profitable")
    WEAKLY = "weakly", _("Weakly profitable")
    NOT_PROFITABLE = "not_profitable", _("Not profitable")


class State(models.TextChoices):
    """The German federal states (Länder), keyed by their ISO 3166-2 code."""

    BW = "DE-BW", "Baden-Württemberg"
    BY = "DE-BY", "Bayern"
    BE = "DE-BE", "Berlin"
    BB = "DE-BB", "Brandenburg"
    HB = "DE-HB", "Bremen"
    HH = "DE-HH", "Hamburg"
    HE = "DE-HE", "Hessen"
    MV = "DE-MV", "Mecklenburg-Vorpommern"
    NI = "DE-NI", "Niedersachsen"
    NW = "DE-NW", "Nordrhein-Westfalen"
    RP = "DE-RP", "Rheinland-Pfalz"
    SL = "DE-SL", "Saarland"
    SN = "DE-SN", "Sachsen"
    ST = "DE-ST", "Sachsen-Anhalt"
    SH = "DE-SH", "Schleswig-Holstein"
    TH = "DE-TH", "Thüringen"


def state_code(name_or_code: str | None) -> str | None:
    """The ISO code of a state given as code or German name (Municipality.state holds the name)."""
    if not name_or_code:
        return None
    value = name_or_code.strip()
    if value in State.values:
        return value
    for code, label in State.choices:
        if label.lower() == value.lower():
            return code
    return None


class RuleKind(models.TextChoices):
    EXCLUDES = "excludes", _("cannot pay for the same costs as")
    REQUIRES = "requires", _("needs alongside")
    SUBSIDIARY = "subsidiary", _("pays only what is not covered by")


# The legal-form value of a profile whose initiative has no legal form yet (an informal group).
NO_LEGAL_FORM = "keine"


# Instrument types whose money a funder accepts as the applicant's own funds (Eigenmittel) for a programme's
# own share: money the organisation has or raises itself and need not repay. Loans (repayable), own work
# (valued differently by each funder) and sponsoring (a service in return) are left out: where a programme
# accepts them, its own terms say so.
OWN_FUNDS_INSTRUMENTS = frozenset(
    {"erloese", "spenden", "mitgliedsbeitraege", "genossenschaftsanteile", "crowdfunding"}
)


# The federal funding database (Förderdatenbank des Bundes, BMWK): programmes of the federation, every state
# and the EU. The check links it where its own catalogue has nothing regional.
FEDERAL_FUNDING_DATABASE_URL = "https://www.foerderdatenbank.de/"


# The answer keys of the check's programme-specific questions: "area:<programme>", "condition:<programme>"
# (a programme's own further condition) and "defines:<condition>" (a defining condition, financing.Condition).
QUESTION_PREFIXES = frozenset({"area", "condition", "defines"})
