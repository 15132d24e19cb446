"""Need.support_count: the stored number of supports stays equal to the support rows, whatever path changes them."""

import importlib

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, F
from django.test import RequestFactory

from needs import services
from needs.models import Need, Support
from needs.queries import need_list
from tests.factories import UserFactory

from .factories import NeedFactory, SupportFactory

pytestmark = pytest.mark.django_db


def stored_and_counted(*needs):
    """(stored, counted) per need, read fresh from the database."""
    rows = Need.objects.filter(pk__in=[n.pk for n in needs]).annotate(counted=Count("supports"))
    return {row.pk: (row.support_count, row.counted) for row in rows}


def assert_counts_right(*needs):
    for stored, counted in stored_and_counted(*needs).values():
        assert stored == counted


def test_support_and_withdraw_move_the_count_by_one(quarter):
    need = NeedFactory(quarter=quarter)
    people = UserFactory.create_batch(3)
    for person in people:
        services.support_add(need=need, by=person)
    assert stored_and_counted(need)[need.pk] == (3, 3)
    services.support_withdraw(need=need, by=people[0])
    assert stored_and_counted(need)[need.pk] == (2, 2)


def test_a_refused_support_or_withdrawal_leaves_the_count(quarter, resident):
    need = NeedFactory(quarter=quarter)
    services.support_add(need=need, by=resident)
    with pytest.raises(ValidationError, match="already support"):
        services.support_add(need=need, by=resident)
    services.support_withdraw(need=need, by=resident)
    with pytest.raises(ValidationError, match="do not support"):
        services.support_withdraw(need=need, by=resident)
    assert stored_and_counted(need)[need.pk] == (0, 0)


def test_merging_moves_the_count_with_the_supports(quarter, coordinator):
    target, duplicate = NeedFactory.create_batch(2, quarter=quarter)
    both, only_target, only_duplicate = UserFactory.create_batch(3)
    for person in (both, only_target):
        services.support_add(need=target, by=person)
    for person in (both, only_duplicate):
        services.support_add(need=duplicate, by=person)
    services.need_merge(need=duplicate, into=target, by=coordinator)
    assert stored_and_counted(target, duplicate) == {target.pk: (3, 3), duplicate.pk: (0, 0)}


def test_the_usual_account_deletion_keeps_the_supports_and_the_counts(quarter, resident):
    from accounts.services import user_delete

    need = NeedFactory(quarter=quarter)
    services.support_add(need=need, by=resident)
    user_delete(user=resident)
    assert stored_and_counted(need)[need.pk] == (1, 1)


def test_an_account_deleted_for_good_takes_its_supports_out_of_the_counts(quarter, resident):
    needs = NeedFactory.create_batch(2, quarter=quarter)
    other = UserFactory()
    for need in needs:
        services.support_add(need=need, by=resident)
    services.support_add(need=needs[0], by=other)
    resident.delete()  # the admin: the supports go by CASCADE
    assert stored_and_counted(*needs) == {needs[0].pk: (1, 1), needs[1].pk: (0, 0)}


def test_the_admin_recounts_what_it_deletes_or_moves(quarter, admin_user):
    first, second = NeedFactory.create_batch(2, quarter=quarter)
    supports = [services.support_add(need=first, by=UserFactory()) for _ in range(3)]
    model_admin = admin.site._registry[Support]
    request = RequestFactory().post("/")
    request.user = admin_user
    model_admin.delete_queryset(request, Support.objects.filter(pk=supports[0].pk))
    model_admin.delete_model(request, supports[1])
    assert_counts_right(first)
    moved = supports[2]
    moved.need = second
    model_admin.save_model(request, moved, form=None, change=True)
    assert stored_and_counted(first, second) == {first.pk: (0, 0), second.pk: (1, 1)}


def test_recount_supports_repairs_counts_written_around_the_services(quarter):
    need = NeedFactory(quarter=quarter)
    Support.objects.bulk_create([Support(need=need, user=user) for user in UserFactory.create_batch(4)])
    assert stored_and_counted(need)[need.pk] == (0, 4)
    assert services.recount_supports(need_ids=[need.pk]) == 1
    assert stored_and_counted(need)[need.pk] == (4, 4)


def test_the_migration_backfills_every_need_in_one_update(quarter):
    migration = importlib.import_module("needs.migrations.0004_need_support_count")
    supported, unsupported = NeedFactory.create_batch(2, quarter=quarter)
    for person in UserFactory.create_batch(2):
        SupportFactory(need=supported, user=person)
    Need.objects.update(support_count=0)
    with connection.cursor() as cursor:
        sql = migration.BACKFILL_POSTGRESQL if connection.vendor == "postgresql" else migration.BACKFILL_OTHER
        cursor.execute(sql)
    assert stored_and_counted(supported, unsupported) == {supported.pk: (2, 2), unsupported.pk: (0, 0)}


def test_the_scale_loader_writes_the_counts_of_the_supports_it_writes():
    call_command("seed_scale", preset="tiny", seed=3, verbosity=0)
    wrong = Need.objects.annotate(counted=Count("supports")).exclude(support_count=F("counted"))
    assert Need.objects.filter(support_count__gt=0).exists()
    assert not wrong.exists()


def test_the_default_list_sorts_by_the_stored_count(quarter):
    low, high = NeedFactory.create_batch(2, quarter=quarter)
    for person in UserFactory.create_batch(2):
        services.support_add(need=high, by=person)
    services.support_add(need=low, by=UserFactory())
    assert list(need_list(quarter=quarter)) == [high, low]
