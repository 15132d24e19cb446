"""Combination rules: which sources may pay together."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import RuleKind
from .base import Sourced
from .legal_forms import InstrumentType
from .programmes import Programme


class CombinationRule(Sourced):
    """Which sources cannot pay for the same costs, need another source alongside, or pay only what others don't.

    Each side is either an instrument type or one programme.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=RuleKind.choices)
    instrument_type = models.ForeignKey(
        InstrumentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="rules",
        verbose_name=_("instrument type"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="rules", verbose_name=_("programme")
    )
    other_instrument_type = models.ForeignKey(
        InstrumentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("other instrument type"),
    )
    other_programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("other programme"),
    )
    explanation = models.TextField(_("explanation"))

    class Meta:
        verbose_name = _("combination rule")
        verbose_name_plural = _("combination rules")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(instrument_type__isnull=False) & Q(programme__isnull=True))
                | (Q(instrument_type__isnull=True) & Q(programme__isnull=False)),
                name="combination_rule_one_subject",
            ),
            models.CheckConstraint(
                condition=(Q(other_instrument_type__isnull=False) & Q(other_programme__isnull=True))
                | (Q(other_instrument_type__isnull=True) & Q(other_programme__isnull=False)),
                name="combination_rule_one_other",
            ),
        ]

    def __str__(self):
        subject = self.programme or self.instrument_type
        other = self.other_programme or self.other_instrument_type
        return f"{subject} {self.get_kind_display()} {other}"

    def clean(self):
        errors = []
        if (self.instrument_type_id is None) == (self.programme_id is None):
            errors.append(_("Choose either an instrument type or a programme as the subject of the rule."))
        if (self.other_instrument_type_id is None) == (self.other_programme_id is None):
            errors.append(_("Choose either an instrument type or a programme as the other side of the rule."))
        if errors:
            raise ValidationError(errors)
