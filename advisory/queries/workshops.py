"""Workshops of a municipality and the cases taking part."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from ..models import Case, Workshop


def workshops_of(municipality) -> QuerySet[Workshop]:
    return (
        Workshop.objects.filter(municipality=municipality)
        .annotate(case_count=Count("cases"))
        .order_by("-held_on", "title")
    )


def workshop_for_detail(pk: int) -> Workshop | None:
    return Workshop.objects.select_related("municipality", "created_by").filter(pk=pk).first()


def workshop_cases(workshop: Workshop) -> QuerySet[Case]:
    return workshop.cases.select_related("initiative", "quarter").order_by("name")


def open_cases_of(municipality) -> QuerySet[Case]:
    return Case.objects.filter(municipality=municipality).select_related("initiative").order_by("name")
