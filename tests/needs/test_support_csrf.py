"""Supporting a need from its page and from the list works with CSRF enforced, as in a browser."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _token_of_support_form(html: str, need) -> str:
    form = re.search(rf'<form[^>]*action="{reverse("needs:support", args=[need.pk])}".*?</form>', html, re.S)
    assert form, "the support form is missing"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(0))
    assert token, "the support form carries no CSRF token"
    return token.group(1)


@pytest.mark.parametrize("page", ["detail", "list"])
def test_support_button_posts_with_its_token(need, page):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(UserFactory(), backend="django.contrib.auth.backends.ModelBackend")
    url = need.get_absolute_url() if page == "detail" else reverse("needs:list")
    token = _token_of_support_form(browser.get(url).content.decode(), need)
    response = browser.post(reverse("needs:support", args=[need.pk]), {"csrfmiddlewaretoken": token})
    assert response.status_code in (200, 302)
    need.refresh_from_db()
    assert need.support_count == 1
