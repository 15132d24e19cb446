"""The municipality carrying an initiative for a while."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import person_field

from .initiatives import COMMENT_MAX_LENGTH, Initiative


class MunicipalTakeover(models.Model):
    """The municipality carries an initiative for a while: a quarter coordinator appointed by a coordinator."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="takeovers", verbose_name=_("initiative")
    )
    quarter_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="carried_initiatives",
        verbose_name=_("quarter coordinator"),
    )
    reason = models.TextField(_("why the municipality takes over"), validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    review_on = models.DateField(_("review on"))
    started_at = models.DateTimeField(_("since"), default=timezone.now)
    appointed_by = person_field(_("appointed by"), blank=False)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_note = models.TextField(_("note on the end"), blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])

    class Meta:
        verbose_name = _("municipal takeover")
        verbose_name_plural = _("municipal takeovers")
        ordering = ["review_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"], condition=Q(ended_at__isnull=True), name="takeover_one_active_per_initiative"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="takeover_has_reason"),
        ]

    def __str__(self):
        return f"{self.initiative} – {self.quarter_coordinator}"

    @property
    def is_active(self):
        return self.ended_at is None
