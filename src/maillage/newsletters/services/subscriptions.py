"""Subscriptions: asked on the public form (double opt-in), confirmed by the signed link, ended in one
click, changed on the preference page, imported from a CSV with consent; bounces end them too."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from maillage.newsletters.domain.consent import ConsentImport
from maillage.newsletters.enums import EndReason, SubscriptionSource, SubscriptionStatus
from maillage.newsletters.models import MailingList, Subscriber, Subscription
from maillage.newsletters.services import tokens

RESEND_AFTER_SECONDS = 600


def _subscriber(email: str) -> Subscriber:
    subscriber, _ = Subscriber.objects.get_or_create(email=email.strip().lower())
    return subscriber


@transaction.atomic
def subscription_request(*, mailing_list: MailingList, email: str) -> Subscription:
    """Ask for a subscription: pending until the link e-mailed to the address is followed.

    Asking again re-sends the link (an already confirmed subscription stays as it is and is told so), at
    most once every RESEND_AFTER_SECONDS per address: the form cannot be used to flood someone's mailbox.
    """
    subscriber = _subscriber(email)
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber,
        mailing_list=mailing_list,
        defaults={"source": SubscriptionSource.FORM},
    )
    if not created and subscription.status == SubscriptionStatus.UNSUBSCRIBED:
        subscription.status, subscription.source = SubscriptionStatus.PENDING, SubscriptionSource.FORM
        subscription.ended_at, subscription.end_reason = None, EndReason.NONE
        subscription.save(update_fields=["status", "source", "ended_at", "end_reason"])
    if subscription.status == SubscriptionStatus.CONFIRMED:
        body = (
            f"Bonjour,\n\nVotre adresse est déjà abonnée à « {mailing_list.name} ».\n\n"
            f"Gérer vos abonnements : {tokens.preferences_url(subscriber.pk, subscriber.email)}\n"
        )
        subject = f"Déjà abonné : {mailing_list.name}"
    else:
        days = settings.MAILLAGE_NEWSLETTER_CONFIRM_DAYS
        body = (
            "Bonjour,\n\nQuelqu'un (vous, sans doute) a demandé à recevoir la lettre "
            f"« {mailing_list.name} » à cette adresse.\n\nPour confirmer, suivez ce lien (valable "
            f"{days} jours) :\n{tokens.confirm_url(subscription.pk, subscriber.email)}\n\n"
            "Sans confirmation, vous ne recevrez rien et votre adresse sera oubliée.\n"
        )
        subject = f"Confirmez votre abonnement : {mailing_list.name}"
    address = subscriber.email
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    if cache.add(f"newsletters:asked:{digest}", 1, timeout=RESEND_AFTER_SECONDS):
        transaction.on_commit(lambda: send_mail(subject, body, None, [address]), robust=True)
    # else: a message left for this address a moment ago; the form says the same (nothing to probe)
    return subscription


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str
    subscription: Subscription | None = None


@transaction.atomic
def subscription_confirm(*, token: str) -> Outcome:
    data = tokens.confirm_read(token)
    if data is None:
        return Outcome(False, "Ce lien de confirmation n'est pas valide (a-t-il été copié en entier ?).")
    if data.get("expired"):
        return Outcome(
            False, "Ce lien de confirmation a expiré : abonnez-vous de nouveau depuis la page de la lettre."
        )
    subscription = (
        Subscription.objects.select_for_update()
        .select_related("subscriber", "mailing_list")
        .filter(pk=int(str(data.get("s", 0))), subscriber__email=str(data.get("e", "")))
        .first()
    )
    if subscription is None:
        return Outcome(False, "Cet abonnement n'existe plus.")
    if subscription.status != SubscriptionStatus.CONFIRMED:
        subscription.status, subscription.confirmed_at = SubscriptionStatus.CONFIRMED, timezone.now()
        subscription.ended_at, subscription.end_reason = None, EndReason.NONE
        subscription.save(update_fields=["status", "confirmed_at", "ended_at", "end_reason"])
    return Outcome(
        True, f"Votre abonnement à « {subscription.mailing_list.name} » est confirmé.", subscription
    )


def _end(subscriptions: Iterable[Subscription], reason: str) -> int:
    now, count = timezone.now(), 0
    for subscription in subscriptions:
        if subscription.status != SubscriptionStatus.UNSUBSCRIBED:
            subscription.status, subscription.ended_at, subscription.end_reason = (
                SubscriptionStatus.UNSUBSCRIBED,
                now,
                reason,
            )
            subscription.save(update_fields=["status", "ended_at", "end_reason"])
            count += 1
    return count


@transaction.atomic
def subscription_unsubscribe(*, token: str) -> Outcome:
    pk = tokens.unsubscribe_read(token)
    subscription = (
        Subscription.objects.select_related("mailing_list", "subscriber").filter(pk=pk).first()
        if pk
        else None
    )
    if subscription is None:
        return Outcome(False, "Ce lien de désinscription n'est pas valide.")
    _end([subscription], EndReason.REQUEST)
    return Outcome(True, f"Vous ne recevrez plus « {subscription.mailing_list.name} ».", subscription)


@transaction.atomic
def preferences_update(*, subscriber: Subscriber, list_ids: set[int]) -> None:
    """The address proved itself (signed link): lists ticked are confirmed, the others ended."""
    now = timezone.now()
    current = {s.mailing_list_id: s for s in Subscription.objects.filter(subscriber=subscriber)}
    for mailing_list in MailingList.objects.all():
        subscription = current.get(mailing_list.pk)
        if mailing_list.pk in list_ids:
            if subscription is None:
                Subscription.objects.create(
                    subscriber=subscriber,
                    mailing_list=mailing_list,
                    source=SubscriptionSource.PREFERENCES,
                    status=SubscriptionStatus.CONFIRMED,
                    confirmed_at=now,
                )
            elif subscription.status != SubscriptionStatus.CONFIRMED:
                subscription.status, subscription.confirmed_at = SubscriptionStatus.CONFIRMED, now
                subscription.ended_at, subscription.end_reason = None, EndReason.NONE
                subscription.save(update_fields=["status", "confirmed_at", "ended_at", "end_reason"])
        elif subscription is not None:
            _end([subscription], EndReason.REQUEST)


@transaction.atomic
def subscribers_import(*, mailing_list: MailingList, parsed: ConsentImport) -> int:
    """Addresses whose consent was recorded elsewhere, confirmed on the list; a file with any refused row
    imports nothing (the errors name the lines). Returns the number of new confirmed subscriptions."""
    if parsed.errors:
        raise ValueError("\n".join(parsed.errors))
    now, added = timezone.now(), 0
    for address in parsed.addresses:
        subscription, created = Subscription.objects.get_or_create(
            subscriber=_subscriber(address),
            mailing_list=mailing_list,
            defaults={
                "source": SubscriptionSource.IMPORT,
                "status": SubscriptionStatus.CONFIRMED,
                "confirmed_at": now,
            },
        )
        if created:
            added += 1
        elif subscription.status == SubscriptionStatus.PENDING:
            subscription.status, subscription.confirmed_at = SubscriptionStatus.CONFIRMED, now
            subscription.save(update_fields=["status", "confirmed_at"])
            added += 1
        # an address that unsubscribed stays unsubscribed: an old file never overrides a person's choice
    return added


@transaction.atomic
def addresses_end(*, addresses: Iterable[str], reason: str) -> int:
    """Hard bounces and complaints: every subscription of these addresses ends."""
    wanted = {a.strip().lower() for a in addresses}
    return _end(Subscription.objects.filter(subscriber__email__in=wanted).select_for_update(), reason)
