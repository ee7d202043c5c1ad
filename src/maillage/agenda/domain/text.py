"""Markdown descriptions rendered to sanitised HTML (markdown, then nh3 with a short allow-list)."""

from __future__ import annotations

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


def markdown_to_html(text: str) -> str:
    """Sanitised HTML of a Markdown text: no script, no style, no image, links kept (http, https, mailto)."""
    if not text.strip():
        return ""
    raw = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
