"""The accessibility statement (BITV 2.0 § 7, EU model statement): reachable from every page's footer, with every
section the model asks for. axe checks the page in tests/browser/test_foundation_journeys.py."""

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_statement_is_linked_from_the_footer_and_complete(settings, language):
    client = Client(headers={"Accept-Language": language})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    home = client.get(reverse("home")).content.decode()
    footer = home[home.index("<footer") :]
    assert f'href="{reverse("accessibility")}"' in footer

    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    page = text_of(response)
    assert page.count(" ") > 300  # a statement, not a stub
    # The model's sections: scope, compliance, non-accessible content, preparation, feedback, enforcement.
    for required in (
        "BITV 2.0",
        "WCAG 2.1",
        "2016/2102",
        "25",  # the date of preparation
        "axe-core",
        settings.KUDEQUA_CONTACT_EMAIL,
        "§ 16",
        "Schlichtungsstelle",
        "Ombudsstelle für barrierefreie Informationstechnik",
        "ombudsstelle-barrierefreie-it@mags.nrw.de",
        "Leichte",
    ):
        assert required in page, required
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", response.content.decode())
    assert len(headings) == 5, headings
    assert f'href="mailto:{settings.KUDEQUA_CONTACT_EMAIL}"' in response.content.decode()
