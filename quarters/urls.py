from django.urls import path

from . import views

app_name = "quarters"
urlpatterns = [
    path("", views.quarter_list, name="list"),
    path("kommune/<slug:slug>/", views.StaffAreaView.as_view(), name="staff_area"),
    path("<slug:slug>/", views.quarter_detail, name="detail"),
]
