"""The advisor's dashboard and the coordinator's overview of a municipality."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.translation import gettext as _

from common.web import permission_required

from .. import queries
from ..forms import YearForm
from .common import chart, get_municipality, year_asked


@permission_required("advisory.view_dashboard", get_municipality)
def dashboard(request, municipality):
    board = queries.advisor_dashboard(municipality, request.user)
    months = [(f"{row.month:%m/%Y}", row.consultations, row.hours) for row in board.months]
    return render(
        request,
        "advisory/dashboard.html",
        {
            "municipality": municipality,
            "board": board,
            "months": months,
            "caseload_chart": chart(board.caseload, _("My open cases by phase"), _("Cases")),
            "hours_chart": chart(
                [(label, hours) for label, _count, hours in months], _("Consultation hours per month"), _("Hours")
            ),
            "topics_chart": chart(board.topics, _("Topics of my consultations (12 months)"), _("Consultations")),
            "can_coordinate": request.user.has_perm("advisory.view_coordination", municipality),
            # The full lists behind the dashboard's first rows: the case list filtered the same way.
            "my_cases_query": urlencode(
                {"advisor": request.user.pk, "status": queries.ACTIVE, "sort": queries.SORT_URGENCY}
            ),
        },
    )


@permission_required("advisory.view_coordination", get_municipality)
def coordination(request, municipality):
    year = year_asked(request)
    overview = queries.coordinator_overview(municipality, year)
    return render(
        request,
        "advisory/coordination.html",
        {
            "municipality": municipality,
            "overview": overview,
            "year_form": YearForm(initial={"year": year}, years=queries.report_years(municipality)),
            "caseload_chart": chart(overview.caseload, _("Open cases by phase"), _("Cases")),
            "hours_chart": chart(
                [(f"{row.month:%m/%Y}", row.hours) for row in overview.months],
                _("Consultation hours per month"),
                _("Hours"),
            ),
            "advisor_chart": chart(
                [(row.person.public_name, row.hours) for row in overview.advisors],
                _("Consultation hours per advisor"),
                _("Hours"),
            ),
        },
    )
