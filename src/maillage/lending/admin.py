from django.contrib import admin

from maillage.lending.models import Booking, ItemCheck, Kit, KitItem, SupportRequest, Training, Unit, UnitDay


class KitItemInline(admin.TabularInline):  # type: ignore[type-arg]
    model = KitItem
    extra = 0


class UnitInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Unit
    extra = 0
    fields = ["label", "blocked_reason", "blocked_at"]


@admin.register(Kit)
class KitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "theme", "accompanied", "training_required", "buffer_days", "active", "is_sample"]
    list_filter = ["theme", "active", "is_sample"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline, KitItemInline]


@admin.register(KitItem)
class KitItemAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["label", "kit", "quantity"]
    raw_id_fields = ["kit"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["label", "kit", "blocked_at"]
    raw_id_fields = ["kit"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["kit", "structure", "start", "end", "status", "unit", "is_sample"]
    list_filter = ["status", "kit", "is_sample"]
    raw_id_fields = ["kit", "unit", "structure", "requested_by", "event", "commune", "decided_by"]
    date_hierarchy = "start"


@admin.register(UnitDay)
class UnitDayAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["unit", "day", "booking", "buffer"]
    raw_id_fields = ["unit", "booking"]


@admin.register(ItemCheck)
class ItemCheckAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["booking", "item", "phase", "expected", "present", "broken"]
    raw_id_fields = ["booking", "item", "checked_by"]


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["kit", "structure", "day", "done", "trainees"]
    raw_id_fields = ["kit", "structure", "trainer", "booking"]


@admin.register(SupportRequest)
class SupportRequestAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "structure", "start", "end", "status", "is_sample"]
    list_filter = ["status"]
    raw_id_fields = ["structure", "requested_by", "event", "commune", "booking"]
