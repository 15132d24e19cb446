from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from .catalogue_cache import connect_signals


def link_programmes(sender, instance, created, raw=False, **kwargs):
    """A municipality that joins the platform gets the programmes kept under its name (e.g. Dortmund's funds)."""
    if created and not raw:
        from .services import programmes_link_municipalities  # the models are not loaded when apps.py is

        programmes_link_municipalities()


class FinancingConfig(AppConfig):
    name = "financing"
    verbose_name = _("Financing")

    def ready(self):
        post_save.connect(link_programmes, sender="quarters.Municipality", dispatch_uid="financing_link_programmes")
        connect_signals(self)
