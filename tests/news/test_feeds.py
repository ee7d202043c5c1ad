"""The feed fetcher against a real HTTP server on the loopback: valid RSS and Atom, a broken document, a
304 on the second fetch (ETag and Last-Modified sent back), a slow server, a server error."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

from maillage.interop.feeds.reader import parse_feed
from maillage.news.models import Feed, FeedItem
from maillage.news.services.feeds import feed_fetch

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"
ETAG = '"v1-abc"'
LAST_MODIFIED = "Tue, 03 Mar 2026 09:12:44 GMT"


class Handler(http.server.BaseHTTPRequestHandler):
    seen: list[dict[str, str]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Handler.seen.append({"path": self.path, **{k: v for k, v in self.headers.items()}})
        if self.path == "/lent.xml":
            time.sleep(2)
        if self.path == "/erreur.xml":
            self.send_response(500)
            self.end_headers()
            return
        if self.path == "/rss.xml" and self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.end_headers()
            return
        name = {"/rss.xml": "wordpress-rss2.xml", "/atom.xml": "atom.xml", "/lent.xml": "atom.xml"}.get(
            self.path, "broken.xml"
        )
        body = (FEEDS / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/html" if name == "broken.xml" else "application/xml")
        if self.path == "/rss.xml":
            self.send_header("ETag", ETAG)
            self.send_header("Last-Modified", LAST_MODIFIED)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the slow case: client gone
            self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[str]:
    Handler.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_reader_deduplicates_and_strips_html() -> None:
    parsed = parse_feed((FEEDS / "wordpress-rss2.xml").read_bytes())
    assert parsed.error == ""
    assert [e.guid for e in parsed.entries] == [
        "https://partenaire.invalid/?p=1201",
        "https://partenaire.invalid/?p=1187",
    ]
    assert parsed.entries[0].summary == "Exemple fictif : un atelier pour débuter avec la tablette."
    assert parsed.entries[1].summary == "Exemple fictif & compte rendu."
    assert parsed.entries[0].published is not None
    assert parsed.entries[0].published.isoformat() == "2026-03-03T09:12:44+00:00"
    atom = parse_feed((FEEDS / "atom.xml").read_bytes())
    assert atom.entries[1].guid == "https://fablab.invalid/posts/sans-id/"  # no id: the link stands for it


@pytest.mark.django_db
def test_rss_then_304_with_the_validators_sent_back(site: str) -> None:
    feed = Feed.objects.create(name="Partenaire (exemple fictif)", url=f"{site}/rss.xml")
    first = feed_fetch(feed)
    assert (first.new, first.error) == (2, "")
    feed.refresh_from_db()
    assert (feed.etag, feed.last_modified) == (ETAG, LAST_MODIFIED)
    second = feed_fetch(feed)
    assert second.not_modified
    assert second.new == 0
    assert Handler.seen[-1]["If-None-Match"] == ETAG
    assert Handler.seen[-1]["If-Modified-Since"] == LAST_MODIFIED
    assert FeedItem.objects.filter(feed=feed).count() == 2


@pytest.mark.django_db
def test_atom_entries_are_stored_once_across_fetches(site: str) -> None:
    feed = Feed.objects.create(name="Fablab (exemple fictif)", url=f"{site}/atom.xml")
    assert feed_fetch(feed).new == 2
    assert feed_fetch(feed).new == 0  # no validators on this server: fetched again, nothing new
    assert FeedItem.objects.filter(feed=feed).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "timeout", "message"),
    [
        ("/page-html.xml", 5.0, "n'est pas un flux RSS ou Atom lisible"),
        ("/lent.xml", 0.5, "pas de réponse en 0.5 s"),
        ("/erreur.xml", 5.0, "HTTP 500"),
    ],
)
def test_a_broken_feed_is_recorded_never_raised(site: str, path: str, timeout: float, message: str) -> None:
    feed = Feed.objects.create(name="Cassé (exemple fictif)", url=site + path)
    report = feed_fetch(feed, timeout=timeout)
    assert message in report.error
    feed.refresh_from_db()
    assert message in feed.last_error
    assert feed.checked_at is not None
    assert not FeedItem.objects.exists()


@pytest.mark.django_db
def test_the_command_reports_each_feed_and_goes_on(site: str, capsys: pytest.CaptureFixture[str]) -> None:
    Feed.objects.create(name="A cassé", url=f"{site}/page-html.xml")
    Feed.objects.create(name="B bon", url=f"{site}/rss.xml")
    Feed.objects.create(name="C éteint", url=f"{site}/atom.xml", active=False)
    call_command("fetch-feeds")
    out, err = capsys.readouterr()
    assert "B bon : 2 nouvelle(s) entrée(s)" in out
    assert "A cassé : Le document n'est pas un flux" in err
    assert "C éteint" not in out + err


def test_unreachable_port_is_an_error_not_a_crash(db: None) -> None:
    feed = Feed.objects.create(name="Fermé", url="http://127.0.0.1:9/flux.xml")
    assert "lecture impossible" in feed_fetch(feed, timeout=2).error
