"""Workshops of a municipality with the cases taking part."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Case, Workshop


def _check_cases(municipality, cases) -> list[Case]:
    cases = list(cases or [])
    if any(case.municipality_id != municipality.pk for case in cases):
        raise ValidationError({"cases": _("Only cases of the same municipality can take part.")})
    return cases


@transaction.atomic
def workshop_create(
    *,
    municipality,
    title: str,
    topic: str,
    held_on: datetime.date,
    place: str,
    by,
    description: str = "",
    attendees: int | None = None,
    cases=(),
) -> Workshop:
    cases = _check_cases(municipality, cases)
    workshop = Workshop(
        municipality=municipality,
        title=(title or "").strip(),
        topic=topic,
        held_on=held_on,
        place=(place or "").strip(),
        description=(description or "").strip(),
        attendees=attendees,
        created_by=by,
    )
    workshop.full_clean()
    workshop.save()
    workshop.cases.set(cases)
    return workshop


@transaction.atomic
def workshop_update(
    *,
    workshop: Workshop,
    title: str,
    topic: str,
    held_on: datetime.date,
    place: str,
    by,
    description: str = "",
    attendees: int | None = None,
    cases=(),
) -> Workshop:
    cases = _check_cases(workshop.municipality, cases)
    workshop.title = (title or "").strip()
    workshop.topic = topic
    workshop.held_on = held_on
    workshop.place = (place or "").strip()
    workshop.description = (description or "").strip()
    workshop.attendees = attendees
    workshop.full_clean()
    workshop.save()
    workshop.cases.set(cases)
    return workshop
