from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from common.models import person_field


class Municipality(models.Model):
    """A municipality (Kommune): the tenancy root. Its staff see its non-public data, no one else's."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    state = models.CharField(_("federal state"), max_length=60, blank=True)
    official_key = models.CharField(
        _("official municipality key"), max_length=12, blank=True, help_text=_("Official municipality key (AGS).")
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Quarter(models.Model):
    """A quarter (Quartier) of a municipality. Demographic figures live in QuarterStatistics."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="quarters", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)
    centre_lat = models.DecimalField(_("centre latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    centre_lon = models.DecimalField(_("centre longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    urban_development_area = models.BooleanField(
        _("Städtebauförderung area"),
        null=True,
        blank=True,
        help_text=_(
            "Whether the quarter is a funding area of the Städtebauförderung (e.g. „Sozialer Zusammenhalt“); "
            "the financing check answers its question from here. Empty: not known."
        ),
    )

    class Meta:
        verbose_name = _("quarter")
        verbose_name_plural = _("quarters")
        ordering = ["municipality__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="quarter_name_unique_per_municipality"),
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality.name})"

    def get_absolute_url(self):
        return reverse("needs:quarter", kwargs={"slug": self.slug})

    def clean(self):
        if self.boundary is not None:
            geometry_type = self.boundary.get("type") if isinstance(self.boundary, dict) else None
            if geometry_type not in {"Polygon", "MultiPolygon", "Feature", "FeatureCollection"}:
                raise ValidationError({"boundary": _("The boundary must be a GeoJSON polygon or feature.")})


class QuarterStatistics(models.Model):
    """Demographic figures of a quarter at a reference date, as a statistics office publishes them."""

    quarter = models.ForeignKey(Quarter, on_delete=models.CASCADE, related_name="statistics", verbose_name=_("quarter"))
    reference_date = models.DateField(_("reference date"))
    population = models.PositiveIntegerField(_("population"))
    age_under_18 = models.PositiveIntegerField(_("aged under 18"))
    age_18_to_64 = models.PositiveIntegerField(_("aged 18 to 64"))
    age_65_to_79 = models.PositiveIntegerField(_("aged 65 to 79"))
    age_80_plus = models.PositiveIntegerField(_("aged 80 and over"))
    share_without_german_citizenship = models.DecimalField(
        _("share without German citizenship (%)"), max_digits=5, decimal_places=2
    )
    main_languages = models.JSONField(_("main languages"), default=list, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("quarter statistics")
        verbose_name_plural = _("quarter statistics")
        ordering = ["quarter", "-reference_date"]
        get_latest_by = "reference_date"
        constraints = [
            models.UniqueConstraint(fields=["quarter", "reference_date"], name="statistics_unique_per_date"),
            models.CheckConstraint(
                condition=models.Q(share_without_german_citizenship__gte=0)
                & models.Q(share_without_german_citizenship__lte=100),
                name="statistics_share_is_percentage",
            ),
        ]

    def __str__(self):
        return f"{self.quarter.name} {self.reference_date:%d.%m.%Y}"

    def clean(self):
        age_total = self.age_under_18 + self.age_18_to_64 + self.age_65_to_79 + self.age_80_plus
        if self.population is not None and age_total != self.population:
            raise ValidationError(
                _("The age groups add up to %(total)s, but the population is %(population)s.")
                % {"total": age_total, "population": self.population}
            )

    @property
    def age_65_plus(self):
        return self.age_65_to_79 + self.age_80_plus

    def share(self, count):
        """Share of the population in per cent, one decimal."""
        return round(100 * count / self.population, 1) if self.population else 0

    @property
    def share_under_18(self):
        return self.share(self.age_under_18)

    @property
    def share_18_to_64(self):
        return self.share(self.age_18_to_64)

    @property
    def share_65_plus(self):
        return self.share(self.age_65_plus)


class StaffRole(models.Model):
    """A person's staff role in one municipality."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        ADVISOR = "advisor", _("Advisor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_roles", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="staff_roles", verbose_name=_("municipality")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        ordering = ["municipality__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality", "role"], name="staff_role_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.municipality})"


class RoleChange(models.Model):
    """Audit trail: who granted or revoked which staff role, and when."""

    class Action(models.TextChoices):
        GRANTED = "granted", _("granted")
        REVOKED = "revoked", _("revoked")

    actor = person_field(_("changed by"), blank=False)
    subject = person_field(_("person"), blank=False)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, verbose_name=_("municipality"))
    role = models.CharField(_("role"), max_length=20, choices=StaffRole.Role.choices)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.get_role_display()} {self.subject} ({self.created_at:%d.%m.%Y})"
