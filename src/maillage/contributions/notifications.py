"""What contributions send out: a chat message (incoming webhook), e-mails to contributors and animators.

Called after the transaction commits. A failure is logged and never undoes what was saved.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from maillage.contributions.presenters import contribution_title
from maillage.places.enums import ContributionKind, ContributionStatus, ReportReason
from maillage.places.models import Contribution

if TYPE_CHECKING:
    from maillage.contributions.services.contributions import Digest

logger = logging.getLogger(__name__)
WEBHOOK_TIMEOUT = 5  # seconds
CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _absolute(path: str) -> str:
    return settings.MAILLAGE_PUBLIC_URL.rstrip("/") + path


def _plain(text: str, limit: int = 150) -> str:
    """Visitor text made harmless in a chat message: one line, short, no @-mention, no markup link."""
    text = CONTROL.sub(" ", text).strip()
    text = text.replace("@", "@\u200b").replace("<", "‹").replace(">", "›")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def webhook_post(url: str, text: str) -> bool:
    """POST `{"text": text}` (Mattermost / Slack incoming webhook); True when the server accepted it."""
    if not url.startswith(("https://", "http://")):
        logger.warning("MAILLAGE_WEBHOOK_URL ignorée : adresse http(s) attendue")
        return False
    body = json.dumps({"text": text}).encode("utf-8")
    request = urllib.request.Request(  # noqa: S310 (scheme checked above)
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:  # noqa: S310
            return bool(200 <= response.status < 300)
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        logger.warning("Webhook des contributions injoignable : %s", error)
        return False


def announcement(contribution: Contribution) -> str:
    """The chat message announcing a new contribution (no personal data: the e-mail stays in Maillage)."""
    title = _plain(contribution_title(contribution))
    if contribution.kind == ContributionKind.NEW_PLACE:
        what = f"Nouveau lieu proposé : {title}"
    elif contribution.kind == ContributionKind.CORRECTION:
        count = len(contribution.data)
        what = f"Correction proposée pour {title} ({count} champ{'s' if count > 1 else ''})"
    else:
        what = f"Signalement « {ReportReason(contribution.report_reason).label} » sur {title}"
    link = _absolute(reverse("contributions:moderation-item", args=[contribution.pk]))
    return f"{what}. À modérer : {link}"


def contribution_announce(contribution: Contribution) -> None:
    url = settings.MAILLAGE_WEBHOOK_URL
    if url:
        webhook_post(url, announcement(contribution))


def _send(subject: str, body: str, recipients: list[str]) -> bool:
    subject = CONTROL.sub(" ", subject)  # a proposed name never breaks the header
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # any backend failure: logged, the decision stands
        logger.exception("Courriel « %s » non envoyé", subject)
        return False
    return True


def decision_email(contribution: Contribution) -> tuple[str, str]:
    """Subject and body of the e-mail telling a contributor what became of their contribution."""
    title = contribution_title(contribution)
    accepted = contribution.status == ContributionStatus.APPROVED
    what = "signalement" if contribution.kind == ContributionKind.REPORT else "proposition"
    subject = f"Votre {what} pour « {title} » a été {'acceptée' if accepted else 'refusée'}"
    if contribution.kind == ContributionKind.REPORT:
        subject = f"Votre signalement sur « {title} » a été {'pris en compte' if accepted else 'refusé'}"
    lines = ["Bonjour,", ""]
    received = timezone.localtime(contribution.created_at)
    lines.append(f"Vous nous avez envoyé le {received:%d/%m/%Y} un {what} au sujet de « {title} ».")
    if accepted:
        lines.append("Merci : l'équipe d'animation du réseau l'a examiné et en a tenu compte.")
        if contribution.place is not None and contribution.report_reason != ReportReason.CLOSED:
            path = reverse("publishing:place-detail", args=[contribution.place.pk])
            lines += ["", f"La fiche du lieu : {_absolute(path)}"]
    else:
        lines.append("L'équipe d'animation du réseau l'a examiné et ne l'a pas retenu, pour ce motif :")
        lines += ["", contribution.decision_reason]
    lines += ["", "Bien cordialement,", settings.MAILLAGE_NETWORK_NAME]
    return subject, "\n".join(lines)


def decision_email_send(contribution: Contribution) -> None:
    if contribution.email:
        subject, body = decision_email(contribution)
        _send(subject, body, [contribution.email])


def digest_email(digest: Digest) -> tuple[str, str]:
    count = len(digest.contributions)
    since = timezone.localtime(digest.since)
    subject = f"Maillage : {count} contribution{'s' if count > 1 else ''} reçue{'s' if count > 1 else ''}"
    subject += f" depuis le {since:%d/%m/%Y %H:%M}"
    until = timezone.localtime(digest.until)
    lines = [f"Contributions reçues du {since:%d/%m/%Y %H:%M} au {until:%d/%m/%Y %H:%M} :", ""]
    for contribution in digest.contributions:
        kind = contribution.get_kind_display()
        if contribution.kind == ContributionKind.REPORT:
            kind += f" « {ReportReason(contribution.report_reason).label} »"
        received = timezone.localtime(contribution.created_at)
        link = _absolute(reverse("contributions:moderation-item", args=[contribution.pk]))
        state = contribution.get_status_display()
        lines.append(
            f"- {received:%d/%m %H:%M} · {kind} · {_plain(contribution_title(contribution))} ({state})"
        )
        lines.append(f"  {link}")
    lines += [
        "",
        f"En attente de modération en tout : {digest.pending}.",
        f"File de modération : {_absolute(reverse('contributions:moderation-list'))}",
    ]
    return subject, "\n".join(lines)


def digest_email_send(digest: Digest) -> bool:
    subject, body = digest_email(digest)
    return _send(subject, body, digest.recipients)
