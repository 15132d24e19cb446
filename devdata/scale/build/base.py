"""The builder's common ground: the random generators, the clock and the writer every part of the data set
uses, the towns and quarters the parts fill in, and the shares of statuses.
"""

import datetime
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection

from advisory.models import Phase, Topic
from financing.catalogue_cache import catalogue_changed
from financing.choices import Level, Profitability, Stage
from financing.models import InstrumentType, LegalForm
from initiatives.models import Initiative, Motive
from needs.caching import public_needs_changed
from needs.models import AffectedGroup, Need, ServiceArea
from quarters.services import overview_changed

from ..presets import Preset
from ..writer import BulkWriter

DAYS = 730  # needs and supports spread over the last two years
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPKUDEQUASCALE2026"  # noqa: S105 - scale data only, like the demo's
# The choices the data draws from, in the models' order (the order decides what a seed gives).
AFFECTED_GROUPS = [group for group in AffectedGroup.values if group != AffectedGroup.EVERYONE]
MOTIVES = Motive.values
STAGES = Stage.values
PROFITABILITY = Profitability.values
LEVELS = Level.values
STATE_CODES = ["DE-NW", "DE-NI", "DE-HE", "DE-BY", "DE-BW", "DE-SN", "DE-TH", "DE-RP", "DE-SH", "DE-BB"]  # a sample
PHASES = [phase for phase in Phase.values if phase != Phase.CLOSED]
TOPICS = Topic.values
# Statuses of needs and initiatives with their shares.
NEED_STATUSES = [
    (Need.Status.PUBLISHED.value, 0.86),
    (Need.Status.SUBMITTED.value, 0.07),
    (Need.Status.REJECTED.value, 0.04),
    (Need.Status.MERGED.value, 0.03),
]
INITIATIVE_STATUSES = [
    (Initiative.Status.PUBLISHED.value, 0.65),
    (Initiative.Status.SUBMITTED.value, 0.08),
    (Initiative.Status.DRAFT.value, 0.12),
    (Initiative.Status.CHANGES_REQUESTED.value, 0.05),
    (Initiative.Status.REJECTED.value, 0.04),
    (Initiative.Status.ARCHIVED.value, 0.06),
]


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    point = rng.random()
    total = 0.0
    for value, share in weighted:
        total += share
        if point < total:
            return value
    return weighted[-1][0]


def _spread(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split total into integer parts proportional to weights (largest remainders), each at least minimum."""
    weight_sum = sum(weights)
    budget = max(0, total - minimum * len(weights))
    raw = [budget * weight / weight_sum for weight in weights]
    parts = [math.floor(value) for value in raw]
    rest = budget - sum(parts)
    for index in sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)[:rest]:
        parts[index] += 1
    return [part + minimum for part in parts]


@dataclass
class Place:
    id: int
    name: str
    slug: str
    municipality: "Town | None" = None
    needs: list[int] = field(default_factory=list)  # ids of published needs
    area_needs: dict = field(default_factory=dict)  # service area id -> published need ids


@dataclass
class Town:
    id: int
    name: str
    slug: str
    quarters: list[Place] = field(default_factory=list)
    users: range = range(0)  # ids of its residents
    coordinator: int = 0
    advisors: list[int] = field(default_factory=list)
    need_count: int = 0
    support_count: int = 0
    resident_count: int = 0
    ranked_needs: list[int] = field(default_factory=list)  # published needs, the most supported first
    actors: list[int] = field(default_factory=list)


class BuilderBase:
    """State and helpers the parts share; `Builder` (builder.py) adds the parts and runs them in order."""

    def __init__(self, preset: Preset, *, seed: int, today: datetime.date, log: Callable[[str], None] = print):
        self.preset = preset
        self.seed = seed
        self.today = today
        self.log = log
        self.now = datetime.datetime.combine(today, datetime.time(9), tzinfo=datetime.UTC)
        self.writer = BulkWriter(self.now)
        self.timings: dict[str, float] = {}
        self.start = self.now - datetime.timedelta(days=DAYS)
        # One timestamp per hour of the last two years, formatted once: rows pick an index.
        self.hours = [self.writer.timestamp(self.start + datetime.timedelta(hours=h)) for h in range(DAYS * 24)]
        self.towns: list[Town] = []
        self.quarters: list[Place] = []

    def rng(self, name: str) -> random.Random:
        return random.Random(f"{self.seed}:{name}")

    def hour(self, index: int) -> str:
        return self.hours[min(max(index, 0), len(self.hours) - 1)]

    def day(self, days_ago: int) -> str:
        return (self.today - datetime.timedelta(days=days_ago)).isoformat()

    def step(self, name: str, function):
        began = time.monotonic()
        function()
        self.timings[name] = round(time.monotonic() - began, 2)
        self.log(f"  {name}: {self.timings[name]:.1f} s")

    def _analyze(self):
        # VACUUM also fills the visibility map, without which counts cannot use index-only scans; it cannot
        # run inside a transaction (the tests build their data sets in one), so there ANALYZE alone.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            for model in self.writer.touched:
                cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")

    @staticmethod
    def _forget_cached_figures():
        """The loader writes around the services, so it tells the caches they are out of date itself."""
        catalogue_changed()
        public_needs_changed()
        overview_changed()

    def _load_reference(self):
        self.areas = list(ServiceArea.objects.order_by("position", "slug").values_list("id", "slug", "name_de"))
        if not self.areas:
            raise RuntimeError("No service areas: run the migrations first.")
        self.area_ids = [area[0] for area in self.areas]
        self.area_by_slug = {slug: area_id for area_id, slug, _name in self.areas}
        self.legal_forms = list(LegalForm.objects.filter(is_founding_option=True).values_list("id", flat=True))
        self.instruments = list(InstrumentType.objects.values_list("id", flat=True))

    def _insert_links(self, through, left: str, right: str, pairs: list[tuple[int, int]]):
        first = self.writer.next_id(through)
        self.writer.insert(through, ["id", left, right], ((first + n, a, b) for n, (a, b) in enumerate(pairs)))

    def _zipf_weights(self, count: int) -> list[float]:
        exponent = self.preset.zipf_exponent
        return [1 / (rank**exponent) for rank in range(1, count + 1)]

    def _zipf_top(self, supports: int, count: int) -> int:
        harmonic = sum(self._zipf_weights(count))
        return math.ceil(supports / harmonic)
