"""HTML to PDF with WeasyPrint, reading nothing but our own static files.

WeasyPrint fetches the stylesheets and images a page names. Police networks block other
hosts, and a PDF must not depend on one (nor leak that it was made), so the fetcher serves
the site's static files from disk and refuses every other URL (``data:`` URLs excepted:
they carry their content).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

#: The address the page is rendered at: its links to /static/... resolve under it, and nowhere else.
BASE_URL = "https://beatbook.invalid/"


class RefusedURL(ValueError):
    """A URL outside our static files: WeasyPrint leaves the resource out."""


class OwnStaticFetcher(URLFetcher):
    """Serves ``BASE_URL + STATIC_URL + name`` from the static files; refuses anything else.

    ``fetched`` and ``refused`` list the URLs asked for, for the audit of what a PDF used.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("https", "data"))
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = self._static_path(url)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"not one of beatbook's static files: {url}")
        self.fetched.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    @staticmethod
    def _static_path(url: str) -> Path | None:
        parts = urlsplit(url)
        prefix = urlsplit(BASE_URL + settings.STATIC_URL.lstrip("/")).path
        if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(prefix):
            return None
        name = unquote(parts.path.removeprefix(prefix))
        try:
            found = finders.find(name)
        except SuspiciousFileOperation:
            return None
        if not found and settings.STATIC_ROOT:
            candidate = Path(settings.STATIC_ROOT, name).resolve()
            found = str(candidate) if candidate.is_relative_to(Path(settings.STATIC_ROOT).resolve()) else None
        return Path(found) if isinstance(found, str) and Path(found).is_file() else None


def html_to_pdf(html: str, fetcher: OwnStaticFetcher | None = None) -> bytes:
    """The PDF of ``html`` (static files named as ``{% static %}`` gives them)."""
    pdf = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher or OwnStaticFetcher()).write_pdf()
    assert pdf is not None
    return pdf
