from django.contrib import admin

from maillage.activity.models import Action


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "kind", "date_start", "participants", "structure"]
    list_filter = ["kind", "audience"]
    search_fields = ["title", "narrative"]
    raw_id_fields = ["place", "commune", "structure", "created_by"]
    filter_horizontal = ["missions", "organisers", "partners"]
    readonly_fields = ["source", "created_at", "updated_at"]
