"""Role-matrix cases for the accounts app (the allauth pages are in tests/matrix.py)."""

from django.urls import reverse

from tests.role_matrix import SIGNED_IN, Case

CASES = [
    Case("accounts:profile", lambda w: reverse("accounts:profile"), SIGNED_IN),
    Case("accounts:data_export", lambda w: reverse("accounts:data_export"), SIGNED_IN),
    Case("accounts:delete", lambda w: reverse("accounts:delete"), SIGNED_IN),
]
