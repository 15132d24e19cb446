"""The public quarter page, the coordinators' dashboard per quarter, and the quarter's open data."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from common import charts
from common.web import permission_required

from .. import gaps, opendata, queries
from ..models import Need
from .base import get_quarter

STATUS_CLASSES = [
    (Need.Status.PUBLISHED, "chart-published"),
    (Need.Status.SUBMITTED, "chart-submitted"),
    (Need.Status.MERGED, "chart-merged"),
    (Need.Status.REJECTED, "chart-rejected"),
    ("hidden", "chart-hidden"),
]


def _gaps(inputs: queries.GapInputs):
    scores = gaps.rank(inputs.areas, inputs.demography)
    chart = charts.horizontal_bars([(gap.service_area_name, gap.score) for gap in scores], max_value=100)
    return inputs.statistics, scores, chart


def _map_points(needs, offers, potentials):
    points = []
    for kind, label, items in (("need", _("Need"), needs), ("offer", _("Offer"), offers)):
        for item in items:
            if item.has_location:
                points.append(
                    {
                        "kind": kind,
                        "label": str(label),
                        "title": item.title if kind == "need" else item.name,
                        "lat": float(item.latitude),
                        "lon": float(item.longitude),
                        "url": item.get_absolute_url() if kind == "need" else "",
                    }
                )
    for item in potentials:
        if item.has_location:
            points.append(
                {
                    "kind": "potential",
                    "label": str(item.get_kind_display()),
                    "title": item.title,
                    "lat": float(item.latitude),
                    "lon": float(item.longitude),
                    "url": "",
                }
            )
    return points


def _map_config(quarter, points):
    if not settings.MAP_TILE_URL:
        return None
    centre = None
    if quarter.centre_lat is not None and quarter.centre_lon is not None:
        centre = [float(quarter.centre_lat), float(quarter.centre_lon)]
    return {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "centre": centre,
        "boundary": quarter.boundary,
        "points": points,
    }


def quarter_page(request, slug):
    quarter = get_quarter(request, slug)
    statistics, scores, gap_chart = _gaps(queries.quarter_gap_inputs(quarter))
    needs = list(queries.need_list(quarter=quarter, sort="support", user=request.user)[:10])
    offers = list(queries.confirmed_offers(quarter))
    potentials = list(queries.confirmed_potentials(quarter))
    return render(
        request,
        "needs/quarter/page.html",
        {
            "quarter": quarter,
            "statistics": statistics,
            "needs": needs,
            "need_total": queries.public_needs().filter(quarter=quarter).count(),
            "offers": offers,
            "potentials": potentials,
            "gaps": scores,
            "gap_chart": gap_chart,
            "map": _map_config(quarter, _map_points(needs, offers, potentials)),
            "open_surveys": [s for s in queries.surveys_of_quarter(quarter) if s.is_open],
            "can_view_dashboard": request.user.has_perm("needs.view_dashboard", quarter),
            "can_manage_supply": request.user.has_perm("needs.manage_supply", quarter),
        },
    )


@permission_required("needs.view_dashboard", get_quarter)
def dashboard(request, quarter):
    # The aggregates over all the quarter's supports come from a short cache that the services clear.
    figures = queries.dashboard_figures(quarter)
    statistics, scores, gap_chart = _gaps(figures["gap_inputs"])
    by_status = queries.needs_by_area_and_status(quarter)
    for row in by_status:
        row["cells"] = [row[status] for status, _css in STATUS_CLASSES]
    months = figures["months"]
    can_moderate = request.user.has_perm("needs.moderate_need", quarter)
    return render(
        request,
        "needs/quarter/dashboard.html",
        {
            "quarter": quarter,
            "statistics": statistics,
            "gaps": scores,
            "gap_chart": gap_chart,
            "by_status": by_status,
            "status_columns": [
                (status, _("hidden") if status == "hidden" else Need.Status(status).label, css)
                for status, css in STATUS_CLASSES
            ],
            "status_chart": charts.stacked_bars(
                [(row["area"].name, [(css, row[status]) for status, css in STATUS_CLASSES]) for row in by_status]
            ),
            "months": months,
            "month_chart": charts.columns([(month.strftime("%m/%y"), total) for month, total in months]),
            "surveys": queries.surveys_of_quarter(quarter),
            "participation": figures["participation"],
            "moderation": queries.open_moderation_count(quarter),
            "suggestions": queries.suggestions_of(quarter) if can_moderate else None,
            "can_moderate": can_moderate,
        },
    )


def open_data_json(request, slug):
    quarter = get_quarter(request, slug)
    response = JsonResponse(opendata.export_data(quarter), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'inline; filename="{quarter.slug}-{timezone.localdate():%Y-%m-%d}.json"'
    return response


def open_data_csv(request, slug):
    quarter = get_quarter(request, slug)
    response = HttpResponse(opendata.export_csv(quarter), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{quarter.slug}-{timezone.localdate():%Y-%m-%d}.csv"'
    return response
