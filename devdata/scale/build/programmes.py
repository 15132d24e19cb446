"""The financing catalogue of thousands of programmes, and the search index of the initiatives."""

from decimal import Decimal

from django.db import connection
from django.utils.text import slugify

from financing.models import Programme
from initiatives.models import Concept, Initiative

from .. import texts
from .base import LEVELS, PROFITABILITY, STAGES, STATE_CODES, BuilderBase


class ProgrammesBuilder(BuilderBase):
    # --- programmes ----------------------------------------------------------------------------------

    def build_programmes(self):
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
        first, last = self.initiatives[0][0], self.initiatives[-1][0]
        table = Initiative._meta.db_table
        quarters = Initiative.quarters.through._meta.db_table
        areas = Initiative.service_areas.through._meta.db_table
        sections = " || ' ' || ".join(f"coalesce(c.{name}, '')" for name in Concept.SECTIONS)
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
