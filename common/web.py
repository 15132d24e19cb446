"""The web layer every app's views use: object permissions, service calls from forms and buttons, pages.

Permissions: signed-out visitors go to the login, signed-in people without the permission get 403 (the
rules of each app's `rules.py` decide). Services refuse with `ValidationError`; the helpers here show the
refusal on the form (on the field it names) or as a message, and keep what was typed.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.shortcuts import redirect
from rules.contrib.views import PermissionRequiredMixin as RulesPermissionRequiredMixin


def refuse(request):
    """No permission: visitors to the login (they may have one once signed in), everyone else 403."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _consumed_names(get_object) -> set[str] | None:
    """The URL arguments `get_object` takes (None: it takes them all through **kwargs)."""
    names = set()
    for position, parameter in enumerate(inspect.signature(get_object).parameters.values()):
        if position == 0:
            continue  # the request
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            return None
        names.add(parameter.name)
    return names


def permission_required(perm: str, get_object: Callable | None = None):
    """Check `perm` on the object `get_object(request, **url_kwargs)` loads, then call the view.

    The view is called as `view(request, obj, **rest)`, where `rest` are the URL arguments the getter did
    not take (`get_object(request, slug)` takes `slug`; a `pk` in the URL is passed on). Without a getter
    the permission is checked without an object and the view gets the URL arguments unchanged.
    """
    consumed = _consumed_names(get_object) if get_object else set()

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if get_object is None:
                if not request.user.has_perm(perm):
                    return refuse(request)
                return view(request, *args, **kwargs)
            taken = kwargs if consumed is None else {k: v for k, v in kwargs.items() if k in consumed}
            obj = get_object(request, *args, **taken)
            if not request.user.has_perm(perm, obj):
                return refuse(request)
            rest = {} if consumed is None else {k: v for k, v in kwargs.items() if k not in consumed}
            return view(request, obj, **rest)

        wrapped.permission = perm  # read by the role-matrix tests and the URL audit
        return wrapped

    return decorator


class PermissionRequiredMixin(RulesPermissionRequiredMixin):
    """The class-based views' form of `permission_required`: `permission_required = "app.perm"` and, for an
    object permission, `get_permission_object()`. Visitors go to the login, signed-in users get 403."""

    raise_exception = False  # AccessMixin: 403 for signed-in users, the login for visitors


def add_service_errors(form, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def add_error_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@dataclass(frozen=True)
class Outcome:
    """What `submit` did: `ok` when the service ran and wrote; `result` is what it returned."""

    ok: bool
    result: Any = None


def submit(request, form, service: Callable[[], Any], *, success: str | None = None) -> Outcome:
    """On a POST with a valid form, call `service()` (it reads `form.cleaned_data`); a refusal lands on the
    form and the page is shown again with what was typed. `success` is flashed when the service ran."""
    if request.method != "POST" or not form.is_valid():
        return Outcome(False)
    try:
        result = service()
    except ValidationError as error:
        add_service_errors(form, error)
        return Outcome(False)
    if success:
        messages.success(request, success)
    return Outcome(True, result)


def act(request, service: Callable[[], Any], *, to, success: str | None = None):
    """A button without fields to fill in: call `service()`, flash `success` or the refusal, and redirect
    to `to` (a URL or a model with get_absolute_url) either way."""
    try:
        service()
    except ValidationError as error:
        add_error_messages(request, error)
    else:
        if success:
            messages.success(request, success)
    return redirect(to)


def page_size(name: str = "default") -> int:
    return settings.PAGE_SIZES.get(name, settings.PAGE_SIZES["default"])


def paginate(request, items, size: str = "default", paginator_class=Paginator) -> Page:
    """The page of `items` the query string asks for (a wrong number gives the nearest page); `size` names
    an entry of settings.PAGE_SIZES."""
    return paginator_class(items, page_size(size)).get_page(request.GET.get("page"))
