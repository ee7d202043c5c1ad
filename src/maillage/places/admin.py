from django.contrib import admin

from maillage.places.models import (
    CensusBuild,
    Contribution,
    FreshnessReminder,
    MatchDecision,
    MatchPair,
    Place,
    PlaceVersion,
    SourceRecord,
)


class SourceRecordInline(admin.TabularInline):  # type: ignore[type-arg]
    model = SourceRecord
    extra = 0
    fields = ["source", "source_id", "fingerprint", "first_seen", "last_seen"]
    readonly_fields = ["source", "source_id", "fingerprint", "first_seen", "last_seen"]
    can_delete = False


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "commune_name", "postal_code", "status", "updated_on", "updated_at"]
    list_filter = ["status", "commune__epci"]
    search_fields = ["name", "commune_name", "postal_code", "pivot", "search_text"]
    raw_id_fields = ["commune"]
    readonly_fields = ["id", "created_at", "updated_at", "search_text"]
    inlines = [SourceRecordInline]


@admin.register(SourceRecord)
class SourceRecordAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["source", "source_id", "kind", "place", "first_seen", "last_seen", "missing_since"]
    list_filter = ["source", "kind"]
    search_fields = ["source_id", "place__name"]
    raw_id_fields = ["place"]


@admin.register(MatchPair)
class MatchPairAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["record_a", "record_b", "score", "status", "updated_at"]
    list_filter = ["status"]
    raw_id_fields = ["record_a", "record_b"]


@admin.register(MatchDecision)
class MatchDecisionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["key_a", "key_b", "decision", "decided_by", "decided_at"]
    list_filter = ["decision"]
    search_fields = ["key_a", "key_b"]


@admin.register(CensusBuild)
class CensusBuildAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["built_at", "fingerprint"]
    readonly_fields = ["fingerprint", "report", "built_at"]


@admin.register(PlaceVersion)
class PlaceVersionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["place", "origin", "author_label", "created_at"]
    list_filter = ["origin"]
    raw_id_fields = ["place", "author"]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["kind", "place", "status", "email", "created_at"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["place", "duplicate_of", "author", "decided_by"]


@admin.register(FreshnessReminder)
class FreshnessReminderAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["place", "email", "sent_at"]
    raw_id_fields = ["place"]
