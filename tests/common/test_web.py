"""The web layer: one permission decorator, one service-from-form helper, one action helper."""

import pytest
import rules
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from common.web import act, paginate, permission_required, submit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

is_mine = rules.predicate(lambda user, box: box == "mine")
rules.add_perm("common_test.open_box", rules.predicates.is_authenticated & is_mine)
rules.add_perm("common_test.see_list", rules.predicates.is_authenticated)


def _request(user, method="get", data=None, path="/box/mine/7/"):
    request = getattr(RequestFactory(), method)(path, data or {})
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _box(request, name):
    return name


@permission_required("common_test.open_box", _box)
def open_box(request, box, pk):
    return HttpResponse(f"{box}:{pk}")


@permission_required("common_test.see_list")
def box_list(request, **kwargs):
    return HttpResponse(",".join(sorted(kwargs)))


def test_the_view_gets_the_object_and_the_url_arguments_the_getter_did_not_take():
    response = open_box(_request(UserFactory()), name="mine", pk=7)
    assert response.content == b"mine:7"


def test_visitors_go_to_the_login_with_the_way_back():
    response = open_box(_request(AnonymousUser()), name="mine", pk=7)
    assert response.status_code == 302
    assert response.url.endswith("?next=/box/mine/7/")


def test_signed_in_people_without_the_permission_get_403():
    with pytest.raises(PermissionDenied):
        open_box(_request(UserFactory()), name="theirs", pk=7)


def test_a_permission_without_object_passes_the_url_arguments_on():
    assert box_list(_request(UserFactory()), year="2026").content == b"year"
    assert box_list(_request(AnonymousUser())).status_code == 302


class NameForm(forms.Form):
    name = forms.CharField()
    note = forms.CharField(required=False)


def _refuse_on_name():
    raise ValidationError({"name": "This name is taken.", "other": "Not a field of the form."})


def test_submit_puts_a_services_refusal_on_the_field_it_names_and_keeps_what_was_typed():
    request = _request(UserFactory(), "post", {"name": "Nachbarschaftshilfe", "note": "bitte prüfen"})
    form = NameForm(request.POST)
    outcome = submit(request, form, _refuse_on_name, success="Saved.")
    assert not outcome.ok
    assert form.errors == {"name": ["This name is taken."], "__all__": ["Not a field of the form."]}
    assert form["note"].value() == "bitte prüfen"
    assert [str(m) for m in get_messages(request)] == []


def test_submit_calls_the_service_once_on_a_valid_post_and_says_so():
    request = _request(UserFactory(), "post", {"name": "Erzählcafé"})
    form = NameForm(request.POST)
    outcome = submit(request, form, lambda: form.cleaned_data["name"].upper(), success="Saved.")
    assert (outcome.ok, outcome.result) == (True, "ERZÄHLCAFÉ")
    assert [str(m) for m in get_messages(request)] == ["Saved."]


def test_submit_does_nothing_on_a_get_or_an_invalid_form():
    called = []
    request = _request(UserFactory())
    assert not submit(request, NameForm(), lambda: called.append(1)).ok
    request = _request(UserFactory(), "post", {"name": ""})
    form = NameForm(request.POST)
    assert not submit(request, form, lambda: called.append(1)).ok
    assert called == [] and "name" in form.errors


def test_act_flashes_the_refusal_or_the_success_and_redirects_either_way():
    request = _request(UserFactory(), "post")
    response = act(request, _refuse_on_name, to="/back/", success="Done.")
    assert response.url == "/back/"
    assert sorted(str(m) for m in get_messages(request)) == ["Not a field of the form.", "This name is taken."]
    request = _request(UserFactory(), "post")
    assert act(request, lambda: None, to="/back/", success="Done.").url == "/back/"
    assert [str(m) for m in get_messages(request)] == ["Done."]


def test_paginate_reads_the_page_and_the_named_size(settings):
    settings.PAGE_SIZES = {"default": 20, "small": 3}
    request = RequestFactory().get("/", {"page": "2"})
    page = paginate(request, list(range(10)), "small")
    assert list(page) == [3, 4, 5] and page.paginator.num_pages == 4
    assert list(paginate(RequestFactory().get("/", {"page": "99"}), list(range(10)), "small")) == [9]
    assert len(paginate(RequestFactory().get("/"), list(range(30)))) == 20
