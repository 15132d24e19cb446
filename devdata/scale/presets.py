"""How much of everything each preset builds. `scale` multiplies every count (tests use tiny presets)."""

import math
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Preset:
    name: str
    municipalities: int
    quarters: int
    users: int
    needs: int
    supports: int
    initiatives: int
    cases: int
    consultations: int
    programmes: int
    # Zipf exponent of the supports within a municipality: a few needs get most of them.
    zipf_exponent: float = 1.0

    def scaled(self, factor: float) -> "Preset":
        if factor == 1:
            return self
        counts = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, int):
                minimum = 1 if field.name == "municipalities" else 2
                counts[field.name] = max(minimum, math.ceil(value * factor))
        counts["quarters"] = max(counts["quarters"], counts["municipalities"])
        return replace(self, name=f"{self.name}x{factor:g}", **counts)


PRESETS = {
    # Small enough for a test on SQLite in a few seconds.
    "tiny": Preset(
        name="tiny",
        municipalities=2,
        quarters=6,
        users=300,
        needs=120,
        supports=1500,
        initiatives=12,
        cases=6,
        consultations=40,
        programmes=20,
    ),
    # One city with a hundred quarters or so.
    "city": Preset(
        name="city",
        municipalities=1,
        quarters=60,
        users=40_000,
        needs=20_000,
        supports=300_000,
        initiatives=1_000,
        cases=500,
        consultations=5_000,
        programmes=2_000,
    ),
    # A state portal with hundreds of municipalities.
    "state": Preset(
        name="state",
        municipalities=400,
        quarters=4_000,
        users=600_000,
        needs=500_000,
        supports=5_000_000,
        initiatives=20_000,
        cases=10_000,
        consultations=100_000,
        programmes=5_000,
    ),
}
