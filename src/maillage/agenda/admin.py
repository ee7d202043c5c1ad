from django.contrib import admin

from maillage.agenda.models import Event, EventLog, EventSlot, Registration


class EventSlotInline(admin.TabularInline):  # type: ignore[type-arg]
    model = EventSlot
    extra = 0
    fields = ["begin", "end", "capacity"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "organiser", "status", "publication", "updated_at"]
    list_filter = ["status", "publication"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["place", "commune", "organiser", "created_by"]
    readonly_fields = ["id", "created_at", "updated_at"]
    inlines = [EventSlotInline]


@admin.register(EventSlot)
class EventSlotAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["event", "begin", "end", "capacity"]
    raw_id_fields = ["event"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slot", "status", "position", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["slot"]


@admin.register(EventLog)
class EventLogAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["event", "action", "actor_label", "created_at"]
    raw_id_fields = ["event", "actor"]
