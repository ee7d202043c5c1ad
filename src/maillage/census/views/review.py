"""The animator's census screens: duplicate pairs side by side, decisions, sources, quality list."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from maillage.accounts.permissions import animator_required
from maillage.census.forms import PairDecisionForm
from maillage.census.presenters import pair_comparison
from maillage.census.services.review import pair_decide, place_split
from maillage.places.domain.dedup_model import BIAS, explain_reasons
from maillage.places.enums import Decision
from maillage.places.models import MatchPair, Place, SourceRecord
from maillage.places.selectors import pairs_to_review, places_by_quality


@animator_required
def review_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(pairs_to_review(), 50).get_page(request.GET.get("page"))
    return render(request, "census/review_list.html", {"page": page})


@animator_required
def review_pair(request: HttpRequest, pair_id: int) -> HttpResponse:
    pair = get_object_or_404(MatchPair.objects.select_related("record_a", "record_b"), pk=pair_id)
    comparison = pair_comparison(pair)
    if request.method == "POST":
        form = PairDecisionForm(request.POST, comparison=comparison)
        if form.is_valid():
            decision = Decision(form.cleaned_data["decision"])
            pair_decide(pair=pair, decision=decision, by=request.user.get_username(), choices=form.choices())
            label = "fusionnées" if decision == Decision.MERGE else "gardées séparées"
            messages.success(request, f"Fiches {label}. Décision mémorisée pour les prochains imports.")
            following = pairs_to_review().exclude(pk=pair.pk).first()
            return (
                redirect("census:review-pair", following.pk) if following else redirect("census:review-list")
            )
    else:
        form = PairDecisionForm(comparison=comparison)
    following = pairs_to_review().exclude(pk=pair.pk).first()
    context = {
        "pair": pair,
        "comparison": comparison,
        "form": form,
        "following": following,
        "explanation": explain_reasons(pair.reasons or []),
        "prior": BIAS,
        "thresholds": (settings.MAILLAGE_DEDUP_LOW, settings.MAILLAGE_DEDUP_HIGH),
    }
    return render(request, "census/review_pair.html", context)


@animator_required
@require_POST
def place_split_record(request: HttpRequest, place_id: uuid.UUID, record_id: int) -> HttpResponse:
    place = get_object_or_404(Place, pk=place_id)
    record = get_object_or_404(SourceRecord, pk=record_id)
    if record.place_id != place.pk:
        raise Http404("Cette fiche source ne nourrit pas ce lieu.")
    place_split(place=place, record=record, by=request.user.get_username())
    record.refresh_from_db()
    messages.success(request, f"La fiche {record.key} est détachée : elle forme désormais un lieu à part.")
    return redirect("publishing:place-detail", place.pk)


@animator_required
def quality_list(request: HttpRequest) -> HttpResponse:
    order = request.GET.get("tri", "qualite")
    page = Paginator(places_by_quality(order=order), 50).get_page(request.GET.get("page"))
    return render(request, "census/quality_list.html", {"page": page, "order": order})
