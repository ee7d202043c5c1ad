"""HTML templates printed to PDF by WeasyPrint, with nothing fetched from the network.

The printed pages carry their CSS inline and use the system's fonts; the URL fetcher refuses every URL
but `data:` ones and files inside the `maillage` package (an SVG is drawn inline, never fetched).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PACKAGE_DIR = Path(__file__).resolve().parent.parent


class LocalOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that refuses anything not local: no font, image or CSS from the web."""

    def __init__(self, root: Path = PACKAGE_DIR) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlparse(url).path)).resolve()
            if path.is_relative_to(self.root):
                return super().fetch(url, headers)
        raise ValueError(f"Ressource non locale refusée : {url}")


def html_pdf(html: str, *, root: Path = PACKAGE_DIR) -> bytes:
    """`html` as a PDF, with the local-only fetcher (relative URLs resolve inside `root`)."""
    document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=LocalOnlyFetcher(root))
    pdf = document.write_pdf()
    if pdf is None:  # pragma: no cover - only when a target file is given
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """The Django template `template` rendered with `context`, printed to PDF."""
    return html_pdf(render_to_string(template, context))
