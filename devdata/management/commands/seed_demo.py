from importlib import import_module, util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from common.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, Demo


class Command(BaseCommand):
    help = "Create the demo data (Dortmund with Marten and Eving, Gelsenkirchen) and one account per role."

    def handle(self, *args, **options):
        demo = Demo()
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if app_config.name == "devdata" or util.find_spec(module_name) is None:
                    continue
                module = import_module(module_name)
                if hasattr(module, "seed"):
                    module.seed(demo)
        for line in demo.log:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Accounts (password for all: {DEMO_PASSWORD}):"))
        for role, email in demo.accounts:
            self.stdout.write(f"  {role:<45} {email}")
        self.stdout.write(
            "Staff accounts sign in with a second factor. TOTP secret for all of them: "
            f"{DEMO_TOTP_SECRET} (add it to an authenticator app, or: oathtool --totp -b {DEMO_TOTP_SECRET})"
        )
