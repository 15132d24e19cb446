"""Residents taking part: offers of help ('Mitmachen') and non-binding pledges."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import person_field

from .initiatives import MONEY, Initiative


class HelpOffer(models.Model):
    """'Mitmachen': a resident offers help; the core team accepts or declines."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="help_offers", verbose_name=_("initiative")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_offers", verbose_name=_("offered by")
    )
    skills = models.TextField(_("what I can do"), validators=[MaxLengthValidator(2000)])
    hours_per_month = models.PositiveSmallIntegerField(_("hours per month"), default=0)
    contact = models.CharField(_("how to reach me"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    decided_by = person_field()
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("offered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("help offer")
        verbose_name_plural = _("help offers")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user"], condition=Q(status="open"), name="help_offer_one_open_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.initiative}"


class Pledge(models.Model):
    """A non-binding pledge of a supporter: shares, a subordinated loan, a donation, hours or a room.

    Only lead and core see single pledges; totals may be shown publicly.
    """

    class Kind(models.TextChoices):
        SHARES = "shares", _("Cooperative shares")
        LOAN = "loan", _("Subordinated loan")
        DONATION = "donation", _("Donation")
        HOURS = "hours", _("Volunteer hours")
        ROOM = "room", _("Use of a room")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="pledges", verbose_name=_("initiative")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pledges",
        verbose_name=_("pledged by"),
    )
    pledger_name = models.CharField(
        _("name"), max_length=120, blank=True, help_text=_("For pledges recorded on someone's behalf.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    share_count = models.PositiveIntegerField(_("number of shares"), null=True, blank=True)
    share_price = models.DecimalField(
        _("price per share (€)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )
    amount = models.DecimalField(
        _("amount (€)"), **MONEY, null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )
    hours_per_month = models.PositiveSmallIntegerField(_("hours per month"), null=True, blank=True)
    room = models.CharField(_("room"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("pledged at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(pledger_name=""), name="pledge_has_pledger"),
            models.CheckConstraint(
                condition=(
                    Q(kind="shares", share_count__gte=1, share_price__isnull=False, amount__isnull=True)
                    | Q(kind__in=["loan", "donation"], amount__isnull=False, share_count__isnull=True)
                    | Q(kind="hours", hours_per_month__gte=1, amount__isnull=True, share_count__isnull=True)
                    | (Q(kind="room", amount__isnull=True, share_count__isnull=True) & ~Q(room=""))
                ),
                name="pledge_fields_match_kind",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.initiative}"

    @property
    def money(self) -> Decimal:
        """The pledged money: shares x price, or the amount; zero for hours and rooms."""
        if self.kind == self.Kind.SHARES and self.share_count and self.share_price is not None:
            return self.share_count * self.share_price
        return self.amount or Decimal("0")

    @property
    def pledger_display(self):
        return self.pledger_name or (self.user.public_name if self.user else "")

    def clean(self):
        errors = {}
        if self.kind == self.Kind.SHARES:
            if not self.share_count:
                errors["share_count"] = _("How many shares?")
            if self.share_price is None:
                errors["share_price"] = _("What does one share cost?")
        elif self.kind in {self.Kind.LOAN, self.Kind.DONATION}:
            if self.amount is None:
                errors["amount"] = _("Please give the amount.")
        elif self.kind == self.Kind.HOURS:
            if not self.hours_per_month:
                errors["hours_per_month"] = _("How many hours per month?")
        elif self.kind == self.Kind.ROOM and not (self.room or "").strip():
            errors["room"] = _("Please describe the room.")
        if errors:
            raise ValidationError(errors)
        # Fields of other kinds are dropped, so the ledger never shows stale numbers.
        if self.kind != self.Kind.SHARES:
            self.share_count = self.share_price = None
        if self.kind not in {self.Kind.LOAN, self.Kind.DONATION}:
            self.amount = None
        if self.kind != self.Kind.HOURS:
            self.hours_per_month = None
        if self.kind != self.Kind.ROOM:
            self.room = ""
