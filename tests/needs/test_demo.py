"""The demo stories of the needs assessment (Marten and Eving), seeded twice."""

import pytest

import accounts.demo
import needs.demo
import quarters.demo
from common.demo import Demo
from needs.models import Need, Offer, Potential, Response, Support, Survey
from needs.queries import gap_ranking

from .factories import area

pytestmark = pytest.mark.django_db


def seed_world():
    """The demo of the apps the needs assessment builds on, then its own (as seed_demo does, in that order)."""
    demo = Demo()
    for module in (accounts.demo, quarters.demo, needs.demo):
        module.seed(demo)
    return demo


def test_the_demo_tells_marten_and_eving_and_can_run_twice():
    demo = seed_world()
    counts = (Need.objects.count(), Support.objects.count(), Response.objects.count(), Offer.objects.count())
    seed_world()
    assert (Need.objects.count(), Support.objects.count(), Response.objects.count(), Offer.objects.count()) == counts

    marten, eving = demo.quarters["dortmund-marten"], demo.quarters["dortmund-eving"]
    assert gap_ranking(marten)[0].service_area_slug == "begegnung-kultur"  # no meeting place
    assert gap_ranking(eving)[0].service_area_slug == "wohnen"  # no assisted living
    assert Potential.objects.filter(
        quarter=marten, kind=Potential.Kind.BUILDING, building_status=Potential.BuildingStatus.VACANT
    ).exists()
    assert not Offer.objects.filter(quarter=eving, service_area=area("wohnen"), status=Offer.Status.ACTIVE).exists()
    survey = Survey.objects.get()
    assert survey.responses.count() == 36
    assert survey.responses.filter(channel=Response.Channel.PAPER).exists()
    assert Need.objects.filter(status=Need.Status.MERGED).exists()
    assert Need.objects.filter(status=Need.Status.SUBMITTED).exists()
    assert len(demo.users["neighbours"]) == 30
    assert Support.objects.filter(need__quarter=marten, user=demo.users["resident"]).exists()
