"""Role-matrix cases for the project's own pages and the third-party pages we rely on (allauth, Django's admin).

The apps' URLs are in tests/<app>/matrix.py.
"""

from django.urls import reverse

from tests.role_matrix import FORBIDDEN, FOUND, NOT_ALLOWED, OK, PUBLIC, SIGNED_IN, Case, expect


def url(name, **kwargs):
    return lambda world: reverse(name, kwargs=kwargs or None)


CASES = [
    Case("home", url("home"), PUBLIC),
    Case("healthz", url("healthz"), PUBLIC),
    Case("imprint", url("imprint"), PUBLIC),
    Case("privacy", url("privacy"), PUBLIC),
    Case("accessibility", url("accessibility"), PUBLIC),
    Case("set_language", url("set_language"), expect(FOUND), method="post", data=lambda w: {"language": "de"}),
    Case("set_language", url("set_language"), expect(NOT_ALLOWED)),
    # allauth: signed-in users are sent on from the login and sign-up pages.
    Case("account_login", url("account_login"), expect(FOUND, visitor=OK)),
    Case("account_signup", url("account_signup"), expect(FOUND, visitor=OK)),
    Case("mfa_index", url("mfa_index"), SIGNED_IN),
    # Django's admin sends everyone but admins on to its login, which refuses signed-in non-staff with 403.
    Case("admin:index", url("admin:index"), expect(FOUND, admin=OK)),
    Case("admin:login", url("admin:login"), expect(FORBIDDEN, visitor=FOUND, admin=FOUND)),
    Case(
        "admin:quarters_staffrole_changelist",
        url("admin:quarters_staffrole_changelist"),
        expect(FOUND, admin=OK),
    ),
]
