"""Who may keep which part of the catalogue: roles x (shared programme, own programme, another's programme)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from financing.models import Programme
from tests.financing.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(municipality, other_municipality):
    return {
        "shared": Programme.objects.get(slug="heimat-scheck-nrw"),
        "own": ProgrammeFactory(municipality=municipality, level="municipal"),
        "other": ProgrammeFactory(municipality=other_municipality, level="municipal"),
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("resident", {"shared": False, "own": False, "other": False}),
        ("advisor", {"shared": False, "own": False, "other": False}),
        ("coordinator", {"shared": False, "own": True, "other": False}),
        ("other_coordinator", {"shared": False, "own": False, "other": True}),
        ("admin_user", {"shared": True, "own": True, "other": True}),
    ],
)
def test_change_and_delete_programme(role, expected, programmes, request):
    user = request.getfixturevalue(role)
    for key, programme in programmes.items():
        assert user.has_perm("financing.change_programme", programme) is expected[key], key
        assert user.has_perm("financing.delete_programme", programme) is expected[key], key


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("resident", False), ("advisor", False), ("coordinator", True), ("other_coordinator", True), ("admin_user", True)],
)
def test_catalogue_keepers(role, allowed, request):
    user = request.getfixturevalue(role)
    for perm in (
        "financing.add_programme",
        "financing.import_programmes",
        "financing.export_programmes",
        "financing.add_servicemodel",
        "financing.change_servicemodel",
    ):
        assert user.has_perm(perm) is allowed, perm


def test_visitor_keeps_nothing(programmes):
    assert not AnonymousUser().has_perm("financing.change_programme", programmes["own"])
