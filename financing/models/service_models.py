"""Service models: typical citizen-borne services with their legal forms and financing."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.models import person_field
from common.money import MAX_AMOUNT

from .base import Sourced
from .legal_forms import InstrumentType, LegalForm


class ServiceModel(Sourced):
    """A typical citizen-borne way to run a service (Modellbaustein), e.g. a Bürgerladen or a citizens' bus."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=160)
    summary = models.TextField(_("summary"), blank=True)
    service_areas = models.ManyToManyField(
        "needs.ServiceArea", blank=True, related_name="service_models", verbose_name=_("service areas")
    )
    service_area_note = models.TextField(_("what it answers (as the source says)"), blank=True)
    legal_forms = models.ManyToManyField(
        LegalForm,
        through="ServiceModelLegalForm",
        blank=True,
        related_name="service_models",
        verbose_name=_("suitable legal forms"),
    )
    legal_forms_note = models.TextField(_("legal forms (as the source says)"), blank=True)
    financing_note = models.TextField(_("financing (as the source says)"), blank=True)
    one_off_cost_min = models.DecimalField(
        _("one-off costs from (€)"),
        max_digits=13,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )
    one_off_cost_max = models.DecimalField(
        _("one-off costs up to (€)"),
        max_digits=13,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )
    running_cost_min = models.DecimalField(
        _("running costs per year from (€)"),
        max_digits=13,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )
    running_cost_max = models.DecimalField(
        _("running costs per year up to (€)"),
        max_digits=13,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )
    cost_note = models.TextField(_("costs (note)"), blank=True)
    needs_space = models.BooleanField(_("needs space (a room or building)"), null=True, blank=True)
    needs_volunteers = models.BooleanField(_("needs volunteers"), null=True, blank=True)
    needs_paid_coordinator = models.BooleanField(_("needs a paid coordinator"), null=True, blank=True)
    needs_note = models.TextField(_("what it needs (as the source says)"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    example = models.TextField(_("examples"), blank=True)
    updated_by = person_field(_("last changed by"))
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("service model")
        verbose_name_plural = _("service models")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(one_off_cost_min__isnull=True)
                | Q(one_off_cost_max__isnull=True)
                | Q(one_off_cost_min__lte=models.F("one_off_cost_max")),
                name="service_model_one_off_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(running_cost_min__isnull=True)
                | Q(running_cost_max__isnull=True)
                | Q(running_cost_min__lte=models.F("running_cost_max")),
                name="service_model_running_range_ordered",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("financing:service_model_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        for low, high in (("one_off_cost_min", "one_off_cost_max"), ("running_cost_min", "running_cost_max")):
            low_value, high_value = getattr(self, low), getattr(self, high)
            if low_value is not None and high_value is not None and low_value > high_value:
                errors[high] = _("The upper end of the range must not be below the lower end.")
        if errors:
            raise ValidationError(errors)


class ServiceModelLegalForm(models.Model):
    service_model = models.ForeignKey(
        ServiceModel, on_delete=models.CASCADE, related_name="legal_form_lines", verbose_name=_("service model")
    )
    legal_form = models.ForeignKey(
        LegalForm, on_delete=models.PROTECT, related_name="service_model_lines", verbose_name=_("legal form")
    )
    reason = models.TextField(_("why it suits"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("suitable legal form")
        verbose_name_plural = _("suitable legal forms")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["service_model", "legal_form"], name="service_model_legal_form_unique")
        ]

    def __str__(self):
        return f"{self.service_model} – {self.legal_form}"


class ServiceModelFinancing(models.Model):
    """One source in a model's typical financing mix; the share only where a source gives it."""

    service_model = models.ForeignKey(
        ServiceModel, on_delete=models.CASCADE, related_name="financing_lines", verbose_name=_("service model")
    )
    instrument_type = models.ForeignKey(
        InstrumentType, on_delete=models.PROTECT, related_name="service_model_lines", verbose_name=_("instrument type")
    )
    share_percent = models.DecimalField(
        _("share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    note = models.CharField(_("note"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("financing source")
        verbose_name_plural = _("financing mix")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["service_model", "instrument_type"], name="service_model_financing_unique"),
            models.CheckConstraint(
                condition=Q(share_percent__isnull=True) | (Q(share_percent__gte=0) & Q(share_percent__lte=100)),
                name="service_model_financing_share_is_percentage",
            ),
        ]

    def __str__(self):
        return f"{self.service_model} – {self.instrument_type}"
