"""The team of an initiative: memberships with their role, e-mail invitations into it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import person_field

from .initiatives import Initiative


class Membership(models.Model):
    """A person's role in an initiative: lead, core team (the few who carry the work), or supporter."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CORE = "core", _("Core team")
        SUPPORTER = "supporter", _("Supporter")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("initiative")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="initiative_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["initiative", "role", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "user"], name="membership_unique_per_initiative"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} ({self.initiative})"

    @property
    def is_core_team(self):
        return self.role in {self.Role.LEAD, self.Role.CORE}


class Invitation(models.Model):
    """An e-mail invitation into an initiative's team: single use, valid for settings.INVITATION_VALID_DAYS days.

    Only a hash of the token is stored, so a leaked database does not leak usable invitation links.
    """

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("initiative")
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role.choices, default=Membership.Role.CORE)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    invited_by = person_field(_("invited by"), blank=False)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = person_field(_("accepted by"))
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(accepted_by__isnull=False),
                name="invitation_accepted_has_person",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.initiative}"

    @property
    def is_open(self):
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def is_expired(self):
        return self.accepted_at is None and self.expires_at <= timezone.now()
