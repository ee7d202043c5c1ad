"""The animators' side: the letters, the composer (blocks picked from the network's content, without
JavaScript), previews as e-mail (HTML and text) and as web page, test send, scheduling."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from maillage.accounts.permissions import animator_required
from maillage.newsletters.domain.blocks import Block, BlockError, block_from, plain_text, resolved_from
from maillage.newsletters.forms import (
    BlockActionForm,
    BlockForm,
    LetterForm,
    LetterTextForm,
    PickerForm,
    ScheduleForm,
)
from maillage.newsletters.models import Letter
from maillage.newsletters.selectors import (
    blocks_parse,
    blocks_resolve,
    candidate_events,
    candidate_news,
    candidate_places,
    letters_of_animators,
    lists_public,
)
from maillage.newsletters.services.letters import (
    letter_block_add,
    letter_block_move,
    letter_block_remove,
    letter_content,
    letter_create,
    letter_schedule,
    letter_unschedule,
    letter_update,
)
from maillage.newsletters.services.messages import letter_message, web_url
from maillage.newsletters.services.sending import letter_queue, letter_test_send

RECENT_DAYS = 60


@animator_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    context = {"letters": letters_of_animators()[:100], "lists": lists_public(), "form": LetterForm()}
    return render(request, "newsletters/dashboard.html", context)


@animator_required
@require_POST
def letter_new(request: HttpRequest) -> HttpResponse:
    form = LetterForm(request.POST)
    if not form.is_valid():
        context = {"letters": letters_of_animators()[:100], "lists": lists_public(), "form": form}
        return render(request, "newsletters/dashboard.html", context, status=400)
    letter = letter_create(author=request.user, **form.cleaned_data)
    return redirect("newsletters:letter-compose", letter.pk)


def _picker(request: HttpRequest) -> tuple[PickerForm, dict[str, Any]]:
    form = PickerForm(request.GET or None)
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    date_from = data.get("du") or today
    date_to = data.get("au") or today + datetime.timedelta(days=RECENT_DAYS)
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    return form, {
        "events": candidate_events(date_from=date_from, date_to=date_to, insee_code=data.get("insee", "")),
        "news": candidate_news(since=since),
        "places": candidate_places(since=since),
        "date_from": date_from,
        "date_to": date_to,
    }


@animator_required
def letter_compose(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.select_related("mailing_list"), pk=letter_id)
    text_form = LetterTextForm(request.POST if request.method == "POST" else None, instance=letter)
    if request.method == "POST" and text_form.is_valid():
        try:
            letter_update(letter=letter, **text_form.cleaned_data)
        except BlockError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Objet et introduction enregistrés.")
        return redirect("newsletters:letter-compose", letter.pk)
    picker, candidates = _picker(request)
    chosen = {(b["kind"], b["ref"]) for b in letter.blocks}
    content = letter_content(letter)
    context = {
        "letter": letter,
        "text_form": text_form,
        "picker": picker,
        "chosen": chosen,
        "blocks": list(zip(letter.blocks, _shown(letter.blocks), strict=True)),
        "missing": content.get("missing", 0),
        "schedule_form": ScheduleForm(),
        "editable": letter.status in ("draft", "scheduled"),
        **candidates,
    }
    return render(request, "newsletters/compose.html", context, status=400 if text_form.errors else 200)


def _shown(raw_blocks: list[dict[str, str]]) -> list[str]:
    """A one-line label of each block for the composer's list."""
    return [
        "(contenu supprimé ou dépublié : il ne partira pas)" if r is None else r.title or r.text[:80]
        for r in blocks_resolve(blocks_parse(raw_blocks))
    ]


@animator_required
@require_POST
def block_add(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = get_object_or_404(Letter, pk=letter_id)
    form = BlockForm(request.POST)
    if form.is_valid():
        try:
            block = block_from(form.cleaned_data)
            letter_block_add(letter=letter, block=Block(block.kind, block.ref, block.text))
        except BlockError as exc:
            messages.error(request, f"Bloc non ajouté : {exc}.")
        else:
            messages.success(request, "Bloc ajouté à la lettre.")
    else:
        messages.error(request, "Bloc non ajouté : type de bloc inconnu.")
    return redirect(_back(request, letter))


@animator_required
@require_POST
def block_change(request: HttpRequest, letter_id: int, index: int) -> HttpResponse:
    letter = get_object_or_404(Letter, pk=letter_id)
    form = BlockActionForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            if action == "remove":
                letter_block_remove(letter=letter, index=index)
            else:
                letter_block_move(letter=letter, index=index, offset=-1 if action == "up" else 1)
        except BlockError as exc:
            messages.error(request, str(exc))
    return redirect(_back(request, letter))


def _back(request: HttpRequest, letter: Letter) -> str:
    query = request.POST.get("picker", "")
    base = reverse("newsletters:letter-compose", args=[letter.pk])
    return f"{base}?{query}#blocs" if query else f"{base}#blocs"


@animator_required
@require_safe
def preview_web(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.select_related("mailing_list"), pk=letter_id)
    content = letter_content(letter)
    context = {
        "letter": letter,
        "content": content,
        "blocks": [resolved_from(b) for b in content["blocks"]],
        "preview": True,
    }
    return render(request, "newsletters/letter_web.html", context)


@animator_required
@require_safe
def preview_email(request: HttpRequest, letter_id: int) -> HttpResponse:
    """The HTML part exactly as it leaves (its inline styles allowed on this page only)."""
    letter = get_object_or_404(Letter.objects.select_related("mailing_list"), pk=letter_id)
    message = _preview_message(request, letter)
    html = str(message.alternatives[0][0])
    response = HttpResponse(html)
    response["Content-Security-Policy"] = "style-src 'unsafe-inline'"
    return response


@animator_required
@require_safe
def preview_text(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.select_related("mailing_list"), pk=letter_id)
    content = letter_content(letter)
    text = plain_text(
        list_name=content["list_name"],
        subject=content["subject"],
        intro=content["intro"],
        blocks=[resolved_from(b) for b in content["blocks"]],
        web_url=web_url(letter),
        unsubscribe_url="(lien personnel de désinscription)",
    )
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


def _preview_message(request: HttpRequest, letter: Letter) -> Any:
    return letter_message(
        letter=letter,
        content=letter_content(letter),
        to=getattr(request.user, "email", "") or "apercu@maillage.invalid",
        unsubscribe_url="#desinscription",
        message_key=f"apercu-{letter.pk}",
    )


@animator_required
@require_POST
def test_send(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = get_object_or_404(Letter.objects.select_related("mailing_list"), pk=letter_id)
    address = getattr(request.user, "email", "")
    if not address:
        messages.error(
            request, "Votre compte n'a pas d'adresse électronique : indiquez-en une dans « Mon compte »."
        )
    else:
        letter_test_send(letter=letter, to=address)
        messages.success(request, f"Lettre de test envoyée à {address}.")
    return redirect("newsletters:letter-compose", letter.pk)


@animator_required
@require_POST
def send(request: HttpRequest, letter_id: int) -> HttpResponse:
    """Programme the letter; without a date it is queued now (sent by `maillage send-newsletters`)."""
    letter = get_object_or_404(Letter.objects.select_related("mailing_list"), pk=letter_id)
    if request.POST.get("action") == "unschedule":
        letter_unschedule(letter=letter)
        messages.success(request, "Envoi annulé : la lettre redevient un brouillon.")
        return redirect("newsletters:letter-compose", letter.pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Date d'envoi illisible (attendu : jour et heure).")
        return redirect("newsletters:letter-compose", letter.pk)
    when = form.cleaned_data["when"]
    try:
        letter = letter_schedule(letter=letter, when=when)
    except BlockError as exc:
        messages.error(request, str(exc))
        return redirect("newsletters:letter-compose", letter.pk)
    if when is None or when <= timezone.now():
        count = letter_queue(letter=letter)
        messages.success(request, f"Lettre mise en file pour {count} abonné(s) : elle part par lots.")
    else:
        messages.success(request, f"Envoi programmé le {timezone.localtime(when):%d/%m/%Y à %H:%M}.")
    return redirect("newsletters:dashboard")
