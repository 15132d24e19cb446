"""Writes to the financing catalogue: programmes, their import, service models, linking municipalities."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from quarters.models import Municipality

from .catalogue import Models, link_programmes_to_municipalities
from .catalogue_cache import batched_changes
from .models import Programme, ServiceModel, ServiceModelFinancing, ServiceModelLegalForm

PROGRAMME_M2M = ("eligible_legal_forms", "service_areas")


def unique_slug(model, text: str, *, exclude_pk=None, max_length: int = 100) -> str:
    base = slugify(text)[:max_length].strip("-") or "eintrag"
    slug, number = base, 2
    queryset = model.objects.all()
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    while queryset.filter(slug=slug).exists():
        suffix = f"-{number}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        number += 1
    return slug


def _check_municipality(by, municipality: Municipality | None):
    """Coordinators write only their own municipality's programmes; the shared catalogue is for admins."""
    if by is None or by.is_superuser:
        return
    if municipality is None or not by.has_perm("financing.change_programme", Programme(municipality=municipality)):
        raise PermissionDenied(_("You can only keep the programmes of your own municipality."))


def _assign(programme: Programme, fields: dict):
    m2m = {name: fields[name] for name in PROGRAMME_M2M if name in fields}
    for name, value in fields.items():
        if name not in PROGRAMME_M2M:
            setattr(programme, name, value)
    return m2m


@transaction.atomic
def programme_create(*, fields: dict, municipality: Municipality | None, by) -> Programme:
    _check_municipality(by, municipality)
    programme = Programme(municipality=municipality, created_by=by)
    m2m = _assign(programme, fields)
    if municipality is not None:
        programme.municipality_name = municipality.name
        programme.level = programme.level or "municipal"
    if not programme.slug:
        programme.slug = unique_slug(Programme, programme.name)
    programme.full_clean()
    programme.save()
    for name, values in m2m.items():
        getattr(programme, name).set(values)
    return programme


@transaction.atomic
def programme_update(*, programme: Programme, fields: dict, by) -> Programme:
    _check_municipality(by, programme.municipality)
    fields = {name: value for name, value in fields.items() if name not in ("municipality", "slug")}
    m2m = _assign(programme, fields)
    programme.full_clean()
    programme.save()
    for name, values in m2m.items():
        getattr(programme, name).set(values)
    return programme


@transaction.atomic
def programme_delete(*, programme: Programme, by) -> None:
    _check_municipality(by, programme.municipality)
    programme.delete()


@dataclass(frozen=True)
class ImportedRow:
    """A validated row of an import: model fields plus many-to-many values (already looked up)."""

    line: int
    slug: str
    fields: dict


@transaction.atomic
def programmes_import(*, rows: Sequence[ImportedRow], municipality: Municipality | None, by) -> tuple[int, int]:
    """Create or update the programmes of an import whose rows were all validated. Returns (created, updated).

    A row whose slug names an existing programme updates it; the import checked that `by` may change it.
    """
    _check_municipality(by, municipality)
    created = updated = 0
    with batched_changes():  # one new catalogue version for the whole import, not one per row
        for row in rows:
            existing = Programme.objects.filter(slug=row.slug).first()
            if existing is not None:
                programme_update(programme=existing, fields=row.fields, by=by)
                updated += 1
            else:
                programme_create(fields={**row.fields, "slug": row.slug}, municipality=municipality, by=by)
                created += 1
    return created, updated


def programmes_link_municipalities(*, by=None) -> int:
    """Link programmes kept with a municipality's name (e.g. Dortmund's own funds) to that municipality."""
    with transaction.atomic(), batched_changes():
        return link_programmes_to_municipalities(Models.from_apps(apps))


def _save_service_model_lines(
    model: ServiceModel,
    legal_form_lines: Iterable[tuple] | None,
    financing_lines: Iterable[tuple] | None,
):
    if legal_form_lines is not None:
        model.legal_form_lines.all().delete()
        for position, (legal_form, reason) in enumerate(legal_form_lines, start=1):
            line = ServiceModelLegalForm(service_model=model, legal_form=legal_form, reason=reason, position=position)
            line.full_clean()
            line.save()
    if financing_lines is not None:
        model.financing_lines.all().delete()
        for position, (instrument_type, share, note) in enumerate(financing_lines, start=1):
            line = ServiceModelFinancing(
                service_model=model, instrument_type=instrument_type, share_percent=share, note=note, position=position
            )
            line.full_clean()
            line.save()


@transaction.atomic
def service_model_create(
    *,
    fields: dict,
    by,
    legal_form_lines: Iterable[tuple] | None = None,
    financing_lines: Iterable[tuple] | None = None,
) -> ServiceModel:
    areas = fields.pop("service_areas", None)
    model = ServiceModel(**fields, updated_by=by)
    if not model.slug:
        model.slug = unique_slug(ServiceModel, model.name, max_length=80)
    model.full_clean()
    model.save()
    if areas is not None:
        model.service_areas.set(areas)
    _save_service_model_lines(model, legal_form_lines, financing_lines)
    return model


@transaction.atomic
def service_model_update(
    *,
    service_model: ServiceModel,
    fields: dict,
    by,
    legal_form_lines: Iterable[tuple] | None = None,
    financing_lines: Iterable[tuple] | None = None,
) -> ServiceModel:
    areas = fields.pop("service_areas", None)
    for name, value in fields.items():
        if name != "slug":
            setattr(service_model, name, value)
    service_model.updated_by = by
    service_model.full_clean()
    service_model.save()
    if areas is not None:
        service_model.service_areas.set(areas)
    _save_service_model_lines(service_model, legal_form_lines, financing_lines)
    return service_model
