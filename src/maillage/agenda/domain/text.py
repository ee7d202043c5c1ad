"""Markdown descriptions rendered to sanitised HTML (markdown, then nh3 with a short allow-list)."""

from __future__ import annotations

import threading
from typing import Final

import markdown
import nh3

ALLOWED_TAGS: Final = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "code",
    "pre",
    "hr",
}
ALLOWED_ATTRIBUTES: Final = {"a": {"href", "title"}}
_converters = threading.local()  # building a Markdown instance costs ~3 ms; one per thread, reset per text


def _converter() -> markdown.Markdown:
    found = getattr(_converters, "markdown", None)
    if found is None:
        found = markdown.Markdown(extensions=["sane_lists"], output_format="html")
        _converters.markdown = found
    return found


def markdown_to_html(text: str) -> str:
    """Sanitised HTML of a Markdown text: no script, no style, no image, links kept (http, https, mailto)."""
    if not text.strip():
        return ""
    raw = _converter().reset().convert(text)
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
