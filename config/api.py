"""The JSON API (django-ninja): one NinjaAPI, each app contributes a Router."""

from ninja import NinjaAPI

from maillage.network.api import router as network_router
from maillage.partners.api import router as partners_router
from maillage.publishing.api import maps_router
from maillage.publishing.api import router as places_router
from maillage.territories.api import router as territories_router
from maillage.territory.api import router as territory_router

api = NinjaAPI(
    title="Maillage API",
    version="1",
    description="API des lieux de médiation numérique (Standard des lieux de médiation numérique v1.0.2).",
    urls_namespace="api",
)
api.add_router("/v1/lieux", places_router)
api.add_router("/v1", maps_router)
api.add_router("/v1", territories_router)
api.add_router("/v1/partenaires", partners_router)
api.add_router("/v1/territoire", territory_router)
api.add_router("/v1/reseau", network_router)
