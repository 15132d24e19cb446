"""The organisations an initiative consists of: a parents' association (e.V.) founding a housing cooperative
(eG), or a group that has no legal form yet. Each has its own legal form, founding state, own funds and
Gemeinnützigkeit; the financing plan says which of them receives each source, and the financing check judges
each programme for the organisation that would apply."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.money import MAX_AMOUNT

from .initiatives import MONEY, Initiative


class Entity(models.Model):
    class Founding(models.TextChoices):
        FOUNDED = "founded", _("founded")
        FOUNDING = "founding", _("being founded")
        PLANNED = "planned", _("planned")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="entities", verbose_name=_("initiative")
    )
    name = models.CharField(_("name"), max_length=200)
    legal_form = models.ForeignKey(
        "financing.LegalForm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal form"),
        help_text=_("Empty: no legal form yet (an informal group)."),
    )
    founding = models.CharField(_("founding"), max_length=20, choices=Founding.choices, default=Founding.FOUNDED)
    own_funds = models.DecimalField(
        _("own funds (€)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)],
    )
    is_gemeinnuetzig = models.BooleanField(_("recognised as gemeinnützig"), null=True, blank=True)
    is_lead = models.BooleanField(
        _("lead organisation"),
        default=False,
        help_text=_("The organisation that speaks and applies for the initiative."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("organisation of an initiative")
        verbose_name_plural = _("organisations of an initiative")
        ordering = ["-is_lead", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative"], condition=Q(is_lead=True), name="entity_one_lead_per_initiative"
            ),
            models.UniqueConstraint(fields=["initiative", "name"], name="entity_name_unique_per_initiative"),
            models.CheckConstraint(condition=~Q(name=""), name="entity_has_name"),
            models.CheckConstraint(
                condition=Q(own_funds__isnull=True) | Q(own_funds__gte=0, own_funds__lte=MAX_AMOUNT),
                name="entity_own_funds_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def short_label(self) -> str:
        """What the check says a programme fits: "the eG", or the name where there is no legal form."""
        return self.legal_form.short_name if self.legal_form_id else self.name
