"""Programmes as CSV and JSON: the export, and the import that checks every row before writing any."""

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from financing import importexport
from financing.models import Programme

pytestmark = pytest.mark.django_db

HEADER = "slug,name,instrument_type,level,state,amount_min,amount_max,eligible_legal_forms,service_areas,rolling\n"


def upload(client, content, name="programme.csv", file_format="csv", municipality=None):
    data = {"file": SimpleUploadedFile(name, content.encode("utf-8")), "file_format": file_format}
    if municipality is not None:
        data["municipality"] = municipality.pk
    return client.post(reverse("financing:programme_import"), data)


def test_export_csv_and_json(english_client_for, coordinator):
    client = english_client_for(coordinator)
    response = client.get(reverse("financing:programme_export_csv"), {"level": "platform"})
    assert response["Content-Disposition"].startswith('attachment; filename="programme-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["slug"] for row in rows} == {"startnext", "betterplace", "gls-schenkgemeinschaft", "gls-crowd"}
    betterplace = next(row for row in rows if row["slug"] == "betterplace")
    assert betterplace["requires_gemeinnuetzig"] == "ja" and betterplace["instrument_type"] == "spenden"
    response = client.get(reverse("financing:programme_export_json"))
    data = json.loads(response.content)
    assert len(data) == 29
    scheck = next(item for item in data if item["slug"] == "heimat-scheck-nrw")
    assert scheck["amount_max"] == "2000.00" and scheck["service_areas"] == ["begegnung-kultur"]


def test_export_then_import_round_trip_updates_in_place(english_client_for, admin_user):
    client = english_client_for(admin_user)
    exported = client.get(reverse("financing:programme_export_json"), {"level": "platform"}).content.decode()
    response = upload(client, exported, "programme.json", "json")
    assert response.status_code == 302
    assert Programme.objects.count() == 29  # all four updated, none duplicated


def test_good_csv_creates_programmes_of_the_municipality(english_client_for, coordinator, municipality):
    content = HEADER + (
        "kiezkasse-marten,Kiezkasse Marten,kommunale-zuschuesse,municipal,DE-NW,500,"
        '"5.000",ev;nev,begegnung-kultur,ja\n'
        ',Stadtteilpreis,zuschuss,municipal,,,"1.234,50",,,\n'
    )
    response = upload(english_client_for(coordinator), content, municipality=municipality)
    assert response.status_code == 302
    kasse = Programme.objects.get(slug="kiezkasse-marten")
    assert kasse.municipality == municipality and kasse.rolling is True
    assert sorted(kasse.eligible_legal_forms.values_list("slug", flat=True)) == ["ev", "nev"]
    assert str(Programme.objects.get(slug="stadtteilpreis").amount_max) == "1234.50"


def test_bad_rows_are_reported_with_line_and_reason_and_nothing_is_imported(
    english_client_for, coordinator, municipality
):
    content = HEADER + (
        "gut,Gutes Programm,zuschuss,municipal,DE-NW,100,200,,,\n"
        "teuer,Teures Programm,zuschuss,municipal,DE-NW,-5,viel,,,\n"
        "falsch,Falsches Programm,geschenk,weltweit,DE-XX,300,200,verein,nirgends,vielleicht\n"
        "heimat-scheck-nrw,Fremdes Programm,zuschuss,state,DE-NW,,,,,\n"
    )
    response = upload(english_client_for(coordinator), content, municipality=municipality)
    assert response.status_code == 200
    errors = [(error.line, error.message) for error in response.context["check"].errors]
    lines = {line for line, _message in errors}
    assert lines == {3, 4, 5}
    messages = " | ".join(message for _line, message in errors)
    assert "amount_min: “-5” – The amount must not be negative." in messages
    assert "amount_max: “viel” – Enter an amount in euros" in messages
    assert "instrument_type: “geschenk” is not a known instrument type" in messages
    assert "level: “weltweit” is not one of" in messages
    assert "state: “DE-XX” is not a state code" in messages
    assert "amount_max: the maximum amount is below the minimum amount." in messages
    assert "eligible_legal_forms: unknown values verein" in messages
    assert "rolling: write ja, nein or leave it empty" in messages
    assert "heimat-scheck-nrw" in messages and "cannot change" in messages
    assert not Programme.objects.filter(slug="gut").exists()  # all or nothing
    content = response.content.decode()
    assert "Nothing was imported: 10 problems were found." in content
    assert f'<option value="{municipality.pk}" selected>' in content  # the form keeps what was chosen


def test_file_type_size_and_encoding_are_checked(english_client_for, coordinator, municipality):
    client = english_client_for(coordinator)
    response = upload(client, "a,b", "programme.xlsx", municipality=municipality)
    assert response.context["form"].errors["file"] == ["Upload a .csv or .json file."]
    response = upload(client, "x" * (importexport.MAX_FILE_SIZE + 1), municipality=municipality)
    assert response.context["form"].errors["file"] == ["The file is larger than 1 MB."]
    response = upload(client, "[1, 2]", "programme.json", "csv", municipality=municipality)
    assert "but CSV was chosen" in response.context["form"].errors["file"][0]
    data = {
        "file": SimpleUploadedFile("p.csv", "name,level\nÄ,state\n".encode("latin-1")),
        "file_format": "csv",
        "municipality": municipality.pk,
    }
    response = client.post(reverse("financing:programme_import"), data)
    assert response.context["form"].errors["file"] == ["The file is not UTF-8 text."]
    response = upload(client, "name,level\nX,state\n", municipality=municipality)
    assert response.context["form"].errors["file"] == ["The CSV file lacks the columns: instrument_type."]


def test_json_errors_name_the_entry(coordinator, municipality):
    rows = importexport.read_file(b'[{"name": "A", "instrument_type": "zuschuss", "level": "state"}, 7]', "p.json")
    check = importexport.check_rows(rows, municipality=municipality, user=coordinator)
    assert [(error.line, error.message) for error in check.errors] == [
        (2, "This entry is not an object with programme fields.")
    ]
    with pytest.raises(importexport.FileError, match="not valid JSON"):
        importexport.read_file(b"{", "p.json")


def test_coordinator_cannot_import_into_another_municipality(english_client_for, coordinator, other_municipality):
    response = upload(english_client_for(coordinator), HEADER, municipality=other_municipality)
    assert "municipality" in response.context["form"].errors
