"""The « to log » list of the activity log: agenda events held, loans returned, event supports done and
partnership requests closed that no action records yet, each one click from its prefilled entry."""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.activity.prefill import things_to_log
from maillage.lending.services.bookings import booking_approve, booking_request
from maillage.lending.services.handover import CheckLine, booking_checkin, booking_checkout
from maillage.lending.services.support import support_plan, support_request
from maillage.network.services.requests import request_close
from maillage.reporting.models import Convention
from maillage.reporting.sample import convention_sample_load
from tests.activity.factories import past_event_make
from tests.agenda.factories import PASSWORD, user_make
from tests.lending.factories import day, kit_make
from tests.network.factories import request_filed

pytestmark = pytest.mark.django_db


def _loan(kit: Any, structure: Structure, by: Any, *, returned: bool, start: int = 0) -> Any:
    booking = booking_request(
        kit=kit, structure=structure, user=by, start=day(start), end=day(start + 2), purpose="Atelier fictif"
    )
    booking = booking_approve(booking=booking, by=by)
    if returned:
        lines = [CheckLine(item.pk, item.quantity) for item in kit.items.all()]
        booking = booking_checkout(booking=booking, by=by, lines=lines)
        booking = booking_checkin(booking=booking, by=by, lines=lines)
    return booking


def _support(structure: Structure, by: Any, title: str, *, start: int, kit: Any = None) -> Any:
    support = support_request(
        structure=structure, user=by, title=title, start=day(start), end=day(start), needs=["animateur"],
        description="Stand fictif",
    )  # fmt: skip
    return support_plan(support=support, by=by, staff=[by], kit=kit)


@pytest.fixture
def done(loire: None) -> dict[str, Any]:
    """What happened today in Maillage, and what did not happen yet (all fictitious)."""
    convention_sample_load()
    ours, theirs = (
        Structure.objects.create(name="Structure fictive A"),
        Structure.objects.create(name="Exemple fictif : structure B"),
    )
    animator = user_make("animation@example.org", is_staff=True)
    member = user_make("membre@example.org", structure=ours)
    robots, screen = kit_make("Robots fictifs"), kit_make("Écran fictif")
    request = request_filed("42187", organisation="Exemple fictif : association close")
    return {
        "animator": animator,
        "member": member,
        "event": past_event_make(
            title="Exemple fictif : atelier tenu", organiser=ours, days_ago=2, confirmed=3
        ),
        "returned": _loan(robots, ours, animator, returned=True),
        "out_later": _loan(robots, ours, animator, returned=False, start=10),
        "theirs": _loan(screen, theirs, animator, returned=True, start=0),
        "support": _support(
            ours, animator, "Exemple fictif : forum tenu", start=0, kit=kit_make("Tente fictive")
        ),
        "support_later": _support(ours, animator, "Exemple fictif : forum à venir", start=20),
        "closed": request_close(request=request, outcome="partnership", note="", author=animator),
        "spam": request_close(request=request_filed("42187"), outcome="spam", note="", author=animator),
        "withdrawn": request_close(
            request=request_filed("42187"), outcome="withdrawn", note="", author=animator
        ),
        "open": request_filed("42187", organisation="Exemple fictif : demande ouverte"),
    }


def _sources(user: Any) -> list[str]:
    return [item.source for item in things_to_log(user, today=timezone.localdate())]


def test_the_animator_sees_everything_done_and_not_logged(done: dict[str, Any]) -> None:
    sources = _sources(done["animator"])
    assert sorted(sources) == sorted(
        [
            f"agenda.event:{done['event'].pk}",
            f"lending.loan:{done['returned'].pk}",
            f"lending.loan:{done['theirs'].pk}",
            f"lending.support:{done['support'].pk}",  # its tent is logged with it, not as a loan
            f"network.request:{done['closed'].pk}",
        ]
    )
    assert sources[-1] == f"agenda.event:{done['event'].pk}"  # most recent first: the event was 2 days ago


def test_a_member_sees_what_their_structures_did_and_no_request(done: dict[str, Any]) -> None:
    Convention.objects.update(members_may_log=True)
    assert sorted(_sources(done["member"])) == sorted(
        [
            f"agenda.event:{done['event'].pk}",
            f"lending.loan:{done['returned'].pk}",
            f"lending.support:{done['support'].pk}",
        ]
    )


def test_each_entry_is_one_click_from_its_prefilled_form_then_leaves_the_list(done: dict[str, Any]) -> None:
    client = Client()
    assert client.login(username=done["animator"].username, password=PASSWORD)
    listing = unescape(client.get(reverse("activity:action-list")).content.decode())
    assert "Prêt rendu le" in listing
    assert "Demande close le" in listing
    assert "(partenariat engagé)" in listing
    for key in ("returned", "support", "closed"):
        kind = {"returned": "lending.loan", "support": "lending.support", "closed": "network.request"}[key]
        source = f"{kind}:{done[key].pk}"
        assert f"?depuis={source}" in listing
        page = client.get(reverse("activity:action-new"), {"depuis": source})
        form = page.context["form"]
        data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, [])}
        data = {k: ([str(x) for x in v] if isinstance(v, list) else str(v)) for k, v in data.items()}
        data.pop("online", None)
        response = client.post(reverse("activity:action-new"), data | {"depuis": source, "participants": "4"})
        assert response.status_code == 302, unescape(response.content.decode())
    left = _sources(done["animator"])
    assert sorted(left) == sorted([f"agenda.event:{done['event'].pk}", f"lending.loan:{done['theirs'].pk}"])
