"""`python manage.py seed_scale --preset city|state`: a large, realistic, deterministic data set for benchmarks."""

import datetime
import io
import json

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from devdata.scale.build import Builder
from devdata.scale.presets import PRESETS


def _truncate_everything():
    """Empty every table of the project (PostgreSQL) but the service areas, then load the financing catalogue
    again: the database is as `migrate` left it, and ids start where they would."""
    keep = {"needs_servicearea", "django_migrations", "django_content_type", "auth_permission", "django_site"}
    existing = set(connection.introspection.table_names())
    tables = sorted({model._meta.db_table for model in apps.get_models(include_auto_created=True)} - keep)
    tables = [table for table in tables if table in existing]
    if connection.vendor != "postgresql":
        raise CommandError("--replace empties the database and is only available on PostgreSQL.")
    with connection.cursor() as cursor:
        quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
        cursor.execute(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")
    call_command("load_financing_catalogue", verbosity=0, stdout=io.StringIO())


class Command(BaseCommand):
    help = "Build a large deterministic data set (bulk inserts, COPY on PostgreSQL) for the benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=sorted(PRESETS), default="city")
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply every count (e.g. 0.01).")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--today", type=datetime.date.fromisoformat, default=None, help="Dates are relative to this day."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Empty the database first (PostgreSQL only): as after migrate, with the financing catalogue.",
        )
        parser.add_argument("--json", dest="as_json", action="store_true", help="Print the summary as JSON.")

    def handle(self, *args, preset, scale, seed, today, replace, as_json, verbosity, **options):
        chosen = PRESETS[preset].scaled(scale)
        if replace:
            _truncate_everything()
        today = today or datetime.date.today()

        def log(message):
            if verbosity >= 1 and not as_json:
                self.stdout.write(message)

        log(f"Building the {chosen.name} preset (seed {seed}, relative to {today:%d.%m.%Y}) …")
        summary = Builder(chosen, seed=seed, today=today, log=log).run()
        if as_json:
            self.stdout.write(_dumps(summary))
        else:
            total = sum(summary["rows"].values())
            log(self.style.SUCCESS(f"{total:,} rows in {summary['seconds']:.1f} s."))
            for label, count in summary["rows"].items():
                log(f"  {label}: {count:,}")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
