"""Factories for advisory tests. Initiatives are made here too (a minimal one), so these tests do not depend
on another app's test helpers."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from advisory.models import Case, ConfidentialNote, Consultation, ConsultationTopic, Referral, Task, Workshop
from initiatives.models import Actor, Initiative, Membership
from tests.factories import MunicipalityFactory, QuarterFactory, UserFactory


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    short_description = "Eine Initiative im Quartier."
    status = Initiative.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def quarters(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.quarters.set(extracted)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.LEAD


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case

    quarter = factory.SubFactory(QuarterFactory)
    municipality = factory.LazyAttribute(lambda o: o.quarter.municipality)
    name = factory.Sequence(lambda n: f"Gruppe {n}")
    opened_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = Consultation

    case = factory.SubFactory(CaseFactory)
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    duration_minutes = 60
    format = Consultation.Format.ON_SITE
    summary = factory.Sequence(lambda n: f"Zusammenfassung {n}")


class ConsultationTopicFactory(DjangoModelFactory):
    class Meta:
        model = ConsultationTopic

    consultation = factory.SubFactory(ConsultationFactory)
    topic = "financing"


class ConfidentialNoteFactory(DjangoModelFactory):
    class Meta:
        model = ConfidentialNote

    consultation = factory.SubFactory(ConsultationFactory)
    text = factory.Sequence(lambda n: f"GEHEIM-NOTIZ-{n}")


class TaskFactory(DjangoModelFactory):
    class Meta:
        model = Task

    case = factory.SubFactory(CaseFactory)
    title = factory.Sequence(lambda n: f"Aufgabe {n}")


class ReferralFactory(DjangoModelFactory):
    class Meta:
        model = Referral

    case = factory.SubFactory(CaseFactory)
    actor_type = Actor.Kind.BANK
    actor_name = "Bank für Sozialwirtschaft"


class WorkshopFactory(DjangoModelFactory):
    class Meta:
        model = Workshop

    municipality = factory.SubFactory(MunicipalityFactory)
    title = "Rechtsformen für Wohnprojekte"
    topic = "legal_form"
    held_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=20))
    place = "Bürgerhaus"
