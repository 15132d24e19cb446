"""The financing catalogue: legal forms, instrument types, programmes, service models and combination rules.

Catalogue texts (facts about legal forms, guides, programme descriptions) are German content with their
sources, like demo data; labels, choices and messages are translatable message ids.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from common.models import person_field
from common.money import MAX_AMOUNT
from common.validators import validate_choice_list

from .choices import Level, Profitability, RuleKind, Stage, State, state_code
from .elf import elf_codes
from .sources import parse_excerpts, parse_sources


def validate_stages(value):
    validate_choice_list(value, Stage)


def validate_profitability(value):
    validate_choice_list(value, Profitability)


class Sourced(models.Model):
    """Facts with their sources and the date they were last checked."""

    sources = models.TextField(
        _("sources"),
        blank=True,
        help_text=_('Law paragraphs and web addresses, separated by " | ", e.g. "[1] https://… | [2] § 56 BGB".'),
    )
    source_excerpt = models.TextField(_("quotes from the sources"), blank=True)
    checked_on = models.DateField(_("last checked on"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def source_list(self):
        return parse_sources(self.sources)

    @property
    def excerpt_list(self):
        return parse_excerpts(self.source_excerpt)


class LegalForm(Sourced):
    """A legal form (Rechtsform) an initiative can take, with the facts that decide between them."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    abbreviation = models.CharField(_("abbreviation"), max_length=40, blank=True)
    elf_code = models.CharField(
        _("ELF code"), max_length=4, blank=True, help_text=_("ISO 20275 entity legal form code (GLEIF ELF list).")
    )
    is_founding_option = models.BooleanField(
        _("founding option"),
        default=True,
        help_text=_("Shown in the comparison; a municipality as carrier is not something an initiative founds."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    summary = models.TextField(_("summary"), blank=True)
    min_founders = models.PositiveSmallIntegerField(_("minimum number of founders"), null=True, blank=True)
    min_founders_note = models.TextField(_("founders (note)"), blank=True)
    min_capital = models.DecimalField(
        _("minimum capital (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    min_capital_note = models.TextField(_("capital (note)"), blank=True)
    liability = models.TextField(_("liability"), blank=True)
    register = models.TextField(_("register"), blank=True)
    notary_required = models.BooleanField(_("notary required"), null=True, blank=True)
    notary = models.TextField(_("notary (note)"), blank=True)
    founding_steps = models.TextField(_("typical founding steps"), blank=True)
    founding_time = models.TextField(_("typical founding time"), blank=True)
    founding_cost = models.TextField(_("typical founding cost"), blank=True)
    audit_duty = models.TextField(_("audit duty"), blank=True)
    can_be_gemeinnuetzig = models.BooleanField(_("can be recognised as gemeinnützig"), null=True, blank=True)
    gemeinnuetzig_note = models.TextField(_("gemeinnützig (note)"), blank=True)
    governance = models.TextField(_("how members govern"), blank=True)
    member_capital = models.TextField(_("raising capital from members"), blank=True)

    class Meta:
        verbose_name = _("legal form")
        verbose_name_plural = _("legal forms")
        ordering = ["position", "name"]

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def get_absolute_url(self):
        return reverse("financing:legal_form_detail", kwargs={"slug": self.slug})

    @property
    def short_name(self):
        return self.abbreviation or self.name

    @property
    def elf_name(self):
        return elf_codes().get(self.elf_code, "")

    def clean(self):
        if self.elf_code and self.elf_code not in elf_codes():
            raise ValidationError({"elf_code": _("This is not an active German code of the ISO 20275 ELF list.")})


class InstrumentType(Sourced):
    """A kind of financing (grant, loan, donations, …) with a short guide to what financiers require.

    The flags feed the combination check: public funds must not pay for the same costs twice, some
    sources need own funds alongside, and some pay only after the money has been spent.
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    what_it_is = models.TextField(_("what it is"), blank=True)
    who_gets_it = models.TextField(_("who gets it"), blank=True)
    own_share = models.TextField(_("own share"), blank=True)
    securities = models.TextField(_("securities"), blank=True)
    business_plan = models.TextField(_("business plan"), blank=True)
    legal_form_requirements = models.TextField(_("legal form"), blank=True)
    public_funding = models.BooleanField(
        _("public funds"), default=False, help_text=_("Public funds must not pay for the same costs twice.")
    )
    needs_own_funds = models.BooleanField(_("needs own funds alongside"), default=False)
    pays_after_spending = models.BooleanField(
        _("pays only after spending"), default=False, help_text=_("The money must be pre-financed.")
    )
    repayable = models.BooleanField(_("must be repaid"), default=False)
    requires_securities = models.BooleanField(_("securities required"), null=True, blank=True)
    requires_gemeinnuetzig = models.BooleanField(_("only for gemeinnützig organisations"), null=True, blank=True)
    legal_forms = models.ManyToManyField(
        LegalForm,
        blank=True,
        related_name="instrument_types",
        verbose_name=_("legal forms"),
        help_text=_("Only these legal forms can use it; none chosen means any."),
    )
    profitability = models.JSONField(
        _("suits profitability"), default=list, blank=True, validators=[validate_profitability]
    )
    stages = models.JSONField(_("suitable stages"), default=list, blank=True, validators=[validate_stages])

    class Meta:
        verbose_name = _("instrument type")
        verbose_name_plural = _("instrument types")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("financing:instrument_detail", kwargs={"slug": self.slug})

    @property
    def name(self):
        return self.name_en if translation.get_language() == "en" else self.name_de


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
