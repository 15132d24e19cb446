"""Municipalities of very different size with their quarters and statistics; residents and staff."""

import math
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.utils.text import slugify

from accounts.models import User
from quarters.models import Municipality, Quarter, QuarterStatistics, StaffRole

from .. import texts
from .base import STAFF_TOTP_SECRET, BuilderBase, Place, Town, _spread


class PlacesBuilder(BuilderBase):
    # --- municipalities and quarters ---------------------------------------------------------------

    def build_places(self):
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
            roles.append((town.coordinator, town.id, StaffRole.Role.COORDINATOR.value))
            roles.extend((advisor, town.id, StaffRole.Role.ADVISOR.value) for advisor in town.advisors)
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
