from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("gelesen/", views.mark_read, name="mark_read"),
    path("einstellungen/", views.preferences, name="preferences"),
]
