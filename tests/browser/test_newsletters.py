"""In Chromium: a visitor subscribes and confirms from the e-mail a real SMTP server (aiosmtpd) received;
an animator composes a letter with two events and a news item, previews it, sends it; the subscriber
receives it (both parts checked), unsubscribes in one click, and the next letter does not reach them.
axe-core on every page (subscribe, confirmation, preferences, archive, composer), desktop and phone.

Every list, event and item here is a made-up example and says so.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from maillage.news.models import NewsItem
from maillage.newsletters.models import Letter, MailingList, Subscriber
from maillage.newsletters.services import tokens
from maillage.newsletters.services.sending import deliveries_send, letter_queue
from tests.agenda.factories import event_make
from tests.browser.conftest import Visitor
from tests.smtp import Inbox, free_port, smtp_settings

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mot-de-passe-solide"  # noqa: S105
SUBSCRIBER = "lectrice@example.org"
EVENTS = ("Exemple fictif : atelier tablette", "Exemple fictif : café numérique")
NEWS = "Exemple fictif : le réseau ouvre une permanence"


@pytest.fixture
def inbox(live_server: Any) -> Iterator[Inbox]:
    box, port = Inbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(**smtp_settings(port), MAILLAGE_PUBLIC_URL=live_server.url):
            yield box
    finally:
        controller.stop()


def _world() -> tuple[MailingList, Any]:
    cache.clear()  # the per-address resend limit of the subscribe form
    animator = get_user_model().objects.create_user(
        "anim@example.org", email="anim@example.org", password=PASSWORD, is_staff=True
    )
    mailing_list = MailingList.objects.create(
        slug="exemple",
        name="Exemple fictif : Médiations Numériques Loire",
        sample=True,
        description="Exemple fictif : une lettre de démonstration.",
    )
    for n, title in enumerate(EVENTS):
        event_make(author=animator, organiser=None, title=title, days=4 + n)
    NewsItem.objects.create(
        title=NEWS, body="Exemple fictif : le **mardi** matin.", published_at=timezone.now()
    )
    return mailing_list, animator


def _wait_for(inbox: Inbox, address: str, count: int = 1) -> list[Any]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = [m for _, rcpt, m in inbox.messages if address in rcpt]
        if len(found) >= count:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no message for {address} (have {len(inbox.messages)})")


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def _log_in(visitor: Visitor, then: str) -> None:
    page = visitor.page
    visitor.goto(f"/connexion/?next={then}")
    page.get_by_label(re.compile("Adresse e-mail|Identifiant")).fill("anim@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**{then}")


def test_subscribe_confirm_compose_send_receive_unsubscribe(visitor: Visitor, inbox: Inbox) -> None:
    mailing_list, animator = _world()
    page = visitor.page

    visitor.goto(mailing_list.get_absolute_url())
    visitor.assert_accessible("the subscribe page")
    page.get_by_label("Votre adresse électronique").fill(SUBSCRIBER)
    page.get_by_role("button", name="S'abonner").click()
    expect(page.get_by_text("Demande enregistrée")).to_be_visible()
    visitor.screenshot("newsletters-subscribe-requested")
    (confirmation,) = _wait_for(inbox, SUBSCRIBER)
    link = re.search(r"http\S+/lettres/confirmer/\S+", confirmation.get_content())
    assert link, confirmation.get_content()
    visitor.goto(_path(link.group(0)))
    visitor.assert_accessible("the confirmation page")
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    expect(page.get_by_role("status")).to_contain_text("est confirmé")
    visitor.screenshot("newsletters-confirmed")
    page.get_by_role("link", name="Gérer toutes mes lettres").click()
    expect(page.get_by_label(mailing_list.name)).to_be_checked()
    visitor.assert_accessible("the preferences page")

    _log_in(visitor, "/animation/lettres/")
    visitor.assert_accessible("the letters dashboard")
    page.get_by_label("Liste", exact=True).select_option(label=mailing_list.name)
    page.get_by_label("Objet").fill("Exemple fictif : la lettre de mars")
    page.get_by_label("Introduction").fill("Bonjour, voici les **rendez-vous** du mois.")
    page.get_by_role("button", name="Créer et composer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exemple fictif : la lettre de mars")
    for title in (EVENTS[0], NEWS, EVENTS[1]):
        page.get_by_role("button", name=f"Ajouter « {title} »").click()
        expect(page.get_by_text("Bloc ajouté à la lettre.")).to_be_visible()
    blocks = page.locator(".newsletter-blocks li")
    expect(blocks).to_have_count(3)
    page.get_by_role("button", name="Monter le bloc 3").click()
    expect(blocks.nth(1)).to_contain_text(EVENTS[1])
    visitor.assert_accessible("the composer")
    visitor.screenshot("newsletters-composer")

    page.get_by_role("link", name="Aperçu du courriel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Exemple fictif : la lettre de mars")
    visitor.assert_accessible("the e-mail preview")
    visitor.screenshot("newsletters-email-preview")
    page.go_back()
    page.get_by_role("link", name="Aperçu de la page web").click()
    visitor.assert_accessible("the web preview")
    page.go_back()
    page.get_by_role("button", name="M'envoyer un test").click()
    (test,) = _wait_for(inbox, "anim@example.org")
    assert test["Subject"] == "[TEST] Exemple fictif : la lettre de mars"
    page.get_by_role("button", name="Envoyer aux abonnés").click()
    expect(page.get_by_role("status")).to_contain_text("mise en file pour 1 abonné")

    assert deliveries_send().sent == 1  # what `maillage send-newsletters` does from cron
    letters = _wait_for(inbox, SUBSCRIBER, count=2)
    letter_mail = letters[1]
    text = letter_mail.get_body(("plain",)).get_content()
    html = letter_mail.get_body(("html",)).get_content()
    for part in (text, html):
        for title in (*EVENTS, NEWS):
            assert title in part
    assert text.index(EVENTS[0]) < text.index(EVENTS[1]) < text.index(NEWS)
    assert "<strong>rendez-vous</strong>" in html
    assert str(letter_mail["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"

    unsubscribe = re.search(r"http\S+/lettres/desinscription/\S+/", text)
    assert unsubscribe
    context = visitor.page.context
    context.clear_cookies()  # the subscriber's own browser: no session
    visitor.goto(_path(unsubscribe.group(0)))
    visitor.assert_accessible("the unsubscribe page")
    page.get_by_role("button", name="Me désinscrire").click()
    expect(page.get_by_role("status")).to_contain_text("Vous ne recevrez plus")
    visitor.screenshot("newsletters-unsubscribed")

    sent = Letter.objects.get(subject="Exemple fictif : la lettre de mars")
    visitor.goto(mailing_list.get_absolute_url())
    page.get_by_role("link", name=sent.subject).click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text(EVENTS[0])
    visitor.assert_accessible("the letter's web version")
    visitor.screenshot("newsletters-web-version")
    sent.refresh_from_db()
    assert sent.web_views == 1

    following = Letter.objects.create(
        mailing_list=mailing_list, subject="Exemple fictif : avril", intro="Suite."
    )
    letter_queue(letter=following)
    inbox.messages.clear()
    assert deliveries_send().sent == 0
    assert inbox.messages == []
    assert animator.pk  # the animator composed everything above


def test_newsletter_pages_on_a_phone(phone_visitor: Visitor, inbox: Inbox) -> None:
    mailing_list, animator = _world()
    visitor = phone_visitor
    subscription = mailing_list.subscriptions.create(
        subscriber=Subscriber.objects.create(email=SUBSCRIBER),
        status="confirmed",
        source="import",
        confirmed_at=timezone.now(),
    )
    letter = Letter.objects.create(
        mailing_list=mailing_list,
        subject="Exemple fictif : lettre parue",
        intro="Bonjour.",
        blocks=[{"kind": "text", "ref": "", "text": "Exemple fictif."}],
    )
    letter_queue(letter=letter)
    deliveries_send()
    preferences = tokens.preferences_url(subscription.subscriber.pk, SUBSCRIBER)
    for path, name in (
        ("/lettres/", "lists"),
        (mailing_list.get_absolute_url(), "subscribe"),
        (_path(preferences), "preferences"),
        (Letter.objects.get(pk=letter.pk).get_absolute_url(), "archive-letter"),
        ("/actualites/", "news"),
    ):
        visitor.goto(path)
        visitor.assert_accessible(f"the {name} page on a phone")
        visitor.screenshot(f"newsletters-phone-{name}")
    _log_in(visitor, "/animation/lettres/")
    draft = Letter.objects.create(mailing_list=mailing_list, subject="Exemple fictif : brouillon")
    visitor.goto(f"/animation/lettres/{draft.pk}/")
    visitor.assert_accessible("the composer on a phone")
    visitor.screenshot("newsletters-phone-composer")
    visitor.goto(f"/animation/listes/{mailing_list.slug}/")
    visitor.assert_accessible("the list's subscribers on a phone")
    assert animator.pk
