"""The financing plan of an initiative: its facts for the financing check and its sources of money."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.models import person_field
from common.money import MAX_AMOUNT
from financing.choices import QUESTION_PREFIXES, Profitability
from initiatives.plan import loans
from initiatives.plan.financing_plan import MAX_TRANCHES

from .initiatives import MONEY, Initiative


def validate_check_answers(value):
    """Answers to programme-specific questions of the financing check: {"area:<slug>": true, ...}."""
    if not isinstance(value, dict) or any(
        not isinstance(key, str) or key.split(":", 1)[0] not in QUESTION_PREFIXES or not isinstance(answer, bool)
        for key, answer in value.items()
    ):
        raise ValidationError(_("The answers to the check's questions are malformed."), code="invalid_answers")


class FinancingPlan(models.Model):
    """Settings and facts of an initiative's financing plan (one per initiative, created on the first answer).

    The facts the financing check asks for and the initiative's profile lacks live here: profitability,
    securities, recognised Gemeinnützigkeit and the answers to programme-specific questions.
    """

    initiative = models.OneToOneField(
        Initiative, on_delete=models.CASCADE, related_name="financing_plan", verbose_name=_("initiative")
    )
    start_month = models.DateField(
        _("start month"),
        null=True,
        blank=True,
        help_text=_("The month the one-off costs fall due and the running costs and revenues begin."),
    )
    profitability = models.CharField(
        _("profitability"), max_length=20, choices=Profitability.choices, blank=True, default=""
    )
    has_securities = models.BooleanField(_("securities available"), null=True, blank=True)
    is_gemeinnuetzig = models.BooleanField(_("recognised as gemeinnützig"), null=True, blank=True)
    check_answers = models.JSONField(
        _("answers to the check's questions"), default=dict, blank=True, validators=[validate_check_answers]
    )
    updated_by = person_field(_("changed by"))
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("financing plan")
        verbose_name_plural = _("financing plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(profitability__in=["", *Profitability.values]), name="financing_plan_profitability"
            ),
        ]

    def __str__(self):
        return str(self.initiative)

    def clean(self):
        if self.start_month is not None:
            self.start_month = self.start_month.replace(day=1)


class FinancingLine(models.Model):
    """A source of the financing plan: a programme of the catalogue or a free source, with amount and status.

    `source_name` and `instrument` are always filled: for a programme they are taken from it when the line is
    saved, so the line keeps its meaning if the programme later leaves the catalogue.

    A loan (an instrument type that must be repaid) has its terms: interest rate, term, months without
    repayment and the way of repayment; all four are given or none (initiatives/plan/loans.py has the
    schedule). Other sources have none.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        APPLIED = "applied", _("applied for")
        APPROVED = "approved", _("approved")
        RECEIVED = "received", _("received")

    class Repayment(models.TextChoices):
        ANNUITY = loans.ANNUITY, loans.REPAYMENT_LABELS[loans.ANNUITY]
        LINEAR = loans.LINEAR, loans.REPAYMENT_LABELS[loans.LINEAR]
        BULLET = loans.BULLET, loans.REPAYMENT_LABELS[loans.BULLET]
        INTEREST_FREE = loans.INTEREST_FREE, loans.REPAYMENT_LABELS[loans.INTEREST_FREE]

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="financing_lines", verbose_name=_("initiative")
    )
    programme = models.ForeignKey(
        "financing.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )
    instrument = models.ForeignKey(
        "financing.InstrumentType", on_delete=models.PROTECT, related_name="+", verbose_name=_("instrument type")
    )
    entity = models.ForeignKey(
        "initiatives.Entity",
        on_delete=models.PROTECT,  # initiatives.services.entity_delete moves the sources first
        null=True,
        blank=True,
        related_name="financing_lines",
        verbose_name=_("received by"),
        help_text=_("The organisation of the initiative that receives this money; empty: the lead organisation."),
    )
    source_name = models.CharField(_("source"), max_length=255)
    amount = models.DecimalField(
        _("amount (€)"), **MONEY, validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_AMOUNT)]
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    expected_on = models.DateField(
        _("expected on"), null=True, blank=True, help_text=_("When the money comes (the first payment).")
    )
    tranches = models.PositiveSmallIntegerField(
        _("monthly payments"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TRANCHES)],
        help_text=_("Paid in this many equal monthly payments (1 to 12)."),
    )
    interest_rate = models.DecimalField(
        _("interest rate (percent a year)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(loans.MAX_RATE)],
    )
    term_months = models.PositiveSmallIntegerField(
        _("term (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(loans.MAX_TERM_MONTHS)],
    )
    grace_months = models.PositiveSmallIntegerField(_("months without repayment"), null=True, blank=True)
    repayment = models.CharField(_("repayment"), max_length=20, choices=Repayment.choices, blank=True, default="")
    note = models.CharField(_("note"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_by = person_field(_("added by"))
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("financing plan line")
        verbose_name_plural = _("financing plan lines")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(amount__lte=MAX_AMOUNT), name="financing_line_amount_in_range"
            ),
            models.CheckConstraint(
                condition=Q(tranches__gte=1, tranches__lte=MAX_TRANCHES), name="financing_line_tranches_in_range"
            ),
            models.CheckConstraint(condition=~Q(source_name=""), name="financing_line_has_source"),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "applied", "approved", "received"]), name="financing_line_status"
            ),
            models.CheckConstraint(
                condition=Q(interest_rate__isnull=True) | Q(interest_rate__gte=0, interest_rate__lte=loans.MAX_RATE),
                name="financing_line_interest_rate_in_range",
            ),
            models.CheckConstraint(
                condition=Q(term_months__isnull=True) | Q(term_months__gte=1, term_months__lte=loans.MAX_TERM_MONTHS),
                name="financing_line_term_in_range",
            ),
            models.CheckConstraint(
                condition=Q(grace_months__isnull=True) | Q(grace_months__gte=0, grace_months__lt=F("term_months")),
                name="financing_line_grace_within_term",
            ),
            models.CheckConstraint(
                condition=Q(repayment__in=["", *loans.REPAYMENT_LABELS]), name="financing_line_repayment"
            ),
            models.CheckConstraint(
                condition=Q(
                    repayment="", interest_rate__isnull=True, term_months__isnull=True, grace_months__isnull=True
                )
                | (
                    ~Q(repayment="")
                    & Q(interest_rate__isnull=False, term_months__isnull=False, grace_months__isnull=False)
                ),
                name="financing_line_loan_terms_complete",
            ),
            models.CheckConstraint(
                condition=~Q(repayment=loans.INTEREST_FREE) | Q(interest_rate=0),
                name="financing_line_interest_free_at_zero",
            ),
        ]

    def __str__(self):
        return f"{self.source}: {self.amount}"

    @property
    def source(self) -> str:
        """The programme's current name, or the free source's."""
        return self.programme.name if self.programme_id and self.programme else self.source_name

    @property
    def effective_instrument(self):
        """The programme's instrument type (current), else the line's own."""
        if self.programme_id and self.programme:
            return self.programme.instrument_type
        return self.instrument

    @property
    def loan_terms(self) -> loans.LoanTerms | None:
        """The loan's terms for the schedule, or None when none are given."""
        if not self.repayment or self.term_months is None:
            return None
        return loans.LoanTerms(
            rate=self.interest_rate or Decimal("0"),
            term_months=self.term_months,
            grace_months=self.grace_months or 0,
            repayment=self.repayment,
        )

    @property
    def pays_after_spending(self) -> bool:
        if self.programme_id and self.programme:
            return self.programme.pays_after_spending_effective
        return self.instrument.pays_after_spending
