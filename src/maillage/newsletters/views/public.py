"""Public pages: the lists, a list's subscribe form and archive (with RSS), a letter's web version,
confirmation, one-click unsubscribe (RFC 8058 POST accepted without a cookie) and preferences."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.feedgenerator import Rss201rev2Feed
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from maillage.newsletters.domain.blocks import resolved_from
from maillage.newsletters.enums import LetterStatus
from maillage.newsletters.forms import PreferencesForm, SubscribeForm
from maillage.newsletters.models import Letter, MailingList, Subscriber
from maillage.newsletters.selectors import letters_archive, lists_public
from maillage.newsletters.services import tokens
from maillage.newsletters.services.letters import letter_view_count
from maillage.newsletters.services.subscriptions import (
    Outcome,
    preferences_update,
    subscription_confirm,
    subscription_request,
    subscription_unsubscribe,
)


@require_safe
def list_index(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletters/list_index.html", {"lists": lists_public()})


@require_http_methods(["GET", "HEAD", "POST"])
def list_detail(request: HttpRequest, slug: str) -> HttpResponse:
    mailing_list = get_object_or_404(MailingList, slug=slug)
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        subscription_request(mailing_list=mailing_list, email=form.cleaned_data["email"])
        return redirect(f"{mailing_list.get_absolute_url()}?demande=envoyee")
    context = {
        "mailing_list": mailing_list,
        "form": form,
        "letters": letters_archive(mailing_list),
        "requested": request.GET.get("demande") == "envoyee",
    }
    return render(request, "newsletters/list_detail.html", context, status=400 if form.errors else 200)


@require_safe
def list_rss(request: HttpRequest, slug: str) -> HttpResponse:
    mailing_list = get_object_or_404(MailingList, slug=slug)
    feed = Rss201rev2Feed(
        title=mailing_list.name,
        link=request.build_absolute_uri(mailing_list.get_absolute_url()),
        description=mailing_list.description or mailing_list.name,
        language="fr",
    )
    for letter in letters_archive(mailing_list)[:50]:
        feed.add_item(
            title=letter.subject,
            link=request.build_absolute_uri(letter.get_absolute_url()),
            description=str(letter.content.get("intro", "")),
            pubdate=letter.sent_at,
            unique_id=request.build_absolute_uri(letter.get_absolute_url()),
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


@require_safe
def letter_web(request: HttpRequest, slug: str, letter_id: int) -> HttpResponse:
    letter = get_object_or_404(
        Letter.objects.select_related("mailing_list"), pk=letter_id, mailing_list__slug=slug
    )
    if letter.status != LetterStatus.SENT:
        raise Http404("Cette lettre n'est pas encore parue.")
    letter_view_count(letter=letter)
    content = letter.content
    context = {
        "letter": letter,
        "content": content,
        "blocks": [resolved_from(b) for b in content.get("blocks", [])],
    }
    return render(request, "newsletters/letter_web.html", context)


def _outcome_page(request: HttpRequest, outcome: Outcome, template: str) -> HttpResponse:
    context: dict[str, object] = {"state": "done" if outcome.ok else "failed", "message": outcome.message}
    if outcome.subscription is not None:
        subscriber = outcome.subscription.subscriber
        context["preferences_url"] = tokens.preferences_url(subscriber.pk, subscriber.email)
    return render(request, template, context, status=200 if outcome.ok else 400)


@require_http_methods(["GET", "HEAD", "POST"])
def subscription_confirm_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the e-mail shows one button; the POST confirms (a link scanner's GET confirms nothing)."""
    if request.method != "POST":
        valid = tokens.confirm_read(token)
        state = "invalid" if valid is None else "expired" if valid.get("expired") else "ready"
        return render(request, "newsletters/confirm.html", {"state": state, "token": token})
    return _outcome_page(request, subscription_confirm(token=token), "newsletters/confirm.html")


@csrf_exempt  # the signed token is the authority; mail clients POST "List-Unsubscribe=One-Click" (RFC 8058)
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method != "POST":
        valid = tokens.unsubscribe_read(token) is not None
        return render(
            request, "newsletters/unsubscribe.html", {"state": "ready" if valid else "failed", "token": token}
        )
    return _outcome_page(request, subscription_unsubscribe(token=token), "newsletters/unsubscribe.html")


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    found = tokens.preferences_read(token)
    subscriber = Subscriber.objects.filter(pk=found[0], email=found[1]).first() if found else None
    if subscriber is None:
        raise Http404("Ce lien de préférences n'est pas valide.")
    current = list(
        subscriber.subscriptions.filter(status="confirmed").values_list("mailing_list_id", flat=True)
    )
    form = PreferencesForm(request.POST if request.method == "POST" else None, initial={"lists": current})
    if request.method == "POST" and form.is_valid():
        preferences_update(subscriber=subscriber, list_ids={m.pk for m in form.cleaned_data["lists"]})
        messages.success(request, "Vos préférences sont enregistrées.")
        return redirect(request.path)
    return render(request, "newsletters/preferences.html", {"form": form, "subscriber": subscriber})
