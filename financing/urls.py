from django.urls import path

from . import views

app_name = "financing"
urlpatterns = [
    path("", views.index, name="index"),
    path("rechtsformen/", views.legal_form_list, name="legal_form_list"),
    path("rechtsformen/vergleich/", views.legal_form_comparison, name="legal_form_comparison"),
    path("rechtsformen/<slug:slug>/", views.legal_form_detail, name="legal_form_detail"),
    path("instrumente/", views.instrument_list, name="instrument_list"),
    path("instrumente/<slug:slug>/", views.instrument_detail, name="instrument_detail"),
    path("programme/", views.programme_list, name="programme_list"),
    path("programme/neu/", views.programme_create, name="programme_create"),
    path("programme/import/", views.programme_import, name="programme_import"),
    path("programme/export.csv", views.programme_export, {"file_format": "csv"}, name="programme_export_csv"),
    path("programme/export.json", views.programme_export, {"file_format": "json"}, name="programme_export_json"),
    path("programme/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("programme/<slug:slug>/bearbeiten/", views.programme_update, name="programme_update"),
    path("programme/<slug:slug>/loeschen/", views.programme_delete, name="programme_delete"),
    path("modelle/", views.service_model_list, name="service_model_list"),
    path("modelle/neu/", views.service_model_create, name="service_model_create"),
    path("modelle/<slug:slug>/", views.service_model_detail, name="service_model_detail"),
    path("modelle/<slug:slug>/bearbeiten/", views.service_model_update, name="service_model_update"),
    path("quartier/<slug:quarter_slug>/modelle/", views.quarter_models, name="quarter_models"),
    path("check/", views.check, name="check"),
]
