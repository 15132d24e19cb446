"""Factories for the foundation's models; each app adds its own in tests/<app>/factories.py."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from accounts.models import User
from quarters.models import Municipality, Quarter, QuarterStatistics, StaffRole


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Stadt {n}")
    slug = factory.Sequence(lambda n: f"stadt-{n}")
    state = "Nordrhein-Westfalen"


class QuarterFactory(DjangoModelFactory):
    class Meta:
        model = Quarter
        django_get_or_create = ["slug"]

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Quartier {n}")
    slug = factory.Sequence(lambda n: f"quartier-{n}")


class QuarterStatisticsFactory(DjangoModelFactory):
    class Meta:
        model = QuarterStatistics

    quarter = factory.SubFactory(QuarterFactory)
    reference_date = datetime.date(2025, 12, 31)
    population = 10000
    age_under_18 = 1500
    age_18_to_64 = 6000
    age_65_to_79 = 1800
    age_80_plus = 700
    share_without_german_citizenship = Decimal("20.00")
    main_languages = factory.LazyFunction(lambda: ["Deutsch", "Türkisch"])
    source = "Testdaten"


class StaffRoleFactory(DjangoModelFactory):
    class Meta:
        model = StaffRole

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = StaffRole.Role.COORDINATOR
