"""The watch's pages from the outside: list and filters, an item, RSS (read back by the feed reader), the
animators' sorting of partner entries; a letter archive's RSS."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from maillage.interop.feeds.reader import parse_feed
from maillage.news.models import Feed, FeedItem, NewsItem
from maillage.newsletters.models import Letter, MailingList

pytestmark = pytest.mark.django_db


@pytest.fixture
def items() -> list[NewsItem]:
    now = timezone.now()
    return [
        NewsItem.objects.create(
            kind="news",
            title="Exemple fictif : <b>actualité</b>",
            body="Un **texte**.",
            tags=["fablab"],
            published_at=now,
        ),
        NewsItem.objects.create(
            kind="resource",
            title="Exemple fictif : ressource du wiki",
            url="https://wiki.exemple.invalid/page",
            tags=["wiki"],
            published_at=now,
        ),
    ]


def test_the_list_filters_by_type_and_tag(items: list[NewsItem]) -> None:
    client = Client()
    page = client.get("/actualites/").content.decode()
    assert "Exemple fictif : &lt;b&gt;actualité&lt;/b&gt;" in page
    assert "ressource du wiki" in page
    only = client.get("/actualites/?type=resource").content.decode()
    assert "ressource du wiki" in only
    assert "actualité" not in only.split("<main", 1)[1].split("Types de contenus")[1]
    tagged = client.get("/actualites/?mot=fablab").content.decode()
    assert "&lt;b&gt;actualité" in tagged
    assert "ressource du wiki" not in tagged
    detail = client.get(items[0].get_absolute_url()).content.decode()
    assert "<strong>texte</strong>" in detail


def test_the_rss_of_the_news_reads_back_with_the_feed_reader(items: list[NewsItem]) -> None:
    response = Client().get("/actualites.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    parsed = parse_feed(response.content)
    assert parsed.error == ""
    assert {e.title for e in parsed.entries} == {i.title for i in items}
    assert "https://wiki.exemple.invalid/page" in {e.link for e in parsed.entries}


def test_an_archive_rss_lists_sent_letters_only() -> None:
    mailing_list = MailingList.objects.create(slug="l", name="Exemple fictif")
    Letter.objects.create(mailing_list=mailing_list, subject="Parue", status="sent", sent_at=timezone.now())
    Letter.objects.create(mailing_list=mailing_list, subject="Brouillon")
    parsed = parse_feed(Client().get("/lettres/l/rss.xml").content)
    assert [e.title for e in parsed.entries] == ["Parue"]
    draft = Letter.objects.get(subject="Brouillon")
    assert Client().get(f"/lettres/l/{draft.pk}/").status_code == 404


def test_an_animator_picks_an_entry_once_and_it_leaves_the_list() -> None:
    animator = get_user_model().objects.create_user(
        "a", email="a@exemple.invalid", password="x", is_staff=True
    )
    feed = Feed.objects.create(name="Partenaire (exemple fictif)", url="https://partenaire.invalid/feed/")
    entry = FeedItem.objects.create(
        feed=feed,
        guid="1",
        title="Exemple fictif : entrée",
        link="https://partenaire.invalid/1",
        summary="Résumé du partenaire.",
    )
    client = Client()
    client.force_login(animator)
    assert "Exemple fictif : entrée" in client.get("/animation/veille/").content.decode()
    for _ in range(2):
        client.post(
            f"/animation/veille/{entry.pk}/retenir/", {"comment": "À lire.", "tags_text": "veille, loire"}
        )
    item = NewsItem.objects.get()
    assert (item.kind, item.body, item.url, item.tags) == ("link", "À lire.", entry.link, ["veille", "loire"])
    assert "Aucune entrée à trier." in client.get("/animation/veille/").content.decode()


def test_a_link_without_its_address_is_refused_in_french() -> None:
    editor = get_user_model().objects.create_user("e", email="e@exemple.invalid", password="x", is_staff=True)
    client = Client()
    client.force_login(editor)
    response = client.post(
        "/actualites/nouvelle/", {"kind": "link", "title": "Sans lien", "body": "", "url": ""}
    )
    assert response.status_code == 400
    assert "Un lien commenté ou une ressource a besoin de son adresse." in response.content.decode()
    assert not NewsItem.objects.exists()
