from django.contrib import admin

from maillage.reporting.models import Convention, DailyCount, Mission, MissionText, Report


class MissionInline(admin.StackedInline):  # type: ignore[type-arg]
    model = Mission
    extra = 0
    fields = ["position", "axis", "title", "objective", "indicators", "topics"]


@admin.register(Convention)
class ConventionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "funder", "start_year", "end_year", "members_may_log", "is_sample"]
    inlines = [MissionInline]


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "convention", "position"]
    list_filter = ["convention"]


@admin.register(MissionText)
class MissionTextAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["mission", "year", "month", "updated_at"]
    raw_id_fields = ["mission", "updated_by"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["convention", "year", "month", "generated_at", "published_at"]
    readonly_fields = ["snapshot"]


@admin.register(DailyCount)
class DailyCountAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["day", "key", "count"]
    list_filter = ["key"]
