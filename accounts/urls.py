from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("daten/", views.data_export, name="data_export"),
    path("loeschen/", views.delete_account, name="delete"),
]
