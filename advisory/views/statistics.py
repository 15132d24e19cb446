"""The yearly report of a municipality, on the page and as CSV."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import queries
from ..forms import (
    YearForm,
)
from .common import _chart, _municipality, _year, permission


@permission("advisory.view_yearly_report", _municipality)
def yearly_report(request, municipality):
    year = _year(request)
    report = queries.yearly_report(municipality, year)
    return render(
        request,
        "advisory/yearly_report.html",
        {
            "municipality": municipality,
            "report": report,
            "year_form": YearForm(initial={"year": year}, years=queries.report_years(municipality)),
            "topics_chart": _chart(report.topics, _("Consultations by topic"), _("Consultations")),
        },
    )


@permission("advisory.view_yearly_report", _municipality)
def yearly_report_csv(request, municipality):
    """The yearly report's figures as CSV: counts only, no names, no notes, no text written by anyone."""
    year = _year(request)
    report = queries.yearly_report(municipality, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="beratung-{municipality.slug}-{year}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["municipality", "year", "section", "key", "label", "value"])
    for section, key, label, value in report.csv_rows():
        writer.writerow([municipality.name, year, section, key, label, value])
    return response
