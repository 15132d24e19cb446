"""What the scale data set is: municipalities of very different size, quarters, residents, needs whose
supports follow a Zipf-like law, initiatives with teams and concepts, advisory cases with consultations,
and a financing catalogue with thousands of programmes.

Everything is decided by random generators seeded from one value (one generator per table, so a change
in one table does not shift another), and dates are relative to `today`: the same seed and day give the
same data. Rows are written with BulkWriter (COPY on PostgreSQL).
"""

import time

from django.db import connection

from ..version import VERSION
from .advisory import AdvisoryBuilder
from .initiatives import InitiativesBuilder
from .needs import NeedsBuilder
from .places import PlacesBuilder
from .programmes import ProgrammesBuilder


class Builder(PlacesBuilder, NeedsBuilder, ProgrammesBuilder, InitiativesBuilder, AdvisoryBuilder):
    """The whole data set, part after part (each part reads what the earlier ones decided)."""

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
