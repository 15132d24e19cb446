"""Loads the shared financing catalogue from the files in financing/data/.

Run by the data migration 0002 (with the historical models it passes in) and by the management command
`load_financing_catalogue` (with the current models), so the catalogue exists after `migrate` and can be
refreshed when the files change. Every entry is matched by its slug and updated in place: running it
twice changes nothing. Programmes of a municipality are linked to it when it exists (see
`link_programmes_to_municipalities`); the demo creates Dortmund after the migrations ran.

Programme and service-model rows come from programmes.csv and service_models.csv (facts with their
sources, checked on the date in the file); the structured fields come from programme_fields.json and
service_model_fields.json, which fill a field only where the CSV text says so.
"""

import csv
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
LEADING_NUMBER = re.compile(r"^\s*(\d+(?:[.,]\d+)?)")


def _json(name):
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return json.load(handle)


def _csv(name):
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _decimal(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _leading_number(text):
    match = LEADING_NUMBER.match(text or "")
    return Decimal(match.group(1).replace(",", ".")) if match else None


def _date(value):
    return date.fromisoformat(value) if value else None


@dataclass
class Models:
    """The models the loader writes, from a migration's app registry or the current one."""

    LegalForm: type
    InstrumentType: type
    Programme: type
    ServiceModel: type
    ServiceModelLegalForm: type
    ServiceModelFinancing: type
    CombinationRule: type
    ServiceArea: type
    Municipality: type
    Condition: type | None = None  # None before migration 0003 created it

    @classmethod
    def from_apps(cls, apps):
        get = apps.get_model
        try:
            condition = get("financing", "Condition")
        except LookupError:
            condition = None
        return cls(
            Condition=condition,
            LegalForm=get("financing", "LegalForm"),
            InstrumentType=get("financing", "InstrumentType"),
            Programme=get("financing", "Programme"),
            ServiceModel=get("financing", "ServiceModel"),
            ServiceModelLegalForm=get("financing", "ServiceModelLegalForm"),
            ServiceModelFinancing=get("financing", "ServiceModelFinancing"),
            CombinationRule=get("financing", "CombinationRule"),
            ServiceArea=get("needs", "ServiceArea"),
            Municipality=get("quarters", "Municipality"),
        )


def load_legal_forms(models):
    """The legal forms of legal_forms.json. A migration's older model lacks later fields: those are left out
    (migration 0005 fills them). An ELF code of null (a form without a code of its own) is stored empty."""
    fields = {field.name for field in models.LegalForm._meta.get_fields()}
    for entry in _json("legal_forms.json"):
        data = dict(entry)
        slug = data.pop("slug")
        data["elf_code"] = data.get("elf_code") or ""
        data["min_capital"] = _decimal(data.get("min_capital"))
        data["founding_cost_min"] = _decimal(data.get("founding_cost_min"))
        data["checked_on"] = _date(data.get("checked_on"))
        data = {key: value for key, value in data.items() if key in fields}
        models.LegalForm.objects.update_or_create(slug=slug, defaults=data)


def load_instrument_types(models):
    forms = {form.slug: form for form in models.LegalForm.objects.all()}
    for entry in _json("instrument_types.json"):
        data = dict(entry)
        slug = data.pop("slug")
        legal_forms = data.pop("legal_forms", [])
        data["checked_on"] = _date(data.get("checked_on"))
        instrument, _ = models.InstrumentType.objects.update_or_create(slug=slug, defaults=data)
        instrument.legal_forms.set([forms[form] for form in legal_forms])


def load_programmes(models):
    fields = _json("programme_fields.json")
    instruments = {instrument.slug: instrument for instrument in models.InstrumentType.objects.all()}
    forms = {form.slug: form for form in models.LegalForm.objects.all()}
    areas = {area.slug: area for area in models.ServiceArea.objects.all()}
    for row in _csv("programmes.csv"):
        mapping = fields[row["name"]]
        # The CSV's own share, unless the mapping says the figure is not the applicant's own share.
        own_share = (
            mapping["own_share_percent"]
            if "own_share_percent" in mapping
            else _leading_number(row["own_share_percent"])
        )
        note_parts = [f"Art laut Quelle: {row['instrument_type']}", f"Ebene laut Quelle: {row['level']}"]
        if mapping.get("extra_note"):
            note_parts.append(mapping["extra_note"])
        sources = row["source_url"]
        if mapping.get("extra_sources"):
            sources = f"{sources} | {mapping['extra_sources']}"
        defaults = {
            "name": row["name"],
            "provider": row["provider"],
            "instrument_type": instruments[mapping["instrument_type"]],
            "level": mapping["level"],
            "state": mapping.get("state", ""),
            "municipality_name": mapping.get("municipality_name", ""),
            "area_restriction": mapping.get("area_restriction", ""),
            "region_note": row["region"],
            "extra_condition": mapping.get("extra_condition", ""),
            "open_to_individuals": mapping.get("open_to_individuals"),
            "requires_gemeinnuetzig": mapping.get("requires_gemeinnuetzig"),
            "eligibility_note": row["eligible_legal_forms"],
            "purposes_note": row["purposes"],
            "stages": mapping.get("stages", []),
            "profitability": mapping.get("profitability", []),
            "amount_min": _decimal(row["amount_min_eur"]),
            "amount_max": _decimal(row["amount_max_eur"]),
            "own_share_percent": own_share,
            "own_share_note": row["own_share_percent"],
            "pays_after_spending": mapping.get("pays_after_spending"),
            "deadline": _date(mapping.get("deadline")),
            "rolling": mapping.get("rolling"),
            "deadline_note": row["deadline"],
            "sources": sources,
            "source_excerpt": row["source_excerpt"],
            "checked_on": _date(row["checked_on"]),
            "note": "\n".join(note_parts),
        }
        if defaults["municipality_name"]:
            defaults["municipality"] = models.Municipality.objects.filter(
                name__iexact=defaults["municipality_name"]
            ).first()
        programme, _ = models.Programme.objects.update_or_create(slug=mapping["slug"], defaults=defaults)
        programme.eligible_legal_forms.set([forms[form] for form in mapping.get("eligible_legal_forms", [])])
        programme.service_areas.set([areas[area] for area in mapping.get("service_areas", []) if area in areas])


def add_programme_legal_forms(models):
    """Add the legal forms programme_fields.json names to the catalogue's programmes that list legal forms,
    without removing any: for databases whose programmes were loaded before a legal form was added. A
    programme that lists none is open to every form and stays so."""
    forms = {form.slug: form for form in models.LegalForm.objects.all()}
    for mapping in _json("programme_fields.json").values():
        if not isinstance(mapping, dict) or not mapping.get("eligible_legal_forms"):
            continue
        programme = models.Programme.objects.filter(slug=mapping["slug"]).first()
        if programme is None or not programme.eligible_legal_forms.exists():
            continue
        programme.eligible_legal_forms.add(*[forms[slug] for slug in mapping["eligible_legal_forms"] if slug in forms])


def load_service_models(models):
    fields = _json("service_model_fields.json")
    instruments = {instrument.slug: instrument for instrument in models.InstrumentType.objects.all()}
    forms = {form.slug: form for form in models.LegalForm.objects.all()}
    areas = {area.slug: area for area in models.ServiceArea.objects.all()}
    checked_on = _date("2026-11-25")  # the date the reference file service_models.csv was compiled
    for row in _csv("service_models.csv"):
        mapping = fields[row["model"]]
        sources = row["source_url"]
        if mapping.get("extra_sources"):
            sources = f"{sources} | {mapping['extra_sources']}"
        defaults = {
            "name": mapping["name"],
            "summary": mapping["summary"],
            "service_area_note": row["service_area"],
            "legal_forms_note": row["typical_legal_forms"],
            "financing_note": row["typical_financing"],
            "needs_space": mapping["needs_space"],
            "needs_volunteers": mapping["needs_volunteers"],
            "needs_paid_coordinator": mapping["needs_paid_coordinator"],
            "needs_note": row["needs"],
            "risks": mapping["risks"],
            "example": row["example"],
            "sources": sources,
            "source_excerpt": row["source_excerpt"],
            "checked_on": checked_on,
        }
        model, _ = models.ServiceModel.objects.update_or_create(slug=mapping["slug"], defaults=defaults)
        model.service_areas.set([areas[area] for area in mapping["service_areas"] if area in areas])
        models.ServiceModelLegalForm.objects.filter(service_model=model).delete()
        for position, (form, reason) in enumerate(mapping["legal_forms"], start=1):
            models.ServiceModelLegalForm.objects.create(
                service_model=model, legal_form=forms[form], reason=reason, position=position
            )
        models.ServiceModelFinancing.objects.filter(service_model=model).delete()
        for position, (instrument, note) in enumerate(mapping["financing"], start=1):
            models.ServiceModelFinancing.objects.create(
                service_model=model, instrument_type=instruments[instrument], note=note, position=position
            )


def load_combination_rules(models):
    instruments = {instrument.slug: instrument for instrument in models.InstrumentType.objects.all()}
    programmes = {programme.slug: programme for programme in models.Programme.objects.all()}
    for entry in _json("combination_rules.json"):
        lookup = {
            "kind": entry["kind"],
            "instrument_type": instruments.get(entry.get("instrument_type")),
            "programme": programmes.get(entry.get("programme")),
            "other_instrument_type": instruments.get(entry.get("other_instrument_type")),
            "other_programme": programmes.get(entry.get("other_programme")),
        }
        models.CombinationRule.objects.update_or_create(
            **lookup,
            defaults={
                "explanation": entry["explanation"],
                "sources": entry.get("sources", ""),
                "checked_on": _date("2026-11-25"),
            },
        )


def load_conditions(models):
    """The defining conditions of programmes (conditions.json), linked to the programmes they define."""
    if models.Condition is None:
        return
    for entry in _json("conditions.json"):
        data = dict(entry)
        slug = data.pop("slug")
        programme_slugs = data.pop("programmes")
        data["checked_on"] = _date(data.get("checked_on"))
        condition, _ = models.Condition.objects.update_or_create(slug=slug, defaults=data)
        for programme in models.Programme.objects.filter(slug__in=programme_slugs):
            programme.defining_conditions.add(condition)


def load_catalogue(models):
    load_legal_forms(models)
    load_instrument_types(models)
    load_programmes(models)
    load_service_models(models)
    load_combination_rules(models)
    load_conditions(models)


def link_programmes_to_municipalities(models) -> int:
    """Link programmes kept with a municipality name to that municipality, once it exists. Returns the count."""
    linked = 0
    for programme in models.Programme.objects.filter(municipality__isnull=True).exclude(municipality_name=""):
        municipality = models.Municipality.objects.filter(name__iexact=programme.municipality_name).first()
        if municipality is not None:
            programme.municipality = municipality
            programme.save(update_fields=["municipality"])
            linked += 1
    return linked
