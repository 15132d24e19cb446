"""Fixtures of the needs assessment, on top of the shared ones in tests/conftest.py."""

import pytest
from django.utils import translation

from needs.models import Question
from tests.conftest import verified_user

from .factories import ChoiceFactory, NeedFactory, QuestionFactory, SurveyFactory


@pytest.fixture(autouse=True)
def service_areas(request):
    """The taxonomy from the data migration, back in place if a transactional test emptied the tables."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    from needs.taxonomy import ensure_service_areas

    ensure_service_areas()


@pytest.fixture(autouse=True)
def english():
    """Services and queries speak English message ids here; views pick their language per request."""
    with translation.override("en"):
        yield


@pytest.fixture
def other_resident(db):
    return verified_user(email="other-resident@example.org", display_name="Otto Nachbar")


@pytest.fixture
def need(quarter, resident):
    return NeedFactory(quarter=quarter, author=resident, title="Ein Treffpunkt für alle")


@pytest.fixture
def survey(municipality, quarter):
    """An open survey for the quarter with one question of each kind."""
    survey = SurveyFactory(municipality=municipality, quarters=[quarter])
    single = QuestionFactory(survey=survey, kind=Question.Kind.SINGLE, position=1)
    for text in ("Ja", "Nein"):
        ChoiceFactory(question=single, text={"de": text, "en": text})
    multiple = QuestionFactory(survey=survey, kind=Question.Kind.MULTIPLE, position=2)
    for text in ("Zeit", "Geld", "Räume"):
        ChoiceFactory(question=multiple, text={"de": text, "en": text})
    QuestionFactory(survey=survey, kind=Question.Kind.TEXT, position=3)
    QuestionFactory(
        survey=survey,
        kind=Question.Kind.GRID,
        position=4,
        text={"de": "Wie wichtig, wie zufrieden?", "en": "How important, how satisfied?"},
    )
    return survey


@pytest.fixture
def client(client, settings):
    """Pages in English (the message ids), for visitors and, through `client_for`, signed-in people."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def client_for(client_for, settings):
    def sign_in(user):
        signed_in = client_for(user)
        signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return signed_in

    return sign_in
