"""The e-mail of a letter to one address: a text/plain and a text/html part written from the same
content, with the one-click unsubscribe headers (RFC 2369 List-Unsubscribe, RFC 8058
List-Unsubscribe-Post)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from maillage.newsletters.domain.blocks import plain_text, resolved_from
from maillage.newsletters.models import Letter
from maillage.newsletters.services.tokens import absolute


def web_url(letter: Letter) -> str:
    return absolute(letter.get_absolute_url())


def _host() -> str:
    return urlparse(settings.MAILLAGE_PUBLIC_URL).hostname or "maillage.invalid"


UNSUBSCRIBE_MARK = "maillage-lien-de-desinscription"  # replaced by each address's own link


class LetterRenderer:
    """Both parts of a letter written once, each message then only gets its own unsubscribe link."""

    def __init__(self, *, letter: Letter, content: dict[str, Any]) -> None:
        self.letter, self.content = letter, content
        blocks = [resolved_from(b) for b in content["blocks"]]
        self.text = plain_text(
            list_name=content["list_name"],
            subject=content["subject"],
            intro=content["intro"],
            blocks=blocks,
            web_url=web_url(letter),
            unsubscribe_url=UNSUBSCRIBE_MARK,
        )
        self.html = render_to_string(
            "newsletters/email.html",
            {
                "content": content,
                "blocks": blocks,
                "web_url": web_url(letter),
                "unsubscribe_url": UNSUBSCRIBE_MARK,
                "archive_url": absolute(letter.mailing_list.get_absolute_url()),
            },
        )
        self.list_id = f"{letter.mailing_list.name} <{letter.mailing_list.slug}.{_host()}>"
        self.archive = f"<{absolute(letter.mailing_list.get_absolute_url())}>"

    def message(
        self, *, to: str, unsubscribe_url: str, message_key: str, test: bool = False
    ) -> EmailMultiAlternatives:
        # The signed link holds only URL-safe characters: the same in the HTML as in the text.
        headers = {
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": self.list_id,
            "List-Archive": self.archive,
            "Message-ID": f"<{message_key}@{_host()}>",
            "Auto-Submitted": "auto-generated",
        }
        subject = ("[TEST] " if test else "") + self.content["subject"]
        body = self.text.replace(UNSUBSCRIBE_MARK, unsubscribe_url)
        message = EmailMultiAlternatives(subject=subject, body=body, to=[to], headers=headers)
        message.attach_alternative(self.html.replace(UNSUBSCRIBE_MARK, unsubscribe_url), "text/html")
        return message


def letter_message(
    *,
    letter: Letter,
    content: dict[str, Any],
    to: str,
    unsubscribe_url: str,
    message_key: str,
    test: bool = False,
) -> EmailMultiAlternatives:
    renderer = LetterRenderer(letter=letter, content=content)
    return renderer.message(to=to, unsubscribe_url=unsubscribe_url, message_key=message_key, test=test)
