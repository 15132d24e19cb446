from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from financing.catalogue import Models, link_programmes_to_municipalities, load_catalogue
from financing.catalogue_cache import batched_changes


class Command(BaseCommand):
    help = "Load or refresh the shared financing catalogue from financing/data/ (idempotent)."

    def handle(self, *args, **options):
        models = Models.from_apps(apps)
        with transaction.atomic(), batched_changes():
            load_catalogue(models)
            linked = link_programmes_to_municipalities(models)
        self.stdout.write(
            self.style.SUCCESS(f"Financing catalogue loaded; {linked} programmes linked to municipalities.")
        )
