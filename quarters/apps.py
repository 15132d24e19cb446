from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuartersConfig(AppConfig):
    name = "quarters"
    verbose_name = _("Municipalities and quarters")
