"""seed_scale: the counts of a preset, the same data for the same seed, and supports that follow a Zipf-like law."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q

from accounts.models import User
from advisory.models import Case, Consultation
from devdata.scale.build import support_distribution
from devdata.scale.presets import PRESETS
from financing.models import Programme
from initiatives.models import Initiative, Membership
from needs.models import Need, Support
from quarters.models import Municipality, Quarter, StaffRole

TODAY = datetime.date(2026, 11, 25)

pytestmark = pytest.mark.django_db


def seed(**options):
    call_command("seed_scale", preset="tiny", today=TODAY, verbosity=0, **options)


def signature() -> dict:
    """Everything that would differ if the generator were not deterministic."""
    return {
        "municipalities": list(Municipality.objects.order_by("pk").values_list("pk", "name", "slug")),
        "quarters": list(Quarter.objects.order_by("pk").values_list("pk", "slug", "municipality_id")),
        "users": list(User.objects.order_by("pk").values_list("pk", "email", "display_name", "date_joined")),
        "needs": list(
            Need.objects.order_by("pk").values_list(
                "pk", "quarter_id", "service_area_id", "title", "description", "status", "author_id", "created_at"
            )
        ),
        "supports": list(Support.objects.order_by("pk").values_list("need_id", "user_id", "created_at")),
        "initiatives": list(Initiative.objects.order_by("pk").values_list("pk", "slug", "status", "stage")),
        "memberships": list(Membership.objects.order_by("pk").values_list("initiative_id", "user_id", "role")),
        "consultations": list(Consultation.objects.order_by("pk").values_list("case_id", "held_on", "summary")),
        "programmes": list(Programme.objects.order_by("pk").values_list("slug", "level", "amount_max")),
    }


def built_signature(**options) -> dict:
    """Build, read the signature, and roll everything back: the next build starts from the same database."""
    with transaction.atomic():
        seed(**options)
        result = signature()
        transaction.set_rollback(True)
    return result


def test_tiny_preset_builds_the_counts_it_promises():
    preset = PRESETS["tiny"]
    programmes_before = Programme.objects.count()
    seed(seed=1)
    assert Municipality.objects.count() == preset.municipalities
    assert Quarter.objects.count() == preset.quarters
    assert Need.objects.count() == preset.needs
    assert Initiative.objects.count() == preset.initiatives
    assert Case.objects.count() == preset.cases
    assert Consultation.objects.count() == preset.consultations
    assert Programme.objects.count() == programmes_before + preset.programmes
    # Supports are cut where a need would have more supporters than its town has residents: "about".
    assert 0.85 * preset.supports <= Support.objects.count() <= preset.supports
    # Every town has a coordinator and two advisors, each with an authenticator (the MFA middleware).
    staff = StaffRole.objects.values_list("user_id", flat=True)
    assert len(staff) == 3 * preset.municipalities
    assert Authenticator.objects.filter(user_id__in=staff, type="totp").count() == len(staff)
    # Texts are German.
    assert (
        Need.objects.filter(description__contains="Quartier").exists()
        or Need.objects.filter(description__contains="Nachbar").exists()
    )


def test_scale_multiplies_the_counts():
    seed(seed=1, scale=2)
    assert Need.objects.count() == 2 * PRESETS["tiny"].needs
    assert Quarter.objects.count() == 2 * PRESETS["tiny"].quarters


def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    first = built_signature(seed=7)
    second = built_signature(seed=7)
    other = built_signature(seed=8)
    assert first == second
    assert first["needs"] != other["needs"]
    assert first["supports"] != other["supports"]


def test_supports_follow_a_zipf_like_law_within_each_town():
    seed(seed=3, scale=4)
    for municipality in Municipality.objects.all():
        counts = list(
            Need.objects.filter(quarter__municipality=municipality, status=Need.Status.PUBLISHED)
            .annotate(supporters=Count("supports"))
            .values_list("supporters", flat=True)
        )
        facts = support_distribution(counts)
        # A few needs get most supports: the top tenth holds about half, the best far more than the median.
        assert facts["top_tenth_share"] >= 0.4, facts
        assert facts["max"] >= 8 * max(1, facts["median"]), facts


def test_supporters_are_residents_of_the_need_s_town_and_support_published_needs():
    seed(seed=5)
    foreign = Support.objects.exclude(user__email__endswith=".example").count()
    assert foreign == 0
    for municipality in Municipality.objects.all():
        supports = Support.objects.filter(need__quarter__municipality=municipality)
        assert not supports.exclude(user__email__endswith=f"@{municipality.slug}.example").exists()
    assert not Support.objects.filter(~Q(need__status=Need.Status.PUBLISHED)).exists()
