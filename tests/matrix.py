"""Role-matrix cases for the project-level pages, accounts, notifications and quarters."""

from django.urls import reverse

from tests.role_matrix import (
    FORBIDDEN,
    FOUND,
    NOT_ALLOWED,
    OK,
    PUBLIC,
    SIGNED_IN,
    STAFF_OF_MUNICIPALITY,
    Case,
    expect,
)


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
    Case("accounts:profile", url("accounts:profile"), SIGNED_IN),
    Case("accounts:data_export", url("accounts:data_export"), SIGNED_IN),
    Case("accounts:delete", url("accounts:delete"), SIGNED_IN),
    Case("notifications:list", url("notifications:list"), SIGNED_IN),
    Case("notifications:preferences", url("notifications:preferences"), SIGNED_IN),
    Case("notifications:mark_read", url("notifications:mark_read"), expect(FOUND), method="post"),
    Case("notifications:mark_read", url("notifications:mark_read"), expect(NOT_ALLOWED, visitor=FOUND)),
    Case("quarters:list", url("quarters:list"), PUBLIC),
    # The public quarter page lives in the needs app (quarters must not import needs).
    Case("needs:quarter", lambda w: reverse("needs:quarter", args=[w.quarter.slug]), PUBLIC),
    Case(
        "quarters:staff_area",
        lambda w: reverse("quarters:staff_area", args=[w.municipality.slug]),
        STAFF_OF_MUNICIPALITY,
    ),
]
