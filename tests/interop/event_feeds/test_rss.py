import dataclasses
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree as ET

from maillage.interop.event_feeds.rss import write_rss
from tests.interop.event_feeds.samples import NOW, event


def feed(*events):
    text = write_rss(
        events,
        title="Agenda exemple (fictif)",
        link="https://agenda.exemple.test/agenda/",
        description="Les rendez-vous d'un réseau fictif",
        now=NOW,
    )
    return text, ET.fromstring(text.encode("utf-8"))  # noqa: S314 (our own output)


def test_channel_and_one_item_per_event_not_per_slot():
    other = event(uid="autre", url="https://agenda.exemple.test/agenda/autre/", status="annule")
    text, rss = feed(event(), other)
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert rss.tag == "rss"
    assert rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.findtext("title") == "Agenda exemple (fictif)"
    assert channel.findtext("link") == "https://agenda.exemple.test/agenda/"
    assert channel.findtext("language") == "fr"
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == NOW
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Atelier exemple (événement fictif de test)",
        "Annulé : Atelier exemple (événement fictif de test)",
    ]


def test_item_guid_pubdate_categories_and_french_dates():
    _, rss = feed(event())
    item = rss.find("channel/item")
    guid = item.find("guid")
    assert guid.text == item.findtext("link") == "https://agenda.exemple.test/agenda/atelier-exemple/"
    assert guid.get("isPermaLink") == "true"
    published = parsedate_to_datetime(item.findtext("pubDate"))
    assert published == event().created_at
    assert item.findtext("pubDate").endswith("+0100")
    assert [category.text for category in item.findall("category")] == list(event().keywords)
    description = item.findtext("description")
    assert description.startswith("<p>Premiers pas sur internet")
    assert "<li>Samedi 28 mars 2026, 14 h – 16 h</li>" in description
    assert "<li>Dimanche 29 mars 2026, 14 h – 16 h</li>" in description


def test_markup_in_titles_is_escaped_and_an_event_without_url_gets_a_non_permalink_guid():
    odd = dataclasses.replace(event(), title="Atelier <b>exemple</b> & co (fictif)", url="", created_at=None)
    text, rss = feed(odd)
    assert "<b>" not in text
    item = rss.find("channel/item")
    assert item.findtext("title") == "Atelier <b>exemple</b> & co (fictif)"
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.find("link") is None
    assert parsedate_to_datetime(item.findtext("pubDate")) == odd.updated_at
