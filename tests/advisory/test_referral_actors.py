"""Referrals and the actor directory share one vocabulary (initiatives.Actor.Kind); the form offers the
directory's actors of the case's municipality."""

import importlib

import pytest
from django.apps import apps as current_apps
from django.urls import reverse
from django.utils import timezone

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
