"""HTML templates printed to PDF by WeasyPrint, with nothing fetched from the network.

The printed pages carry their CSS inline and use the system's fonts; the URL fetcher refuses every URL
but `data:` ones (decoded here, never opened through urllib) and files inside the `maillage` package (an
SVG is drawn inline or given as a `data:` URI, never fetched).
"""

from __future__ import annotations

import base64
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urlparse

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def data_response(url: str) -> URLFetcherResponse:
    """A `data:[<media type>][;base64],<data>` URI's content (RFC 2397), decoded without urllib."""
    header, comma, payload = url[len("data:") :].partition(",")
    if not comma:
        raise ValueError("URI data: sans virgule")
    media_type, *parameters = header.split(";")
    is_base64 = parameters[-1:] == ["base64"]
    body = base64.b64decode(payload) if is_base64 else unquote_to_bytes(payload)
    content_type = ";".join([media_type or "text/plain", *parameters[: -1 if is_base64 else None]])
    return URLFetcherResponse(url, body, headers={"Content-Type": content_type})


class LocalOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that refuses anything not local: no font, image or CSS from the web."""

    def __init__(self, root: Path = PACKAGE_DIR) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.root = root.resolve()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return data_response(url)
        if scheme == "file":
            path = Path(unquote(urlparse(url).path)).resolve()
            if path.is_relative_to(self.root):
                return super().fetch(url, headers)
        raise ValueError(f"Ressource non locale refusée : {url}")


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for one render: WeasyPrint allocates hundreds of thousands of
    objects for a booklet, and the collector's passes over them took a fifth of its time. Memory is
    reclaimed by reference counting meanwhile, the cycles at the next collection (the peak barely moves)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def html_pdf(html: str, *, root: Path = PACKAGE_DIR) -> bytes:
    """`html` as a PDF, with the local-only fetcher (relative URLs resolve inside `root`)."""
    with collector_paused():
        document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=LocalOnlyFetcher(root))
        pdf = document.write_pdf()
    if pdf is None:  # pragma: no cover - only when a target file is given
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)


def html_anchors(html: str, *, root: Path = PACKAGE_DIR) -> dict[str, float]:
    """Where each element with an id lies once `html` is laid out (never printed): the top of its border
    box in CSS px from the top of the document, pages put end to end."""
    with collector_paused():
        parsed = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=LocalOnlyFetcher(root))
        document = parsed.render()
    tops: dict[str, float] = {}
    offset = 0.0
    for page in document.pages:
        for name, (_, top, _, _) in page.anchors.items():
            tops.setdefault(name, offset + top)
        offset += page.height
    return tops


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """The Django template `template` rendered with `context`, printed to PDF."""
    return html_pdf(render_to_string(template, context))
