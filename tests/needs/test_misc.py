"""The DSGVO hooks, open data and the demo stories (the chart tests are in tests/common/test_charts.py)."""

import pytest

from accounts.services import user_data_export, user_delete
from common.demo import Demo
from needs import opendata
from needs.models import Need, Offer, Potential, Response, Support, Survey
from needs.queries import gap_ranking

from .factories import CommentFactory, NeedFactory, ResponseFactory, SupportFactory, area

pytestmark = pytest.mark.django_db


def test_the_data_export_and_the_account_deletion(quarter, resident):
    need = NeedFactory(quarter=quarter, author=resident, show_name=True)
    SupportFactory(need=need, user=resident)
    CommentFactory(need=need, author=resident, show_name=True)
    ResponseFactory(user=resident, quarter=quarter)
    exported = user_data_export(user=resident)["needs"]
    assert exported["needs"][0]["title"] == need.title
    assert len(exported["supports"]) == 1 and len(exported["comments"]) == 1
    assert len(exported["survey_responses"]) == 1

    user_delete(user=resident)
    need.refresh_from_db()
    assert not need.show_name and need.author_name is None
    assert not Response.objects.filter(user=resident).exists()
    assert Response.objects.count() == 1  # the answers still count
    assert Support.objects.filter(need=need).count() == 1  # and so does the support


def test_open_data_rounds_need_coordinates_and_names_the_licence(quarter):
    NeedFactory(quarter=quarter, latitude="51.516449", longitude="7.396551")
    data = opendata.export_data(quarter)
    assert data["license"] == {
        "id": "dl-de/by-2-0",
        "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "url": "https://www.govdata.de/dl-de/by-2-0",
    }
    assert (data["needs"][0]["latitude"], data["needs"][0]["longitude"]) == (51.516, 7.397)
    assert "author" not in data["needs"][0]


def test_open_data_csv_cells_cannot_become_formulas(quarter):
    NeedFactory(quarter=quarter, title="=cmd|' /C calc'!A0")
    assert "'=cmd" in opendata.export_csv(quarter)


def seed_world():
    """The demo of the apps the needs assessment builds on, then its own (as seed_demo does, in that order)."""
    import accounts.demo
    import needs.demo
    import quarters.demo

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
