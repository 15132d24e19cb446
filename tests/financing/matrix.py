"""Role-matrix cases for the financing catalogue, the check and the gaps-to-models page.

The catalogue comes from the data migration; creating the world's municipality (Dortmund) links
Dortmund's own funds to it, so "dortmund-nachbarschaftsprogramm" is a programme of the first
municipality and "heimat-scheck-nrw" one of the shared catalogue.
"""

from django.urls import reverse

from tests.role_matrix import (
    ADMIN_ONLY,
    COORDINATOR_OF_MUNICIPALITY,
    FORBIDDEN,
    FOUND,
    OK,
    PUBLIC,
    Case,
    expect,
)

ANY_COORDINATOR = expect(FORBIDDEN, visitor=FOUND, coordinator=OK, other_coordinator=OK, admin=OK)
MUNICIPAL = "dortmund-nachbarschaftsprogramm"
SHARED = "heimat-scheck-nrw"


def url(name, *args):
    return lambda world: reverse(f"financing:{name}", args=args)


CASES = [
    Case("financing:index", url("index"), PUBLIC),
    Case("financing:legal_form_list", url("legal_form_list"), PUBLIC),
    Case("financing:legal_form_comparison", url("legal_form_comparison"), PUBLIC),
    Case("financing:legal_form_detail", url("legal_form_detail", "eg"), PUBLIC),
    Case("financing:instrument_list", url("instrument_list"), PUBLIC),
    Case("financing:instrument_detail", url("instrument_detail", "zuschuss"), PUBLIC),
    Case("financing:programme_list", url("programme_list"), PUBLIC),
    Case("financing:programme_detail", url("programme_detail", SHARED), PUBLIC),
    Case("financing:programme_create", url("programme_create"), ANY_COORDINATOR),
    Case("financing:programme_import", url("programme_import"), ANY_COORDINATOR),
    Case("financing:programme_export_csv", url("programme_export_csv"), ANY_COORDINATOR),
    Case("financing:programme_export_json", url("programme_export_json"), ANY_COORDINATOR),
    Case("financing:programme_update", url("programme_update", MUNICIPAL), COORDINATOR_OF_MUNICIPALITY),
    # The shared catalogue is read-only for coordinators.
    Case("financing:programme_update", url("programme_update", SHARED), ADMIN_ONLY),
    Case("financing:programme_delete", url("programme_delete", MUNICIPAL), COORDINATOR_OF_MUNICIPALITY),
    Case("financing:programme_delete", url("programme_delete", SHARED), ADMIN_ONLY),
    Case("financing:service_model_list", url("service_model_list"), PUBLIC),
    Case("financing:service_model_detail", url("service_model_detail", "quartierstreff"), PUBLIC),
    Case("financing:service_model_create", url("service_model_create"), ANY_COORDINATOR),
    Case("financing:service_model_update", url("service_model_update", "quartierstreff"), ANY_COORDINATOR),
    Case("financing:quarter_models", lambda w: reverse("financing:quarter_models", args=[w.quarter.slug]), PUBLIC),
    Case("financing:check", url("check"), PUBLIC),
    Case(
        "financing:check",
        url("check"),
        PUBLIC,
        data=lambda w: {"legal_form": "ev", "municipality": w.municipality.slug, "capital_need": "60.000"},
    ),
]
