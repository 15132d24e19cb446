"""The network: links between initiatives and the actors (organisations) around them."""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import person_field

from .initiatives import Initiative


class InitiativeLink(models.Model):
    """A link between two initiatives of the network (e.g. shared space, the same model, mentoring)."""

    from_initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("initiative")
    )
    to_initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("linked initiative")
    )
    description = models.CharField(_("relation"), max_length=200, blank=True)
    created_by = person_field()
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("link between initiatives")
        verbose_name_plural = _("links between initiatives")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["from_initiative", "to_initiative"], name="initiative_link_unique"),
            models.CheckConstraint(
                condition=~Q(from_initiative=F("to_initiative")), name="initiative_link_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.from_initiative} – {self.to_initiative}"


class Actor(models.Model):
    """An organisation in the network: economic development agency, cooperative, welfare association, ..."""

    class Kind(models.TextChoices):
        """The one vocabulary of actors: the directory and the referrals of advisory cases use it."""

        ECONOMIC_DEVELOPMENT = "economic_development", _("Economic development agency")
        BANK = "bank", _("Bank")
        PROMOTIONAL_BANK = "promotional_bank", _("Promotional bank")
        FOUNDATION = "foundation", _("Foundation or funder")
        AUDIT_ASSOCIATION = "audit_association", _("Audit association")
        COOPERATIVE = "cooperative", _("Cooperative")
        HOUSING = "housing", _("Housing company")
        WELFARE = "welfare", _("Welfare association")
        CHURCH = "church", _("Church")
        ASSOCIATION = "association", _("Association")
        PUBLIC = "public", _("Public authority")
        BUSINESS = "business", _("Business")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    municipality = models.ForeignKey(
        "quarters.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actors",
        verbose_name=_("municipality"),
        help_text=_("Empty for actors working across municipalities."),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, validators=[MaxLengthValidator(2000)])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="actor_name_unique_per_municipality"),
        ]

    def __str__(self):
        return self.name


class InitiativeActor(models.Model):
    """An actor's role for an initiative ('berät', 'stellt Räume', 'fördert')."""

    class Role(models.TextChoices):
        ADVISES = "advises", _("advises")
        PROVIDES_SPACE = "provides_space", _("provides space")
        FUNDS = "funds", _("funds")
        PARTNER = "partner", _("is a partner")
        CARRIES = "carries", _("carries the project")
        OTHER = "other", _("other")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="actor_links", verbose_name=_("initiative")
    )
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="initiative_links", verbose_name=_("actor"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("actor of an initiative")
        verbose_name_plural = _("actors of initiatives")
        ordering = ["actor__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "actor", "role"], name="initiative_actor_unique_role"),
        ]

    def __str__(self):
        return f"{self.actor} {self.get_role_display()} {self.initiative}"
