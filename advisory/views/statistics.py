"""The yearly report of a municipality, on the page and as CSV."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from common.web import permission_required

from .. import queries
from ..forms import YearForm
from .common import chart, get_municipality, year_asked


@permission_required("advisory.view_yearly_report", get_municipality)
def yearly_report(request, municipality):
    year = year_asked(request)
    report = queries.yearly_report(municipality, year)
    return render(
        request,
        "advisory/yearly_report.html",
        {
            "municipality": municipality,
            "report": report,
            "year_form": YearForm(initial={"year": year}, years=queries.report_years(municipality)),
            "topics_chart": chart(report.topics, _("Consultations by topic"), _("Consultations")),
        },
    )


@permission_required("advisory.view_yearly_report", get_municipality)
def yearly_report_csv(request, municipality):
    """The yearly report's figures as CSV: counts only, no names, no notes, no text written by anyone."""
    year = year_asked(request)
    report = queries.yearly_report(municipality, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="beratung-{municipality.slug}-{year}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["municipality", "year", "section", "key", "label", "value"])
    for section, key, label, value in report.csv_rows():
        writer.writerow([municipality.name, year, section, key, label, value])
    return response
