"""Project-level pages: home, legal pages, health check, language switch."""

import logging

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from quarters.queries import municipality_overview

logger = logging.getLogger(__name__)


def home(request):
    # The first municipalities with their quarter counts (cached); each leads to its quarters, the rest are
    # reached through the search and the paged list.
    return render(request, "home.html", {"overview": municipality_overview()})


def legal_page(request, template_name):
    return render(request, template_name)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not healthy"
        logger.exception("Health check: database unreachable")
        return False


def _broker_ok() -> bool | None:
    if not settings.CELERY_BROKER_URL:
        return None  # embedded default: no broker to check
    from kudequa.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.exception("Health check: broker unreachable")
        return False


@never_cache
def healthz(request):
    checks = {"database": _database_ok()}
    broker = _broker_ok()
    if broker is not None:
        checks["broker"] = broker
    healthy = all(checks.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503)


@require_POST
def set_language(request):
    """Django's language switch, remembering the choice on the account of a signed-in user."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        from accounts.services import user_language_set

        user_language_set(user=request.user, language=language)
    return response
