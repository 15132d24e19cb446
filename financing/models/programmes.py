"""Funding programmes and the conditions that define them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common.models import person_field
from common.money import MAX_AMOUNT

from ..choices import Level, Profitability, Stage, State, state_code
from .base import Sourced, validate_profitability, validate_stages
from .legal_forms import InstrumentType, LegalForm


class ProgrammeQuerySet(models.QuerySet):
    def shared(self):
        return self.filter(municipality__isnull=True)

    def of_municipality(self, municipality):
        return self.filter(municipality=municipality)


class Condition(Sourced):
    """A condition that defines a programme ("inclusion is a goal of the project", "the quarter is a
    Städtebauförderung area"): until the profile answers it, the check says "needs information", never
    "fits". One answer serves every programme with the condition; where a quarter knows the answer (a flag
    kept by the coordinators), the check takes it from the initiative's quarters."""

    class QuarterFlag(models.TextChoices):
        NONE = "", _("none: the initiative answers")
        URBAN_DEVELOPMENT_AREA = "urban_development_area", _("the quarter is a Städtebauförderung area")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    question_de = models.CharField(_("question (German)"), max_length=255)
    question_en = models.CharField(_("question (English)"), max_length=255)
    quarter_flag = models.CharField(
        _("answered by the quarter"), max_length=40, choices=QuarterFlag.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("defining condition")
        verbose_name_plural = _("defining conditions")
        ordering = ["slug"]

    def __str__(self):
        return self.question

    @property
    def question(self) -> str:
        return self.question_en if translation.get_language() == "en" else self.question_de


class Programme(Sourced):
    """A concrete offer: a funding programme, fund, promotional loan or platform.

    Programmes without a municipality form the shared catalogue (kept by platform admins); a
    municipality's coordinators keep its own programmes. Structured fields are filled only where the
    source says so; the original wording stays in the note fields.
    """

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    provider = models.CharField(_("provider"), max_length=255, blank=True)
    instrument_type = models.ForeignKey(
        InstrumentType, on_delete=models.PROTECT, related_name="programmes", verbose_name=_("instrument type")
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    state = models.CharField(
        _("federal state"),
        max_length=5,
        choices=State.choices,
        blank=True,
        help_text=_("Empty: open in all of Germany (unless a municipality is set)."),
    )
    municipality = models.ForeignKey(
        "quarters.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name=_("municipality"),
        help_text=_("A municipality's own programme, kept by its coordinators."),
    )
    municipality_name = models.CharField(
        _("municipality (name)"),
        max_length=120,
        blank=True,
        help_text=_("Links the programme to the municipality of this name once it exists on the platform."),
    )
    area_restriction = models.CharField(
        _("only in this area"),
        max_length=255,
        blank=True,
        help_text=_("E.g. a funding area or a part of town; the check asks whether the project lies in it."),
    )
    region_note = models.CharField(_("region (as the source says)"), max_length=255, blank=True)
    extra_condition = models.CharField(
        _("further condition"),
        max_length=255,
        blank=True,
        help_text=_("A condition the check cannot test from the profile; it asks about it."),
    )
    defining_conditions = models.ManyToManyField(
        Condition,
        blank=True,
        related_name="programmes",
        verbose_name=_("defining conditions"),
        help_text=_("Conditions the project must meet; the check asks about each until it is answered."),
    )
    eligible_legal_forms = models.ManyToManyField(
        LegalForm, blank=True, related_name="programmes", verbose_name=_("eligible legal forms")
    )
    open_to_individuals = models.BooleanField(_("open to individuals and informal groups"), null=True, blank=True)
    requires_gemeinnuetzig = models.BooleanField(_("only for gemeinnützig organisations"), null=True, blank=True)
    eligibility_note = models.TextField(_("who can apply (as the source says)"), blank=True)
    service_areas = models.ManyToManyField(
        "needs.ServiceArea", blank=True, related_name="programmes", verbose_name=_("purposes (service areas)")
    )
    purposes_note = models.TextField(_("purposes (as the source says)"), blank=True)
    profitability = models.JSONField(
        _("profitability fit"), default=list, blank=True, validators=[validate_profitability]
    )
    stages = models.JSONField(_("suitable stages"), default=list, blank=True, validators=[validate_stages])
    amount_min = models.DecimalField(
        _("minimum amount (€)"),
        max_digits=13,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )
    amount_max = models.DecimalField(
        _("maximum amount (€)"),
        max_digits=13,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_AMOUNT)],
    )
    own_share_percent = models.DecimalField(
        _("own share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    own_share_note = models.CharField(_("own share (as the source says)"), max_length=255, blank=True)
    requires_securities = models.BooleanField(_("securities required"), null=True, blank=True)
    securities_note = models.CharField(_("securities (note)"), max_length=255, blank=True)
    pays_after_spending = models.BooleanField(
        _("pays only after spending"),
        null=True,
        blank=True,
        help_text=_("Empty: as usual for its instrument type."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    rolling = models.BooleanField(_("rolling application"), null=True, blank=True)
    deadline_note = models.CharField(_("deadline (as the source says)"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = person_field(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_min__lte=models.F("amount_max")),
                name="programme_amount_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_min__gte=0), name="programme_amount_min_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(amount_max__isnull=True) | Q(amount_max__gte=0), name="programme_amount_max_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(own_share_percent__isnull=True)
                | (Q(own_share_percent__gte=0) & Q(own_share_percent__lte=100)),
                name="programme_own_share_is_percentage",
            ),
        ]
        indexes = [models.Index(fields=["level"], name="programme_level")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("financing:programme_detail", kwargs={"slug": self.slug})

    @property
    def is_shared(self):
        return self.municipality_id is None

    @property
    def profitability_labels(self):
        labels = dict(Profitability.choices)
        return [labels.get(value, value) for value in self.profitability or []]

    @property
    def stage_labels(self):
        labels = dict(Stage.choices)
        return [labels.get(value, value) for value in self.stages or []]

    @property
    def pays_after_spending_effective(self):
        if self.pays_after_spending is not None:
            return self.pays_after_spending
        return self.instrument_type.pays_after_spending

    def clean(self):
        errors = {}
        if self.amount_min is not None and self.amount_max is not None and self.amount_min > self.amount_max:
            errors["amount_max"] = _("The maximum amount must not be below the minimum amount.")
        if self.municipality_id and self.state:
            municipality_state = self.municipality.state
            if municipality_state and state_code(municipality_state) not in (None, self.state):
                errors["state"] = _("The municipality lies in another federal state.")
        if errors:
            raise ValidationError(errors)
