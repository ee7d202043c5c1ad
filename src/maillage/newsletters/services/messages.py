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


def letter_message(
    *,
    letter: Letter,
    content: dict[str, Any],
    to: str,
    unsubscribe_url: str,
    message_key: str,
    test: bool = False,
) -> EmailMultiAlternatives:
    blocks = [resolved_from(b) for b in content["blocks"]]
    subject = ("[TEST] " if test else "") + content["subject"]
    text = plain_text(
        list_name=content["list_name"],
        subject=content["subject"],
        intro=content["intro"],
        blocks=blocks,
        web_url=web_url(letter),
        unsubscribe_url=unsubscribe_url,
    )
    html = render_to_string(
        "newsletters/email.html",
        {
            "content": content,
            "blocks": blocks,
            "web_url": web_url(letter),
            "unsubscribe_url": unsubscribe_url,
            "archive_url": absolute(letter.mailing_list.get_absolute_url()),
        },
    )
    headers = {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{letter.mailing_list.name} <{letter.mailing_list.slug}.{_host()}>",
        "List-Archive": f"<{absolute(letter.mailing_list.get_absolute_url())}>",
        "Message-ID": f"<{message_key}@{_host()}>",
        "Auto-Submitted": "auto-generated",
    }
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message
