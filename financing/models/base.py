"""The catalogue's floor: facts with their sources, and the validators of its choice lists."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.validators import validate_choice_list

from ..choices import Profitability, Stage
from ..sources import parse_excerpts, parse_sources


def validate_stages(value):
    validate_choice_list(value, Stage)


def validate_profitability(value):
    validate_choice_list(value, Profitability)


class Sourced(models.Model):
    """Facts with their sources and the date they were last checked."""

    sources = models.TextField(
        _("sources"),
        blank=True,
        help_text=_('Law paragraphs and web addresses, separated by " | ", e.g. "[1] https://… | [2] § 56 BGB".'),
    )
    source_excerpt = models.TextField(_("quotes from the sources"), blank=True)
    checked_on = models.DateField(_("last checked on"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def source_list(self):
        return parse_sources(self.sources)

    @property
    def excerpt_list(self):
        return parse_excerpts(self.source_excerpt)
