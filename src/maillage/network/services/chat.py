"""The network's chat (Mattermost incoming webhook, `MAILLAGE_WEBHOOK_URL`): new and accepted requests.

Posted once the transaction commits; no personal data (the requester's contact stays in Maillage); a
chat that does not answer is logged and undoes nothing.
"""

from __future__ import annotations

from django.conf import settings

from maillage.agenda.services.mail import absolute, later
from maillage.contributions.notifications import _plain, webhook_post
from maillage.network.models import PartnershipRequest, Routing


def _post(text: str) -> None:
    url = settings.MAILLAGE_WEBHOOK_URL
    if url:
        later(webhook_post, url, text)


def request_announce(request: PartnershipRequest) -> None:
    where = request.commune.name if request.commune else request.outside_territory or "territoire non précisé"
    _post(
        f"Nouvelle demande au réseau : {_plain(request.organisation)} · {_plain(request.theme)} · "
        f"{_plain(where)}. À orienter : {absolute(request.get_absolute_url())}"
    )


def acceptance_announce(routing: Routing) -> None:
    who, whom = _plain(routing.recipient_label), _plain(routing.request.organisation)
    _post(f"Demande acceptée : {who} accompagne {whom} ({_plain(routing.request.theme)}).")
