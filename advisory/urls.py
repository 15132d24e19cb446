from django.urls import path

from . import views

app_name = "advisory"
urlpatterns = [
    path("", views.index, name="index"),
    path("aufgaben/", views.my_tasks, name="my_tasks"),
    path("aufgabe/<int:pk>/erledigt/", views.task_complete, name="task_complete"),
    path("aufgabe/<int:pk>/wieder-offen/", views.task_reopen, name="task_reopen"),
    # A municipality's advisory work
    path("kommune/<slug:slug>/", views.dashboard, name="dashboard"),
    path("kommune/<slug:slug>/faelle/", views.case_list, name="case_list"),
    path("kommune/<slug:slug>/ueberfaellig/", views.overdue_tasks, name="overdue_tasks"),
    path("kommune/<slug:slug>/faelle/neu/", views.case_open, name="case_open"),
    path("kommune/<slug:slug>/koordination/", views.coordination, name="coordination"),
    path("kommune/<slug:slug>/jahresbericht/", views.yearly_report, name="yearly_report"),
    path("kommune/<slug:slug>/jahresbericht.csv", views.yearly_report_csv, name="yearly_report_csv"),
    path("kommune/<slug:slug>/leseprotokoll/", views.municipality_note_reads, name="municipality_note_reads"),
    path("kommune/<slug:slug>/workshops/", views.workshop_list, name="workshop_list"),
    path("kommune/<slug:slug>/workshops/neu/", views.workshop_create, name="workshop_create"),
    path("workshop/<int:pk>/", views.workshop_detail, name="workshop"),
    path("workshop/<int:pk>/bearbeiten/", views.workshop_edit, name="workshop_edit"),
    # A case
    path("fall/<int:pk>/", views.case_detail, name="case"),
    path("fall/<int:pk>/bearbeiten/", views.case_edit, name="case_edit"),
    path("fall/<int:pk>/zuweisen/", views.case_assign, name="case_assign"),
    path("fall/<int:pk>/phase/", views.case_phase, name="case_phase"),
    path("fall/<int:pk>/abschliessen/", views.case_close, name="case_close"),
    path("fall/<int:pk>/pausieren/", views.case_pause, name="case_pause"),
    path("fall/<int:pk>/fortsetzen/", views.case_resume, name="case_resume"),
    path("fall/<int:pk>/gespraech/neu/", views.consultation_create, name="consultation_create"),
    path("fall/<int:pk>/notizen/", views.case_notes, name="case_notes"),
    path("fall/<int:pk>/leseprotokoll/", views.case_note_reads, name="case_note_reads"),
    path("fall/<int:pk>/aufgabe/neu/", views.task_create, name="task_create"),
    path("fall/<int:pk>/vermittlung/neu/", views.referral_create, name="referral_create"),
    path("gespraech/<int:pk>/bearbeiten/", views.consultation_edit, name="consultation_edit"),
    path("gespraech/<int:pk>/notiz/", views.consultation_note, name="consultation_note"),
    path("vermittlung/<int:pk>/bearbeiten/", views.referral_edit, name="referral_edit"),
    # The initiative's own view
    path("initiative/<slug:slug>/", views.initiative_case, name="initiative"),
]
