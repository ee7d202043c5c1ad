from django.contrib import admin

from maillage.partners.models import PartnerPush, PartnerToken


@admin.register(PartnerToken)
class PartnerTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "secret_hash", "created_at", "last_used_at")


@admin.register(PartnerPush)
class PartnerPushAdmin(admin.ModelAdmin):
    list_display = ("token", "received_at", "accepted", "records")
    list_filter = ("accepted",)
