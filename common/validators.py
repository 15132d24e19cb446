"""Validators the models share."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVALID_CHOICE = _("Choose the values from the list.")
DUPLICATE_CHOICE = _("Each value can be chosen only once.")


def validate_choice_list(value, choices, *, invalid=INVALID_CHOICE, duplicate=DUPLICATE_CHOICE, code="choice"):
    """A JSON list of values of `choices` (a TextChoices class), each at most once."""
    if not isinstance(value, list) or any(item not in choices.values for item in value):
        raise ValidationError(invalid, code=f"invalid_{code}")
    if len(set(value)) != len(value):
        raise ValidationError(duplicate, code=f"duplicate_{code}")
