"""Importing quarter statistics from a statistics office's CSV: all rows or none."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from quarters.imports import parse_statistics_csv, statistics_import
from quarters.models import QuarterStatistics
from tests.factories import QuarterFactory, QuarterStatisticsFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "Quartier;Stichtag;Einwohner;unter 18;18 bis 64;65 bis 79;80 und älter;"
    "Anteil ohne deutsche Staatsangehörigkeit;Hauptsprachen;Quelle"
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def eving(municipality):
    return QuarterFactory(municipality=municipality, name="Eving", slug="dortmund-eving")


def csv(*rows, header=HEADER):
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def test_a_good_file_is_imported(municipality, quarter, eving, coordinator):
    data = csv(
        "Marten;31.12.2025;9.200;1.510;5.390;1.640;660;21,40;Deutsch, Türkisch | Polnisch;Statistikstelle",
        "dortmund-eving;2025-12-31;19800;3890;12190;2740;980;28.7;Deutsch|Arabisch;",
    )
    result = statistics_import(municipality=municipality, data=data, source="Amt für Statistik", by=coordinator)
    assert result.ok and (result.created, result.updated) == (2, 0)
    marten = QuarterStatistics.objects.get(quarter=quarter)
    assert marten.population == 9200
    assert marten.reference_date == datetime.date(2025, 12, 31)
    assert marten.share_without_german_citizenship == Decimal("21.40")
    assert marten.main_languages == ["Deutsch", "Türkisch", "Polnisch"]
    assert marten.source == "Statistikstelle"
    assert QuarterStatistics.objects.get(quarter=eving).source == "Amt für Statistik"


def test_a_corrected_release_replaces_the_figures(municipality, quarter, coordinator):
    QuarterStatisticsFactory(quarter=quarter, reference_date=datetime.date(2025, 12, 31))
    data = csv("Marten;31.12.2025;9200;1510;5390;1640;660;21,4;;")
    result = statistics_import(municipality=municipality, data=data, by=coordinator)
    assert (result.created, result.updated) == (0, 1)
    assert QuarterStatistics.objects.get().population == 9200


def test_one_bad_row_stops_the_whole_import_and_is_reported_with_its_line(municipality, quarter, eving, coordinator):
    data = csv(
        "Marten;31.12.2025;9200;1510;5390;1640;660;21,4;;",
        "Eving;31.12.2025;19800;3890;12190;2740;999;28,7;;",  # the age groups add up to 19,819
        "Nirgendwo;31.12.2025;100;10;60;20;10;5;;",
        "Marten;31.13.2025;9200;1510;5390;1640;660;21,4;;",
        "Marten;31.12.2025;neun;1510;5390;1640;660;21,4;;",
        "Marten;30.06.2025;9200;1510;5390;1640;660;120;;",
        "Marten;31.12.2025;9200;1510;5390;1640;660;21,4;;",
    )
    result = statistics_import(municipality=municipality, data=data, by=coordinator)
    assert not result.ok
    reasons = {error.line: error.reason for error in result.errors}
    assert set(reasons) == {3, 4, 5, 6, 7, 8}
    assert "add up to 19819" in reasons[3]
    assert "no quarter “Nirgendwo”" in reasons[4]
    assert "not a date" in reasons[5]
    assert "not a whole number" in reasons[6]
    assert "between 0 and 100" in reasons[7]
    assert "Line 2 has the same quarter" in reasons[8]
    assert not QuarterStatistics.objects.exists()


def test_a_quarter_of_another_municipality_is_refused(municipality, other_quarter, coordinator):
    data = csv("Ückendorf;31.12.2025;100;10;60;20;10;5;;")
    result = statistics_import(municipality=municipality, data=data, by=coordinator)
    assert "belongs to another municipality" in result.errors[0].reason
    assert not QuarterStatistics.objects.exists()


def test_missing_columns_are_named(municipality):
    result = parse_statistics_csv(csv("Marten;31.12.2025;9200", header="Quartier;Stichtag;Einwohner"), municipality)
    assert result.errors[0].line == 1
    assert "“unter 18”" in result.errors[0].reason


def test_comma_separated_files_in_windows_encoding_and_english_headings(municipality, quarter):
    data = (
        "quarter,reference_date,population,age_under_18,age_18_to_64,age_65_to_79,age_80_plus,"
        "share_without_german_citizenship\n"
        "Marten,31.12.2025,100,10,60,20,10,5.5\n"
    ).encode("cp1252")
    result = parse_statistics_csv(data, municipality)
    assert result.ok
    assert result.rows[0].values["share_without_german_citizenship"] == Decimal("5.50")


def test_empty_files(municipality):
    assert not parse_statistics_csv(b"", municipality).ok
    assert not parse_statistics_csv(csv(), municipality).ok


def test_the_import_page(client_for, municipality, quarter, coordinator, other_coordinator):
    url = reverse("quarters:statistics_import", args=[municipality.slug])
    client = client_for(coordinator)
    client.cookies["django_language"] = "en"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"file": SimpleUploadedFile("s.csv", csv("Marten;31.12.2025;1;1;1;1;1;1;;"))})
    assert bad.status_code == 200
    assert "Nothing has been imported" in bad.text and "add up to 4" in bad.text
    good = client.post(url, {"file": SimpleUploadedFile("s.csv", csv("Marten;31.12.2025;4;1;1;1;1;1;;"))})
    assert good.status_code == 302
    assert QuarterStatistics.objects.get().population == 4
    foreign = client_for(other_coordinator).forge_post(
        url, {"file": SimpleUploadedFile("s.csv", csv("Marten;31.12.2026;4;1;1;1;1;1;;"))}
    )
    assert foreign.status_code == 403
    assert QuarterStatistics.objects.count() == 1


def test_the_quarter_page_and_the_gaps_use_the_imported_figures(client, municipality, quarter, coordinator):
    statistics_import(
        municipality=municipality, data=csv("Marten;31.12.2025;8000;1000;4400;1800;800;10;;"), by=coordinator
    )
    from needs.queries import gap_inputs

    inputs = gap_inputs([quarter])[quarter.pk]
    assert inputs.statistics.reference_date == datetime.date(2025, 12, 31)
    assert inputs.demography.population == 8000
    assert client.get(quarter.get_absolute_url()).context["statistics"].population == 8000
