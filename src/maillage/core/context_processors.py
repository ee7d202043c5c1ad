from typing import Any

from django.conf import settings
from django.http import HttpRequest


def network(request: HttpRequest) -> dict[str, Any]:
    """The network's name and territory, for every template."""
    return {
        "network_name": settings.MAILLAGE_NETWORK_NAME,
        "territory_name": settings.MAILLAGE_TERRITORY_NAME,
    }
