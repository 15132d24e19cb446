from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("Needs")

    def ready(self):
        from accounts import gdpr

        from .privacy import erase, export

        gdpr.register("needs", export=export, erase=erase)
