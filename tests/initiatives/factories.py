"""Factories for the initiative registry. Needs and potentials come from tests/needs/factories.py."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from financing.models import LegalForm
from initiatives import services
from initiatives.models import (
    Actor,
    Concept,
    HelpOffer,
    Initiative,
    Invitation,
    Membership,
    MunicipalTakeover,
    Pledge,
)
from tests.factories import QuarterFactory, UserFactory


def legal_form(slug="eg") -> LegalForm:
    """The catalogue's legal forms with the founder minimums the viability check reads."""
    data = {
        "eg": {"name": "Eingetragene Genossenschaft", "abbreviation": "eG", "min_founders": 3},
        "ev": {"name": "Eingetragener Verein", "abbreviation": "e.V.", "min_founders": 7},
        "gbr": {"name": "Gesellschaft bürgerlichen Rechts", "abbreviation": "GbR", "min_founders": 2},
    }[slug]
    form, _ = LegalForm.objects.get_or_create(slug=slug, defaults=data)
    return form


class InitiativeFactory(DjangoModelFactory):
    """An initiative in one quarter with its concept; `lead=user` adds a lead membership."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    municipality = factory.LazyAttribute(lambda o: o.quarter.municipality)
    short_description = "Ein Treffpunkt für alle Generationen."
    status = Initiative.Status.PUBLISHED
    published_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == "published" else None)
    motives = factory.LazyFunction(lambda: ["community"])
    wizard_step = 5
    quarter = factory.SubFactory(QuarterFactory)  # the first quarter; not a model field (see _create)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        quarter = kwargs.pop("quarter")
        obj = super()._create(model_class, *args, **kwargs)
        obj._factory_quarter = quarter
        return obj

    @factory.post_generation
    def quarters(obj, create, extracted, **kwargs):
        if create:
            obj.quarters.set(extracted or [obj._factory_quarter])

    @factory.post_generation
    def concept(obj, create, extracted, **kwargs):
        if create:
            Concept.objects.get_or_create(initiative=obj)

    @factory.post_generation
    def lead(obj, create, extracted, **kwargs):
        if create and extracted:
            Membership.objects.create(initiative=obj, user=extracted, role=Membership.Role.LEAD)

    @factory.post_generation
    def search_index(obj, create, extracted, **kwargs):
        # The services keep the stored search vector current; a factory-made initiative gets it the same way.
        if create:
            services.initiative_index_search(initiative=obj)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.CORE


class HelpOfferFactory(DjangoModelFactory):
    class Meta:
        model = HelpOffer

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)
    skills = "Kochen und Backen"
    hours_per_month = 4
    contact = "per E-Mail"


class PledgeFactory(DjangoModelFactory):
    class Meta:
        model = Pledge

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)
    kind = Pledge.Kind.DONATION
    amount = Decimal("100.00")


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    initiative = factory.SubFactory(InitiativeFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = Membership.Role.CORE
    token_hash = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Akteur {n}")
    kind = Actor.Kind.WELFARE


class TakeoverFactory(DjangoModelFactory):
    class Meta:
        model = MunicipalTakeover

    initiative = factory.SubFactory(InitiativeFactory)
    quarter_coordinator = factory.SubFactory(UserFactory)
    reason = "Niemand trägt das Vorhaben."
    review_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
