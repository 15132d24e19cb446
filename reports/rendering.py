"""PDF rendering with WeasyPrint, fetching nothing but the project's own static files."""

import hashlib
import mimetypes
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Documents are rendered against this made-up origin: only its /static/ paths resolve, to our own files.
BASE_URL = "https://kudequa.invalid/"
STATIC_PREFIX = BASE_URL + "static/"


class StaticOnlyURLFetcher(URLFetcher):
    """Resolves /static/ URLs to the project's static files and refuses everything else.

    User text ends up in the documents; a hostile image URL or a file:// path must fetch nothing.
    """

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(STATIC_PREFIX):
            relative = url.removeprefix(STATIC_PREFIX).split("?")[0].split("#")[0]
            if ".." not in relative.split("/"):
                path = finders.find(relative)
                if path:
                    with open(path, "rb") as handle:
                        body = handle.read()
                    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body, {"Content-Type": content_type})
        raise ValueError(f"Refused to fetch {url!r}: documents may only use the project's static files.")


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def render_pdf(template_name: str, context: dict, language: str) -> RenderedPdf:
    """Render a print template to a tagged PDF (PDF/UA-1) with the document language set."""
    with translation.override(language):
        html = render_to_string(template_name, {**context, "LANGUAGE_CODE": language})
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher()).render()
    content = document.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=False)
    return RenderedPdf(content=content, pages=len(document.pages))
