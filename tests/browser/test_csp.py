"""The Content-Security-Policy (core/security.py) refuses nothing on the main pages, in Chromium.

Every `securitypolicyviolation` event, in the page and in its frames (the embed builder's preview), is
recorded by a script Playwright adds before the page's own; Chromium's console errors are recorded by
the harness. Both must stay empty while each page loads, runs its scripts and fetches its data.
"""

from __future__ import annotations

import pytest

from maillage.places.models import Place
from tests.browser.conftest import Visitor

pytestmark = pytest.mark.django_db(transaction=True)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
      + ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""
PAGES = [
    "/",
    "/carte/",
    "/carte/integrer/",
    "/embed/carte/",
    "/orienter/",
    "/orienter/commune/?besoin=demarche-en-ligne",
    "/donnees/",
    "/connexion/",
    "/agenda/",
    "/agenda/carte/",
    "/api/docs",
]


def _violations(visitor: Visitor) -> list[str]:
    found: list[str] = []
    for frame in visitor.page.frames:
        found += frame.evaluate("window.__cspViolations || []")
    return found


def test_no_page_breaks_the_content_security_policy(loire_census: None, visitor: Visitor) -> None:
    page = visitor.page
    page.add_init_script(RECORD_VIOLATIONS)
    place = Place.objects.filter(status="published").first()
    assert place is not None
    checked = []
    for path in [*PAGES, f"/lieux/{place.pk}/"]:
        response = page.goto(visitor.base_url + path)
        assert response is not None, path
        assert response.ok, f"{path}: HTTP {response.status}"
        assert "'unsafe-inline'" not in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        if path in ("/carte/", "/embed/carte/"):  # the map ran: Leaflet drew its markers or clusters
            page.locator(".leaflet-marker-icon").first.wait_for()
        checked.append((path, _violations(visitor)))
    assert [(path, found) for path, found in checked if found] == []
    refused = [text for text in visitor.console_errors if "Content Security Policy" in text]
    assert refused == []


def test_the_policy_does_refuse_inline_code(loire_census: None, visitor: Visitor) -> None:
    """The check above can fail: an inline script and an inline style are refused and recorded."""
    page = visitor.page
    page.add_init_script(RECORD_VIOLATIONS)
    visitor.goto("/")
    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.__inlineRan = true";
        document.body.append(script);
        const style = document.createElement("style");
        style.textContent = "body { color: red; }";
        document.head.append(style);
    }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.__inlineRan === undefined")
    violations = _violations(visitor)
    assert any(v.startswith("script-src-elem refused inline") for v in violations), violations
    assert any(v.startswith("style-src-elem refused inline") for v in violations), violations
