"""What the advisory views share: loading the object a URL names, the year asked for."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from initiatives.models import Initiative
from quarters.models import Municipality

from .. import queries
from ..charts import bar_chart
from ..models import Consultation, Referral, Task


def _refuse(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def permission(perm: str, getter):
    """Load the object with `getter(request, **kwargs)`, check `perm` on it, call `view(request, obj)`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, **kwargs):
            obj = getter(request, **kwargs)
            if not request.user.has_perm(perm, obj):
                return _refuse(request)
            return view(request, obj)

        return wrapped

    return decorator


def _municipality(request, slug):
    return get_object_or_404(Municipality, slug=slug)


def _case(request, pk):
    case = queries.case_for_detail(pk)
    if case is None:
        raise Http404
    return case


def _consultation(request, pk):
    return get_object_or_404(
        Consultation.objects.select_related("case__municipality", "case__initiative", "case__quarter"), pk=pk
    )


def _task(request, pk):
    return get_object_or_404(Task.objects.select_related("case__municipality", "case__initiative"), pk=pk)


def _referral(request, pk):
    return get_object_or_404(Referral.objects.select_related("case__municipality", "case__initiative"), pk=pk)


def _workshop(request, pk):
    workshop = queries.workshop_for_detail(pk)
    if workshop is None:
        raise Http404
    return workshop


def _initiative(request, slug):
    return get_object_or_404(Initiative.objects.select_related("municipality"), slug=slug)


def _form_errors(form, error: ValidationError) -> None:
    """A refusal from a service, shown on the form's fields where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


def _page(request, queryset, size=queries.PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _querystring_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _chart(items, title, heading):
    return bar_chart(items, title=title, value_heading=heading)
