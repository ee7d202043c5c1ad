from django.contrib import admin
from django.http import HttpRequest

from maillage.orientation.domain import need_get
from maillage.orientation.models import OrientationCount


@admin.register(OrientationCount)
class OrientationCountAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: counts are written by the orientation flow only."""

    list_display = ["date", "need_label", "insee_code", "count"]
    list_filter = ["need", "date"]
    search_fields = ["need", "insee_code"]
    date_hierarchy = "date"

    @admin.display(description="besoin", ordering="need")
    def need_label(self, obj: OrientationCount) -> str:
        need = need_get(obj.need)
        return need.label if need else obj.need

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
