"""The service-area taxonomy ships with data migration 0002; this puts it back where a database lost it.

Transactional tests empty every table after they run, migration data included; the demo and the tests
call `ensure_service_areas()` so they do not depend on the order tests run in.
"""

import importlib

from django.apps import apps

from .models import ServiceArea


def ensure_service_areas() -> None:
    if not ServiceArea.objects.exists():
        importlib.import_module("needs.migrations.0002_seed_service_areas").seed(apps, None)
