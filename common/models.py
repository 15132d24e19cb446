"""Model fields that many apps declare alike."""

from django.conf import settings
from django.db import models


def person_field(verbose_name=None, *, blank: bool = True) -> models.ForeignKey:
    """Who did something (added, decided, changed ...): the record stays when the account is deleted, and
    the user model gets no reverse accessor for it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name="+",
        verbose_name=verbose_name,
    )
