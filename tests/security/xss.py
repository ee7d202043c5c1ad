"""Stored XSS: the classic payloads, and a check that a page shows them as text, never as markup.

Every payload, if it ran, would set `window.__xss` (the Chromium suite checks it stays undefined). Here an
HTML page is parsed (html.parser, as a browser tokenises it) and must contain no element or attribute the
payloads could have created: no event-handler attribute (Maillage has none: strict CSP), no script whose
code mentions `__xss`, no `javascript:` URL; a template expression must not have been evaluated.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

MARK = "__xss"
TEXT_PAYLOADS = (
    "<script>window.__xss=1</script>",
    '"><img src=x onerror="window.__xss=1">',
    "'><svg onload=window.__xss=1>",
    "</textarea><script>window.__xss=1</script>",
    "</script><script>window.__xss=1</script>",
    "{{7*7}}xss-tpl",
    '[x](javascript:window.__xss=1) <a href="javascript:window.__xss=1">lien</a>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
)
URL_PAYLOADS = (
    "javascript:window.__xss=1",
    'https://example.org/?q="><svg/onload=window.__xss=1>',
)
TEMPLATE_EVALUATED = "49xss-tpl"
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "srcdoc",
    "poster",
    "background",
}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
_INVISIBLE = re.compile(r"[\x00-\x20]+")


def payload_text(field: str) -> str:
    """All text payloads at once, tagged with the field they were typed into."""
    return f"{field} " + " ".join(TEXT_PAYLOADS)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script: str | None = None  # type of the open <script>, when one is open

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>: an event handler")
            if name in URL_ATTRIBUTES and value:
                if (
                    _INVISIBLE.sub("", value)
                    .lower()
                    .startswith(("javascript:", "vbscript:", "data:text/html"))
                ):
                    self.problems.append(f"<{tag} {name}={value!r}>: a script URL")
                if name == "srcdoc" and MARK in value:
                    self.problems.append(f"<{tag} srcdoc>: a document from the payload")
        if tag == "script":
            self._script = dict(attrs).get("type") or "text/javascript"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            if self._script not in DATA_SCRIPT_TYPES and MARK in data:
                self.problems.append(f"a <script> runs the payload: {data[:80]!r}")
            if self._script in DATA_SCRIPT_TYPES:
                self._check_data_script(data)
            return
        self.text.append(data)

    def _check_data_script(self, data: str) -> None:
        try:
            json.loads(data)
        except ValueError:
            self.problems.append(f"a JSON script block was broken out of: {data[:80]!r}")


def html_problems(html: str) -> tuple[list[str], str]:
    """(what the payloads managed to inject, the page's visible text)."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    text = "".join(scanner.text)
    problems = list(scanner.problems)
    if TEMPLATE_EVALUATED in text:
        problems.append("a template expression was evaluated ({{7*7}} became 49)")
    return problems, text


def assert_inert(html: str, where: str, *, shows: str | None = None) -> None:
    """No payload became markup on this page; with `shows`, this text (a payload) is visible as text."""
    problems, text = html_problems(html)
    assert not problems, f"{where}: {problems}"
    if shows is not None:
        assert shows in text, f"{where}: the payload is not shown as text ({shows[:40]!r}…)"


def assert_json_inert(body: bytes, content_type: str, where: str) -> None:
    """A JSON answer is served as JSON (never sniffed as HTML) and parses: payloads stay strings in it."""
    assert content_type.split(";")[0].strip() in {"application/json", "application/geo+json"}, (
        where,
        content_type,
    )
    json.loads(body)
