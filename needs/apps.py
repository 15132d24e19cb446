from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("Needs")

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_delete, pre_delete

        from accounts import gdpr

        from . import signals
        from .privacy import erase, export

        gdpr.register("needs", export=export, erase=erase)
        pre_delete.connect(signals.remember_supported_needs, sender=settings.AUTH_USER_MODEL, dispatch_uid="needs-user")
        post_delete.connect(signals.recount_supported_needs, sender=settings.AUTH_USER_MODEL, dispatch_uid="needs-user")
