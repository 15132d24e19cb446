"""The forms the check component brings along work with CSRF protection on: an include `with ... only`
drops the page's csrf_token unless it is passed on, and a form without the token gets 403."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from initiatives.models import FinancingPlan
from tests.initiatives.factories import InitiativeFactory

from .factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

FORM = re.compile(r'<form method="(get|post)"\s+action="([^"]*)"[^>]*>(.*?)</form>', re.DOTALL)


def section(content: str, key: str) -> str:
    start = content.index(f'<section id="check-{key}"')
    return content[start : content.index("</section>", start)]


def answer_form(html: str, question: str) -> tuple[str, str, str]:
    """(method, action, inner HTML) of the form that answers `question` with yes/no buttons."""
    for method, action, inner in FORM.findall(html):
        if f'value="{question}"' in inner or f'value="{question}:yes"' in inner:
            return method, action, inner
    raise AssertionError(f"no form answers {question}")


def fields(inner: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', inner))


def test_every_post_form_on_the_pages_carries_the_token(resident, quarter):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident, backend="django.contrib.auth.backends.ModelBackend")
    initiative = InitiativeFactory(slug="csrf-cafe", quarter=quarter, lead=resident)
    ProgrammeFactory(slug="nordstadt-fonds", name="Nordstadtfonds", area_restriction="Dortmund-Nordstadt")
    pages = [
        client.get(reverse("financing:check"), {"legal_form": "ev", "municipality": "dortmund"}),
        client.get(reverse("initiatives:check", args=[initiative.slug])),
    ]
    for response in pages:
        assert response.status_code == 200
        for method, _action, inner in FORM.findall(response.content.decode()):
            if method == "post":
                assert 'name="csrfmiddlewaretoken"' in inner


def test_the_financing_checks_answer_buttons_keep_the_profile(resident, municipality):
    """The public check's answers go into the URL (GET): nothing to protect, and the answer counts."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident, backend="django.contrib.auth.backends.ModelBackend")
    ProgrammeFactory(slug="nordstadt-fonds", name="Nordstadtfonds", area_restriction="Dortmund-Nordstadt")
    response = client.get(reverse("financing:check"), {"legal_form": "ev", "municipality": "dortmund"})
    method, action, inner = answer_form(section(response.content.decode(), "needs_information"), "area:nordstadt-fonds")
    assert method == "get" and action == reverse("financing:check")
    answered = client.get(action, {**fields(inner), "answer": "area:nordstadt-fonds:yes"})
    assert answered.status_code == 200
    assert "nordstadt-fonds" in {m.item.slug for m in answered.context["result"].fits}


def test_the_initiatives_check_saves_answers_with_the_token(resident, quarter):
    """An initiative's check saves the answers (POST): the forms of the component and of the profile carry
    the token, and posting them with it succeeds."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident, backend="django.contrib.auth.backends.ModelBackend")
    initiative = InitiativeFactory(slug="csrf-cafe", quarter=quarter, lead=resident)
    ProgrammeFactory(slug="nordstadt-fonds", name="Nordstadtfonds", area_restriction="Dortmund-Nordstadt")
    url = reverse("initiatives:check", args=[initiative.slug])
    content = client.get(url).content.decode()

    # A programme's own question, answered with the component's buttons in the list of what needs information.
    method, action, inner = answer_form(section(content, "needs_information"), "area:nordstadt-fonds")
    assert method == "post" and action == url
    data = fields(inner)
    assert data["csrfmiddlewaretoken"]
    response = client.post(action, {**data, "value": "yes"})
    assert response.status_code == 302
    assert FinancingPlan.objects.get(initiative=initiative).check_answers == {"area:nordstadt-fonds": True}

    # A fact of the profile, answered in place.
    content = client.get(url).content.decode()
    method, action, inner = answer_form(content, "capital_need")
    data = fields(inner)
    response = client.post(action, {**data, "fact-capital_need-value": "60.000"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.capital_need == 60000

    # Without the token the same post is refused: the check above is real.
    assert client.post(url, {"fact": "capital_need", "fact-capital_need-value": "1"}).status_code == 403
