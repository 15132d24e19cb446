"""What the advisory views share: loading the object a URL names, the year asked for, the charts."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from common.charts import COMPACT, horizontal_bars
from initiatives.models import Initiative
from quarters.models import Municipality

from .. import queries
from ..models import Consultation, Referral, Task

# --- The objects the URLs name (getters for common.web.permission_required) ------------------------


def get_municipality(request, slug):
    return get_object_or_404(Municipality, slug=slug)


def get_case(request, pk):
    case = queries.case_for_detail(pk)
    if case is None:
        raise Http404
    return case


def get_consultation(request, pk):
    return get_object_or_404(
        Consultation.objects.select_related("case__municipality", "case__initiative", "case__quarter"), pk=pk
    )


def get_task(request, pk):
    return get_object_or_404(Task.objects.select_related("case__municipality", "case__initiative"), pk=pk)


def get_referral(request, pk):
    return get_object_or_404(Referral.objects.select_related("case__municipality", "case__initiative"), pk=pk)


def get_workshop(request, pk):
    workshop = queries.workshop_for_detail(pk)
    if workshop is None:
        raise Http404
    return workshop


def get_initiative(request, slug):
    return get_object_or_404(Initiative.objects.select_related("municipality"), slug=slug)


# --- Page parts -----------------------------------------------------------------------------------


def year_asked(request) -> int:
    """The year of ?year=, this year when there is none or it is no number."""
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def chart(items, title, heading):
    """The dashboards' bar charts (templates/components/charts/figure.html): compact, with a caption."""
    return horizontal_bars(items, title=title, value_heading=heading, width=560, label_width=200, layout=COMPACT)
