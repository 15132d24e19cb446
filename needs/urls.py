from django.urls import path

from .views import moderation, needs, quarter, supply, surveys

app_name = "needs"
urlpatterns = [
    # Needs and participation
    path("", needs.need_list, name="list"),
    path("neu/", needs.need_create, name="create"),
    path("meine/", needs.my_needs, name="mine"),
    path("<int:pk>/", needs.need_detail, name="detail"),
    path("<int:pk>/unterstuetzen/", needs.need_support, name="support"),
    path("<int:pk>/kommentieren/", needs.comment_create, name="comment"),
    path("<int:pk>/melden/", needs.need_report, name="report"),
    path("kommentar/<int:pk>/melden/", needs.comment_report, name="comment_report"),
    # Moderation (coordinators)
    path("kommune/<slug:slug>/moderation/", moderation.queue, name="moderation"),
    path("kommune/<slug:slug>/erfassen/", moderation.need_on_behalf, name="on_behalf"),
    path("kommune/<slug:slug>/sperren/", moderation.blocks, name="blocks"),
    path("<int:pk>/moderieren/", moderation.moderate, name="moderate"),
    path("meldung/<int:pk>/entscheiden/", moderation.decide_report, name="decide_report"),
    path("sperre/<int:pk>/aufheben/", moderation.unblock, name="unblock"),
    # Surveys
    path("umfragen/", surveys.survey_list, name="surveys"),
    path("umfragen/<int:pk>/", surveys.survey_answer, name="survey_answer"),
    path("kommune/<slug:slug>/umfragen/", surveys.survey_manage_list, name="survey_manage"),
    path("kommune/<slug:slug>/umfragen/neu/", surveys.survey_create, name="survey_create"),
    path("umfragen/<int:pk>/bearbeiten/", surveys.survey_edit, name="survey_edit"),
    path("umfragen/<int:pk>/frage/", surveys.question_create, name="question_create"),
    path("umfragen/frage/<int:pk>/loeschen/", surveys.question_delete, name="question_delete"),
    path("umfragen/frage/<int:pk>/verschieben/", surveys.question_move, name="question_move"),
    path("umfragen/<int:pk>/vorschau/", surveys.survey_preview, name="survey_preview"),
    path("umfragen/<int:pk>/veroeffentlichen/", surveys.survey_publish, name="survey_publish"),
    path("umfragen/<int:pk>/schliessen/", surveys.survey_close, name="survey_close"),
    path("umfragen/<int:pk>/codes/", surveys.survey_codes, name="survey_codes"),
    path("umfragen/<int:pk>/codes/drucken/", surveys.survey_codes_print, name="survey_codes_print"),
    path("umfragen/<int:pk>/papier/", surveys.survey_paper_entry, name="survey_paper"),
    path("umfragen/<int:pk>/ergebnisse/", surveys.survey_results, name="survey_results"),
    path("umfragen/<int:pk>/ergebnisse.csv", surveys.survey_results_csv, name="survey_results_csv"),
    # Offers and potentials
    path("angebote/neu/", supply.offer_create, name="offer_create"),
    path("angebote/<int:pk>/bearbeiten/", supply.offer_edit, name="offer_edit"),
    path("angebote/<int:pk>/bestaetigen/", supply.offer_confirm, name="offer_confirm"),
    path("angebote/<int:pk>/loeschen/", supply.offer_delete, name="offer_delete"),
    path("potenziale/neu/", supply.potential_create, name="potential_create"),
    path("potenziale/<int:pk>/bearbeiten/", supply.potential_edit, name="potential_edit"),
    path("potenziale/<int:pk>/bestaetigen/", supply.potential_confirm, name="potential_confirm"),
    path("potenziale/<int:pk>/loeschen/", supply.potential_delete, name="potential_delete"),
    # Quarter pages and open data
    path("quartier/<slug:slug>/", quarter.quarter_page, name="quarter"),
    path("quartier/<slug:slug>/cockpit/", quarter.dashboard, name="dashboard"),
    path("quartier/<slug:slug>/offene-daten.csv", quarter.open_data_csv, name="opendata_csv"),
    path("quartier/<slug:slug>/offene-daten.json", quarter.open_data_json, name="opendata_json"),
]
