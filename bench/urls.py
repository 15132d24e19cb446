"""Every URL of the platform plus /bench/baseline/, served by the same server in the same run."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("bench/baseline/", views.baseline, name="bench_baseline"),
    path("", include("kudequa.urls")),
]
