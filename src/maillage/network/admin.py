from django.contrib import admin

from maillage.network.models import (
    Actor,
    Gathering,
    PartnershipRequest,
    Routing,
    Session,
    SessionRegistration,
    StructureProfile,
    ThreadEntry,
    WorkGroup,
)


@admin.register(StructureProfile)
class StructureProfileAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["structure", "listed", "department_wide", "updated_at"]
    raw_id_fields = ["structure"]
    filter_horizontal = ["communes", "epcis"]


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "role", "structure", "listing", "created_at"]
    list_filter = ["listing", "role"]
    search_fields = ["name", "email"]
    raw_id_fields = ["structure"]
    filter_horizontal = ["communes", "epcis"]


@admin.register(WorkGroup)
class WorkGroupAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "chat_url"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["members", "structures"]


class RoutingInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Routing
    extra = 0
    fields = ["recipient_label", "answer", "answered_at"]
    readonly_fields = ["recipient_label", "answer", "answered_at"]


@admin.register(PartnershipRequest)
class PartnershipRequestAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["organisation", "theme", "state", "outcome", "created_at"]
    list_filter = ["state", "outcome"]
    search_fields = ["organisation", "contact_name", "description"]
    raw_id_fields = ["commune"]
    inlines = [RoutingInline]


@admin.register(Routing)
class RoutingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["request", "recipient_label", "answer", "created_at"]
    raw_id_fields = ["request", "actor", "structure"]


@admin.register(ThreadEntry)
class ThreadEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["request", "kind", "author_label", "created_at"]
    raw_id_fields = ["request", "author"]


class SessionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Session
    extra = 1
    fields = ["title", "speakers", "room", "begin", "end", "capacity"]


@admin.register(Gathering)
class GatheringAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["event", "registration_open"]
    raw_id_fields = ["event"]
    inlines = [SessionInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "gathering", "room", "begin", "capacity"]
    raw_id_fields = ["gathering"]


@admin.register(SessionRegistration)
class SessionRegistrationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "session", "attended", "created_at"]
    list_filter = ["attended"]
    raw_id_fields = ["session"]
