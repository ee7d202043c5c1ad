"""The directory, a structure's page, work groups, opt-in and self-service, the public request, answers."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from maillage.agenda.selectors import EventFilters, slots_matching
from maillage.contributions.services.contributions import client_count, client_rate_limited
from maillage.contributions.views.contributions import client_key
from maillage.network.forms import ActorSignupForm, AnswerForm, DirectoryFilterForm, PublicForm, RequestForm
from maillage.network.selectors import (
    DirectoryFilters,
    actors_listed,
    structure_page,
    structures_listed,
    work_groups,
)
from maillage.network.selectors_gathering import gatherings_upcoming
from maillage.network.services.directory import (
    ActorInput,
    DirectoryError,
    actor_confirm,
    actor_delete,
    actor_export,
    actor_from_token,
    actor_signup,
    actor_visibility_set,
)
from maillage.network.services.requests import (
    RequestError,
    request_submit,
    routing_answer,
    routing_from_token,
)
from maillage.network.views.editing import may_edit_structure
from maillage.territories.models import Commune, Epci

RATE_LIMITED = "network/rate_limited.html"


def _filters(form: DirectoryFilterForm) -> DirectoryFilters:
    if not form.is_valid():
        return DirectoryFilters()
    data = form.cleaned_data
    return DirectoryFilters(
        role=data["role"],
        theme=data["theme"],
        insee_code=data["commune"],
        epci=data["epci"],
        text=data["q"].strip(),
    )


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = _filters(form)
    context = {
        "form": form,
        "actors": list(actors_listed(filters)[:200]),
        "structures": list(structures_listed(filters)[:200]),
        "filtered": any(filters.__dict__.values()),
        "gatherings": list(gatherings_upcoming(now=timezone.now())[:3]),
    }
    return render(request, "network/directory.html", context)


@require_safe
def structure_detail(request: HttpRequest, structure_id: int) -> HttpResponse:
    structure = structure_page(structure_id=structure_id)
    if structure is None:
        raise Http404("Structure absente de l'annuaire")
    slots = slots_matching(EventFilters(), now=timezone.now()).filter(event__organiser=structure)[:10]
    context = {
        "structure": structure,
        "slots": slots,
        "may_edit": may_edit_structure(request.user, structure),
    }
    return render(request, "network/structure_detail.html", context)


@require_safe
def groups(request: HttpRequest) -> HttpResponse:
    return render(request, "network/groups.html", {"groups": work_groups()})


def refused_public(request: HttpRequest, form: PublicForm, done: str) -> HttpResponse | None:
    """Too many sends from this address (429), or a robot (quietly sent to the thank-you page)."""
    if client_rate_limited(client_key=client_key(request)):
        return render(request, RATE_LIMITED, status=429)
    if form.is_spam():
        client_count(client_key=client_key(request))
        return redirect(done)
    return None


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "network/signup.html", {"form": ActorSignupForm()})
    form = ActorSignupForm(request.POST)
    if (refused := refused_public(request, form, "network:signup-done")) is not None:
        return refused
    if not form.is_valid():
        return render(request, "network/signup.html", {"form": form}, status=400)
    data = form.cleaned_data
    actor_signup(
        data=ActorInput(
            name=data["name"],
            email=data["email"],
            role=data["role"],
            structure=data["structure"],
            structure_name=data["structure_name"],
            skills=data["skills"],
            communes=list(Commune.objects.filter(pk__in=data["communes"])),
            epcis=list(Epci.objects.filter(pk__in=data["epcis"])),
            department_wide=data["department_wide"],
            languages=data["languages"],
            contact_mode=data["contact_mode"],
            phone=data["phone"],
        )
    )
    client_count(client_key=client_key(request))
    return redirect("network:signup-done")


@require_safe
def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "network/signup_done.html")


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        actor = actor_from_token(token)
    except DirectoryError as exc:
        return render(request, "network/link_error.html", {"error": str(exc)}, status=400)
    if request.method == "POST":
        actor = actor_confirm(token=token)
        messages.success(
            request, "Votre fiche est visible dans l'annuaire. Le lien pour la gérer vous est envoyé."
        )
        return redirect("network:actor-manage", token=token)
    return render(request, "network/confirm.html", {"actor": actor})


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The person's own card, through the signed link: hide, show again, delete at once, export."""
    try:
        actor = actor_from_token(token)
    except DirectoryError as exc:
        return render(request, "network/link_error.html", {"error": str(exc)}, status=400)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "delete":
                actor_delete(token=token)
                return render(request, "network/deleted.html")
            if action in {"hide", "show"}:
                actor_visibility_set(token=token, listed=action == "show")
                text = (
                    "Votre fiche est de nouveau visible." if action == "show" else "Votre fiche est masquée."
                )
                messages.success(request, text)
                return redirect("network:actor-manage", token=token)
        except DirectoryError as exc:
            return render(request, "network/manage.html", {"actor": actor, "error": str(exc)}, status=400)
        return render(
            request, "network/manage.html", {"actor": actor, "error": "Action inconnue."}, status=400
        )
    return render(request, "network/manage.html", {"actor": actor, "token": token})


@require_safe
def export(request: HttpRequest, token: str) -> HttpResponse:
    try:
        actor = actor_from_token(token)
    except DirectoryError as exc:
        return render(request, "network/link_error.html", {"error": str(exc)}, status=400)
    body = json.dumps(actor_export(actor), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-annuaire.json"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "network/request_form.html", {"form": RequestForm()})
    form = RequestForm(request.POST)
    if (refused := refused_public(request, form, "network:request-done")) is not None:
        return refused
    if not form.is_valid():
        return render(request, "network/request_form.html", {"form": form}, status=400)
    data = form.cleaned_data
    try:
        request_submit(
            fields={
                "organisation": data["organisation"].strip(),
                "contact_name": data["contact_name"].strip(),
                "contact_email": data["contact_email"].strip().lower(),
                "contact_phone": data["contact_phone"].strip(),
                "commune": Commune.objects.filter(pk=data["commune"]).first() if data["commune"] else None,
                "outside_territory": data["outside_territory"].strip(),
                "theme": data["theme"],
                "audience": data["audience"],
                "date_from": data["date_from"],
                "date_to": data["date_to"],
                "description": data["description"].strip(),
            }
        )
    except RequestError as exc:
        form.add_error(None, str(exc))
        return render(request, "network/request_form.html", {"form": form}, status=400)
    client_count(client_key=client_key(request))
    return redirect("network:request-done")


@require_safe
def request_done(request: HttpRequest) -> HttpResponse:
    return render(request, "network/request_done.html")


@require_http_methods(["GET", "HEAD", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The actor accepts or declines from the e-mailed link (no account needed)."""
    try:
        routing = routing_from_token(token)
    except RequestError as exc:
        return render(request, "network/link_error.html", {"error": str(exc)}, status=400)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        choice = request.POST.get("answer", "")
        if choice not in {"accept", "decline"}:
            form.add_error(None, "Réponse : choisissez « J'accepte » ou « Je décline ».")
        else:
            try:
                routing = routing_answer(
                    token=token, accept=choice == "accept", note=form.cleaned_data["note"]
                )
            except RequestError as exc:
                form.add_error(None, str(exc))
            else:
                return render(request, "network/answer.html", {"routing": routing, "done": True})
        return render(request, "network/answer.html", {"routing": routing, "form": form}, status=400)
    return render(request, "network/answer.html", {"routing": routing, "form": form})
