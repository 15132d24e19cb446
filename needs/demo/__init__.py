"""Demo content of the needs assessment: Marten and Eving tell their stories in needs, supports, a survey,
offers and potentials (the seed's two examples). Invented for the demo; idempotent.

Marten: no meeting place since the community centre closed, an empty bank branch on the market square.
Eving: parents look for a self-run assisted-living project for their adult children with disabilities.
"""

import random

from ..models import Need, ServiceArea, Support
from ..services import recount_supports
from ..taxonomy import ensure_service_areas
from .common import _neighbours
from .eving import _eving
from .marten import _marten
from .survey import _survey


def seed(demo):
    rng = random.Random(2020)  # the year of the seed's conference: the same demo every time
    ensure_service_areas()
    areas = {area.slug: area for area in ServiceArea.objects.all()}
    people = _neighbours(demo)
    _marten(demo, areas, people, rng)
    _eving(demo, areas, people, rng)
    _survey(demo, areas, people, rng)
    recount_supports()  # the demo writes supports directly (with their dates); count them once
    demo.log.append(f"Needs assessment: {Need.objects.count()} needs, {Support.objects.count()} supports.")
