"""Role-matrix cases for the notifications app."""

from django.urls import reverse

from tests.role_matrix import FOUND, NOT_ALLOWED, SIGNED_IN, Case, expect

CASES = [
    Case("notifications:list", lambda w: reverse("notifications:list"), SIGNED_IN),
    Case("notifications:preferences", lambda w: reverse("notifications:preferences"), SIGNED_IN),
    Case("notifications:mark_read", lambda w: reverse("notifications:mark_read"), expect(FOUND), method="post"),
    Case(
        "notifications:mark_read",
        lambda w: reverse("notifications:mark_read"),
        expect(NOT_ALLOWED, visitor=FOUND),
    ),
]
