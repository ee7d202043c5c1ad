"""Every mutating route of Maillage × every role, with the expected answer: status, log-in redirect, effect.

Roles: an anonymous visitor, a professional (group "professionnels"), an editor of the place's structure,
an editor of another structure, an animator. Each cell POSTs once, from a fresh client, inside a savepoint
rolled back afterwards, and checks the status code, where a redirect leads (log-in page or not), and
whether the route did its job (the row's `effect` value changed).

`test_every_mutating_route_is_in_the_matrix` walks the URL resolver: a route whose view accepts POST, PUT,
PATCH or DELETE must have a row here, so a new route fails the suite until its permissions are written.
"""

from __future__ import annotations

import datetime
import inspect
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from maillage.accounts.models import PROFESSIONALS_GROUP, Invitation, Membership, Structure
from maillage.accounts.tokens import invitation_token_make
from maillage.contributions.forms.editing import PlaceEditForm
from maillage.contributions.forms.proposals import CorrectionForm, ModeratorEditForm
from maillage.contributions.services.contributions import contribution_submit
from maillage.contributions.services.editing import place_apply_changes
from maillage.contributions.services.freshness import freshness_token
from maillage.partners.models import PartnerToken
from maillage.partners.services import partner_token_create
from maillage.places.enums import ContributionKind, PairStatus, PlaceStatus, VersionOrigin
from maillage.places.models import (
    Contribution,
    MatchDecision,
    MatchPair,
    Place,
    PlaceVersion,
    SourceRecord,
)

pytestmark = pytest.mark.django_db

PASSWORD = "Lampe-Verte-Cactus-42"  # noqa: S105 (test accounts)
ROLES = ("anonymous", "professional", "editor", "other_editor", "animator")
MUTATING = {"POST", "PUT", "PATCH", "DELETE"}
LOGIN_PATH = "/connexion/"


# --- The world every row runs in ------------------------------------------------------------------


@dataclass
class World:
    place: Place  # published, of the editor's structure
    users: dict[str, User | None]
    pair: MatchPair  # waiting for review
    split_place: Place  # fed by two records at least
    split_record: SourceRecord  # one of them
    contribution: Contribution  # a pending correction of `place`
    old_version: PlaceVersion  # a version of `place` older than its current card
    invitation_token: str  # a valid invitation to a person with no account yet
    sheet_query: str  # an orientation flow ending on a published place


def _user(username: str, **extra: Any) -> User:
    return get_user_model().objects.create_user(username, email=username, password=PASSWORD, **extra)


def _world() -> World:
    """Around the Loire's real census (the `demo_census` fixture): a place of a structure and its
    people, a pair to review, a pending correction, an invitation."""
    place = (
        Place.objects.filter(status=PlaceStatus.PUBLISHED, commune__isnull=False)
        .exclude(opening_hours="")
        .order_by("name")
        .first()
    )
    assert place is not None
    place.structure = Structure.objects.create(name="Structure du lieu")
    place.save(update_fields=["structure"])
    professional = _user("pro@example.org")
    professional.groups.add(Group.objects.get_or_create(name=PROFESSIONALS_GROUP)[0])
    editor = _user("editrice@example.org")
    Membership.objects.create(user=editor, structure=place.structure)
    other = _user("autre@example.org")
    Membership.objects.create(user=other, structure=Structure.objects.create(name="Autre structure"))
    animator = _user("animation@example.org", is_staff=True)
    old_version = place.versions.order_by("-created_at", "-pk").first()
    assert old_version is not None
    place_apply_changes(
        place=place, changes={"summary": "Résumé à remplacer."}, author=animator, origin=VersionOrigin.EDIT
    )
    place.refresh_from_db()
    pair = MatchPair.objects.filter(status=PairStatus.REVIEW).order_by("pk").first()
    split_place = next(p for p in Place.objects.order_by("name") if p.source_records.count() > 1)
    assert pair is not None
    contribution = contribution_submit(
        kind=ContributionKind.CORRECTION,
        place=place,
        data={"summary": "Résumé proposé par un visiteur."},
        email="visiteur@example.org",
    )
    invitation = Invitation.objects.create(
        email="nouvelle@example.org", structure=place.structure, invited_by=animator
    )
    query = urlencode({"besoin": "demarche-en-ligne", "insee": place.insee_code})
    return World(
        place=place,
        users={
            "anonymous": None,
            "professional": professional,
            "editor": editor,
            "other_editor": other,
            "animator": animator,
        },
        pair=pair,
        split_place=split_place,
        split_record=split_place.source_records.order_by("pk")[0],
        contribution=contribution,
        old_version=old_version,
        invitation_token=invitation_token_make(invitation_id=invitation.pk, email=invitation.email),
        sheet_query=query,
    )


def _partner_token() -> PartnerToken:
    existing = PartnerToken.objects.filter(revoked_at__isnull=True).first()
    return existing or partner_token_create(name="Partenaire à révoquer (fictif)", created_by=None).token


def _posted(form: forms.Form, **overrides: Any) -> dict[str, Any]:
    """What an unbound form posts when nothing is touched, with `overrides`."""
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value == []:
            continue
        data[name] = value if isinstance(value, list) else str(value)
    data.update(overrides)
    return data


# --- Expectations -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    status: int
    effect: bool = False  # the route did its job
    login: bool = False  # redirected to the log-in page

    def __str__(self) -> str:
        if self.login:
            return "→ connexion"
        return f"{self.status}{' + effet' if self.effect else ''}"


LOGIN = Expect(302, login=True)
FORBIDDEN = Expect(403)


def done(status: int = 302) -> Expect:
    return Expect(status, effect=True)


def everyone(expect: Expect) -> dict[str, Expect]:
    return dict.fromkeys(ROLES, expect)


def animators_only(ok: Expect) -> dict[str, Expect]:
    return {"anonymous": LOGIN, "professional": FORBIDDEN, "editor": FORBIDDEN, "other_editor": FORBIDDEN} | {
        "animator": ok
    }


def place_editors(ok: Expect) -> dict[str, Expect]:
    return {
        "anonymous": LOGIN,
        "professional": FORBIDDEN,
        "editor": ok,
        "other_editor": FORBIDDEN,
        "animator": ok,
    }


@dataclass(frozen=True)
class Row:
    name: str  # the URL's name
    url: Callable[[World], str]
    data: Callable[[World], dict[str, Any]]
    effect: Callable[[World, Client], Any]  # a value that changes when the route does its job
    expect: dict[str, Expect]
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}{' (' + self.variant + ')' if self.variant else ''}"


def _session_user(_: World, client: Client) -> Any:
    return client.session.get("_auth_user_id")


def _contribution_status(world: World, _: Client) -> str:
    return Contribution.objects.get(pk=world.contribution.pk).status


def _count(model: Any, **filters: Any) -> Callable[[World, Client], int]:
    return lambda _world, _client: model.objects.filter(**filters).count()


# --- The agenda's world: an event of the place's structure, a registration, a proposal (made up) -----

AGENDA_TITLE = "Exemple fictif : atelier de la matrice"


def _agenda_event(world: World) -> Any:
    from maillage.agenda.domain.rules import SlotInput
    from maillage.agenda.models import Event
    from maillage.agenda.services.events import event_create

    found = Event.objects.filter(title=AGENDA_TITLE).first()
    if found is not None:
        return found
    begin = (timezone.now() + datetime.timedelta(days=5)).replace(microsecond=0)
    return event_create(
        author=world.users["animator"],
        fields={
            "title": AGENDA_TITLE,
            "summary": "Exemple fictif.",
            "organiser": world.place.structure,
            "place": world.place,
            "registration_kind": "maillage",
        },
        slots=[SlotInput(begin=begin, end=begin + datetime.timedelta(hours=2), capacity=5)],
    )


def _agenda_registration(world: World) -> Any:
    from maillage.agenda.models import Registration
    from maillage.agenda.services.registrations import registration_register

    slot = _agenda_event(world).slots.get()
    found = Registration.objects.filter(slot=slot, email="inscrite@example.org").first()
    return found or registration_register(slot=slot, name="Inscrite fictive", email="inscrite@example.org")


def _agenda_proposal(world: World) -> Any:
    from django.contrib.auth.models import AnonymousUser

    from maillage.agenda.domain.rules import SlotInput
    from maillage.agenda.models import Event
    from maillage.agenda.services.events import event_create

    found = Event.objects.filter(title="Exemple fictif : proposition").first()
    if found is not None:
        return found
    begin = (timezone.now() + datetime.timedelta(days=5)).replace(microsecond=0)
    return event_create(
        author=AnonymousUser(),
        fields={
            "title": "Exemple fictif : proposition",
            "summary": "Exemple fictif.",
            "online_url": "https://example.org/v",
        },
        slots=[SlotInput(begin=begin, end=begin + datetime.timedelta(hours=1))],
        proposer_email="visiteur@example.org",
    )


def _agenda_form(world: World, **overrides: Any) -> dict[str, Any]:
    event = _agenda_event(world)
    slot = event.slots.get()
    begin = slot.begin.astimezone(datetime.timezone(datetime.timedelta(hours=1)))
    return {
        "title": AGENDA_TITLE,
        "summary": "Résumé modifié (exemple fictif).",
        "organiser": str(world.place.structure_id),
        "place": str(world.place.pk),
        "free": "on",
        "registration_kind": "maillage",
        "status": "programme",
        "creneau-1-id": str(slot.pk),
        "creneau-1-day": begin.date().isoformat(),
        "creneau-1-begin": "10:00",
        "creneau-1-end": "12:00",
        "creneau-1-capacity": "5",
        "proposer_email": "visiteur@example.org",
    } | overrides


def _agenda_value(
    field: str, prepare: Callable[[World], Any] = _agenda_event
) -> Callable[[World, Client], Any]:
    def read(world: World, _: Client) -> Any:
        from maillage.agenda.models import Event

        return Event.objects.filter(pk=prepare(world).pk).values_list(field, flat=True).first()

    return read


def _agenda_new_count(_world: World, _client: Client) -> int:
    from maillage.agenda.models import Event

    return Event.objects.filter(title="Exemple fictif : nouvel événement").count()


def _agenda_registrations(world: World, _: Client) -> list[str]:
    from maillage.agenda.models import Registration

    _agenda_registration(world)
    registrations = Registration.objects.filter(slot__event=_agenda_event(world))
    return sorted(registrations.values_list("status", flat=True))


def _agenda_cancel_token(world: World) -> str:
    from maillage.agenda.services.mail import cancel_token

    return cancel_token(_agenda_registration(world))


# --- The network's world: people who opted in, a request and its routing (all made up) ---------------


def _network_actor(world: World, *, listed: bool = True) -> Any:
    from maillage.network.models import Actor
    from maillage.network.services.directory import ActorInput, actor_confirm, actor_signup
    from maillage.network.services.tokens import actor_token

    email = "acteur-liste@example.org" if listed else "acteur-attente@example.org"
    found = Actor.objects.filter(email=email).first()
    if found is not None:
        return found
    actor = actor_signup(
        data=ActorInput(
            name="Exemple fictif : personne",
            email=email,
            role="conseiller",
            skills=["Aide aux démarches administratives"],
            department_wide=True,
        )
    )
    return actor_confirm(token=actor_token(actor_id=actor.pk, email=email)) if listed else actor


def _network_actor_token(world: World, *, listed: bool = True) -> str:
    from maillage.network.services.tokens import actor_token

    actor = _network_actor(world, listed=listed)
    return actor_token(actor_id=actor.pk, email=actor.email)


def _network_request(world: World) -> Any:
    from maillage.network.models import PartnershipRequest
    from maillage.network.services.requests import request_submit

    found = PartnershipRequest.objects.filter(organisation="Exemple fictif : demandeur").first()
    return found or request_submit(
        fields={
            "organisation": "Exemple fictif : demandeur",
            "contact_name": "Exemple fictif",
            "contact_email": "demande@example.org",
            "commune": world.place.commune,
            "theme": "Aide aux démarches administratives",
            "description": "Exemple fictif.",
        }
    )


def _network_routing_token(world: World) -> str:
    from maillage.network.models import Routing
    from maillage.network.services.requests import Target, request_route
    from maillage.network.services.tokens import routing_token

    request = _network_request(world)
    routing = Routing.objects.filter(request=request).first()
    if routing is None:
        (routing,) = request_route(
            request=request, targets=[Target(actor=_network_actor(world))], message="", author=None
        )
    return routing_token(routing_id=routing.pk, email=routing.recipient_email)


def _network_stamp() -> str:
    """A form shown 10 s ago; the public forms' rate limit (shared with earlier rows' posts) forgotten."""
    import time

    from django.core import signing
    from django.core.cache import cache

    from maillage.network.forms import STAMP_SALT

    cache.clear()
    return signing.dumps(int(time.time()) - 10, salt=STAMP_SALT)


def _network_value(
    model_name: str, field: str, prepare: Callable[[World], Any]
) -> Callable[[World, Client], Any]:
    def read(world: World, _: Client) -> Any:
        from maillage.network import models

        model = getattr(models, model_name)
        return list(model.objects.filter(pk=prepare(world).pk).values_list(field, flat=True))

    return read


def _network_count(model_name: str, **filters: Any) -> Callable[[World, Client], int]:
    def read(_world: World, _client: Client) -> int:
        from maillage.network import models

        return int(getattr(models, model_name).objects.filter(**filters).count())

    return read


def _network_profile_summary(world: World, _: Client) -> list[str]:
    from maillage.network.models import StructureProfile

    return list(
        StructureProfile.objects.filter(structure=world.place.structure).values_list("summary", flat=True)
    )


def _network_gathering(world: World) -> Any:
    from maillage.network.models import Gathering
    from tests.network.factories import gathering_make

    found = Gathering.objects.filter(fictitious=True).first()
    return found or gathering_make(world.users["animator"], capacity=None)


def _network_gathering_registrations(world: World, _: Client) -> list[tuple[str, bool]]:
    from maillage.network.models import SessionRegistration

    _network_gathering_registered(world)
    return sorted(SessionRegistration.objects.values_list("email", "attended"))


def _network_gathering_registered(world: World) -> Any:
    from maillage.network.models import SessionRegistration
    from maillage.network.services.gathering import sessions_register

    gathering = _network_gathering(world)
    found = SessionRegistration.objects.filter(email="inscrite@example.org").first()
    return (
        found
        or sessions_register(
            gathering=gathering,
            session_ids=[gathering.sessions.order_by("begin", "room").first().pk],
            name="Exemple fictif",
            email="inscrite@example.org",
        )[0]
    )


def _network_answers(world: World, _: Client) -> list[str]:
    from maillage.network.models import Routing

    _network_routing_token(world)
    return list(Routing.objects.filter(request=_network_request(world)).values_list("answer", flat=True))


# --- Newsletters and the watch: a made-up list, subscriber, letter, partner feed entry -------------


def _nl_list(_world: World) -> Any:
    from maillage.newsletters.models import MailingList

    found, _ = MailingList.objects.get_or_create(
        slug="matrice", defaults={"name": "Exemple fictif : lettre de la matrice", "sample": True}
    )
    return found


def _nl_subscription(world: World, status: str = "confirmed") -> Any:
    from maillage.newsletters.models import Subscriber, Subscription

    subscriber, _ = Subscriber.objects.get_or_create(email="abonnee@example.org")
    found, _ = Subscription.objects.get_or_create(
        subscriber=subscriber,
        mailing_list=_nl_list(world),
        defaults={"status": status, "source": "import", "confirmed_at": timezone.now()},
    )
    return found


def _nl_letter(world: World) -> Any:
    from maillage.newsletters.models import Letter

    found = Letter.objects.filter(mailing_list=_nl_list(world)).first()
    return found or Letter.objects.create(
        mailing_list=_nl_list(world),
        subject="Exemple fictif : lettre",
        blocks=[{"kind": "text", "ref": "", "text": "Bonjour"}],
    )


def _nl_value(field: str) -> Callable[[World, Client], Any]:
    def read(world: World, _client: Client) -> Any:
        from maillage.newsletters.models import Letter

        return Letter.objects.filter(pk=_nl_letter(world).pk).values_list(field, flat=True).get()

    return read


def _nl_status(world: World, _client: Client) -> list[str]:
    from maillage.newsletters.models import Subscription

    return sorted(Subscription.objects.filter(mailing_list=_nl_list(world)).values_list("status", flat=True))


def _nl_token(world: World, kind: str) -> str:
    from maillage.newsletters.services import tokens

    if kind == "confirm":
        subscription = _nl_subscription(world, status="pending")
        url = tokens.confirm_url(subscription.pk, subscription.subscriber.email)
    elif kind == "unsubscribe":
        url = tokens.unsubscribe_url(_nl_subscription(world).pk)
    else:
        subscriber = _nl_subscription(world).subscriber
        url = tokens.preferences_url(subscriber.pk, subscriber.email)
    return url.rstrip("/").rsplit("/", 1)[-1]


def _outbox(_world: World, _client: Client) -> int:
    return len(mail.outbox)


def _feed_entry(_world: World) -> Any:
    from maillage.news.models import Feed, FeedItem

    feed, _ = Feed.objects.get_or_create(
        url="https://partenaire.invalid/feed/", defaults={"name": "Exemple fictif"}
    )
    found, _ = FeedItem.objects.get_or_create(
        feed=feed,
        guid="p=1",
        defaults={"title": "Exemple fictif : entrée", "link": "https://partenaire.invalid/1"},
    )
    return found


def _news_count(_world: World, _client: Client) -> int:
    from maillage.news.models import NewsItem

    return NewsItem.objects.count()


def _feed_entry_dismissed(world: World, _client: Client) -> bool:
    from maillage.news.models import FeedItem

    return FeedItem.objects.get(pk=_feed_entry(world).pk).dismissed


def editors(ok: Expect) -> dict[str, Expect]:
    return {"anonymous": LOGIN, "professional": FORBIDDEN, "editor": ok, "other_editor": ok, "animator": ok}


# --- Lending's world: bookings of the place's structure on the demo kits (made up, lazily created) -----


def _lending_booking(world: World, status: str = "demandee", kit: str = "mallette-robotique") -> Any:
    from maillage.lending.models import Booking, Kit

    offset = {"demandee": 10, "proposee": 20, "confirmee": 0, "sortie": 0}[status]
    purpose = f"Exemple fictif : matrice, {kit} {status}"
    found = Booking.objects.filter(purpose=purpose).first()
    if found is not None:
        return found
    kit_object = Kit.objects.get(slug=kit)
    start = timezone.localdate() + datetime.timedelta(days=offset)
    booking = Booking.objects.create(
        kit=kit_object,
        structure=world.place.structure,
        requested_by=world.users["editor"],
        start=start,
        end=start + datetime.timedelta(days=1),
        purpose=purpose,
        status=status,
        proposed_start=start + datetime.timedelta(days=30) if status == "proposee" else None,
        proposed_end=start + datetime.timedelta(days=30) if status == "proposee" else None,
        unit=kit_object.units.first() if status in {"confirmee", "sortie"} else None,
        out_on=start if status == "sortie" else None,
    )
    return booking


def _lending_status(
    status: str = "demandee", kit: str = "mallette-robotique"
) -> Callable[[World, Client], Any]:
    def read(world: World, _client: Client) -> Any:
        from maillage.lending.models import Booking

        return Booking.objects.get(pk=_lending_booking(world, status, kit).pk).status

    return read


def _lending_items(world: World, status: str, kit: str) -> dict[str, Any]:
    booking = _lending_booking(world, status, kit)
    return {f"item-{item.pk}": str(item.quantity) for item in booking.kit.items.all()}


def _lending_request(world: World) -> dict[str, Any]:
    start = timezone.localdate() + datetime.timedelta(days=40)
    return {
        "structure": str(world.place.structure.pk),
        "start": start.isoformat(),
        "end": (start + datetime.timedelta(days=1)).isoformat(),
        "purpose": "Exemple fictif : atelier de la matrice",
    }


def _lending_blocked_unit(world: World) -> Any:
    from maillage.lending.models import Unit

    unit = Unit.objects.filter(kit__slug="pack-vr-ps4").first()
    assert unit is not None
    if unit.blocked_at is None:
        unit.blocked_reason, unit.blocked_at = "Exemple fictif : manette cassée", timezone.now()
        unit.save()
    return unit


def _lending_support(world: World) -> Any:
    from maillage.lending.models import SupportRequest

    found = SupportRequest.objects.filter(title="Exemple fictif : fête de la matrice").first()
    if found is not None:
        return found
    start = timezone.localdate() + datetime.timedelta(days=50)
    return SupportRequest.objects.create(
        structure=world.place.structure,
        requested_by=world.users["editor"],
        title="Exemple fictif : fête de la matrice",
        start=start,
        end=start,
        needs=["cmi"],
        description="Un stand (exemple fictif).",
    )


def _lending_support_status(world: World, _client: Client) -> str:
    from maillage.lending.models import SupportRequest

    return SupportRequest.objects.get(pk=_lending_support(world).pk).status


def _lending_members_ask(ok: Expect) -> dict[str, Expect]:
    """Editors ask for their own structure (another structure's editor posts one not offered: 422)."""
    return place_editors(ok) | {"other_editor": Expect(422)}


MATRIX: list[Row] = [
    # Census (animators).
    Row(
        "census:review-pair",
        lambda w: reverse("census:review-pair", args=[w.pair.pk]),
        lambda w: {"decision": "apart"},
        _count(MatchDecision),
        animators_only(done()),
    ),
    Row(
        "census:place-split",
        lambda w: reverse("census:place-split", args=[w.split_place.pk, w.split_record.pk]),
        lambda w: {},
        _count(MatchDecision),
        animators_only(done()),
    ),
    # Contributions: anyone proposes, animators moderate.
    Row(
        "contributions:contribution-new",
        lambda w: reverse("contributions:contribution-new"),
        lambda w: {
            "name": "Espace numérique de test",
            "address": "1 place de la Mairie",
            "postal_code": w.place.postal_code,
            "commune_name": w.place.commune_name,
            "email": "visiteur@example.org",
        },
        _count(Contribution, kind=ContributionKind.NEW_PLACE),
        everyone(done()),
    ),
    Row(
        "contributions:contribution-correct",
        lambda w: reverse("contributions:contribution-correct", args=[w.place.pk]),
        lambda w: _posted(
            CorrectionForm(place=w.place), summary="Une correction proposée.", email="visiteur@example.org"
        ),
        _count(Contribution, kind=ContributionKind.CORRECTION),
        everyone(done()),
    ),
    Row(
        "contributions:contribution-report",
        lambda w: reverse("contributions:contribution-report", args=[w.place.pk]),
        lambda w: {"reason": "closed", "email": "visiteur@example.org"},
        _count(Contribution, kind=ContributionKind.REPORT),
        everyone(done()),
    ),
    Row(
        "contributions:moderation-approve",
        lambda w: reverse("contributions:moderation-approve", args=[w.contribution.pk]),
        lambda w: {},
        _contribution_status,
        animators_only(done()),
    ),
    Row(
        "contributions:moderation-reject",
        lambda w: reverse("contributions:moderation-reject", args=[w.contribution.pk]),
        lambda w: {"reason": "Information déjà à jour."},
        _contribution_status,
        animators_only(done()),
    ),
    Row(
        "contributions:moderation-edit",
        lambda w: reverse("contributions:moderation-edit", args=[w.contribution.pk]),
        lambda w: _posted(ModeratorEditForm(place=w.place), summary="Résumé revu par l'animation."),
        _contribution_status,
        animators_only(done()),
    ),
    # Editing, history, freshness.
    Row(
        "contributions:place-edit",
        lambda w: reverse("contributions:place-edit", args=[w.place.pk]),
        lambda w: _posted(PlaceEditForm(place=w.place), summary="Résumé de la structure.", action="save"),
        lambda w, _: Place.objects.get(pk=w.place.pk).summary,
        place_editors(done()),
    ),
    Row(
        "contributions:version-restore",
        lambda w: reverse("contributions:version-restore", args=[w.place.pk, w.old_version.pk]),
        lambda w: {},
        _count(PlaceVersion, origin=VersionOrigin.RESTORE),
        place_editors(done()),
    ),
    Row(
        "contributions:place-verify",
        lambda w: reverse("contributions:place-verify", args=[w.place.pk, freshness_token(place=w.place)]),
        lambda w: {"action": "confirm"},
        lambda w, _: Place.objects.get(pk=w.place.pk).verified_on,
        everyone(done()),
        variant="lien signé : le lien vaut accès, sans compte",
    ),
    Row(
        "contributions:place-verify",
        lambda w: reverse("contributions:place-verify", args=[w.place.pk, "pas-un-lien-signe"]),
        lambda w: {"action": "confirm"},
        lambda w, _: Place.objects.get(pk=w.place.pk).verified_on,
        everyone(Expect(400)),
        variant="lien forgé",
    ),
    # Orientation: the PDF sheet is POSTed so that first names stay out of URLs; it writes nothing.
    Row(
        "orientation:sheet-pdf",
        lambda w: reverse("orientation:sheet-pdf") + "?" + w.sheet_query,
        lambda w: {"lieux": [str(w.place.pk)], "orienteur": "Anne", "beneficiaire": "Marc"},
        lambda w, _: None,
        everyone(Expect(200)),
    ),
    # Accounts.
    Row(
        "login",
        lambda w: reverse("login"),
        lambda w: {"username": "nouveau-compte@example.org", "password": PASSWORD},
        _session_user,
        everyone(done()),
        variant="identifiants d'un autre compte",
    ),
    Row(
        "logout",
        lambda w: reverse("logout"),
        lambda w: {},
        _session_user,
        everyone(done()) | {"anonymous": Expect(302)},
    ),
    Row(
        "accounts:password-reset",
        lambda w: reverse("accounts:password-reset"),
        lambda w: {"email": "editrice@example.org"},
        lambda w, _: len(mail.outbox),
        everyone(done()),
    ),
    Row(
        "accounts:password-reset-confirm",
        lambda w: reverse("accounts:password-reset-confirm", args=["MQ", "pas-un-jeton"]),
        lambda w: {"new_password1": "Autre-Mot-De-Passe-77", "new_password2": "Autre-Mot-De-Passe-77"},
        lambda w, _: get_user_model().objects.get(email="editrice@example.org").password,
        everyone(Expect(200)),
        variant="lien non valable",
    ),
    Row(
        "accounts:invitation-accept",
        lambda w: reverse("accounts:invitation-accept", args=[w.invitation_token]),
        lambda w: {"first_name": "Nina", "password1": PASSWORD, "password2": PASSWORD},
        _count(Invitation, accepted_at__isnull=False),
        everyone(Expect(403)) | {"anonymous": done()},
        variant="invitation d'une personne sans compte",
    ),
    Row(
        "accounts:structure-create",
        lambda w: reverse("accounts:structure-create"),
        lambda w: {"name": "Nouvelle structure", "siret": "", "email": ""},
        _count(Structure),
        animators_only(done()),
    ),
    Row(
        "accounts:structure-invite",
        lambda w: reverse("accounts:structure-invite", args=[w.place.structure_id]),
        lambda w: {"email": "invitee@example.org"},
        _count(Invitation),
        animators_only(done()),
    ),
    Row(
        "partners:token-create",
        lambda w: reverse("partners:token-create"),
        lambda w: {"name": "Partenaire (fictif)", "scopes": ["lieux:ecriture"], "pushes_per_hour": "10"},
        _count(PartnerToken),
        animators_only(done(200)),
    ),
    Row(
        "partners:token-revoke",
        lambda w: reverse("partners:token-revoke", args=[_partner_token().pk]),
        lambda w: {},
        _count(PartnerToken, revoked_at__isnull=False),
        animators_only(done()),
    ),
    Row(
        "api:partners-push",
        lambda w: reverse("api:partners-push"),
        lambda w: {},
        _count(SourceRecord, source__startswith="partner:"),
        everyone(Expect(401)),
        variant="sans jeton : une session ne suffit pas",
    ),
    # Agenda: anyone proposes (editors of the organiser and animators publish), organisers edit.
    Row(
        "agenda:event-new",
        lambda w: reverse("agenda:event-new"),
        lambda w: _agenda_form(w, title="Exemple fictif : nouvel événement", **{"creneau-1-id": ""}),
        _agenda_new_count,
        everyone(done()),
    ),
    Row(
        "agenda:event-edit",
        lambda w: reverse("agenda:event-edit", args=[_agenda_event(w).pk]),
        lambda w: _agenda_form(w),
        _agenda_value("summary"),
        place_editors(done()),
    ),
    Row(
        "agenda:event-status",
        lambda w: reverse("agenda:event-status", args=[_agenda_event(w).pk]),
        lambda w: {"status": "reporte", "note": "Nouvelle date à venir."},
        _agenda_value("status"),
        place_editors(done()),
    ),
    Row(
        "agenda:event-register",
        lambda w: reverse("agenda:event-register", args=[_agenda_event(w).pk]),
        lambda w: {
            "slot": str(_agenda_event(w).slots.get().pk),
            "name": "Personne fictive",
            "email": "p@example.org",
        },
        _agenda_registrations,
        everyone(done()),
    ),
    Row(
        "agenda:registration-cancel",
        lambda w: reverse("agenda:registration-cancel", args=[_agenda_cancel_token(w)]),
        lambda w: {},
        _agenda_registrations,
        everyone(done(200)),
        variant="lien signé : le lien vaut accès, sans compte",
    ),
    Row(
        "agenda:registration-cancel",
        lambda w: reverse("agenda:registration-cancel", args=["pas-un-lien-signe"]),
        lambda w: {},
        _agenda_registrations,
        everyone(Expect(400)),
        variant="lien forgé",
    ),
    Row(
        "agenda:participant-remove",
        lambda w: reverse(
            "agenda:participant-remove", args=[_agenda_event(w).pk, _agenda_registration(w).pk]
        ),
        lambda w: {},
        _agenda_registrations,
        place_editors(done()),
    ),
    Row(
        "agenda:participant-add",
        lambda w: reverse("agenda:participant-add", args=[_agenda_event(w).pk]),
        lambda w: {
            "slot": str(_agenda_event(w).slots.get().pk),
            "name": "Personne fictive (par téléphone)",
            "phone": "04 77 00 00 00",
        },
        _agenda_registrations,
        place_editors(done()),
    ),
    Row(
        "agenda:moderation-publish",
        lambda w: reverse("agenda:moderation-publish", args=[_agenda_proposal(w).pk]),
        lambda w: {},
        _agenda_value("publication", _agenda_proposal),
        animators_only(done()),
    ),
    Row(
        "agenda:moderation-reject",
        lambda w: reverse("agenda:moderation-reject", args=[_agenda_proposal(w).pk]),
        lambda w: {"reason": "Hors du territoire (exemple fictif)."},
        _agenda_value("publication", _agenda_proposal),
        animators_only(done()),
    ),
    # --- activity and reporting (issue 19): member structures may log (the convention allows it) ----------
    Row(
        "activity:action-new",
        lambda w: reverse("activity:action-new"),
        lambda w: _activity_form(w, title="Action de la matrice (exemple fictif)"),
        lambda w, _c: _activity_count("Action de la matrice (exemple fictif)"),
        {
            "anonymous": LOGIN,
            "professional": FORBIDDEN,
            "editor": done(),
            "other_editor": Expect(400),  # may log, but not for a structure of which they are no member
            "animator": done(),
        },
    ),
    Row(
        "activity:action-edit",
        lambda w: reverse("activity:action-edit", args=[_activity_action(w).pk]),
        lambda w: _activity_form(w, title="Action modifiée (exemple fictif)"),
        lambda w, _c: _activity_count("Action modifiée (exemple fictif)"),
        place_editors(done()),
    ),
    Row(
        "activity:action-remove",
        lambda w: reverse("activity:action-remove", args=[_activity_action(w).pk]),
        lambda w: {},
        lambda w, _c: _activity_action(w).pk,  # a new one is made after a deletion
        place_editors(done()),
    ),
    Row(
        "reporting:report-regenerate",
        lambda w: reverse("reporting:report-regenerate", args=[_reporting_year(w)]),
        lambda w: {"mois": "0"},
        lambda w, _c: _reporting_generated(),
        animators_only(done()),
    ),
    Row(
        "reporting:report-publish",
        lambda w: reverse("reporting:report-publish", args=[_reporting_year(w)]),
        lambda w: {"mois": "0", "publier": "1"},
        lambda w, _c: _reporting_published(),
        animators_only(done()),
    ),
    Row(
        "reporting:convention-edit",
        lambda w: reverse("reporting:convention-edit", args=[_reporting_mission(w).convention_id]),
        lambda w: {
            "title": "Convention de la matrice (exemple fictif)",
            "funder": "Financeur fictif",
            "start_year": "2025",
            "end_year": "2027",
            "members_may_log": "on",
        },
        lambda w, _c: _reporting_convention_title(),
        animators_only(done()),
    ),
    Row(
        "reporting:mission-edit",
        lambda w: reverse("reporting:mission-edit", args=[_reporting_mission(w).pk]),
        lambda w: {"position": "1", "title": "Mission de la matrice (exemple fictif)", "topics": ["census"]},
        lambda w, _c: _reporting_mission(w).title,
        animators_only(done()),
    ),
    Row(
        "reporting:mission-text",
        lambda w: reverse("reporting:mission-text", args=[_reporting_year(w), _reporting_mission(w).pk]),
        lambda w: {"mois": "0", "texte": "Texte de la matrice (exemple fictif)."},
        lambda w, _c: _reporting_texts(),
        animators_only(done()),
    ),
    # Network: anyone files a request or opts in (a signed link then acts, no account); animators route.
    Row(
        "network:signup",
        lambda w: reverse("network:signup"),
        lambda w: {
            "name": "Exemple fictif : nouvelle personne",
            "email": "nouvelle-personne@example.org",
            "role": "mediateur",
            "skills": ["Aide aux démarches administratives"],
            "contact_mode": "form",
            "consent": "on",
            "stamp": _network_stamp(),
        },
        _network_count("Actor", email="nouvelle-personne@example.org"),
        everyone(done()),
    ),
    Row(
        "network:actor-confirm",
        lambda w: reverse("network:actor-confirm", args=[_network_actor_token(w, listed=False)]),
        lambda w: {},
        _network_value("Actor", "listing", lambda w: _network_actor(w, listed=False)),
        everyone(done()),
        variant="lien signé : le lien vaut accès, sans compte",
    ),
    Row(
        "network:actor-manage",
        lambda w: reverse("network:actor-manage", args=[_network_actor_token(w)]),
        lambda w: {"action": "hide"},
        _network_value("Actor", "listing", _network_actor),
        everyone(done()),
        variant="lien signé : masquer sa fiche",
    ),
    Row(
        "network:actor-manage",
        lambda w: reverse("network:actor-manage", args=["pas-un-lien-signe"]),
        lambda w: {"action": "delete"},
        _network_count("Actor"),
        everyone(Expect(400)),
        variant="lien forgé",
    ),
    Row(
        "network:request-new",
        lambda w: reverse("network:request-new"),
        lambda w: {
            "organisation": "Exemple fictif : nouvelle demande",
            "contact_name": "Exemple fictif",
            "contact_email": "demande@example.org",
            "commune": w.place.insee_code,
            "theme": "Aide aux démarches administratives",
            "description": "Exemple fictif.",
            "consent": "on",
            "stamp": _network_stamp(),
        },
        _network_count("PartnershipRequest", organisation="Exemple fictif : nouvelle demande"),
        everyone(done()),
    ),
    Row(
        "network:routing-answer",
        lambda w: reverse("network:routing-answer", args=[_network_routing_token(w)]),
        lambda w: {"answer": "accept"},
        _network_answers,
        everyone(done(200)),
        variant="lien signé : le lien vaut accès, sans compte",
    ),
    Row(
        "network:routing-answer",
        lambda w: reverse("network:routing-answer", args=["pas-un-lien-signe"]),
        lambda w: {"answer": "accept"},
        _network_answers,
        everyone(Expect(400)),
        variant="lien forgé",
    ),
    Row(
        "network:request-route",
        lambda w: reverse("network:request-route", args=[_network_request(w).pk]),
        lambda w: {"targets": [f"person:{_network_actor(w).pk}"], "message": "Exemple fictif."},
        _network_count("Routing"),
        animators_only(done()),
    ),
    Row(
        "network:request-close",
        lambda w: reverse("network:request-close", args=[_network_request(w).pk]),
        lambda w: {"outcome": "no_match", "note": "Exemple fictif."},
        _network_value("PartnershipRequest", "state", _network_request),
        animators_only(done()),
    ),
    Row(
        "network:structure-edit",
        lambda w: reverse("network:structure-edit", args=[w.place.structure_id]),
        lambda w: {"summary": "Exemple fictif : présentation.", "listed": "on"},
        _network_profile_summary,
        place_editors(done()),
    ),
    Row(
        "network:gathering",
        lambda w: reverse("network:gathering", args=[_network_gathering(w).pk]),
        lambda w: {
            "sessions": [str(_network_gathering(w).sessions.order_by("begin", "room").first().pk)],
            "name": "Exemple fictif : participante",
            "email": "participante@example.org",
            "stamp": _network_stamp(),
        },
        _network_gathering_registrations,
        everyone(done()),
    ),
    Row(
        "network:gathering-attendance-save",
        lambda w: reverse("network:gathering-attendance-save", args=[_network_gathering(w).pk]),
        lambda w: {"present": [str(_network_gathering_registered(w).pk)]},
        _network_gathering_registrations,
        animators_only(done()),
    ),
    # Newsletters: anyone subscribes, signed links act without an account; animators compose and send.
    Row(
        "newsletters:list-detail",
        lambda w: reverse("newsletters:list-detail", args=[_nl_list(w).slug]),
        lambda w: {"email": "nouvelle-abonnee@example.org"},
        _nl_status,
        everyone(done()),
    ),
    Row(
        "newsletters:subscription-confirm",
        lambda w: reverse("newsletters:subscription-confirm", args=[_nl_token(w, "confirm")]),
        lambda w: {},
        _nl_status,
        everyone(done(200)),
        variant="lien signé : le lien vaut accès, sans compte",
    ),
    Row(
        "newsletters:unsubscribe",
        lambda w: reverse("newsletters:unsubscribe", args=[_nl_token(w, "unsubscribe")]),
        lambda w: {"List-Unsubscribe": "One-Click"},
        _nl_status,
        everyone(done(200)),
        variant="lien signé, sans jeton CSRF (RFC 8058)",
    ),
    Row(
        "newsletters:unsubscribe",
        lambda w: reverse("newsletters:unsubscribe", args=["pas-un-lien-signe"]),
        lambda w: {},
        _nl_status,
        everyone(Expect(400)),
        variant="lien falsifié",
    ),
    Row(
        "newsletters:preferences",
        lambda w: reverse("newsletters:preferences", args=[_nl_token(w, "preferences")]),
        lambda w: {},
        _nl_status,
        everyone(done()),
        variant="lien signé : tout décocher désabonne",
    ),
    Row(
        "newsletters:letter-new",
        lambda w: reverse("newsletters:letter-new"),
        lambda w: {"mailing_list": _nl_list(w).pk, "subject": "Exemple fictif : nouvelle", "intro": ""},
        lambda w, c: _nl_list(w).letters.count(),
        animators_only(done()),
    ),
    Row(
        "newsletters:letter-compose",
        lambda w: reverse("newsletters:letter-compose", args=[_nl_letter(w).pk]),
        lambda w: {"subject": "Exemple fictif : objet changé", "intro": "Bonjour"},
        _nl_value("subject"),
        animators_only(done()),
    ),
    Row(
        "newsletters:block-add",
        lambda w: reverse("newsletters:block-add", args=[_nl_letter(w).pk]),
        lambda w: {"kind": "text", "text": "Un mot de plus"},
        _nl_value("blocks"),
        animators_only(done()),
    ),
    Row(
        "newsletters:block-change",
        lambda w: reverse("newsletters:block-change", args=[_nl_letter(w).pk, 0]),
        lambda w: {"action": "remove"},
        _nl_value("blocks"),
        animators_only(done()),
    ),
    Row(
        "newsletters:test-send",
        lambda w: reverse("newsletters:test-send", args=[_nl_letter(w).pk]),
        lambda w: {},
        _outbox,
        animators_only(done()),
    ),
    Row(
        "newsletters:send",
        lambda w: reverse("newsletters:send", args=[_nl_letter(w).pk]),
        lambda w: {"when": ""},
        _nl_value("status"),
        animators_only(done()),
    ),
    Row(
        "newsletters:list-import",
        lambda w: reverse("newsletters:list-import", args=[_nl_list(w).slug]),
        lambda w: {"file": SimpleUploadedFile("a.csv", b"email,consentement\nimport@example.org,oui\n")},
        _nl_status,
        animators_only(done()),
    ),
    # The watch: editors and animators write news items; animators sort the partner feeds.
    Row(
        "news:item-new",
        lambda w: reverse("news:item-new"),
        lambda w: {
            "kind": "news",
            "title": "Exemple fictif : actualité",
            "body": "Texte.",
            "url": "",
            "tags_text": "",
        },
        _news_count,
        editors(done()),
    ),
    Row(
        "news:entry-pick",
        lambda w: reverse("news:entry-pick", args=[_feed_entry(w).pk]),
        lambda w: {"comment": "À lire.", "tags_text": "veille"},
        _news_count,
        animators_only(done()),
    ),
    Row(
        "news:entry-dismiss",
        lambda w: reverse("news:entry-dismiss", args=[_feed_entry(w).pk]),
        lambda w: {},
        _feed_entry_dismissed,
        animators_only(done()),
    ),
    # Lending: members' editors ask, the animation decides and hands over.
    Row(
        "lending:booking-new",
        lambda w: reverse("lending:booking-new", args=["fablab"]),
        _lending_request,
        lambda w, _: __import__("maillage.lending.models", fromlist=["Booking"]).Booking.objects.count(),
        _lending_members_ask(done()),
    ),
    Row(
        "lending:booking-cancel",
        lambda w: reverse("lending:booking-cancel", args=[_lending_booking(w).pk]),
        lambda w: {},
        _lending_status(),
        place_editors(done()),
    ),
    Row(
        "lending:booking-accept",
        lambda w: reverse("lending:booking-accept", args=[_lending_booking(w, "proposee").pk]),
        lambda w: {},
        _lending_status("proposee"),
        place_editors(done()),
    ),
    Row(
        "lending:support-new",
        lambda w: reverse("lending:support-new"),
        lambda w: {
            "structure": str(w.place.structure.pk),
            "title": "Exemple fictif : forum",
            "start": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
            "end": (timezone.localdate() + datetime.timedelta(days=60)).isoformat(),
            "needs": ["cmi"],
            "description": "Un stand (exemple fictif).",
        },
        lambda w, _: __import__("maillage.lending.models", fromlist=["X"]).SupportRequest.objects.count(),
        _lending_members_ask(done()),
    ),
    Row(
        "lending:booking-approve",
        lambda w: reverse("lending:booking-approve", args=[_lending_booking(w).pk]),
        lambda w: {},
        _lending_status(),
        animators_only(done()),
    ),
    Row(
        "lending:booking-propose",
        lambda w: reverse("lending:booking-propose", args=[_lending_booking(w).pk]),
        lambda w: {
            "proposed_start": (timezone.localdate() + datetime.timedelta(days=70)).isoformat(),
            "proposed_end": (timezone.localdate() + datetime.timedelta(days=70)).isoformat(),
        },
        _lending_status(),
        animators_only(done()),
    ),
    Row(
        "lending:booking-refuse",
        lambda w: reverse("lending:booking-refuse", args=[_lending_booking(w).pk]),
        lambda w: {"reason": "Exemple fictif : kit en réparation."},
        _lending_status(),
        animators_only(done()),
    ),
    Row(
        "lending:booking-checkout",
        lambda w: reverse(
            "lending:booking-checkout", args=[_lending_booking(w, "confirmee", "video-projecteur").pk]
        ),
        lambda w: _lending_items(w, "confirmee", "video-projecteur"),
        _lending_status("confirmee", "video-projecteur"),
        animators_only(done()),
    ),
    Row(
        "lending:booking-checkin",
        lambda w: reverse("lending:booking-checkin", args=[_lending_booking(w, "sortie", "fablab").pk]),
        lambda w: _lending_items(w, "sortie", "fablab"),
        _lending_status("sortie", "fablab"),
        animators_only(done()),
    ),
    Row(
        "lending:unit-clear",
        lambda w: reverse("lending:unit-clear", args=[_lending_blocked_unit(w).pk]),
        lambda w: {},
        lambda w, _: type(_lending_blocked_unit(w)).objects.get(pk=_lending_blocked_unit(w).pk).blocked_at,
        animators_only(done()),
    ),
    Row(
        "lending:training-new",
        lambda w: reverse("lending:training-new"),
        lambda w: {
            "kit": str(_lending_booking(w).kit_id),
            "structure": str(w.place.structure.pk),
            "day": timezone.localdate().isoformat(),
            "trainees": "Personne fictive",
            "done": "on",
        },
        lambda w, _: __import__("maillage.lending.models", fromlist=["X"]).Training.objects.count(),
        animators_only(done()),
    ),
    Row(
        "lending:support-plan",
        lambda w: reverse("lending:support-plan", args=[_lending_support(w).pk]),
        lambda w: {"answer": "Exemple fictif"},
        _lending_support_status,
        animators_only(done()),
    ),
    Row(
        "lending:support-refuse",
        lambda w: reverse("lending:support-refuse", args=[_lending_support(w).pk]),
        lambda w: {"reason": "Exemple fictif : équipe déjà prise."},
        _lending_support_status,
        animators_only(done()),
    ),
]


class _Rollback(Exception):
    pass


def _client(world: World, role: str, number: int) -> Client:
    client = Client(REMOTE_ADDR=f"10.0.{number // 250}.{number % 250 + 1}")  # no rate limit shared
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def _outcome(response: Any, changed: bool) -> Expect:
    location = response.get("Location", "") if response.status_code in {301, 302, 303} else ""
    return Expect(response.status_code, effect=changed, login=location.startswith(LOGIN_PATH))


@pytest.mark.parametrize("row", MATRIX, ids=[row.id for row in MATRIX])
def test_permission_matrix(row: Row, demo_census: list[str]) -> None:
    world = _world()
    _user("nouveau-compte@example.org")  # the account the log-in row signs in with
    mismatches = []
    for number, role in enumerate(ROLES):
        try:
            with transaction.atomic():
                client = _client(world, role, number)
                before = row.effect(world, client)
                response = client.post(row.url(world), row.data(world))
                outcome = _outcome(response, row.effect(world, client) != before)
                raise _Rollback
        except _Rollback:
            pass
        expected = row.expect[role]
        if outcome != expected:
            mismatches.append(f"  {role:<13} attendu {expected!s:<14} obtenu {outcome!s}")
    assert not mismatches, f"{row.id}:\n" + "\n".join(mismatches)


# --- Every mutating route has its row -------------------------------------------------------------


def _routes(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, Any]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":  # Django's own admin: staff only, permissions per model
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}", entry.callback


def _is_method(value: object) -> bool:
    return isinstance(value, str) and value.isupper()


def _declared_methods(callback: Any) -> set[str] | None:
    """The methods a view declares: a class-based view's handlers, Django's `require_http_methods`
    family (found in the decorators' closures), django-ninja's operations; None when undeclared."""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        return {name.upper() for name in view_class.http_method_names if hasattr(view_class, name)}
    # django-ninja's view: a bound method of its PathView, or (ninja ≥ 1.5) a closure over it
    holders = [getattr(callback, "__self__", None)]
    holders += [cell.cell_contents for cell in getattr(callback, "__closure__", None) or ()]
    for path_view in holders:
        if path_view is not None and hasattr(path_view, "operations"):
            return {method.upper() for operation in path_view.operations for method in operation.methods}
    function: Any = callback
    while function is not None:
        for cell in getattr(function, "__closure__", None) or ():
            value = cell.cell_contents
            if isinstance(value, list | tuple) and value and all(_is_method(v) for v in value):
                return set(value)
        function = getattr(function, "__wrapped__", None)
    return None


def _reads_a_request_body(callback: Any) -> bool:
    """Whether an undeclared function view (or a function of its module it calls) handles POST."""
    function = inspect.unwrap(callback)
    seen: set[Any] = set()
    todo = [function]
    while todo:
        current = todo.pop()
        if current in seen or not isinstance(current, types.FunctionType):
            continue
        seen.add(current)
        source = inspect.getsource(current)
        if "POST" in source or "request.method" in source:
            return True
        module_globals = current.__globals__
        todo.extend(
            module_globals[name]
            for name in current.__code__.co_names
            if isinstance(module_globals.get(name), types.FunctionType)
            and module_globals[name].__module__ == current.__module__
        )
    return False


def mutating_routes() -> dict[str, str]:
    """URL name → route of every view that accepts POST, PUT, PATCH or DELETE."""
    found = {}
    for route, name, callback in _routes(get_resolver()):
        methods = _declared_methods(callback)
        accepts = bool(methods & MUTATING) if methods is not None else _reads_a_request_body(callback)
        if accepts:
            found[name] = route
    return found


def test_every_mutating_route_is_in_the_matrix() -> None:
    routes = mutating_routes()
    covered = {row.name for row in MATRIX}
    missing = sorted(set(routes) - covered)
    assert not missing, "mutating routes without a row in MATRIX (write their permissions): " + ", ".join(
        f"{name} ({routes[name]})" for name in missing
    )
    stale = sorted(covered - set(routes))
    assert not stale, f"rows of MATRIX for routes that no longer accept POST: {stale}"
    for role_expectations in (row.expect for row in MATRIX):
        assert set(role_expectations) == set(ROLES)


def test_read_only_routes_refuse_or_ignore_a_post() -> None:
    """The walk finds the routes we know are mutating, and no read-only page is among them."""
    routes = mutating_routes()
    for name in ("contributions:place-edit", "census:review-pair", "login", "accounts:invitation-accept"):
        assert name in routes
    for name in (
        "publishing:place-detail",
        "contributions:place-history",
        "contributions:freshness-list",
        "accounts:account",
    ):
        assert name not in routes


# --- The activity log's and the reports' world (issue 19), made up ----------------------------------

ACTIVITY_TITLE = "Exemple fictif : action de la structure du lieu"


def _reporting_year(world: World) -> int:
    from maillage.reporting.sample import convention_sample_load

    convention_sample_load()
    from maillage.reporting.models import Convention

    convention = Convention.objects.get(is_sample=True)
    if not convention.members_may_log:
        convention.members_may_log = True
        convention.save(update_fields=["members_may_log"])
    return timezone.localdate().year


def _reporting_mission(world: World) -> Any:
    from maillage.reporting.models import Mission

    _reporting_year(world)
    return Mission.objects.filter(convention__is_sample=True).order_by("position").first()


def _activity_action(world: World) -> Any:
    from maillage.activity.models import Action

    _reporting_year(world)
    found = Action.objects.filter(title=ACTIVITY_TITLE).first()
    if found is not None:
        return found
    today = timezone.localdate()
    return Action.objects.create(
        title=ACTIVITY_TITLE,
        kind="workshop",
        date_start=today,
        date_end=today,
        structure=world.place.structure,
    )


def _activity_form(world: World, **overrides: Any) -> dict[str, Any]:
    _reporting_year(world)
    today = timezone.localdate().isoformat()
    return {
        "title": ACTIVITY_TITLE,
        "kind": "workshop",
        "date_start": today,
        "date_end": today,
        "sessions": "1",
        "audience": "public",
        "participants": "8",
        "organisers": [str(world.place.structure_id)],
    } | overrides


def _activity_count(title: str) -> int:
    from maillage.activity.models import Action

    return Action.objects.filter(title=title).count()


def _reporting_generated() -> Any:
    from maillage.reporting.models import Report

    return list(Report.objects.values_list("generated_at", flat=True))


def _reporting_published() -> Any:
    from maillage.reporting.models import Report

    return list(Report.objects.values_list("published_at", flat=True))


def _reporting_texts() -> int:
    from maillage.reporting.models import MissionText

    return MissionText.objects.count()


def _reporting_convention_title() -> list[str]:
    from maillage.reporting.models import Convention

    return list(Convention.objects.values_list("title", flat=True))
