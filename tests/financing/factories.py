"""Factories for the financing catalogue. Legal forms, instrument types and the real programmes come from
the data migration: use `legal_form(slug)` and `instrument(slug)` to fetch them."""

import datetime

import factory
from factory.django import DjangoModelFactory

from financing.models import InstrumentType, LegalForm, Programme, ServiceModel


def legal_form(slug="ev") -> LegalForm:
    return LegalForm.objects.get(slug=slug)


def instrument(slug="zuschuss") -> InstrumentType:
    return InstrumentType.objects.get(slug=slug)


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Testprogramm {n}")
    slug = factory.Sequence(lambda n: f"testprogramm-{n}")
    provider = "Testanbieter"
    instrument_type = factory.LazyFunction(instrument)
    level = "state"
    state = "DE-NW"
    sources = "[1] https://example.org/programm"
    checked_on = datetime.date(2026, 11, 25)


class ServiceModelFactory(DjangoModelFactory):
    class Meta:
        model = ServiceModel
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Modell {n}")
    slug = factory.Sequence(lambda n: f"modell-{n}")
    summary = "Ein Testmodell."
    sources = "[1] https://example.org/modell"
    checked_on = datetime.date(2026, 11, 25)
