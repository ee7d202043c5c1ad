from __future__ import annotations

from django.db.models import Count, Max, QuerySet

from maillage.partners.models import PartnerToken


def tokens_with_activity() -> QuerySet[PartnerToken]:
    """Tokens, active first, with their number of pushes and the last one."""
    return PartnerToken.objects.annotate(
        push_count=Count("pushes"), last_push=Max("pushes__received_at")
    ).order_by("revoked_at", "name")
