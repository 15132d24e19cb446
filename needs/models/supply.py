"""What a quarter has: existing offers (Angebote) and what it can build on (endogene Potenziale)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import person_field

from .needs import Located, both_or_no_coordinates

DESCRIPTION_MAX_LENGTH = 2000


class Review(models.TextChoices):
    """Residents suggest, coordinators confirm; only confirmed entries are public and count."""

    SUGGESTED = "suggested", _("Suggested, awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")


class SupplyBase(Located):
    quarter = models.ForeignKey(
        "quarters.Quarter", on_delete=models.PROTECT, related_name="+", verbose_name=_("quarter")
    )
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)]
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    review = models.CharField(_("review"), max_length=20, choices=Review.choices, default=Review.SUGGESTED)
    suggested_by = person_field(_("suggested by"))
    confirmed_by = person_field(_("confirmed by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def municipality(self):
        return self.quarter.municipality

    @property
    def is_confirmed(self):
        return self.review == Review.CONFIRMED


class Offer(SupplyBase):
    """An existing service in a quarter."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        AT_RISK = "at_risk", _("At risk")
        CLOSED = "closed", _("Closed")

    quarter = models.ForeignKey(
        "quarters.Quarter", on_delete=models.PROTECT, related_name="offers", verbose_name=_("quarter")
    )
    service_area = models.ForeignKey(
        "needs.ServiceArea", on_delete=models.PROTECT, related_name="offers", verbose_name=_("service area")
    )
    name = models.CharField(_("name"), max_length=160)
    operator = models.CharField(_("operator"), max_length=160, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["service_area__position", "name"]
        indexes = [models.Index(fields=["quarter", "review", "status"], name="offer_quarter_review_status")]
        constraints = [both_or_no_coordinates("offer_both_or_no_coordinates")]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = (self.name or "").strip()
        if not self.name:
            raise ValidationError({"name": _("Please name the offer.")})
        self.clean_location()


class Potential(SupplyBase):
    """Something the quarter can build on: a building, residents' skills and time, an actor, a local fund."""

    class Kind(models.TextChoices):
        BUILDING = "building", _("Vacant or threatened building")
        SKILL = "skill", _("Skills and time residents offer")
        ACTOR = "actor", _("Organisation or actor")
        FUND = "fund", _("Local fund")

    class BuildingStatus(models.TextChoices):
        VACANT = "vacant", _("Vacant")
        DEMOLITION = "demolition", _("Threatened with demolition")
        PARTLY_USED = "partly_used", _("Partly used")

    class OwnerType(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipality")
        HOUSING_COMPANY = "housing_company", _("Housing company")
        CHURCH = "church", _("Church")
        COOPERATIVE = "cooperative", _("Cooperative")
        ASSOCIATION = "association", _("Association or foundation")
        PRIVATE = "private", _("Private owner")
        OTHER = "other", _("Other")

    quarter = models.ForeignKey(
        "quarters.Quarter", on_delete=models.PROTECT, related_name="potentials", verbose_name=_("quarter")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=160)
    service_area = models.ForeignKey(
        "needs.ServiceArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="potentials",
        verbose_name=_("could serve"),
    )
    floor_area = models.PositiveIntegerField(_("floor area (m²)"), null=True, blank=True)
    owner_type = models.CharField(_("owner"), max_length=20, choices=OwnerType.choices, blank=True)
    building_status = models.CharField(_("building status"), max_length=20, choices=BuildingStatus.choices, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(_("hours per month"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("potential")
        verbose_name_plural = _("potentials")
        ordering = ["kind", "title"]
        indexes = [models.Index(fields=["quarter", "review", "kind"], name="potential_quarter_review_kind")]
        constraints = [
            both_or_no_coordinates("potential_both_or_no_coordinates"),
            models.CheckConstraint(
                condition=Q(kind="building") | Q(building_status="", owner_type="", floor_area__isnull=True),
                name="potential_building_fields_only_for_buildings",
            ),
            models.CheckConstraint(
                condition=~Q(kind="building") | ~Q(building_status=""), name="potential_building_has_status"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        self.title = (self.title or "").strip()
        errors = {}
        if not self.title:
            errors["title"] = _("Please give the potential a title.")
        if self.kind == self.Kind.BUILDING:
            if not self.building_status:
                errors["building_status"] = _("Please say whether the building is vacant, threatened or partly used.")
        else:
            for name in ("building_status", "owner_type"):
                if getattr(self, name):
                    errors[name] = _("Only buildings have this field.")
            if self.floor_area is not None:
                errors["floor_area"] = _("Only buildings have this field.")
        if self.kind != self.Kind.FUND and self.amount is not None:
            errors["amount"] = _("Only funds have an amount.")
        if self.kind != self.Kind.SKILL and self.hours_per_month is not None:
            errors["hours_per_month"] = _("Only skills and time have hours per month.")
        if errors:
            raise ValidationError(errors)
        self.clean_location()
