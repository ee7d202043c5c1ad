"""The sending queue. Each delivery is written before the letter is built; a run claims one delivery
(`pending` → `sending`, committed), sends the server the whole message but its final line, records it
`sent` (committed), then sends the final line (services/handover.py). A run killed before that commit
leaves one delivery `sending` whose message the server never accepted (it never got its end): the next
run sends it again. Killed after, the server gets the end and delivers it once. So each address gets the
letter once. Only a connection lost after the end of a message leaves a doubt: that delivery is
`uncertain`, never sent again (no one receives a letter twice); the animator sees the count."""

from __future__ import annotations

import datetime
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from maillage.newsletters.domain.throttle import allowance
from maillage.newsletters.enums import DeliveryStatus, LetterStatus, SubscriptionStatus
from maillage.newsletters.models import Delivery, Letter, Subscription
from maillage.newsletters.selectors import content_resolve
from maillage.newsletters.services.handover import AnsweredAfterEnd, hand_over
from maillage.newsletters.services.messages import LetterRenderer, letter_message
from maillage.newsletters.services.tokens import unsubscribe_url


@transaction.atomic
def letter_queue(*, letter: Letter) -> int:
    """Freeze the content and write one delivery per confirmed subscriber; returns their number."""
    locked = Letter.objects.select_for_update().select_related("mailing_list").get(pk=letter.pk)
    if locked.status not in (LetterStatus.DRAFT, LetterStatus.SCHEDULED):
        return 0
    locked.content = content_resolve(locked)
    locked.status, locked.queued_at = LetterStatus.SENDING, timezone.now()
    locked.save(update_fields=["content", "status", "queued_at"])
    subscriptions = Subscription.objects.filter(
        mailing_list=locked.mailing_list, status=SubscriptionStatus.CONFIRMED
    ).values_list("pk", "subscriber__email")
    deliveries = [Delivery(letter=locked, subscription_id=pk, email=email) for pk, email in subscriptions]
    Delivery.objects.bulk_create(deliveries, batch_size=500, ignore_conflicts=True)
    return len(deliveries)


def letters_queue_due(*, now: datetime.datetime) -> int:
    due = Letter.objects.filter(status=LetterStatus.SCHEDULED, scheduled_at__lte=now).order_by("scheduled_at")
    return sum(letter_queue(letter=letter) for letter in due)


def deliveries_recover(*, stale_before: datetime.datetime) -> int:
    """Deliveries left `sending` by a run that died: the server never received the end of their message
    (a delivery is committed `sent` before its end leaves), so nothing was delivered: pending again."""
    return Delivery.objects.filter(status=DeliveryStatus.SENDING, claimed_at__lt=stale_before).update(
        status=DeliveryStatus.PENDING, error="envoi interrompu avant la fin du message : il est refait"
    )


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    throttled: bool = False
    stopped: str = ""


def _claim() -> Delivery | None:
    """The next pending delivery, marked `sending` (the caller commits before anything leaves)."""
    while True:
        pending = Delivery.objects.filter(status=DeliveryStatus.PENDING).order_by("pk")
        pk = pending.values_list("pk", flat=True).first()
        if pk is None:
            return None
        claimed = Delivery.objects.filter(pk=pk, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.SENDING, claimed_at=timezone.now()
        )
        if claimed:  # another run may have taken it between the two statements: then try the next one
            return Delivery.objects.select_related("letter__mailing_list").get(pk=pk)


def _record(delivery: Delivery, status: str, error: str = "") -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, error=error[:500], sent_at=timezone.now() if status == DeliveryStatus.SENT else None
    )


def deliveries_send(*, batch_size: int | None = None, hourly_limit: int | None = None) -> SendReport:
    """Send up to `batch_size` deliveries within the hourly limit (settings by default)."""
    batch = settings.MAILLAGE_NEWSLETTER_BATCH if batch_size is None else batch_size
    limit = settings.MAILLAGE_NEWSLETTER_HOURLY_LIMIT if hourly_limit is None else hourly_limit
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    sent_last_hour = Delivery.objects.filter(status=DeliveryStatus.SENT, sent_at__gte=hour_ago).count()
    budget = allowance(batch_size=batch, hourly_limit=limit, sent_last_hour=sent_last_hour)
    report = SendReport(throttled=budget < batch)
    renderers: dict[int, LetterRenderer] = {}
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except OSError as exc:
        report.stopped = f"connexion au serveur d'envoi impossible ({exc})"
        return report
    try:
        while report.sent + report.failed < budget:
            with transaction.atomic():
                delivery = _claim()
            if delivery is None:
                break
            letter = delivery.letter
            if letter.pk not in renderers:
                renderers[letter.pk] = LetterRenderer(letter=letter, content=dict(letter.content))
            message = renderers[letter.pk].message(
                to=delivery.email,
                unsubscribe_url=unsubscribe_url(delivery.subscription_id or 0),
                message_key=f"lettre-{letter.pk}-envoi-{delivery.pk}",
            )
            outcome = _send_one(connection, message, delivery)
            if outcome == DeliveryStatus.SENT:
                report.sent += 1
            elif outcome == DeliveryStatus.FAILED:
                report.failed += 1
            else:
                report.stopped = outcome
                break
    finally:
        connection.close()
    letters_finish()
    return report


class Reclaimed(Exception):
    """The delivery was put back in the queue while this run was sending it."""


def _send_one(connection: object, message: EmailMessage, delivery: Delivery) -> str:
    """Hand one message over; its delivery recorded. Returns `sent`, `failed`, or why the run stops."""
    ended = False

    def commit() -> None:  # the message is whole at the server but for its end: from now on, it is sent
        nonlocal ended
        # Only if this run still holds the delivery (a run stuck longer than the stale delay may have
        # seen it put back in the queue: then the message must not end, another run sends it).
        held = Delivery.objects.filter(
            pk=delivery.pk, status=DeliveryStatus.SENDING, claimed_at=delivery.claimed_at
        ).update(status=DeliveryStatus.SENT, error="", sent_at=timezone.now())
        if not held:
            raise Reclaimed(delivery.pk)
        ended = True

    try:
        hand_over(connection, message, before_end=commit)
    except Reclaimed:
        return "une autre exécution a repris l'envoi en cours (délai dépassé) : arrêt"
    except smtplib.SMTPRecipientsRefused as exc:
        _record(delivery, DeliveryStatus.FAILED, f"adresse refusée : {exc.recipients}")
        return DeliveryStatus.FAILED
    except smtplib.SMTPResponseException as exc:
        # The server answered with an error, before or after the end: it did not accept the message.
        permanent = isinstance(exc, AnsweredAfterEnd) and exc.smtp_code >= 500
        answer = f"le serveur a répondu {exc.smtp_code} : {exc.smtp_error!r}"
        if permanent:
            _record(delivery, DeliveryStatus.FAILED, f"message refusé : {answer}")
            return DeliveryStatus.FAILED
        _record(delivery, DeliveryStatus.PENDING)
        return answer
    except OSError as exc:
        if ended:  # the end of the message may have reached the server: never sent again
            _record(delivery, DeliveryStatus.UNCERTAIN, f"connexion perdue après la fin du message ({exc})")
        else:  # the server never had the end of the message: it delivered nothing
            _record(delivery, DeliveryStatus.PENDING, f"connexion perdue avant la fin du message ({exc})")
        return f"connexion au serveur d'envoi impossible ou perdue ({exc})"
    return DeliveryStatus.SENT


def letters_finish() -> int:
    """Letters whose every delivery is settled are sent."""
    open_statuses = [DeliveryStatus.PENDING, DeliveryStatus.SENDING]
    done = Letter.objects.filter(status=LetterStatus.SENDING).exclude(deliveries__status__in=open_statuses)
    return done.update(status=LetterStatus.SENT, sent_at=timezone.now())


def letter_test_send(*, letter: Letter, to: str) -> None:
    """The letter as it would leave now, to the animator only (no delivery recorded)."""
    message = letter_message(
        letter=letter,
        content=content_resolve(letter) if not letter.content else dict(letter.content),
        to=to,
        unsubscribe_url=unsubscribe_url(0),
        message_key=f"lettre-{letter.pk}-test-{int(timezone.now().timestamp())}",
        test=True,
    )
    message.send()
