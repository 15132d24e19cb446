"""Legal forms (Rechtsformen) and instrument types (kinds of financing) with their facts and guides."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..elf import elf_codes
from .base import Sourced, validate_profitability, validate_stages


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
    personal_liability = models.BooleanField(
        _("personal liability"),
        null=True,
        blank=True,
        help_text=_("Founders, members or those who act for it are liable for its debts with their own assets."),
    )
    register = models.TextField(_("register"), blank=True)
    notary_required = models.BooleanField(_("notary required"), null=True, blank=True)
    notary = models.TextField(_("notary (note)"), blank=True)
    founding_steps = models.TextField(_("typical founding steps"), blank=True)
    founding_time = models.TextField(_("typical founding time"), blank=True)
    founding_cost = models.TextField(_("typical founding cost"), blank=True)
    founding_cost_min = models.DecimalField(
        _("founding cost from (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The lowest founding cost the sources name (notary, register, audit); empty where they name none."),
    )
    audit_duty = models.TextField(_("audit duty"), blank=True)
    can_be_gemeinnuetzig = models.BooleanField(_("can be recognised as gemeinnützig"), null=True, blank=True)
    gemeinnuetzig_note = models.TextField(_("gemeinnützig (note)"), blank=True)
    governance = models.TextField(_("how members govern"), blank=True)
    member_capital = models.TextField(_("raising capital from members"), blank=True)
    economic_business = models.BooleanField(
        _("economic business as its purpose"),
        null=True,
        blank=True,
        help_text=_("Whether its main purpose may be an economic business (a registered association's may not)."),
    )

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
