"""Helpers shared by the views: object permissions (visitors to the login, others 403) and service errors."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404

from quarters.models import Municipality, Quarter


def permission(perm: str, getter=None):
    """Check `perm` against the object `getter(request, **kwargs)` returns, then call `view(request, obj)`.

    Signed-out visitors are sent to the login; signed-in people without the permission get 403.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = getter(request, **kwargs) if getter else None
            if not request.user.has_perm(perm, obj):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            if getter:
                return view(request, obj)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def get_municipality(request, slug):
    return get_object_or_404(Municipality, slug=slug)


def get_quarter(request, slug):
    return get_object_or_404(Quarter.objects.select_related("municipality"), slug=slug)


def error_messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def add_errors(request, error: ValidationError) -> None:
    for message in error_messages(error):
        messages.error(request, message)


def add_form_errors(form, error: ValidationError) -> None:
    """A refusal from a service, shown on the form (no field: at the top)."""
    for message in error_messages(error):
        form.add_error(None, message)


def querystring_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def map_context() -> dict:
    """Tiles for the location pickers; empty when no tile server is configured (then no map at all)."""
    return {"map_tiles": settings.MAP_TILE_URL, "map_attribution": settings.MAP_TILE_ATTRIBUTION}
