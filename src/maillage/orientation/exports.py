"""The printable orientation sheet: an HTML template rendered to a one-page A4 PDF by WeasyPrint.

The sheet fetches nothing from the network: its CSS is inline, its fonts are the system's, and the
URL fetcher refuses every URL but `data:` ones and files inside this app's directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

APP_DIR = Path(__file__).resolve().parent


class LocalOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that refuses anything not local: no font, image or CSS from the web."""

    def __init__(self, root: Path = APP_DIR) -> None:
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


def sheet_pdf(html: str) -> bytes:
    """`html` as a PDF, with the local-only fetcher."""
    pdf = HTML(string=html, base_url=APP_DIR.as_uri() + "/", url_fetcher=LocalOnlyFetcher()).write_pdf()
    if pdf is None:  # pragma: no cover - only when a target file is given
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)


def orientation_sheet_pdf(*, context: dict[str, Any]) -> bytes:
    """The orientation sheet for `context` (what `orientation/sheet.html` expects)."""
    return sheet_pdf(render_to_string("orientation/sheet.html", context))
