"""Writes of the financing plan: its sources, its start month and the answers to the financing check."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.money import amount_problem
from financing.choices import QUESTION_PREFIXES, Profitability
from financing.models import Condition, Programme

from ..models import (
    MAX_TRANCHES,
    FinancingLine,
    FinancingPlan,
    Initiative,
)
from ..service_base import (
    initiative_index_search,
    lock_initiative,
    refuse_if_closed,
)
from . import loans

NO_TERMS = {"interest_rate": None, "term_months": None, "grace_months": None, "repayment": ""}


def _money(value, *, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """A Decimal amount, or a ValidationError on `field` that says what is wrong with it."""

    if value is None or value == "":
        raise ValidationError({field: _("Please give the amount.")})
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (ArithmeticError, ValueError) as error:
        raise ValidationError({field: _("Enter an amount in euros, e.g. 60.000 or 1.234,56.")}) from error
    if not amount.is_finite():
        raise ValidationError({field: _("Enter an amount in euros, e.g. 60.000 or 1.234,56.")})
    problem = amount_problem(amount, allow_zero=allow_zero)
    if problem:
        raise ValidationError({field: problem})
    return amount


def _rate(value, errors: dict) -> Decimal | None:
    try:
        rate = value if isinstance(value, Decimal) else Decimal(str(value))
    except (ArithmeticError, ValueError):
        rate = None
    if rate is None or not rate.is_finite():
        errors["interest_rate"] = _("Enter the interest rate as a number, e.g. 1,5.")
    elif rate < 0:
        errors["interest_rate"] = _("The interest rate must not be negative.")
    elif rate > loans.MAX_RATE:
        errors["interest_rate"] = _("The interest rate is at most %(max)s percent a year.") % {"max": loans.MAX_RATE}
    elif rate != rate.quantize(Decimal("0.01")):
        errors["interest_rate"] = _("Give the interest rate with at most two decimal places.")
    else:
        return rate
    return None


def _loan_terms(*, repayable: bool, interest_rate, term_months, grace_months, repayment) -> dict:
    """Check a loan's terms: all given (the months without repayment default to none) or none at all.

    Terms on a source that need not be repaid are refused rather than dropped: the person typed them and
    should see that the instrument type does not fit, or clear them.
    """
    repayment = repayment or ""
    if not repayment and interest_rate is None and term_months is None and grace_months is None:
        return dict(NO_TERMS)
    if not repayable:
        raise ValidationError(
            _(
                "Interest and repayment apply to loans only: this source's instrument type need not be repaid. "
                "Leave the loan terms empty, or choose the instrument type of a loan."
            )
        )
    errors = {}
    if repayment not in loans.REPAYMENT_LABELS:
        errors["repayment"] = (
            _("Choose how the loan is repaid.") if not repayment else _("Choose a way of repayment from the list.")
        )
    if term_months is None:
        errors["term_months"] = _("Give the term of the loan in months.")
    elif not isinstance(term_months, int) or term_months < 1:
        errors["term_months"] = _("A loan runs at least one month.")
    elif term_months > loans.MAX_TERM_MONTHS:
        errors["term_months"] = _("A loan runs at most 40 years (480 months).")
    if repayment == loans.INTEREST_FREE:
        if interest_rate is not None and interest_rate != 0:
            errors["interest_rate"] = _("An interest-free loan has no interest: leave the rate at 0.")
        interest_rate = Decimal("0")
    elif interest_rate is None:
        errors["interest_rate"] = _("Give the interest rate in percent a year (0 for none).")
    else:
        interest_rate = _rate(interest_rate, errors)
    grace_months = 0 if grace_months is None else grace_months
    if not isinstance(grace_months, int) or grace_months < 0:
        errors["grace_months"] = _("The months without repayment cannot be negative.")
    elif grace_months and repayment in (loans.BULLET, loans.INTEREST_FREE):
        errors["grace_months"] = _("A loan repaid at the end has no months without repayment: leave them at 0.")
    elif isinstance(term_months, int) and grace_months >= term_months and "term_months" not in errors:
        errors["grace_months"] = _("The months without repayment must be fewer than the term (%(term)s months).") % {
            "term": term_months
        }
    if errors:
        raise ValidationError(errors)
    return {
        "interest_rate": interest_rate,
        "term_months": term_months,
        "grace_months": grace_months,
        "repayment": repayment,
    }


def _line_values(
    initiative: Initiative,
    *,
    programme,
    source_name: str,
    instrument,
    amount,
    status: str,
    expected_on: datetime.date | None,
    tranches: int,
    note: str,
    interest_rate: Decimal | None = None,
    term_months: int | None = None,
    grace_months: int | None = None,
    repayment: str = "",
    entity=None,
) -> dict:
    """Check a line's values; the source and instrument of a programme come from the programme."""
    source_name = (source_name or "").strip()
    if programme is not None:
        if source_name or instrument is not None:
            raise ValidationError(_("Choose a programme or name another source with its instrument type, not both."))
        if programme.municipality_id not in (None, initiative.municipality_id):
            raise ValidationError({"programme": _("This programme belongs to another municipality.")})
        source_name, instrument = programme.name, programme.instrument_type
    else:
        errors = {}
        if not source_name:
            errors["source_name"] = _("Choose a programme, or name the source.")
        if instrument is None:
            errors["instrument"] = _("Choose the instrument type of this source.")
        if errors:
            raise ValidationError(errors)
    if entity is not None and entity.initiative_id != initiative.pk:
        raise ValidationError({"entity": _("Choose one of the initiative's own organisations.")})
    if status not in FinancingLine.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if not isinstance(tranches, int) or not 1 <= tranches <= MAX_TRANCHES:
        raise ValidationError(
            {"tranches": _("The money comes in 1 to %(max)s monthly payments.") % {"max": MAX_TRANCHES}}
        )
    terms = _loan_terms(
        repayable=instrument.repayable,
        interest_rate=interest_rate,
        term_months=term_months,
        grace_months=grace_months,
        repayment=repayment,
    )
    return {
        "programme": programme,
        "source_name": source_name[:255],
        "instrument": instrument,
        "amount": _money(amount),
        "status": status,
        "expected_on": expected_on,
        "tranches": tranches,
        "note": (note or "").strip(),
        "entity": entity,
        **terms,
    }


@transaction.atomic
def financing_line_add(
    *,
    initiative: Initiative,
    amount: Decimal,
    by,
    programme=None,
    source_name: str = "",
    instrument=None,
    status: str = FinancingLine.Status.PLANNED,
    expected_on: datetime.date | None = None,
    tranches: int = 1,
    note: str = "",
    interest_rate: Decimal | None = None,
    term_months: int | None = None,
    grace_months: int | None = None,
    repayment: str = "",
    entity=None,
) -> FinancingLine:
    """Add a source to the financing plan: a programme of the catalogue, or a free source with its instrument.

    A loan (an instrument type that must be repaid) may come with its terms: `interest_rate` (percent a year,
    0 to 20), `term_months` (1 to 480), `grace_months` (months without repayment, fewer than the term) and
    `repayment` (FinancingLine.Repayment); other sources take none."""
    initiative = lock_initiative(initiative)
    refuse_if_closed(initiative)
    values = _line_values(
        initiative,
        programme=programme,
        source_name=source_name,
        instrument=instrument,
        amount=amount,
        status=status,
        expected_on=expected_on,
        tranches=tranches,
        note=note,
        interest_rate=interest_rate,
        term_months=term_months,
        grace_months=grace_months,
        repayment=repayment,
        entity=entity,
    )
    line = FinancingLine(initiative=initiative, position=initiative.financing_lines.count(), created_by=by, **values)
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def financing_line_update(
    *,
    line: FinancingLine,
    amount: Decimal,
    by,
    programme=None,
    source_name: str = "",
    instrument=None,
    status: str = FinancingLine.Status.PLANNED,
    expected_on: datetime.date | None = None,
    tranches: int = 1,
    note: str = "",
    interest_rate: Decimal | None = None,
    term_months: int | None = None,
    grace_months: int | None = None,
    repayment: str = "",
    entity=None,
) -> FinancingLine:
    initiative = lock_initiative(line.initiative)
    refuse_if_closed(initiative)
    line = FinancingLine.objects.select_for_update().get(pk=line.pk, initiative=initiative)
    values = _line_values(
        initiative,
        programme=programme,
        source_name=source_name,
        instrument=instrument,
        amount=amount,
        status=status,
        expected_on=expected_on,
        tranches=tranches,
        note=note,
        interest_rate=interest_rate,
        term_months=term_months,
        grace_months=grace_months,
        repayment=repayment,
        entity=entity,
    )
    for name, value in values.items():
        setattr(line, name, value)
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def financing_line_delete(*, line: FinancingLine, by) -> None:
    initiative = lock_initiative(line.initiative)
    refuse_if_closed(initiative)
    FinancingLine.objects.filter(pk=line.pk).delete()


def _plan_for_update(initiative: Initiative, by) -> FinancingPlan:
    plan, _created = FinancingPlan.objects.select_for_update().get_or_create(initiative=initiative)
    plan.updated_by = by
    return plan


@transaction.atomic
def financing_plan_update(*, initiative: Initiative, start_month: datetime.date | None, by) -> FinancingPlan:
    """The plan's settings: the month the costs start (stored as its first day)."""
    initiative = lock_initiative(initiative)
    refuse_if_closed(initiative)
    plan = _plan_for_update(initiative, by)
    plan.start_month = start_month.replace(day=1) if start_month else None
    plan.full_clean()
    plan.save()
    return plan


def _programme_question(key: str):
    """What a programme-specific question ("area:<slug>", "condition:<slug>" of a programme, "defines:<slug>"
    of a defining condition) belongs to, or None."""
    prefix, _sep, slug = key.partition(":")
    if prefix == "defines":
        return Condition.objects.filter(slug=slug).first() if slug else None
    programme = Programme.objects.filter(slug=slug).first() if slug else None
    if programme is None:
        return None
    text = programme.area_restriction if prefix == "area" else programme.extra_condition
    return programme if text else None


@transaction.atomic
def financing_fact_answer(*, initiative: Initiative, fact: str, value, by) -> FinancingPlan:
    """Answer one question of the financing check; the fact is saved on the initiative or its plan.

    `fact` is a question key of financing.matching: capital_need, own_funds (Decimal), service_areas
    (ServiceArea objects), profitability (a Profitability value), securities, gemeinnuetzig (True, False or
    None for "not known"), or a programme's own question "area:<slug>" / "condition:<slug>" (True, False, None).
    """
    initiative = lock_initiative(initiative)
    refuse_if_closed(initiative)
    plan = _plan_for_update(initiative, by)
    if fact in {"capital_need", "own_funds"}:
        amount = None if value is None else _money(value, field="value", allow_zero=True)
        setattr(initiative, fact, amount)
        initiative.save(update_fields=[fact, "updated_at"])
    elif fact == "service_areas":
        areas = list(value or [])
        if not areas:
            raise ValidationError({"value": _("Choose at least one service area.")})
        initiative.service_areas.set(areas)
        initiative_index_search(initiative=initiative)
    elif fact == "profitability":
        if value not in {"", None, *Profitability.values}:
            raise ValidationError({"value": _("Choose a value from the list.")})
        plan.profitability = value or ""
    elif fact in {"securities", "gemeinnuetzig"}:
        if value not in {True, False, None}:
            raise ValidationError({"value": _("Answer yes or no.")})
        setattr(plan, "has_securities" if fact == "securities" else "is_gemeinnuetzig", value)
    elif ":" in fact and fact.split(":", 1)[0] in QUESTION_PREFIXES:
        if _programme_question(fact) is None:
            raise ValidationError(_("This question is not asked by any programme of the catalogue."))
        if value not in {True, False, None}:
            raise ValidationError({"value": _("Answer yes or no.")})
        answers = dict(plan.check_answers or {})
        if value is None:
            answers.pop(fact, None)
        else:
            answers[fact] = value
        plan.check_answers = answers
    else:
        raise ValidationError(_("This question cannot be answered here."))
    plan.full_clean()
    plan.save()
    return plan
