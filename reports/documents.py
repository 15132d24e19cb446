"""The kinds of documents: which subject, which template, who may request them, what goes in.

Apps above `reports` in the import direction are read here; the registry keeps the services generic.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.utils import timezone
from django.utils.text import slugify

from initiatives.models import Initiative
from quarters.models import Quarter

from . import content
from .models import ReportJob


@dataclass(frozen=True)
class DocumentType:
    kind: str
    model: type[Model]
    template: str
    permission: str  # a rules permission checked against the subject
    build_context: Callable[[Model], dict]
    lookup: Callable[[str], Model]  # slug → subject, for the render_report command
    file_stem: str

    def filename(self, subject, language: str) -> str:
        return f"{self.file_stem}-{slugify(subject.slug)}-{language}.pdf"


def _quarter_context(quarter) -> dict:
    return content.quarter_report_context(quarter)


def _quarter_lookup(slug):
    return Quarter.objects.select_related("municipality").get(slug=slug)


def _initiative_context(initiative) -> dict:
    return content.initiative_concept_context(initiative)


def _initiative_lookup(slug):
    return Initiative.objects.select_related("municipality", "legal_form").get(slug=slug)


def _registry() -> dict[str, DocumentType]:
    documents = {
        ReportJob.Kind.INITIATIVE_CONCEPT: DocumentType(
            kind=ReportJob.Kind.INITIATIVE_CONCEPT,
            model=Initiative,
            template="reports/concept_report.html",
            permission="reports.request_initiative_concept",
            build_context=_initiative_context,
            lookup=_initiative_lookup,
            file_stem="konzept",
        ),
        ReportJob.Kind.QUARTER: DocumentType(
            kind=ReportJob.Kind.QUARTER,
            model=Quarter,
            template="reports/quarter_report.html",
            permission="reports.request_quarter_report",
            build_context=_quarter_context,
            lookup=_quarter_lookup,
            file_stem="quartiersbericht",
        ),
    }
    return documents


def document_type(kind: str) -> DocumentType:
    return _registry()[kind]


def base_context() -> dict:
    return {"generated_on": timezone.localdate()}
