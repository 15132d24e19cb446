from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.documents import document_type
from reports.models import ReportJob
from reports.services import report_render_now

KINDS = {"initiative": ReportJob.Kind.INITIATIVE_CONCEPT, "quarter": ReportJob.Kind.QUARTER}


class Command(BaseCommand):
    help = "Render a document synchronously: render_report initiative|quarter <slug> --out file.pdf"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("slug")
        parser.add_argument("--out", required=True, help="Path of the PDF file to write.")
        parser.add_argument("--language", default="de", choices=["de", "en"])

    def handle(self, *args, kind, slug, out, language, **options):
        try:
            document = document_type(KINDS[kind])
        except KeyError as error:
            raise CommandError(f"Documents of kind {kind!r} are not available yet.") from error
        try:
            subject = document.lookup(slug)
        except document.model.DoesNotExist as error:
            raise CommandError(f"No {kind} with the slug {slug!r}.") from error
        pdf = report_render_now(kind=document.kind, subject=subject, language=language)
        Path(out).write_bytes(pdf.content)
        self.stdout.write(self.style.SUCCESS(f"Wrote {out}: {pdf.pages} pages, {len(pdf.content)} bytes."))
