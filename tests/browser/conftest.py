"""The browser harness: Debian's Chromium driven by Playwright, an axe-core scan, screenshots.

Every page a test opens is served by pytest-django's live server. Requests to any other host are
blocked and recorded: a page of Maillage must make no third-party request.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Frame, Page, sync_playwright

from tests import db_snapshot

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM must be allowed beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

_requests: list[pytest.FixtureRequest] = []


@pytest.fixture(autouse=True)
def _the_test_request(request: pytest.FixtureRequest) -> Iterator[None]:
    _requests.append(request)
    yield
    _requests.pop()


def _restored(name: str) -> object:
    """Write a data set the worker built once (tests/db_snapshot.py) into the live server's database: the
    same rows as building it again (`demo_load`, `territories_load`, an import), committed, in a fraction
    of the time."""
    result = None
    for layer in ("loire_snapshot", "loire_census_snapshot") if name == "loire_census_snapshot" else (name,):
        result = db_snapshot.restore(_requests[-1].getfixturevalue(layer))
    return result


def demo_data() -> list[str]:
    """What `demo_load(with_france=False)` writes; returns its summary lines."""
    lines = _restored("demo_snapshot")
    assert isinstance(lines, list)
    return lines


def loire_data() -> None:
    """What `territories_load(with_france=False)` writes."""
    _restored("loire_snapshot")


def loire_census_data() -> None:
    """The Loire and the 81 real Hinaura 2022 places, as `import_mednum(HINAURA_LOIRE)` writes them."""
    _restored("loire_census_snapshot")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium when run as root")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def wait_until(target: Page | Frame, expression: str, timeout: float = 30.0) -> None:
    """Wait until the JavaScript `expression` is truthy in the page (or frame).

    Playwright's `wait_for_function` re-evaluates its predicate with `eval()` inside the page, which the
    site's Content-Security-Policy refuses (no 'unsafe-eval', core/security.py); `evaluate` is not.
    """
    deadline = time.monotonic() + timeout
    while not target.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        target.wait_for_timeout(100)


class Visitor:
    """A page plus what the harness records about it."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.foreign_requests: list[str] = []
        self.console_errors: list[str] = []

    def goto(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None, f"{path}: no response"
        assert response.ok, f"{path}: HTTP {response.status}"

    def assert_accessible(self, name: str) -> None:
        """axe-core (WCAG 2.0/2.1 A and AA rules) must find no violation on the current page."""
        results = Axe().run(self.page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
        violations = results.response["violations"]
        report = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in violations
        )
        assert not violations, f"axe-core found {len(violations)} violation(s) on {name}:\n{report}"

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def _viewer(browser: Browser, live_server_url: str, **context: object) -> Iterator[Visitor]:
    ctx = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", **context)  # type: ignore[arg-type]
    page = ctx.new_page()
    visitor = Visitor(page, live_server_url)
    own_host = urlparse(live_server_url).netloc

    def guard(route, request):  # type: ignore[no-untyped-def]
        host = urlparse(request.url).netloc
        if request.url.startswith(("data:", "blob:")) or host == own_host:
            route.continue_()
        else:
            visitor.foreign_requests.append(request.url)
            route.abort()

    page.route("**/*", guard)
    page.on("console", lambda msg: visitor.console_errors.append(msg.text) if msg.type == "error" else None)
    yield visitor
    ctx.close()
    assert not visitor.foreign_requests, f"third-party requests: {visitor.foreign_requests}"


@pytest.fixture
def visitor(browser: Browser, live_server: object) -> Iterator[Visitor]:
    yield from _viewer(browser, live_server.url, viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]


@pytest.fixture
def phone_visitor(browser: Browser, live_server: object) -> Iterator[Visitor]:
    yield from _viewer(
        browser,
        live_server.url,  # type: ignore[attr-defined]
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
