"""Referrals and the actor directory share one vocabulary (initiatives.Actor.Kind); the form offers the
directory's actors of the case's municipality, the case page shows the linked actor and the admin finds it."""

import importlib

import pytest
from django.apps import apps as current_apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from advisory import services
from advisory.forms import ReferralForm
from advisory.models import Referral
from initiatives.models import Actor
from tests.initiatives.factories import ActorFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("advisory.migrations.0003_referral_actor")


def test_every_old_referral_kind_exists_in_the_directory_vocabulary():
    old_kinds = ["economic_development", "bank", "promotional_bank", "foundation", "audit_association", "other"]
    assert set(old_kinds) <= set(Actor.Kind.values)
    assert migration.RENAMED_ACTOR_TYPES == {"welfare_association": "welfare"}
    assert set(migration.RENAMED_ACTOR_TYPES.values()) <= set(Actor.Kind.values)


def test_the_data_migration_renames_the_welfare_association(case):
    old = Referral.objects.create(case=case, actor_type="welfare_association", actor_name="Caritasverband")
    bank = Referral.objects.create(case=case, actor_type="bank", actor_name="Sparkasse")
    migration.rename_actor_types(current_apps, None)
    assert Referral.objects.get(pk=old.pk).actor_type == "welfare"
    assert Referral.objects.get(pk=bank.pk).actor_type == "bank"
    migration.restore_actor_types(current_apps, None)
    assert Referral.objects.get(pk=old.pk).actor_type == "welfare_association"


def test_the_form_offers_the_actors_of_the_case_municipality_and_those_across(case, municipality, other_municipality):
    here = ActorFactory(name="Sparkasse hier", kind=Actor.Kind.BANK, municipality=municipality)
    across = ActorFactory(name="GLS Bank", kind=Actor.Kind.BANK, municipality=None)
    ActorFactory(name="Sparkasse dort", kind=Actor.Kind.BANK, municipality=other_municipality)
    form = ReferralForm(case=case)
    assert list(form.fields["actor"].queryset) == [across, here]


def _data(**fields):
    return {"referred_on": timezone.localdate().isoformat(), "status": "planned", "result": "", **fields}


def test_the_form_needs_kind_and_name_without_an_actor_of_the_directory(case):
    form = ReferralForm(_data(actor="", actor_type="", actor_name=""), case=case)
    assert not form.is_valid()
    assert set(form.errors) == {"actor_type", "actor_name"}


def test_the_form_needs_neither_with_an_actor_of_the_directory(case, municipality):
    actor = ActorFactory(municipality=municipality)
    form = ReferralForm(_data(actor=actor.pk, actor_type="", actor_name=""), case=case)
    assert form.is_valid(), form.errors


def test_an_advisor_refers_a_case_to_an_actor_of_the_directory(client, case, advisor, municipality):
    actor = ActorFactory(name="NRW.BANK", kind=Actor.Kind.PROMOTIONAL_BANK, municipality=municipality)
    client.force_login(advisor)
    page = client.get(reverse("advisory:referral_create", args=[case.pk])).content.decode()
    assert "NRW.BANK" in page
    response = client.post(
        reverse("advisory:referral_create", args=[case.pk]),
        _data(actor=actor.pk, actor_type="", actor_name="", reason="Förderdarlehen"),
    )
    assert response.status_code == 302
    referral = Referral.objects.get(case=case)
    assert (referral.actor, referral.actor_type, referral.actor_name) == (actor, "promotional_bank", "NRW.BANK")


def _browser_of(user) -> Client:
    """A client that, like a browser, must send the CSRF token with every POST."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return browser


def _post_with_token(browser, url, data):
    page = browser.get(url)
    assert page.status_code == 200
    return browser.post(url, {**data, "csrfmiddlewaretoken": browser.cookies["csrftoken"].value})


def test_the_form_refers_to_a_chosen_actor_of_the_municipality_with_csrf_enforced(
    case, advisor, municipality, other_municipality
):
    here = ActorFactory(name="Sparkasse Dortmund", kind=Actor.Kind.BANK, municipality=municipality)
    across = ActorFactory(name="GLS Bank", kind=Actor.Kind.BANK, municipality=None)
    ActorFactory(name="Sparkasse Gelsenkirchen", kind=Actor.Kind.BANK, municipality=other_municipality)
    browser = _browser_of(advisor)
    url = reverse("advisory:referral_create", args=[case.pk])
    form = browser.get(url).content.decode()
    assert "Sparkasse Dortmund" in form and "GLS Bank" in form and "Sparkasse Gelsenkirchen" not in form

    assert browser.post(url, _data(actor=here.pk, actor_type="", actor_name="")).status_code == 403  # no token
    response = _post_with_token(browser, url, _data(actor=here.pk, actor_type="", actor_name="", reason="Kredit"))
    assert response.status_code == 302
    referral = Referral.objects.get(case=case)
    assert (referral.actor, referral.actor_type, referral.actor_name) == (here, "bank", "Sparkasse Dortmund")

    response = _post_with_token(browser, url, _data(actor=across.pk, actor_type="", actor_name=""))
    assert response.status_code == 302
    assert Referral.objects.filter(case=case, actor=across).exists()


def test_the_form_refers_to_a_typed_name_without_an_actor_with_csrf_enforced(case, advisor):
    browser = _browser_of(advisor)
    url = reverse("advisory:referral_create", args=[case.pk])
    response = _post_with_token(
        browser, url, _data(actor="", actor_type=Actor.Kind.FOUNDATION, actor_name="Stiftung Mitmachen")
    )
    assert response.status_code == 302
    referral = Referral.objects.get(case=case)
    assert (referral.actor, referral.actor_type, referral.actor_name) == (None, "foundation", "Stiftung Mitmachen")


def test_the_form_refuses_another_municipalitys_actor(case, advisor, other_municipality):
    elsewhere = ActorFactory(name="Sparkasse Gelsenkirchen", municipality=other_municipality)
    browser = _browser_of(advisor)
    url = reverse("advisory:referral_create", args=[case.pk])
    response = _post_with_token(browser, url, _data(actor=elsewhere.pk, actor_type="", actor_name=""))
    assert response.status_code == 200  # the form again, with the choice refused
    assert "actor" in response.context["form"].errors
    assert not Referral.objects.exists()


def test_the_case_page_shows_the_directory_actor_and_else_the_given_name(client, case, advisor, municipality):
    actor = ActorFactory(name="Wohlfahrt Nord", kind=Actor.Kind.WELFARE, municipality=municipality)
    services.referral_create(case=case, actor=actor, reason="Assistenz", by=advisor)
    services.referral_create(case=case, actor_type=Actor.Kind.BANK, actor_name="Hausbank am Markt", by=advisor)
    actor.name, actor.kind = "Wohlfahrtsverband Nord", Actor.Kind.ASSOCIATION  # renamed in the directory since
    actor.save()

    client.force_login(advisor)
    page = client.get(case.get_absolute_url()).content.decode()
    referrals = page[page.index('id="referrals"') :]
    assert "Wohlfahrtsverband Nord" in referrals and str(Actor.Kind.ASSOCIATION.label) in referrals
    assert "Wohlfahrt Nord" not in referrals  # the directory's name, not the one copied at the time
    assert "Hausbank am Markt" in referrals and str(Actor.Kind.BANK.label) in referrals
    assert referrals.count("im Verzeichnis") + referrals.count("in the directory") == 1

    edit = client.get(reverse("advisory:referral_edit", args=[Referral.objects.get(actor=actor).pk]))
    assert "Wohlfahrtsverband Nord" in edit.content.decode()


def test_the_referral_keeps_its_name_when_the_actor_leaves_the_directory(case, advisor, municipality):
    actor = ActorFactory(name="Wohlfahrt Nord", kind=Actor.Kind.WELFARE, municipality=municipality)
    referral = services.referral_create(case=case, actor=actor, by=advisor)
    actor.delete()
    referral.refresh_from_db()
    assert referral.actor is None
    assert (referral.shown_actor_name, referral.shown_actor_kind) == ("Wohlfahrt Nord", Actor.Kind.WELFARE.label)


def test_the_admin_lists_and_searches_referrals_by_their_actor(client_for, admin_user, case, advisor, municipality):
    actor = ActorFactory(name="Bürgerstiftung Nord", kind=Actor.Kind.FOUNDATION, municipality=municipality)
    referral = services.referral_create(case=case, actor=actor, by=advisor)
    actor.name = "Bürgerstiftung Dortmund-Nord"  # searched by the directory's name, not only the copied one
    actor.save()
    services.referral_create(case=case, actor_type=Actor.Kind.BANK, actor_name="Hausbank", by=advisor)
    client = client_for(admin_user)
    changelist = reverse("admin:advisory_referral_changelist")
    found = client.get(changelist, {"q": "Dortmund-Nord"})
    assert found.status_code == 200
    assert list(found.context["cl"].result_list) == [referral]
    assert "Bürgerstiftung Dortmund-Nord" in found.content.decode()
    change = client.get(reverse("admin:advisory_referral_change", args=[referral.pk]))
    assert change.status_code == 200 and "Bürgerstiftung Dortmund-Nord" in change.content.decode()
