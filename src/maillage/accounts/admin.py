from django.contrib import admin

from maillage.accounts.models import Invitation, Membership, Structure


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "siret", "email", "created_at"]
    search_fields = ["name", "siret"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["user", "structure", "created_at"]
    raw_id_fields = ["user", "structure"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["email", "structure", "invited_by", "created_at", "accepted_at"]
    search_fields = ["email"]
