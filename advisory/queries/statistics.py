"""The yearly report (counts only, no personal data) and the activity counts for the reports app."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from initiatives.models import Actor

from ..models import Case, Consultation, ConsultationTopic, Phase, PhaseChange, Referral, Topic, Workshop
from .cases import hours
from .dashboards import topic_counts


@dataclass
class YearlyReport:
    year: int
    cases_active: int
    cases_opened: int
    cases_closed: int
    consultations: int
    minutes: int
    formats: list[tuple[str, int]]
    topics: list[tuple[str, int]]
    referrals: list[tuple[str, int, int, int]]  # actor type, made, successful, unsuccessful
    phases_reached: list[tuple[str, int]]
    workshops: int
    workshop_attendees: int
    referral_statuses: list[tuple[str, int]] = field(default_factory=list)

    @property
    def hours(self):
        return hours(self.minutes)

    @property
    def referrals_total(self):
        return sum(row[1] for row in self.referrals)

    def csv_rows(self) -> list[tuple[str, str, str, str]]:
        """(section, key, label, value): figures only, no names, no text written by anyone. The key stays the
        same in every language; the label is for people."""
        rows = [
            ("cases", "active", _("Cases active in the year"), self.cases_active),
            ("cases", "opened", _("Cases opened"), self.cases_opened),
            ("cases", "closed", _("Cases closed"), self.cases_closed),
            ("consultations", "count", _("Consultations"), self.consultations),
            ("consultations", "hours", _("Hours of consultation"), self.hours),
        ]
        rows += [
            ("consultation_format", key, label, count)
            for key, (label, count) in zip(Consultation.Format.values, self.formats, strict=True)
        ]
        rows += [("topics", key, label, count) for key, (label, count) in zip(Topic.values, self.topics, strict=True)]
        for key, (label, made, successful, unsuccessful) in zip(Actor.Kind.values, self.referrals, strict=True):
            rows += [
                ("referrals_made", key, label, made),
                ("referrals_successful", key, label, successful),
                ("referrals_unsuccessful", key, label, unsuccessful),
            ]
        rows += [
            ("referral_status", key, label, count)
            for key, (label, count) in zip(Referral.Status.values, self.referral_statuses, strict=True)
        ]
        reached_keys = [value for value in Phase.values if value != Phase.FIRST_CONTACT]
        rows += [
            ("outcomes_phase_reached", key, label, count)
            for key, (label, count) in zip(reached_keys, self.phases_reached, strict=True)
        ]
        rows += [
            ("workshops", "count", _("Workshops"), self.workshops),
            ("workshops", "attendees", _("Workshop attendees"), self.workshop_attendees),
        ]
        return [(section, key, str(label), str(value)) for section, key, label, value in rows]


def _year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _active_in(year: int) -> Q:
    start, end = _year_bounds(year)
    return Q(opened_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def yearly_report(municipality, year: int) -> YearlyReport:
    """The figures for funders and council: seven aggregate queries, no personal data."""
    cases = Case.objects.filter(municipality=municipality)
    start, end = _year_bounds(year)
    case_figures = cases.aggregate(
        active=Count("pk", filter=_active_in(year)),
        opened=Count("pk", filter=Q(opened_on__year=year)),
        closed=Count("pk", filter=Q(closed_on__year=year)),
    )
    consultations = Consultation.objects.filter(case__municipality=municipality, held_on__year=year)
    formats = {
        row["format"]: row
        for row in consultations.order_by()
        .values("format")
        .annotate(total=Count("pk"), minutes=Sum("duration_minutes"))
    }
    referral_rows = list(
        Referral.objects.filter(case__municipality=municipality, referred_on__year=year)
        .order_by()
        .values("actor_type", "status")
        .annotate(total=Count("pk"))
    )
    by_actor, by_status = {}, Counter()
    for row in referral_rows:
        made, successful, unsuccessful = by_actor.get(row["actor_type"], (0, 0, 0))
        made += row["total"]
        if row["status"] == Referral.Status.SUCCESSFUL:
            successful += row["total"]
        elif row["status"] == Referral.Status.UNSUCCESSFUL:
            unsuccessful += row["total"]
        by_actor[row["actor_type"]] = (made, successful, unsuccessful)
        by_status[row["status"]] += row["total"]
    reached = dict(
        PhaseChange.objects.filter(case__municipality=municipality, changed_at__date__range=(start, end))
        .exclude(from_phase="")
        .order_by()
        .values("to_phase")
        .annotate(total=Count("case", distinct=True))
        .values_list("to_phase", "total")
    )
    workshops = Workshop.objects.filter(municipality=municipality, held_on__year=year).aggregate(
        total=Count("pk"), attendees=Coalesce(Sum("attendees"), Value(0))
    )
    return YearlyReport(
        year=year,
        cases_active=case_figures["active"],
        cases_opened=case_figures["opened"],
        cases_closed=case_figures["closed"],
        consultations=sum(row["total"] for row in formats.values()),
        minutes=sum(row["minutes"] or 0 for row in formats.values()),
        formats=[(str(label), formats.get(value, {}).get("total", 0)) for value, label in Consultation.Format.choices],
        topics=topic_counts(ConsultationTopic.objects.filter(consultation__in=consultations)),
        referrals=[(str(label), *by_actor.get(value, (0, 0, 0))) for value, label in Actor.Kind.choices],
        referral_statuses=[(str(label), by_status.get(value, 0)) for value, label in Referral.Status.choices],
        phases_reached=[
            (str(label), reached.get(value, 0)) for value, label in Phase.choices if value != Phase.FIRST_CONTACT
        ],
        workshops=workshops["total"],
        workshop_attendees=workshops["attendees"],
    )


def report_years(municipality, today=None) -> list[int]:
    """The years with any case, newest first (at least the current year)."""
    today = today or timezone.localdate()
    first = Case.objects.filter(municipality=municipality).order_by("opened_on").values_list("opened_on", flat=True)
    first_year = first[0].year if first else today.year
    return list(range(today.year, min(first_year, today.year) - 1, -1))


@dataclass(frozen=True)
class Activity:
    """Advisory activity in counts: for the quarter and municipality reports. No names, no notes."""

    cases_open: int
    cases_total: int
    consultations: int
    minutes: int
    referrals: int
    workshops: int
    topics: dict[str, int]

    @property
    def hours(self):
        return hours(self.minutes)


def _activity(cases: QuerySet[Case], consultations: QuerySet[Consultation], referrals, workshops) -> Activity:
    case_figures = cases.aggregate(total=Count("pk"), open=Count("pk", filter=~Q(status=Case.Status.CLOSED)))
    consultation_figures = consultations.aggregate(
        total=Count("pk"), minutes=Coalesce(Sum("duration_minutes"), Value(0))
    )
    topic_counts = dict(
        ConsultationTopic.objects.filter(consultation__in=consultations)
        .order_by()
        .values("topic")
        .annotate(total=Count("pk"))
        .values_list("topic", "total")
    )
    return Activity(
        cases_open=case_figures["open"],
        cases_total=case_figures["total"],
        consultations=consultation_figures["total"],
        minutes=consultation_figures["minutes"],
        referrals=referrals.count(),
        workshops=workshops.count(),
        topics={value: topic_counts.get(value, 0) for value in Topic.values},
    )


def activity_for_quarter(quarter, year: int | None = None) -> Activity:
    """Advisory activity in a quarter (all years, or one): cases, consultations, hours, referrals, workshops,
    topics. Five queries."""
    cases = Case.objects.filter(quarter=quarter)
    consultations = Consultation.objects.filter(case__quarter=quarter)
    referrals = Referral.objects.filter(case__quarter=quarter)
    workshops = Workshop.objects.filter(cases__quarter=quarter).distinct()
    if year is not None:
        cases = cases.filter(_active_in(year))
        consultations = consultations.filter(held_on__year=year)
        referrals = referrals.filter(referred_on__year=year)
        workshops = workshops.filter(held_on__year=year)
    return _activity(cases, consultations, referrals, workshops)


def activity_for_municipality(municipality, year: int) -> Activity:
    """Advisory activity of a municipality in a year (cases active in that year). Five queries."""
    cases = Case.objects.filter(municipality=municipality)
    return _activity(
        cases.filter(_active_in(year)),
        Consultation.objects.filter(case__municipality=municipality, held_on__year=year),
        Referral.objects.filter(case__municipality=municipality, referred_on__year=year),
        Workshop.objects.filter(municipality=municipality, held_on__year=year),
    )
