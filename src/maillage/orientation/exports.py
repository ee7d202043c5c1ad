"""The printable orientation sheet: an HTML template rendered to a one-page A4 PDF by WeasyPrint.

The sheet fetches nothing from the network (`core.pdf`): its CSS is inline, its fonts are the system's,
and the URL fetcher refuses every URL but `data:` ones and files inside this app's directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from maillage.core.pdf import LocalOnlyFetcher, html_pdf

APP_DIR = Path(__file__).resolve().parent

__all__ = ["APP_DIR", "LocalOnlyFetcher", "orientation_sheet_pdf", "sheet_pdf"]


def sheet_pdf(html: str) -> bytes:
    """`html` as a PDF, with the local-only fetcher rooted in this app's directory."""
    return html_pdf(html, root=APP_DIR)


def orientation_sheet_pdf(*, context: dict[str, Any]) -> bytes:
    """The orientation sheet for `context` (what `orientation/sheet.html` expects)."""
    return sheet_pdf(render_to_string("orientation/sheet.html", context))
