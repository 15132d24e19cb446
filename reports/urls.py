from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("quartier/<slug:slug>/", views.quarter_reports, name="quarter"),
    path("initiative/<slug:slug>/", views.initiative_reports, name="initiative"),
    path("auftrag/<int:pk>/", views.job_detail, name="job"),
    path("auftrag/<int:pk>/status/", views.job_status, name="job_status"),
    path("auftrag/<int:pk>/erneut/", views.job_retry, name="job_retry"),
    path("auftrag/<int:pk>/pdf/", views.job_download, name="download"),
]
