from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class ServiceArea(models.Model):
    """A field of services (Versorgungsbereich) in which a quarter can have needs, offers and gaps."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_de = models.CharField(_("name (German)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=80)
    description_de = models.TextField(_("description (German)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    icon = models.CharField(_("icon"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if translation.get_language() == "en" else self.name_de

    @property
    def description(self):
        return self.description_en if translation.get_language() == "en" else self.description_de
