from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    name = "advisory"
    verbose_name = _("Advisory")

    def ready(self):
        from accounts import gdpr

        from .gdpr import erase, export

        gdpr.register("advisory", export=export, erase=erase)
