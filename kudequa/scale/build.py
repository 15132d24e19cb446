"""What the scale data set is: municipalities of very different size, quarters, residents, needs whose
supports follow a Zipf-like law, initiatives with teams and concepts, advisory cases with consultations,
and a financing catalogue with thousands of programmes.

Everything is decided by random generators seeded from one value (one generator per table, so a change
in one table does not shift another), and dates are relative to `today`: the same seed and day give the
same data. Rows are written with BulkWriter (COPY on PostgreSQL).
"""

import datetime
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils.text import slugify

from . import texts
from .presets import Preset
from .writer import BulkWriter

# Bumped whenever the data a seed gives changes: make bench rebuilds a data set of another version.
VERSION = 5  # 5: Need.support_count written with the needs (ranks drawn from their own generator)
DAYS = 730  # needs and supports spread over the last two years
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPKUDEQUASCALE2026"  # noqa: S105 - scale data only, like the demo's
AFFECTED_GROUPS = ["seniors", "families", "children_youth", "disabilities", "migration", "low_income", "living_alone"]
MOTIVES = ["supply_gap", "building", "community"]
STAGES = ["idea", "concept", "founding", "building_up", "operating", "paused"]
PROFITABILITY = ["profitable", "weakly", "not_profitable"]
LEVELS = ["eu", "federal", "state", "municipal", "foundation", "platform"]
STATE_CODES = ["DE-NW", "DE-NI", "DE-HE", "DE-BY", "DE-BW", "DE-SN", "DE-TH", "DE-RP", "DE-SH", "DE-BB"]
PHASES = ["first_contact", "orientation", "concept", "legal_form", "financing", "implementation", "operation"]
TOPICS = [
    "legal_form",
    "financing",
    "funding_programmes",
    "building",
    "volunteers",
    "concept",
    "cooperation",
    "administration",
]
# Statuses of needs and initiatives with their shares.
NEED_STATUSES = [("published", 0.86), ("submitted", 0.07), ("rejected", 0.04), ("merged", 0.03)]
INITIATIVE_STATUSES = [
    ("published", 0.65),
    ("submitted", 0.08),
    ("draft", 0.12),
    ("changes_requested", 0.05),
    ("rejected", 0.04),
    ("archived", 0.06),
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


class Builder:
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

    # --- the whole set -----------------------------------------------------------------------------

    def run(self) -> dict:
        began = time.monotonic()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
        self._load_reference()
        self.step("municipalities and quarters", self.build_places)
        self.step("users and staff", self.build_users)
        self.step("needs", self.build_needs)
        self.step("supports", self.build_supports)
        self.step("comments", self.build_comments)
        self.step("offers, potentials, statistics", self.build_supply)
        self.step("programmes", self.build_programmes)
        self.step("initiatives", self.build_initiatives)
        self.step("financing plans", self.build_financing_plans)
        self.step("advisory cases and consultations", self.build_advisory)
        self.step("search index", self.build_search_index)
        self.writer.reset_sequences()
        if connection.vendor == "postgresql":
            self.step("analyze", self._analyze)
        self._forget_cached_figures()
        return {
            "version": VERSION,
            "preset": self.preset.name,
            "seed": self.seed,
            "today": self.today.isoformat(),
            "seconds": round(time.monotonic() - began, 1),
            "steps": self.timings,
            "rows": dict(sorted(self.writer.counts.items())),
        }

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
        from financing.catalogue_cache import catalogue_changed
        from needs.caching import public_needs_changed
        from quarters.services import overview_changed

        catalogue_changed()
        public_needs_changed()
        overview_changed()

    def _load_reference(self):
        from financing.models import InstrumentType, LegalForm
        from needs.models import ServiceArea

        self.areas = list(ServiceArea.objects.order_by("position", "slug").values_list("id", "slug", "name_de"))
        if not self.areas:
            raise RuntimeError("No service areas: run the migrations first.")
        self.area_ids = [area[0] for area in self.areas]
        self.area_by_slug = {slug: area_id for area_id, slug, _name in self.areas}
        self.legal_forms = list(LegalForm.objects.filter(is_founding_option=True).values_list("id", flat=True))
        self.instruments = list(InstrumentType.objects.values_list("id", flat=True))

    # --- municipalities and quarters ---------------------------------------------------------------

    def build_places(self):
        from quarters.models import Municipality, Quarter, QuarterStatistics

        rng = self.rng("places")
        preset = self.preset
        existing = set(Municipality.objects.values_list("slug", flat=True))
        used_quarter_slugs = set(Quarter.objects.values_list("slug", flat=True))
        next_municipality = self.writer.next_id(Municipality)
        names = set()
        for index in range(preset.municipalities):
            while True:
                name = rng.choice(texts.PLACE_STEMS) + rng.choice(texts.PLACE_ENDINGS)
                if len(names) > len(texts.PLACE_STEMS) * len(texts.PLACE_ENDINGS) // 2:
                    name = f"{name} {index}"
                slug = slugify(name)
                if name not in names and slug not in existing:
                    break
            names.add(name)
            self.towns.append(Town(id=next_municipality + index, name=name, slug=slug))
        # A few big cities, many small towns.
        weights = [1 / (rank + 1) ** 0.7 for rank in range(preset.municipalities)]
        quarter_counts = _spread(preset.quarters, weights, minimum=1)
        next_quarter = self.writer.next_id(Quarter)
        for town, count in zip(self.towns, quarter_counts, strict=True):
            for number in range(count):
                kind = texts.QUARTER_KINDS[number % len(texts.QUARTER_KINDS)]
                name = kind if number < len(texts.QUARTER_KINDS) else f"{kind} {number // len(texts.QUARTER_KINDS) + 1}"
                slug = f"{town.slug}-{slugify(name)}"
                while slug in used_quarter_slugs:
                    slug += "-x"
                used_quarter_slugs.add(slug)
                place = Place(id=next_quarter, name=name, slug=slug, municipality=town)
                next_quarter += 1
                town.quarters.append(place)
                self.quarters.append(place)

        self.writer.insert(
            Municipality,
            ["id", "name", "slug", "state", "official_key", "website", "contact_email"],
            (
                (
                    town.id,
                    town.name,
                    town.slug,
                    texts.STATES[index % len(texts.STATES)],
                    f"{5_000_000 + index:08d}",
                    f"https://www.{town.slug}.example",
                    f"quartiere@{town.slug}.example",
                )
                for index, town in enumerate(self.towns)
            ),
        )

        def quarter_rows():
            for place in self.quarters:
                lat = Decimal(f"{rng.uniform(47.5, 54.5):.6f}")
                lon = Decimal(f"{rng.uniform(6.0, 14.5):.6f}")
                description = (
                    f"{place.name} ist ein Quartier in {place.municipality.name} mit "
                    f"{rng.choice(['vielen älteren Menschen', 'jungen Familien', 'gewachsener Nachbarschaft'])}."
                )
                yield (place.id, place.municipality.id, f"{place.name}", place.slug, description, None, lat, lon)

        self.writer.insert(
            Quarter,
            ["id", "municipality_id", "name", "slug", "description", "boundary", "centre_lat", "centre_lon"],
            quarter_rows(),
        )
        next_stat = self.writer.next_id(QuarterStatistics)

        def statistics_rows():
            for offset, place in enumerate(self.quarters):
                population = rng.randint(1500, 25000)
                under_18 = int(population * rng.uniform(0.12, 0.22))
                over_80 = int(population * rng.uniform(0.04, 0.10))
                over_65 = int(population * rng.uniform(0.10, 0.18))
                working = population - under_18 - over_80 - over_65
                share = Decimal(f"{rng.uniform(3, 35):.2f}")
                languages = ["Deutsch", rng.choice(["Türkisch", "Arabisch", "Polnisch", "Russisch"])]
                yield (
                    next_stat + offset,
                    place.id,
                    self.day(400),
                    population,
                    under_18,
                    working,
                    over_65,
                    over_80,
                    share,
                    self.writer.json(languages),
                    "Statistikstelle (Skalendaten)",
                )

        self.writer.insert(
            QuarterStatistics,
            [
                "id",
                "quarter_id",
                "reference_date",
                "population",
                "age_under_18",
                "age_18_to_64",
                "age_65_to_79",
                "age_80_plus",
                "share_without_german_citizenship",
                "main_languages",
                "source",
            ],
            statistics_rows(),
        )

    # --- users ---------------------------------------------------------------------------------------

    def build_users(self):
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator
        from allauth.mfa.utils import encrypt

        from accounts.models import User
        from quarters.models import StaffRole

        rng = self.rng("users")
        preset = self.preset
        # Needs and supports of a town follow its number of quarters; the residents too, but every
        # town needs at least as many residents as its most supported need has supporters.
        quarter_counts = [len(town.quarters) for town in self.towns]
        need_counts = _spread(preset.needs, quarter_counts, minimum=1)
        support_counts = _spread(preset.supports, need_counts)
        user_counts = _spread(preset.users, need_counts, minimum=1)
        for town, needs, supports, users in zip(self.towns, need_counts, support_counts, user_counts, strict=True):
            town.need_count = needs
            town.support_count = supports
            top = self._zipf_top(supports, max(1, int(needs * 0.86)))
            town.resident_count = max(users, top + 5)

        next_user = self.writer.next_id(User)
        staff_rows = []
        cursor_id = next_user
        for town in self.towns:
            town.coordinator = cursor_id
            staff_rows.append((cursor_id, f"koordination@{town.slug}.example", f"Koordination {town.name}"))
            cursor_id += 1
            # Two advisors in a small town, one per ten quarters in a big city.
            for number in range(1, max(2, math.ceil(len(town.quarters) / 10)) + 1):
                town.advisors.append(cursor_id)
                staff_rows.append(
                    (cursor_id, f"beratung{number}@{town.slug}.example", f"Beratung {number} {town.name}")
                )
                cursor_id += 1
        for town in self.towns:
            town.users = range(cursor_id, cursor_id + town.resident_count)
            cursor_id += town.resident_count
        self.staff_ids = [row[0] for row in staff_rows]
        joined_hour = len(self.hours) // 2
        unusable = "!scale-data-no-password"

        def user_rows():
            for user_id, email, name in staff_rows:
                yield (user_id, unusable, False, False, True, self.hour(0), email, name, "de")
            for town in self.towns:
                for number, user_id in enumerate(town.users):
                    first = rng.choice(texts.FIRST_NAMES)
                    display = f"{first} {rng.choice(texts.LAST_INITIALS)}." if rng.random() < 0.6 else ""
                    email = f"person{number}@{town.slug}.example"
                    yield (
                        user_id,
                        unusable,
                        False,
                        False,
                        True,
                        self.hour(rng.randrange(joined_hour)),
                        email,
                        display,
                        "de",
                    )

        self.writer.insert(
            User,
            [
                "id",
                "password",
                "is_superuser",
                "is_staff",
                "is_active",
                "date_joined",
                "email",
                "display_name",
                "preferred_language",
            ],
            user_rows(),
        )
        next_role = self.writer.next_id(StaffRole)
        roles = []
        for town in self.towns:
            roles.append((town.coordinator, town.id, "coordinator"))
            roles.extend((advisor, town.id, "advisor") for advisor in town.advisors)
        self.writer.insert(
            StaffRole,
            ["id", "user_id", "municipality_id", "role", "created_at"],
            ((next_role + n, user, town, role, self.hour(0)) for n, (user, town, role) in enumerate(roles)),
        )
        # Staff pass the MFA middleware only with an authenticator.
        secret = self.writer.json({"secret": encrypt(STAFF_TOTP_SECRET)})
        next_auth = self.writer.next_id(Authenticator)
        self.writer.insert(
            Authenticator,
            ["id", "user_id", "type", "data", "created_at"],
            ((next_auth + n, user_id, "totp", secret, self.hour(0)) for n, user_id in enumerate(self.staff_ids)),
        )
        next_address = self.writer.next_id(EmailAddress)
        self.writer.insert(
            EmailAddress,
            ["id", "user_id", "email", "verified", "primary"],
            ((next_address + n, row[0], row[1], True, True) for n, row in enumerate(staff_rows)),
        )

    def _zipf_weights(self, count: int) -> list[float]:
        exponent = self.preset.zipf_exponent
        return [1 / (rank**exponent) for rank in range(1, count + 1)]

    def _zipf_top(self, supports: int, count: int) -> int:
        harmonic = sum(self._zipf_weights(count))
        return math.ceil(supports / harmonic)

    # --- needs and supports -------------------------------------------------------------------------

    def build_needs(self):
        from needs.models import Need

        rng = self.rng("needs")
        ranks = self.rng("support ranks")
        next_need = self.writer.next_id(Need)
        self.need_hours: dict[int, int] = {}
        self.support_counts: dict[int, int] = {}
        titles = {area_id: texts.NEED_TITLES.get(slug, texts.GENERIC_NEED_TITLES) for area_id, slug, _ in self.areas}
        sources = ["online"] * 8 + ["workshop", "door_to_door", "paper", "other"]
        ids = iter(range(next_need, next_need + 10**9))

        def need_rows():
            for town in self.towns:
                rows = []  # a town's needs wait until their numbers of supports are decided
                weights = [rng.uniform(0.5, 1.5) for _ in town.quarters]
                per_quarter = _spread(town.need_count, weights, minimum=0)
                for place, count in zip(town.quarters, per_quarter, strict=True):
                    first_published = None
                    for number in range(count):
                        need_id = next(ids)
                        status = "published" if number == 0 else _pick(rng, NEED_STATUSES)
                        area_id = rng.choice(self.area_ids)
                        title = rng.choice(titles[area_id]).format(place.name)
                        description = " ".join(rng.sample(texts.NEED_SENTENCES, rng.randint(2, 4)))
                        groups = rng.sample(AFFECTED_GROUPS, rng.randint(0, 3))
                        created = rng.randrange(len(self.hours) - 48)
                        self.need_hours[need_id] = created
                        author = rng.choice(town.users)
                        merged_into = first_published if status == "merged" else None
                        rejection = (
                            "Bitte konkreter beschreiben; so ist kein Bedarf erkennbar." if status == "rejected" else ""
                        )
                        moderated = status != "submitted"
                        located = rng.random() < 0.3
                        if status == "published":
                            if first_published is None:
                                first_published = need_id
                            place.needs.append(need_id)
                            place.area_needs.setdefault(area_id, []).append(need_id)
                        rows.append(
                            (
                                need_id,
                                place.id,
                                area_id,
                                title[:120],
                                description,
                                self.writer.json(groups),
                                author,
                                rng.random() < 0.4,
                                rng.choice(sources),
                                status,
                                merged_into,
                                rejection,
                                status == "published" and rng.random() < 0.002,
                                town.coordinator if moderated else None,
                                self.hour(created + 24) if moderated else None,
                                self.hour(created + 24) if status == "published" else None,
                                self.hour(created),
                                self.hour(created + 24),
                                Decimal(f"{rng.uniform(47.5, 54.5):.6f}") if located else None,
                                Decimal(f"{rng.uniform(6.0, 14.5):.6f}") if located else None,
                            )
                        )
                self._rank_needs(town, ranks)
                # Need.support_count is written with the need: no UPDATE of every need after its supports.
                for row in rows:
                    yield (*row, self.support_counts.get(row[0], 0))

        self.writer.insert(
            Need,
            [
                "id",
                "quarter_id",
                "service_area_id",
                "title",
                "description",
                "affected_groups",
                "author_id",
                "show_name",
                "source",
                "status",
                "merged_into_id",
                "rejection_reason",
                "hidden",
                "moderated_by_id",
                "moderated_at",
                "published_at",
                "created_at",
                "updated_at",
                "latitude",
                "longitude",
                "support_count",
            ],
            need_rows(),
        )

    def _rank_needs(self, town: Town, rng: random.Random):
        """The Zipf-like number of supports of each published need of the town, decided before the needs are
        written (build_supports then writes exactly these many)."""
        published = [need for place in town.quarters for need in place.needs]
        rng.shuffle(published)  # the rank of a need is random; its supports follow the rank
        town.ranked_needs = published
        if not published:
            return
        weights = self._zipf_weights(len(published))
        harmonic = sum(weights)
        pool = len(town.users)
        for need_id, weight in zip(published, weights, strict=True):
            self.support_counts[need_id] = min(pool, int(town.support_count * weight / harmonic))

    def build_supports(self):
        from needs.models import Support

        rng = self.rng("supports")
        next_support = self.writer.next_id(Support)
        last_hour = len(self.hours) - 1

        def support_rows():
            support_id = next_support
            for town in self.towns:
                pool = len(town.users)
                first_user = town.users.start
                for need_id in town.ranked_needs:
                    count = self.support_counts[need_id]
                    if not count:
                        continue
                    start = rng.randrange(pool)
                    stride = self._stride(pool, rng)
                    created = self.need_hours[need_id] + 24
                    span = max(1, last_hour - created)
                    for number in range(count):
                        user = first_user + (start + number * stride) % pool
                        yield (support_id, need_id, user, self.hours[created + rng.randrange(span)])
                        support_id += 1

        self.writer.insert(Support, ["id", "need_id", "user_id", "created_at"], support_rows())

    @staticmethod
    def _stride(pool: int, rng: random.Random) -> int:
        """A step coprime to the pool, so start + i * step (mod pool) visits distinct residents."""
        while True:
            stride = rng.randrange(1, pool) if pool > 1 else 1
            if math.gcd(stride, pool) == 1:
                return stride

    def build_comments(self):
        from needs.models import Comment

        rng = self.rng("comments")
        next_comment = self.writer.next_id(Comment)
        budget = max(1, self.preset.needs // 2)

        def comment_rows():
            comment_id = next_comment
            for town in self.towns:
                for place in town.quarters:
                    for need_id in place.needs:
                        supports = self.support_counts.get(need_id, 0)
                        count = min(8, int(math.log2(supports + 1)) // 2 + (1 if rng.random() < 0.2 else 0))
                        for _ in range(count):
                            if comment_id - next_comment >= budget:
                                return
                            created = self.need_hours[need_id] + 24 + rng.randrange(24 * 60)
                            yield (
                                comment_id,
                                need_id,
                                rng.choice(town.users),
                                rng.choice(texts.COMMENT_TEXTS),
                                rng.random() < 0.3,
                                False,
                                self.hour(created),
                            )
                            comment_id += 1

        self.writer.insert(
            Comment, ["id", "need_id", "author_id", "text", "show_name", "hidden", "created_at"], comment_rows()
        )

    # --- supply ----------------------------------------------------------------------------------------

    def build_supply(self):
        from needs.models import Offer, Potential

        rng = self.rng("supply")
        next_offer = self.writer.next_id(Offer)
        next_potential = self.writer.next_id(Potential)
        self.buildings: dict[int, list[int]] = {}

        def offer_rows():
            offer_id = next_offer
            for place in self.quarters:
                for _ in range(rng.randint(2, 6)):
                    area_id, slug, _name = rng.choice(self.areas)
                    name = rng.choice(texts.OFFER_NAMES.get(slug, ["Angebot"]))
                    yield (
                        offer_id,
                        place.id,
                        area_id,
                        f"{name} {place.name}"[:160],
                        rng.choice(["Stadt", "Verein", "Privat", "Kirchengemeinde"]),
                        rng.choice(["active"] * 6 + ["at_risk", "closed"]),
                        "confirmed" if rng.random() < 0.85 else "suggested",
                        "",
                        f"Hauptstraße {rng.randint(1, 200)}",
                        "",
                        self.hour(rng.randrange(len(self.hours))),
                    )
                    offer_id += 1

        self.writer.insert(
            Offer,
            [
                "id",
                "quarter_id",
                "service_area_id",
                "name",
                "operator",
                "status",
                "review",
                "description",
                "address",
                "website",
                "created_at",
            ],
            offer_rows(),
        )

        def potential_rows():
            potential_id = next_potential
            for place in self.quarters:
                for _ in range(rng.randint(1, 4)):
                    kind = rng.choice(["building", "building", "skill", "actor", "fund"])
                    building = kind == "building"
                    if building:
                        self.buildings.setdefault(place.id, []).append(potential_id)
                    yield (
                        potential_id,
                        place.id,
                        kind,
                        rng.choice(texts.POTENTIAL_TITLES[kind]),
                        rng.choice(self.area_ids) if rng.random() < 0.6 else None,
                        rng.randint(60, 900) if building else None,
                        rng.choice(["municipal", "housing_company", "church", "private"]) if building else "",
                        rng.choice(["vacant", "demolition", "partly_used"]) if building else "",
                        rng.randint(4, 40) if kind == "skill" else None,
                        Decimal(rng.randint(500, 50000)) if kind == "fund" else None,
                        "confirmed" if rng.random() < 0.8 else "suggested",
                        "",
                        "",
                        "",
                        self.hour(rng.randrange(len(self.hours))),
                    )
                    potential_id += 1

        self.writer.insert(
            Potential,
            [
                "id",
                "quarter_id",
                "kind",
                "title",
                "service_area_id",
                "floor_area",
                "owner_type",
                "building_status",
                "hours_per_month",
                "amount",
                "review",
                "description",
                "address",
                "website",
                "created_at",
            ],
            potential_rows(),
        )

    # --- initiatives -------------------------------------------------------------------------------------

    def build_initiatives(self):
        from initiatives.models import (
            Actor,
            Concept,
            ConceptLineItem,
            HelpOffer,
            Initiative,
            InitiativeActor,
            InitiativeLink,
            Membership,
            Milestone,
            Pledge,
            ReviewDecision,
        )

        rng = self.rng("initiatives")
        preset = self.preset
        weights = [max(1, town.need_count) for town in self.towns]
        per_town = _spread(preset.initiatives, weights)
        next_initiative = self.writer.next_id(Initiative)
        self.initiatives: list[tuple] = []  # (id, town, quarter, status, lead, core)
        rows, quarter_links, area_links, need_links = [], [], [], []
        memberships, concepts = [], []
        initiative_id = next_initiative
        for town, count in zip(self.towns, per_town, strict=True):
            for number in range(count):
                kind, area_slug, blurb = rng.choice(texts.INITIATIVE_KINDS)
                place = rng.choice(town.quarters)
                name = f"{kind} {place.name} {town.name}" if number >= len(town.quarters) else f"{kind} {place.name}"
                status = _pick(rng, INITIATIVE_STATUSES)
                created = rng.randrange(len(self.hours) - 24 * 60)
                published = self.hour(created + 24 * 14) if status == "published" else None
                submitted = self.hour(created + 24 * 7) if status not in ("draft",) else None
                lead = rng.choice(town.users)
                core = rng.sample(town.users, min(len(town.users), rng.randint(1, 3)))
                supporters = rng.sample(town.users, min(len(town.users), rng.randint(0, 8)))
                building_ids = self.buildings.get(place.id) or []
                rows.append(
                    (
                        initiative_id,
                        name[:160],
                        f"{slugify(name)[:150]}-{initiative_id}",
                        town.id,
                        status,
                        self.writer.json(rng.sample(MOTIVES, rng.randint(1, 2))),
                        rng.choice(self.legal_forms) if self.legal_forms and rng.random() < 0.6 else None,
                        rng.choice(STAGES),
                        Decimal(rng.choice([5000, 20000, 80000, 250000])),
                        Decimal(rng.choice([0, 1000, 5000, 20000])),
                        rng.randint(10, 200),
                        "Ein Ladenlokal an der Hauptstraße" if rng.random() < 0.5 else "",
                        rng.choice(building_ids) if building_ids and rng.random() < 0.2 else None,
                        blurb,
                        " ".join(rng.sample(texts.INITIATIVE_DESCRIPTION, rng.randint(2, 4))),
                        self.writer.json(rng.sample(AFFECTED_GROUPS, rng.randint(1, 3))),
                        "",
                        f"Kontakt {place.name}",
                        f"kontakt{initiative_id}@{town.slug}.example",
                        "",
                        "",
                        "",
                        1 if status == "draft" else 5,
                        lead,
                        self.hour(created),
                        self.hour(created + 24 * 20),
                        submitted,
                        published,
                    )
                )
                self.initiatives.append((initiative_id, town, place, status, lead, core))
                quarter_links.append((initiative_id, place.id))
                if len(town.quarters) > 1 and rng.random() < 0.2:
                    other = rng.choice(town.quarters)
                    if other.id != place.id:
                        quarter_links.append((initiative_id, other.id))
                areas = {self.area_by_slug.get(area_slug, self.area_ids[0])}
                areas.update(rng.sample(self.area_ids, rng.randint(0, 2)))
                area_links.extend((initiative_id, area) for area in sorted(areas))
                candidates = [need for area in areas for need in place.area_needs.get(area, [])[:20]]
                for need in sorted(set(rng.sample(candidates, min(len(candidates), rng.randint(0, 3))))):
                    need_links.append((initiative_id, need))
                members = {lead: "lead"}
                for person in core:
                    members.setdefault(person, "core")
                for person in supporters:
                    members.setdefault(person, "supporter")
                memberships.extend((initiative_id, person, role) for person, role in members.items())
                if status != "draft" and rng.random() < 0.75:
                    concepts.append((initiative_id, lead, created))
                initiative_id += 1

        self.writer.insert(
            Initiative,
            [
                "id",
                "name",
                "slug",
                "municipality_id",
                "status",
                "motives",
                "legal_form_id",
                "stage",
                "capital_need",
                "own_funds",
                "volunteer_hours_per_month",
                "space",
                "building_id",
                "short_description",
                "description",
                "target_groups",
                "target_groups_note",
                "contact_person",
                "contact_email",
                "contact_phone",
                "website",
                "logo",
                "wizard_step",
                "created_by_id",
                "created_at",
                "updated_at",
                "submitted_at",
                "published_at",
            ],
            rows,
        )
        self._insert_links(Initiative.quarters.through, "initiative_id", "quarter_id", quarter_links)
        self._insert_links(Initiative.service_areas.through, "initiative_id", "servicearea_id", area_links)
        self._insert_links(Initiative.answered_needs.through, "initiative_id", "need_id", need_links)
        next_membership = self.writer.next_id(Membership)
        self.writer.insert(
            Membership,
            ["id", "initiative_id", "user_id", "role", "created_at"],
            ((next_membership + n, i, u, r, self.hour(0)) for n, (i, u, r) in enumerate(memberships)),
        )

        # Concepts with their lines and milestones.
        next_concept = self.writer.next_id(Concept)
        concept_rows, line_rows, milestone_rows = [], [], []
        next_line = self.writer.next_id(ConceptLineItem)
        next_milestone = self.writer.next_id(Milestone)
        for offset, (initiative_id, lead, created) in enumerate(concepts):
            concept_id = next_concept + offset
            sections = [texts.CONCEPT_SECTIONS[name] for name in Concept.SECTIONS if name in texts.CONCEPT_SECTIONS]
            concept_rows.append(
                (concept_id, initiative_id, *sections, rng.randint(20, 150), lead, self.hour(created + 24 * 10))
            )
            for category, labels in texts.LINE_ITEMS.items():
                for position, label in enumerate(rng.sample(labels, rng.randint(1, 3))):
                    line_rows.append(
                        (next_line, concept_id, category, label, Decimal(rng.randint(2, 400) * 100), "", position)
                    )
                    next_line += 1
            for position, title in enumerate(texts.MILESTONES[: rng.randint(1, 4)]):
                due = (self.today + datetime.timedelta(days=60 * position - 90)).isoformat()
                milestone_rows.append((next_milestone, concept_id, title, due, position < 2, ""))
                next_milestone += 1
        section_names = [name for name in Concept.SECTIONS if name in texts.CONCEPT_SECTIONS]
        self.writer.insert(
            Concept,
            ["id", "initiative_id", *section_names, "volunteer_hours_needed", "updated_by_id", "created_at"],
            concept_rows,
        )
        self.writer.insert(
            ConceptLineItem, ["id", "concept_id", "category", "label", "amount", "note", "position"], line_rows
        )
        self.writer.insert(Milestone, ["id", "concept_id", "title", "due_on", "done", "note"], milestone_rows)

        # Pledges, help offers and review decisions.
        next_pledge = self.writer.next_id(Pledge)
        next_help = self.writer.next_id(HelpOffer)
        next_decision = self.writer.next_id(ReviewDecision)
        pledges, helps, decisions = [], [], []
        for initiative_id, town, _place, status, _lead, _core in self.initiatives:
            for _ in range(rng.randint(0, 5)):
                kind = rng.choice(["shares", "loan", "donation", "hours", "room"])
                pledges.append(
                    (
                        next_pledge,
                        initiative_id,
                        rng.choice(town.users),
                        "",
                        kind,
                        rng.randint(1, 5) if kind == "shares" else None,
                        Decimal(100) if kind == "shares" else None,
                        Decimal(rng.randint(1, 50) * 100) if kind in ("loan", "donation") else None,
                        rng.randint(2, 20) if kind == "hours" else None,
                        "Gemeinderaum, dienstags" if kind == "room" else "",
                        "",
                        self.hour(rng.randrange(len(self.hours))),
                    )
                )
                next_pledge += 1
            if status == "published":
                for _ in range(rng.randint(0, 2)):
                    helps.append(
                        (
                            next_help,
                            initiative_id,
                            rng.choice(town.users),
                            "Ich kann beim Aufbau helfen und habe Erfahrung mit Buchhaltung.",
                            rng.randint(2, 12),
                            "per E-Mail",
                            rng.choice(["open", "accepted", "declined"]),
                            self.hour(rng.randrange(len(self.hours))),
                        )
                    )
                    next_help += 1
                decisions.append((next_decision, initiative_id, "publish", "", town.coordinator, self.hour(0)))
                next_decision += 1
            elif status in ("changes_requested", "rejected"):
                decision = "request_changes" if status == "changes_requested" else "reject"
                comment = "Bitte den Finanzierungsplan ergänzen."
                decisions.append((next_decision, initiative_id, decision, comment, town.coordinator, self.hour(0)))
                next_decision += 1
        self.writer.insert(
            Pledge,
            [
                "id",
                "initiative_id",
                "user_id",
                "pledger_name",
                "kind",
                "share_count",
                "share_price",
                "amount",
                "hours_per_month",
                "room",
                "note",
                "created_at",
            ],
            pledges,
        )
        # At most one open help offer per person and initiative.
        seen, unique_helps = set(), []
        for row in helps:
            if row[6] == "open" and (row[1], row[2]) in seen:
                continue
            seen.add((row[1], row[2]))
            unique_helps.append(row)
        self.writer.insert(
            HelpOffer,
            ["id", "initiative_id", "user_id", "skills", "hours_per_month", "contact", "status", "created_at"],
            unique_helps,
        )
        self.writer.insert(
            ReviewDecision, ["id", "initiative_id", "decision", "comment", "decided_by_id", "created_at"], decisions
        )

        # Actors of each town and their roles for initiatives; a few links between initiatives.
        next_actor = self.writer.next_id(Actor)
        actor_rows = []
        for town in self.towns:
            for kind, name in texts.ACTOR_NAMES[: rng.randint(3, len(texts.ACTOR_NAMES))]:
                town.actors.append(next_actor)
                actor_rows.append((next_actor, f"{name} {town.name}", kind, town.id, "", ""))
                next_actor += 1
        self.writer.insert(Actor, ["id", "name", "kind", "municipality_id", "website", "description"], actor_rows)
        next_link = self.writer.next_id(InitiativeActor)
        actor_links, seen = [], set()
        for initiative_id, town, *_rest in self.initiatives:
            for _ in range(rng.randint(0, 2)):
                key = (initiative_id, rng.choice(town.actors), rng.choice(["advises", "provides_space", "funds"]))
                if key not in seen:
                    seen.add(key)
                    actor_links.append((next_link, *key, ""))
                    next_link += 1
        self.writer.insert(InitiativeActor, ["id", "initiative_id", "actor_id", "role", "note"], actor_links)
        published_by_town: dict[int, list[int]] = {}
        for initiative_id, town, _place, status, *_rest in self.initiatives:
            if status == "published":
                published_by_town.setdefault(town.id, []).append(initiative_id)
        next_ilink = self.writer.next_id(InitiativeLink)
        ilinks, seen = [], set()
        for ids in published_by_town.values():
            for _ in range(len(ids) // 10):
                first, second = rng.sample(ids, 2) if len(ids) > 1 else (ids[0], ids[0])
                if first != second and (first, second) not in seen:
                    seen.add((first, second))
                    ilinks.append((next_ilink, first, second, "teilen sich Räume"))
                    next_ilink += 1
        self.writer.insert(InitiativeLink, ["id", "from_initiative_id", "to_initiative_id", "description"], ilinks)

    def build_financing_plans(self):
        """Financing plans with their lines, where the initiatives app has them (it may not yet)."""
        from django.apps import apps

        try:
            plan_model = apps.get_model("initiatives", "FinancingPlan")
            line_model = apps.get_model("initiatives", "FinancingLine")
        except LookupError:
            return
        rng = self.rng("financing-plans")
        next_plan = self.writer.next_id(plan_model)
        next_line = self.writer.next_id(line_model)
        plans, lines = [], []
        for initiative_id, _town, _place, status, lead, _core in self.initiatives:
            if status == "draft" or rng.random() < 0.4:
                continue
            plans.append(
                (
                    next_plan,
                    initiative_id,
                    (self.today.replace(day=1) + datetime.timedelta(days=rng.randint(0, 365))).replace(day=1),
                    rng.choice(["", *PROFITABILITY]),
                    rng.choice([None, True, False]),
                    rng.choice([None, True, False]),
                    lead,
                )
            )
            next_plan += 1
            for position in range(rng.randint(1, 4)):
                programme_id, instrument, name = rng.choice(self.programmes)
                expected = self.today + datetime.timedelta(days=rng.randint(-90, 365))
                lines.append(
                    (
                        next_line,
                        initiative_id,
                        programme_id,
                        instrument,
                        name,
                        Decimal(rng.randint(5, 500) * 100),
                        rng.choice(["planned", "applied", "approved", "received"]),
                        expected.isoformat(),
                        rng.choice([1, 1, 1, 3, 6, 12]),
                        "",
                        position,
                        lead,
                        self.hour(len(self.hours) - 24 * rng.randint(1, 300)),
                    )
                )
                next_line += 1
        self.writer.insert(
            plan_model,
            [
                "id",
                "initiative_id",
                "start_month",
                "profitability",
                "has_securities",
                "is_gemeinnuetzig",
                "updated_by_id",
            ],
            ((row[0], row[1], row[2].isoformat(), *row[3:]) for row in plans),
        )
        self.writer.insert(
            line_model,
            [
                "id",
                "initiative_id",
                "programme_id",
                "instrument_id",
                "source_name",
                "amount",
                "status",
                "expected_on",
                "tranches",
                "note",
                "position",
                "created_by_id",
                "created_at",
            ],
            lines,
        )

    def _insert_links(self, through, left: str, right: str, pairs: list[tuple[int, int]]):
        first = self.writer.next_id(through)
        self.writer.insert(through, ["id", left, right], ((first + n, a, b) for n, (a, b) in enumerate(pairs)))

    # --- advisory ------------------------------------------------------------------------------------

    def build_advisory(self):
        from advisory.models import (
            Case,
            ConfidentialNote,
            Consultation,
            ConsultationTopic,
            PhaseChange,
            Referral,
            Task,
            Workshop,
        )

        rng = self.rng("advisory")
        preset = self.preset
        candidates = [item for item in self.initiatives if item[3] != "draft"]
        rng.shuffle(candidates)
        registered = candidates[: int(preset.cases * 0.8)]
        cases = []  # (case id, town, quarter, initiative id, status, phase, core)
        next_case = self.writer.next_id(Case)
        rows = []
        for number in range(preset.cases):
            case_id = next_case + number
            if number < len(registered):
                initiative_id, town, place, _status, _lead, core = registered[number]
                name = ""
            else:
                town = rng.choice(self.towns)
                place = rng.choice(town.quarters)
                initiative_id, core = None, []
                name = f"Gruppe {rng.choice(texts.INITIATIVE_KINDS)[0]} {place.name}"
            status = rng.choice(["open"] * 7 + ["paused", "closed"])
            phase = "closed" if status == "closed" else rng.choice(PHASES)
            opened = rng.randint(30, DAYS - 1)
            cases.append((case_id, town, place, initiative_id, status, phase, core, opened))
            rows.append(
                (
                    case_id,
                    town.id,
                    place.id,
                    initiative_id,
                    name or f"Fall {case_id}",
                    f"Kontakt {place.name}",
                    "",
                    "",
                    rng.choice(town.advisors),
                    phase,
                    status,
                    self.day(opened),
                    self.day(rng.randint(0, opened)) if status == "paused" else None,
                    self.day(rng.randint(0, opened)) if status == "closed" else None,
                    rng.choice(town.advisors),
                    self.hour(len(self.hours) - opened * 24),
                    self.hour(len(self.hours) - 1),
                )
            )
        self.writer.insert(
            Case,
            [
                "id",
                "municipality_id",
                "quarter_id",
                "initiative_id",
                "name",
                "contact_name",
                "contact_email",
                "contact_phone",
                "advisor_id",
                "phase",
                "status",
                "opened_on",
                "paused_on",
                "closed_on",
                "created_by_id",
                "created_at",
                "updated_at",
            ],
            rows,
        )
        next_change = self.writer.next_id(PhaseChange)
        changes = []
        for case_id, town, _place, _initiative, _status, phase, _core, opened in cases:
            path = ["first_contact", *PHASES[1 : PHASES.index(phase) + 1]] if phase != "closed" else PHASES[:3]
            previous = ""
            for step, to_phase in enumerate(path):
                changed = self.hour(len(self.hours) - opened * 24 + step * 24 * 7)
                changes.append((next_change, case_id, previous, to_phase, town.advisors[0], changed))
                next_change += 1
                previous = to_phase
        self.writer.insert(
            PhaseChange, ["id", "case_id", "from_phase", "to_phase", "changed_by_id", "changed_at"], changes
        )

        # Consultations: most cases have a handful, long-running ones a few dozen.
        weights = [rng.uniform(0.2, 1.8) ** 2 for _ in cases]
        per_case = _spread(preset.consultations, weights, minimum=0)
        next_consultation = self.writer.next_id(Consultation)
        next_topic = self.writer.next_id(ConsultationTopic)
        next_note = self.writer.next_id(ConfidentialNote)
        next_task = self.writer.next_id(Task)
        consultations, topics, notes, tasks = [], [], [], []
        consultation_id = next_consultation
        for case, count in zip(cases, per_case, strict=True):
            case_id, town, _place, _initiative, _status, _phase, core, opened = case
            for _ in range(count):
                held = rng.randint(0, opened)
                advisor = rng.choice(town.advisors)
                consultations.append(
                    (
                        consultation_id,
                        case_id,
                        self.day(held),
                        rng.choice([30, 45, 60, 90, 120]),
                        rng.choice(["on_site", "phone", "video", "workshop"]),
                        "Vorstand und Kernteam",
                        rng.choice(texts.CONSULTATION_SUMMARIES),
                        "Nächste Schritte vereinbart." if rng.random() < 0.6 else "",
                        rng.choice(texts.CONSULTATION_NEXT_STEPS),
                        advisor,
                        self.hour(len(self.hours) - held * 24),
                    )
                )
                for topic in rng.sample(TOPICS, rng.randint(1, 3)):
                    topics.append((next_topic, consultation_id, topic))
                    next_topic += 1
                if rng.random() < 0.3:
                    notes.append((next_note, consultation_id, rng.choice(texts.CONFIDENTIAL_NOTES), advisor))
                    next_note += 1
                if rng.random() < 0.5:
                    owner = rng.choice([advisor, *core]) if core else advisor
                    due = self.day(held - rng.randint(-30, 30))
                    done = self.hour(len(self.hours) - held * 24 + 24 * 5) if rng.random() < 0.6 else None
                    tasks.append(
                        (
                            next_task,
                            case_id,
                            consultation_id,
                            rng.choice(texts.TASK_TITLES),
                            owner,
                            due,
                            done,
                            owner if done else None,
                            advisor,
                        )
                    )
                    next_task += 1
                consultation_id += 1
        self.writer.insert(
            Consultation,
            [
                "id",
                "case_id",
                "held_on",
                "duration_minutes",
                "format",
                "participants_text",
                "summary",
                "outcomes",
                "next_steps",
                "advisor_id",
                "created_at",
            ],
            consultations,
        )
        self.writer.insert(ConsultationTopic, ["id", "consultation_id", "topic"], topics)
        self.writer.insert(ConfidentialNote, ["id", "consultation_id", "text", "written_by_id"], notes)
        self.writer.insert(
            Task,
            [
                "id",
                "case_id",
                "consultation_id",
                "title",
                "owner_id",
                "due_on",
                "done_at",
                "done_by_id",
                "created_by_id",
            ],
            tasks,
        )
        next_referral = self.writer.next_id(Referral)
        referrals = []
        for case_id, town, _place, _initiative, _status, _phase, _core, opened in cases:
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                actor_type, actor_name = rng.choice(texts.REFERRAL_ACTORS)
                status = rng.choice(["planned", "referred", "successful", "unsuccessful"])
                referred = rng.randint(0, opened)
                closed = self.day(rng.randint(0, referred)) if status in ("successful", "unsuccessful") else None
                referrals.append(
                    (
                        next_referral,
                        case_id,
                        actor_type,
                        f"{actor_name} {town.name}",
                        "Finanzierung klären",
                        status,
                        "",
                        self.day(referred),
                        closed,
                        town.advisors[0],
                    )
                )
                next_referral += 1
        self.writer.insert(
            Referral,
            [
                "id",
                "case_id",
                "actor_type",
                "actor_name",
                "reason",
                "status",
                "result",
                "referred_on",
                "closed_on",
                "created_by_id",
            ],
            referrals,
        )
        next_workshop = self.writer.next_id(Workshop)
        workshops, workshop_cases = [], []
        cases_by_town: dict[int, list[int]] = {}
        for case in cases:
            cases_by_town.setdefault(case[1].id, []).append(case[0])
        for town in self.towns:
            for number in range(2):
                workshops.append(
                    (
                        next_workshop,
                        town.id,
                        texts.WORKSHOP_TITLES[number % len(texts.WORKSHOP_TITLES)],
                        rng.choice(TOPICS),
                        self.day(rng.randint(0, 365)),
                        f"Rathaus {town.name}",
                        "",
                        rng.randint(5, 30),
                        town.coordinator,
                    )
                )
                town_cases = cases_by_town.get(town.id, [])
                for case_id in sorted(rng.sample(town_cases, min(len(town_cases), 4))):
                    workshop_cases.append((next_workshop, case_id))
                next_workshop += 1
        self.writer.insert(
            Workshop,
            [
                "id",
                "municipality_id",
                "title",
                "topic",
                "held_on",
                "place",
                "description",
                "attendees",
                "created_by_id",
            ],
            workshops,
        )
        self._insert_links(Workshop.cases.through, "workshop_id", "case_id", workshop_cases)

    # --- programmes ----------------------------------------------------------------------------------

    def build_programmes(self):
        from financing.models import Programme

        rng = self.rng("programmes")
        next_programme = self.writer.next_id(Programme)
        rows, forms, areas = [], [], []
        self.programmes: list[tuple[int, int, str]] = []  # (id, instrument type id, name)
        for number in range(self.preset.programmes):
            programme_id = next_programme + number
            level = rng.choice(LEVELS)
            town = rng.choice(self.towns) if level == "municipal" else None
            word = rng.choice(texts.PROGRAMME_WORDS)
            name = f"{rng.choice(texts.PROGRAMME_KINDS)} {word} {number + 1}"
            amount_max = Decimal(rng.choice([1000, 5000, 10000, 50000, 300000])) if rng.random() < 0.7 else None
            amount_min = Decimal(rng.choice([0, 500, 1000])) if amount_max is not None and rng.random() < 0.4 else None
            if amount_min is not None and amount_min > amount_max:
                amount_min = amount_max
            deadline = self.day(-rng.randint(10, 300)) if rng.random() < 0.3 else None
            instrument = rng.choice(self.instruments)
            self.programmes.append((programme_id, instrument, name))
            rows.append(
                (
                    programme_id,
                    name,
                    f"skala-{slugify(name)}",
                    rng.choice(texts.PROVIDERS),
                    instrument,
                    level,
                    "" if town is None and rng.random() < 0.5 else rng.choice(STATE_CODES) if town is None else "",
                    town.id if town else None,
                    town.name if town else "",
                    "",
                    "",
                    "",
                    rng.choice([None, True, False]),
                    rng.choice([None, None, True]),
                    "Vereine, Genossenschaften und gemeinnützige Organisationen.",
                    f"Förderung von Projekten für {word} im Quartier.",
                    self.writer.json(rng.sample(PROFITABILITY, rng.randint(0, 2))),
                    self.writer.json(rng.sample(STAGES, rng.randint(0, 3))),
                    amount_min,
                    amount_max,
                    Decimal(rng.choice([0, 10, 20, 25])) if rng.random() < 0.3 else None,
                    deadline,
                    deadline is None and rng.random() < 0.5,
                    f"[1] https://foerderung.example/{programme_id}",
                    self.day(rng.randint(0, 365)),
                )
            )
            for form in sorted(rng.sample(self.legal_forms, min(len(self.legal_forms), rng.randint(0, 4)))):
                forms.append((programme_id, form))
            for area in sorted(rng.sample(self.area_ids, rng.randint(0, 3))):
                areas.append((programme_id, area))
        self.writer.insert(
            Programme,
            [
                "id",
                "name",
                "slug",
                "provider",
                "instrument_type_id",
                "level",
                "state",
                "municipality_id",
                "municipality_name",
                "area_restriction",
                "region_note",
                "extra_condition",
                "open_to_individuals",
                "requires_gemeinnuetzig",
                "eligibility_note",
                "purposes_note",
                "profitability",
                "stages",
                "amount_min",
                "amount_max",
                "own_share_percent",
                "deadline",
                "rolling",
                "sources",
                "checked_on",
            ],
            rows,
        )
        self._insert_links(Programme.eligible_legal_forms.through, "programme_id", "legalform_id", forms)
        self._insert_links(Programme.service_areas.through, "programme_id", "servicearea_id", areas)

    # --- search --------------------------------------------------------------------------------------

    def build_search_index(self):
        """The German search vectors, as initiatives.services.initiative_index_search writes them, in one UPDATE."""
        if connection.vendor != "postgresql" or not self.initiatives:
            return
        from initiatives.models import Initiative

        first, last = self.initiatives[0][0], self.initiatives[-1][0]
        table = Initiative._meta.db_table
        quarters = Initiative.quarters.through._meta.db_table
        areas = Initiative.service_areas.through._meta.db_table
        sections = " || ' ' || ".join(f"coalesce(c.{name}, '')" for name in _concept_sections())
        sql = f"""
            UPDATE {table} AS i SET search_vector =
                setweight(to_tsvector('german', i.name), 'A')
                || setweight(to_tsvector('german', i.short_description || ' ' || m.name || ' ' || coalesce(
                    (SELECT string_agg(q.name, ' ') FROM {quarters} iq JOIN quarters_quarter q ON q.id = iq.quarter_id
                     WHERE iq.initiative_id = i.id), '')), 'B')
                || setweight(to_tsvector('german', i.description || ' ' || coalesce(
                    (SELECT string_agg(a.name_de || ' ' || a.name_en, ' ') FROM {areas} ia
                     JOIN needs_servicearea a ON a.id = ia.servicearea_id WHERE ia.initiative_id = i.id), '')
                    || ' ' || i.target_groups_note), 'C')
                || setweight(to_tsvector('german', coalesce(
                    (SELECT {sections} FROM initiatives_concept c WHERE c.initiative_id = i.id), '')), 'D')
            FROM quarters_municipality m
            WHERE m.id = i.municipality_id AND i.id BETWEEN %s AND %s
        """  # noqa: S608 - table names from the models, values as parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, [first, last])


def _concept_sections():
    from initiatives.models import Concept

    return Concept.SECTIONS


def support_distribution(counts: list[int]) -> dict:
    """Facts about how supports spread over needs: the share of the top tenth, the median, the maximum."""
    ordered = sorted(counts, reverse=True)
    total = sum(ordered) or 1
    top = ordered[: max(1, len(ordered) // 10)]
    return {
        "needs": len(ordered),
        "supports": sum(ordered),
        "top_tenth_share": round(sum(top) / total, 3),
        "median": ordered[len(ordered) // 2] if ordered else 0,
        "max": ordered[0] if ordered else 0,
    }
