"""Write API for trusted partners (Router mounted at /api/v1/partenaires), with per-partner Bearer tokens."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Body, Router
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import HttpBearer

from maillage.census.services.partner_push import PushRefused
from maillage.partners.models import PartnerToken, Scope
from maillage.partners.schemas import DetailOut, PartnerOut, PushErrorOut, PushOut
from maillage.partners.services import (
    PushLimited,
    TokenRefused,
    partner_push,
    partner_token_authenticate,
)

router = Router(tags=["partenaires"])

STATES = {
    "pending": "en_moderation",
    "updated": "mis_a_jour",
    "unchanged": "inchange",
    "refused_before": "refuse_precedemment",
}


class PartnerBearer(HttpBearer):
    """`Authorization: Bearer <jeton>`: the partner's token, created by the network's animation."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> PartnerToken:
        try:
            return partner_token_authenticate(token, scope=self.scope)
        except TokenRefused as refused:
            raise HttpError(refused.status, refused.message) from refused


def _token(request: HttpRequest) -> PartnerToken:
    token = request.auth  # type: ignore[attr-defined]
    if not isinstance(token, PartnerToken):  # the route's auth guarantees it; never trust silently
        raise HttpError(401, "Jeton absent.")
    return token


EXAMPLE = [
    {
        "id": "votre-identifiant-1",
        "nom": "Nom du lieu",
        "commune": "Saint-Étienne",
        "code_postal": "42000",
        "adresse": "1 rue de l'exemple",
        "services": "Prendre en main un ordinateur",
        "date_maj": "2026-11-28",
        "pivot": "00000000000000",
    }
]


@router.post(
    "/lieux",
    auth=PartnerBearer(Scope.PLACES_WRITE),
    response={202: PushOut, 401: DetailOut, 403: DetailOut, 422: PushErrorOut, 429: DetailOut},
    url_name="partners-push",
    summary="Envoyer des lieux (partenaires de confiance)",
)
def places_push(
    request: HttpRequest,
    response: HttpResponse,
    lieux: list[dict[str, Any]] = Body(..., openapi_examples={"un lieu": {"value": EXAMPLE}}),  # noqa: B008
) -> Any:
    """Des lieux au format du Standard des lieux de médiation numérique v1.0.2 (le tableau JSON d'un
    fichier du standard ; chaque lieu porte votre identifiant `id`). Tout l'envoi est vérifié d'abord :
    une erreur et rien n'est enregistré (422, chaque erreur nomme le lieu, son `id` et le champ). Les
    lieux nouveaux passent par la modération de l'animation puis par le dédoublonnage du recensement,
    comme toute source ; un lieu déjà accepté est mis à jour. Un lieu absent de l'envoi n'est pas
    supprimé. Nombre d'envois par heure limité par jeton (429, en-tête `Retry-After`)."""
    token = _token(request)
    try:
        report = partner_push(token=token, records=lieux, max_records=settings.MAILLAGE_PARTNER_MAX_RECORDS)
    except PushLimited as limited:
        response["Retry-After"] = str(limited.retry_after)
        return Status(429, {"detail": limited.message})
    except PushRefused as refused:
        errors = [
            {"enregistrement": error.row, "id": source_id, "champ": error.field, "message": error.message}
            for error, source_id in refused.errors
        ]
        return Status(422, {"detail": refused.message, "erreurs": errors})
    return Status(
        202,
        {
            "source": report.source,
            "recus": len(report.records),
            "en_moderation": report.count("pending"),
            "mis_a_jour": report.count("updated"),
            "inchanges": report.count("unchanged"),
            "refuses_precedemment": report.count("refused_before"),
            "lieux": [
                {
                    "id": item.source_id,
                    "etat": STATES[item.state],
                    "lieu": item.place_id,
                    "contribution": item.contribution_id,
                }
                for item in report.records
            ],
        },
    )


@router.get(
    "/moi",
    auth=PartnerBearer(Scope.PLACES_WRITE),
    response={200: PartnerOut, 401: DetailOut, 403: DetailOut},
    url_name="partners-me",
    summary="Vérifier son jeton",
)
def partner_me(request: HttpRequest) -> Any:
    """Le partenaire de ce jeton, ses droits et ses envois de la dernière heure."""
    token = _token(request)
    since = timezone.now() - datetime.timedelta(hours=1)
    return {
        "partenaire": token.name,
        "source": token.source,
        "droits": token.scopes,
        "envois_par_heure": token.pushes_per_hour,
        "envois_derniere_heure": token.pushes.filter(received_at__gt=since).count(),
    }
