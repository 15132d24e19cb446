"""Needs whose supports follow a Zipf-like law, their supports and comments; offers and potentials."""

import math
import random
from decimal import Decimal

from needs.models import Comment, Need, Offer, Potential, Review, Support

from .. import texts
from .base import AFFECTED_GROUPS, NEED_STATUSES, BuilderBase, Town, _pick, _spread

PUBLISHED = Need.Status.PUBLISHED.value
SUBMITTED = Need.Status.SUBMITTED.value
MERGED = Need.Status.MERGED.value
REJECTED = Need.Status.REJECTED.value


class NeedsBuilder(BuilderBase):
    # --- needs and supports -------------------------------------------------------------------------

    def build_needs(self):
        rng = self.rng("needs")
        ranks = self.rng("support ranks")
        next_need = self.writer.next_id(Need)
        self.need_hours: dict[int, int] = {}
        self.support_counts: dict[int, int] = {}
        titles = {area_id: texts.NEED_TITLES.get(slug, texts.GENERIC_NEED_TITLES) for area_id, slug, _ in self.areas}
        sources = [Need.Source.ONLINE.value] * 7 + Need.Source.values  # mostly online
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
                        status = PUBLISHED if number == 0 else _pick(rng, NEED_STATUSES)
                        area_id = rng.choice(self.area_ids)
                        title = rng.choice(titles[area_id]).format(place.name)
                        description = " ".join(rng.sample(texts.NEED_SENTENCES, rng.randint(2, 4)))
                        groups = rng.sample(AFFECTED_GROUPS, rng.randint(0, 3))
                        created = rng.randrange(len(self.hours) - 48)
                        self.need_hours[need_id] = created
                        author = rng.choice(town.users)
                        merged_into = first_published if status == MERGED else None
                        rejection = (
                            "Bitte konkreter beschreiben; so ist kein Bedarf erkennbar." if status == REJECTED else ""
                        )
                        moderated = status != SUBMITTED
                        located = rng.random() < 0.3
                        if status == PUBLISHED:
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
                                status == PUBLISHED and rng.random() < 0.002,
                                town.coordinator if moderated else None,
                                self.hour(created + 24) if moderated else None,
                                self.hour(created + 24) if status == PUBLISHED else None,
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
                        rng.choice([Offer.Status.ACTIVE] * 6 + [Offer.Status.AT_RISK, Offer.Status.CLOSED]),
                        Review.CONFIRMED if rng.random() < 0.85 else Review.SUGGESTED,
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
