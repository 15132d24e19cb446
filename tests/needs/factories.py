"""Factories for the needs assessment (service areas come from the data migration: use `area(slug)`)."""

import datetime

import factory
from django.db.models import F
from django.utils import timezone
from factory.django import DjangoModelFactory

from needs.models import (
    AbuseReport,
    Answer,
    Choice,
    Comment,
    Need,
    Offer,
    Potential,
    Question,
    Response,
    Review,
    ServiceArea,
    Support,
    Survey,
)
from tests.factories import MunicipalityFactory, QuarterFactory, UserFactory


def area(slug="begegnung-kultur") -> ServiceArea:
    return ServiceArea.objects.get(slug=slug)


class NeedFactory(DjangoModelFactory):
    class Meta:
        model = Need

    quarter = factory.SubFactory(QuarterFactory)
    service_area = factory.LazyFunction(area)
    title = factory.Sequence(lambda n: f"Bedarf {n}")
    description = "Es fehlt ein Raum, in dem sich die Nachbarschaft treffen kann."
    author = factory.SubFactory(UserFactory)
    status = Need.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class SupportFactory(DjangoModelFactory):
    """A support written directly, counted on its need like support_add does (Need.support_count)."""

    class Meta:
        model = Support

    need = factory.SubFactory(NeedFactory)
    user = factory.SubFactory(UserFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        support = super()._create(model_class, *args, **kwargs)
        Need.objects.filter(pk=support.need_id).update(support_count=F("support_count") + 1)
        support.need.support_count += 1
        return support


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    need = factory.SubFactory(NeedFactory)
    author = factory.SubFactory(UserFactory)
    text = "Das sehe ich genauso."


class AbuseReportFactory(DjangoModelFactory):
    class Meta:
        model = AbuseReport

    need = factory.SubFactory(NeedFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = "Beleidigend."


class OfferFactory(DjangoModelFactory):
    class Meta:
        model = Offer

    quarter = factory.SubFactory(QuarterFactory)
    service_area = factory.LazyFunction(area)
    name = factory.Sequence(lambda n: f"Angebot {n}")
    status = Offer.Status.ACTIVE
    review = Review.CONFIRMED


class PotentialFactory(DjangoModelFactory):
    class Meta:
        model = Potential

    quarter = factory.SubFactory(QuarterFactory)
    kind = Potential.Kind.BUILDING
    title = factory.Sequence(lambda n: f"Leerstand {n}")
    building_status = Potential.BuildingStatus.VACANT
    review = Review.CONFIRMED


class SurveyFactory(DjangoModelFactory):
    class Meta:
        model = Survey
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.LazyFunction(lambda: {"de": "Was fehlt im Quartier?", "en": "What does the quarter lack?"})
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    status = Survey.Status.PUBLISHED

    @factory.post_generation
    def quarters(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.quarters.set(extracted)


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    kind = Question.Kind.TEXT
    position = factory.Sequence(lambda n: n)
    text = factory.LazyFunction(lambda: {"de": "Was fehlt Ihnen?", "en": "What do you miss?"})


class ChoiceFactory(DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory, kind=Question.Kind.SINGLE)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: {"de": f"Option {n}", "en": f"Option {n} (en)"})


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
