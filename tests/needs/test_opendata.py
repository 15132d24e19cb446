"""Open data of a quarter: the licence, rounded coordinates, no authors, CSV cells that cannot become formulas."""

import pytest

from needs import opendata

from .factories import NeedFactory

pytestmark = pytest.mark.django_db


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
