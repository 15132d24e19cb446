"""The project's URLs plus allauth's "request a login code" page, which allauth adds only when login by code is
enabled at start-up (it is off on the platform). tests/security/test_brute_force.py turns it on for one test
to check that ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS holds should an operator enable it."""

from allauth.account import views
from django.urls import path

from kudequa.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("accounts/login/code/", views.request_login_code, name="account_request_login_code"),
    *project_urlpatterns,
]
