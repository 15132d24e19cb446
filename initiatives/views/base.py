"""What the views of the initiative registry share."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect

from quarters.models import Municipality

from ..models import (
    Initiative,
)


def _deny(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def with_initiative(perm):
    """Load the initiative of the URL's slug and check `perm` on it: visitors go to login, others get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, slug, *args, **kwargs):
            initiative = get_object_or_404(Initiative.objects.select_related("municipality", "legal_form"), slug=slug)
            if not request.user.has_perm(perm, initiative):
                return _deny(request)
            return view(request, initiative, *args, **kwargs)

        return wrapped

    return decorator


def with_municipality(perm):
    def decorator(view):
        @wraps(view)
        def wrapped(request, municipality_slug, *args, **kwargs):
            municipality = get_object_or_404(Municipality, slug=municipality_slug)
            if not request.user.has_perm(perm, municipality):
                return _deny(request)
            return view(request, municipality, *args, **kwargs)

        return wrapped

    return decorator


def _form_error(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _refuse(request, error: ValidationError, to: str):
    for message in error.messages:
        messages.error(request, message)
    return redirect(to)


def _querystring_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
