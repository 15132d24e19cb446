"""Demo initiatives: the "Multifunktionaler Raum" in Marten (carried by the city's quarter coordinator) and the
Eving parents' initiative for inclusive assisted living (an e.V. founding an eG), each told as data in its
module and written by `common.seed_initiative`. The people, amounts and dates are invented for the demo.

Runs after needs and financing (INSTALLED_APPS order), so the quarters' needs and the legal forms exist when
those apps seeded them; without them the initiatives are created all the same, just without those links.
"""

from .common import directory_actor, seed_plan  # noqa: F401 (advisory's demo refers cases to the directory's actors)
from .eving import EVING, loan_terms_for_eving, organisations_for_eving, seed_eving
from .marten import MARTEN, seed_marten


def seed_plans(demo):
    """Financing plans of both demo initiatives: Marten with a grant that pays after spending (bridging finance
    needed), Eving with Aktion Mensch and the Fernsehlotterie, which do not combine."""
    for story in (MARTEN, EVING):
        seed_plan(demo, story)
    loan_terms_for_eving(demo)
    organisations_for_eving(demo)


def seed(demo):
    seed_marten(demo)
    seed_eving(demo)
    seed_plans(demo)
