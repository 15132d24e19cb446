"""The business concept of an initiative: text sections, costs and revenues, milestones, versions."""

from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.models import person_field

from .initiatives import MONEY, TEXT_MAX_LENGTH, Initiative


class Concept(models.Model):
    """The structured business concept (Geschäftskonzept) of an initiative, one per initiative."""

    # The text sections in the order they appear; ConceptVersion snapshots and diffs use these.
    SECTIONS = (
        "need_and_evidence",
        "offer",
        "target_groups",
        "space_and_location",
        "operating_model",
        "partners",
        "volunteer_activation",
    )

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="concept", verbose_name=_("initiative")
    )
    need_and_evidence = models.TextField(
        _("need and evidence"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    offer = models.TextField(_("offer"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    target_groups = models.TextField(_("target groups"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    space_and_location = models.TextField(
        _("space and location"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    operating_model = models.TextField(
        _("operating model and organisation"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    partners = models.TextField(_("partners and actors"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    volunteer_activation = models.TextField(
        _("activation of volunteers"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    volunteer_hours_needed = models.PositiveIntegerField(_("volunteer hours needed per month"), null=True, blank=True)
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    updated_by = person_field()
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")

    def __str__(self):
        return str(self.initiative)

    def get_absolute_url(self):
        return reverse("initiatives:concept", kwargs={"slug": self.initiative.slug})

    @classmethod
    def section_label(cls, name):
        return cls._meta.get_field(name).verbose_name


class ConceptLineItem(models.Model):
    """A line of the concept's costs and revenues: one-off costs, annual costs, annual revenues."""

    class Category(models.TextChoices):
        ONE_OFF_COST = "one_off_cost", _("One-off cost")
        ANNUAL_COST = "annual_cost", _("Annual cost")
        ANNUAL_REVENUE = "annual_revenue", _("Annual revenue")

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="line_items", verbose_name=_("concept"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    label = models.CharField(_("item"), max_length=200)
    amount = models.DecimalField(_("amount (€)"), **MONEY, validators=[MinValueValidator(0)])
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("concept line item")
        verbose_name_plural = _("concept line items")
        ordering = ["category", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="concept_line_item_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.label}: {self.amount}"


class Milestone(models.Model):
    """A dated milestone of the concept."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("concept"))
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("date"))
    done = models.BooleanField(_("reached"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"{self.due_on:%d.%m.%Y} {self.title}"


class ConceptVersion(models.Model):
    """A snapshot of the concept after each save: who changed what, when."""

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="versions", verbose_name=_("concept"))
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("snapshot"))
    changed_sections = models.JSONField(_("changed sections"), default=list, blank=True)
    created_by = person_field(_("changed by"))
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("concept version")
        verbose_name_plural = _("concept versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "number"], name="concept_version_unique_number"),
        ]

    def __str__(self):
        return f"{self.concept} v{self.number}"
