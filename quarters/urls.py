from django.urls import path

from . import views

app_name = "quarters"
urlpatterns = [
    path("", views.quarter_list, name="list"),
    path("quartierauswahl/", views.quarter_options, name="quarter_options"),
    path("kommune/<slug:slug>/", views.StaffAreaView.as_view(), name="staff_area"),
    path("kommune/<slug:slug>/statistik-import/", views.statistics_import, name="statistics_import"),
    path("kommune/<slug:slug>/foerdergebiete/", views.funding_areas, name="funding_areas"),
    path("<slug:slug>/", views.municipality_detail, name="municipality"),
]
